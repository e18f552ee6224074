// Who is signed in, and what their role lets them do. The list of allowed calls
// comes from the main process (auth.status), read off the same table it enforces,
// so the UI only offers what will be accepted; the main process still decides.
import { createContext, useContext } from 'react';
import type { ApiName } from '../electron/api/contract';
import type { User } from './types';

export interface Session {
  user: User;
  allowed: ReadonlySet<string>;
  /** Reads the user's role and rights again (after a refusal that says they changed). */
  refresh: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in screen');
  return s;
}

/** Whether the signed-in user's role may call a contract entry. */
export function useMay(): (name: ApiName) => boolean {
  const { allowed } = useSession();
  return (name) => allowed.has(name);
}
