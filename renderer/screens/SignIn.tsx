// Signing in on the office PC: pick your name, type your password.
import { useState, type FormEvent } from 'react';
import { call, messageOf } from '../api/client';
import { useApi } from '../api/useApi';
import { ROLE_GROUPS, ROLE_ORDER } from '../roles';

export function SignIn({ notice, onDone }: { notice?: string; onDone: () => void }) {
  const accounts = useApi('auth.accounts', {});
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name) {
      setError('Pick your name from the list first.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call('auth.signIn', { name, password });
      onDone();
    } catch (err) {
      setError(messageOf(err));
      setPassword('');
      setBusy(false);
    }
  }

  const byRole = ROLE_ORDER.map((role) => ({ role, names: (accounts.data ?? []).filter((a) => a.role === role) })).filter((g) => g.names.length > 0);

  return (
    <main className="center">
      <form className="card narrow" onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">Sign in to JobTrail</h1>
        <p className="muted">Everything you change is recorded under your name.</p>
        {notice && <p className="notice">{notice}</p>}
        {accounts.error && (
          <p className="error" role="alert">
            {accounts.error}
          </p>
        )}
        <label>
          User
          <select value={name} onChange={(e) => setName(e.target.value)} required autoFocus disabled={accounts.loading}>
            <option value="">{accounts.loading ? 'Loading…' : 'Choose your name'}</option>
            {byRole.map((g) => (
              <optgroup key={g.role} label={ROLE_GROUPS[g.role]}>
                {g.names.map((a) => (
                  <option key={a.name} value={a.name}>
                    {a.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label>
          Password
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
