// Who is at the keyboard decides the screen: first-run setup, sign-in, or the office.
import { useCallback, useEffect, useState } from 'react';
import { call, messageOf, onSignedOut } from './api/client';
import type { User } from './types';
import { Setup } from './screens/Setup';
import { SignIn } from './screens/SignIn';
import { Office } from './screens/Office';

type State =
  | { screen: 'loading' }
  | { screen: 'unreachable'; message: string }
  | { screen: 'setup' }
  | { screen: 'signIn'; notice?: string }
  | { screen: 'office'; user: User };

export function App() {
  const [state, setState] = useState<State>({ screen: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const s = await call('auth.status', {});
      setState(s.needsSetup ? { screen: 'setup' } : s.user ? { screen: 'office', user: s.user } : { screen: 'signIn' });
    } catch (e) {
      setState({ screen: 'unreachable', message: messageOf(e) });
    }
  }, []);

  useEffect(() => { void refresh(); }, [refresh]);
  useEffect(() => onSignedOut(() => setState({ screen: 'signIn', notice: 'Your session ended; please sign in again.' })), []);

  const signedIn = (user: User) => setState({ screen: 'office', user });
  const signOut = async () => {
    try {
      await call('auth.signOut', {});
    } finally {
      setState({ screen: 'signIn' });
    }
  };

  switch (state.screen) {
    case 'loading':
      return <main className="center"><p className="muted">Opening JobTrail…</p></main>;
    case 'unreachable':
      return <main className="center"><div className="card narrow"><h1>JobTrail</h1><p className="error" role="alert">{state.message}</p></div></main>;
    case 'setup':
      return <Setup onDone={signedIn} />;
    case 'signIn':
      return <SignIn notice={state.notice} onDone={signedIn} />;
    case 'office':
      return <Office user={state.user} onSignOut={signOut} />;
  }
}
