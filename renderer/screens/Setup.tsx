// First start: the database has no users yet. Whoever installed JobTrail sees where
// the database is and chooses: the demo office to try everything on, or an empty
// office whose first administrator they make now (and who adds everyone else).
import { useState, type FormEvent } from 'react';
import { call, messageOf } from '../api/client';
import { useApi } from '../api/useApi';
import { ErrorNote, Loading } from '../components/states';

type Stage = 'choose' | 'demo' | 'empty';

export function Setup({ onDone, onDemo }: { onDone: () => void; onDemo: (notice: string) => void }) {
  const [stage, setStage] = useState<Stage>('choose');
  const [error, setError] = useState<string | null>(null);
  const place = useApi('setup.place', {});

  async function startDemo() {
    setStage('demo');
    setError(null);
    try {
      const demo = await call('setup.demo', {});
      onDemo(`The demo office is ready: sign in as ${demo.signInAs} (administrator) or anyone listed; every demo user's password is “${demo.password}”.`);
    } catch (err) {
      setError(messageOf(err));
      setStage('choose');
    }
  }

  if (stage === 'empty') return <FirstAdministrator onDone={onDone} onBack={() => setStage('choose')} />;
  return (
    <main className="center">
      <section className="card narrow" aria-labelledby="setup-title">
        <h1 id="setup-title">Welcome to JobTrail</h1>
        <p className="muted">This database is new: nobody uses it yet. How would you like to start?</p>
        {place.data && (
          <p className="setup-place">
            The database is <code>{place.data.file}</code>; its backups go in the same folder.
          </p>
        )}
        <ErrorNote message={place.error ?? error} />
        {stage === 'demo' ? (
          <Loading what="Preparing the demo office: eighteen months of its work, every change audited" />
        ) : (
          <div className="setup-choices">
            <button type="button" className="primary" onClick={() => void startDemo()}>
              Start with demo data
              <span>
                An office's last eighteen months: customers, bookings, invoices and their History, to try everything on. It fills this database; keep your
                office's real records in a new one.
              </span>
            </button>
            <button type="button" onClick={() => setStage('empty')}>
              Start empty
              <span>Your own office: create the first administrator now; they add everyone else.</span>
            </button>
          </div>
        )}
      </section>
    </main>
  );
}

function FirstAdministrator({ onDone, onBack }: { onDone: () => void; onBack: () => void }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (password !== repeat) {
      setError('The two passwords are not the same.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call('auth.setup', { name, password });
      onDone();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <main className="center">
      <form className="card narrow" onSubmit={submit} aria-labelledby="setup-title">
        <h1 id="setup-title">The first administrator</h1>
        <p className="muted">Create the first administrator; they can add everyone else.</p>
        <label>
          Your name
          <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" required autoFocus />
        </label>
        <label>
          Password
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" minLength={8} required />
        </label>
        <label>
          Password again
          <input type="password" value={repeat} onChange={(e) => setRepeat(e.target.value)} autoComplete="new-password" minLength={8} required />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={onBack} disabled={busy}>
            Back
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Create administrator
          </button>
        </div>
      </form>
    </main>
  );
}
