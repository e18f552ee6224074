import { useState, type FormEvent } from 'react';
import { call, messageOf } from '../api/client';
import type { User } from '../types';

export function SignIn({ notice, onDone }: { notice?: string; onDone: (user: User) => void }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDone(await call('auth.signIn', { name, password }));
    } catch (err) {
      setError(messageOf(err));
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <main className="center">
      <form className="card narrow" onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">Sign in to JobTrail</h1>
        {notice && <p className="notice">{notice}</p>}
        <label>User name<input value={name} onChange={(e) => setName(e.target.value)} autoComplete="username" required autoFocus /></label>
        <label>Password<input type="password" value={password} onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password" required /></label>
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>Sign in</button>
      </form>
    </main>
  );
}
