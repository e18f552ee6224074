// First run: the database has no users yet, so whoever installed JobTrail makes the first administrator.
import { useState, type FormEvent } from 'react';
import { call, messageOf } from '../api/client';

export function Setup({ onDone }: { onDone: () => void }) {
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
        <h1 id="setup-title">Welcome to JobTrail</h1>
        <p className="muted">This database has no users yet. Create the first administrator; they can add everyone else.</p>
        <label>Your name<input value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" required autoFocus /></label>
        <label>Password<input type="password" value={password} onChange={(e) => setPassword(e.target.value)}
          autoComplete="new-password" minLength={8} required /></label>
        <label>Password again<input type="password" value={repeat} onChange={(e) => setRepeat(e.target.value)}
          autoComplete="new-password" minLength={8} required /></label>
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>Create administrator</button>
      </form>
    </main>
  );
}
