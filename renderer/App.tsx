// Who is at the keyboard decides the screen: first-run setup, sign-in, or the office.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { call, messageOf, onForbidden, onSignedOut } from './api/client';
import type { User } from './types';
import { SessionContext, type Session } from './session';
import { Setup } from './screens/Setup';
import { SignIn } from './screens/SignIn';
import { Office } from './shell/Office';
import { OfficeFormats } from './shell/OfficeFormats';
import { BusyPrompt } from './shell/BusyPrompt';
import { DesktopShell } from './shell/DesktopShell';

type State =
  | { screen: 'loading' }
  | { screen: 'unreachable'; message: string }
  | { screen: 'setup' }
  | { screen: 'signIn'; notice?: string }
  | { screen: 'office'; user: User; allowed: string[] };

export function App() {
  const [state, setState] = useState<State>({ screen: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const s = await call('auth.status', {});
      setState(s.needsSetup ? { screen: 'setup' } : s.user ? { screen: 'office', user: s.user, allowed: s.allowed } : { screen: 'signIn' });
    } catch (e) {
      setState({ screen: 'unreachable', message: messageOf(e) });
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => onSignedOut(() => setState({ screen: 'signIn', notice: 'Your session ended; please sign in again.' })), []);
  // A refusal for want of rights may mean an administrator changed this user's role:
  // read it again so the screens stop offering what is no longer allowed.
  useEffect(
    () =>
      onForbidden(() => {
        void refresh();
      }),
    [refresh],
  );

  const signOut = async () => {
    try {
      await call('auth.signOut', {});
    } finally {
      setState({ screen: 'signIn' });
    }
  };

  const office = state.screen === 'office' ? state : null;
  const session = useMemo<Session | null>(() => (office ? { user: office.user, allowed: new Set(office.allowed), refresh } : null), [office, refresh]);

  // Over every screen: a write refused while another program holds the database asks whether to try again.
  return (
    <>
      {screenFor(state, session, refresh, signOut, (notice) => setState({ screen: 'signIn', notice }))}
      <BusyPrompt />
      <DesktopShell />
    </>
  );
}

function screenFor(state: State, session: Session | null, refresh: () => Promise<void>, signOut: () => Promise<void>, toSignIn: (notice: string) => void) {
  switch (state.screen) {
    case 'loading':
      return (
        <main className="center">
          <p className="muted">Opening JobTrail…</p>
        </main>
      );
    case 'unreachable':
      return (
        <main className="center">
          <div className="card narrow">
            <h1>JobTrail</h1>
            <p className="error" role="alert">
              {state.message}
            </p>
          </div>
        </main>
      );
    case 'setup':
      return <Setup onDone={() => refresh()} onDemo={toSignIn} />;
    case 'signIn':
      return <SignIn notice={state.notice} onDone={() => refresh()} />;
    case 'office':
      return (
        <SessionContext.Provider value={session}>
          <OfficeFormats>
            <Office onSignOut={signOut} />
          </OfficeFormats>
        </SessionContext.Provider>
      );
  }
}
