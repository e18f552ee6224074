// The renderer's one way to the main process: window.api in the Electron window,
// HTTP in web mode. Both are the same typed contract.
import type { ApiClient, ApiError, ApiInput, ApiName, ApiOutput } from '../../electron/api/contract';
import { askToRetry } from './busy';

/** A refused call, carrying the contract's code, message, the field (for invalid input) and any details (a stale save's). */
export class ApiFailure extends Error {
  readonly code: ApiError['code'];
  readonly field?: string;
  readonly details?: ApiError['details'];
  constructor(error: ApiError) {
    super(error.message);
    this.code = error.code;
    this.field = error.field;
    this.details = error.details;
  }
}

const TOKEN_KEY = 'jobtrail.token';

/**
 * The token arrives once in the address (#token=…). It is kept for this tab only
 * and taken out of the address bar, so it does not end up in screenshots or in a
 * link someone copies.
 */
function webToken(): string | null {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

const CLIENT_KEY = 'jobtrail.client';

/**
 * This tab's session id, kept for this tab only: a reload keeps the tab signed in,
 * another tab has its own id, so its own session. Closing the tab forgets the id,
 * and the server ends a session after a while without calls. The page does not
 * sign out on pagehide: a reload fires it too, and nothing there tells a reload
 * from a close for sure.
 */
function tabClientId(): string {
  const kept = sessionStorage.getItem(CLIENT_KEY);
  if (kept && /^[A-Za-z0-9_-]{8,100}$/.test(kept)) return kept;
  const made = crypto.randomUUID();
  sessionStorage.setItem(CLIENT_KEY, made);
  return made;
}

function httpClient(): ApiClient {
  const token = webToken();
  const clientId = tabClientId();
  return {
    async invoke(name, input) {
      if (!token) {
        return {
          ok: false,
          error: { code: 'unauthenticated', message: 'This page was opened without its access token: open the full address JobTrail printed when it started.' },
        };
      }
      try {
        const res = await fetch(`/api/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'X-JobTrail-Client': clientId },
          body: JSON.stringify(input ?? {}),
        });
        return await res.json();
      } catch {
        return { ok: false, error: { code: 'internal', message: 'JobTrail is not answering. Is the program that printed this address still running?' } };
      }
    },
  };
}

export const client: ApiClient = window.api ?? httpClient();

type Listener = () => void;
const signedOutListeners = new Set<Listener>();
const forbiddenListeners = new Set<Listener>();

function subscribe(set: Set<Listener>, listener: Listener): () => void {
  set.add(listener);
  return () => set.delete(listener);
}

/** Called whenever the main process says nobody is signed in any more (a restart, a deactivated user). */
export const onSignedOut = (listener: Listener) => subscribe(signedOutListeners, listener);

/** Called on every refusal for want of rights: the user's role may have changed since sign-in. */
export const onForbidden = (listener: Listener) => subscribe(forbiddenListeners, listener);

/** Calls the contract and returns the value, or throws an ApiFailure with the contract's message. */
export async function call<K extends ApiName>(name: K, input: ApiInput<K>): Promise<ApiOutput<K>> {
  let r = await client.invoke(name, input);
  // Nothing was saved: the same call again is safe, if the person wants it.
  while (!r.ok && r.error.code === 'busy' && (await askToRetry(r.error.message))) r = await client.invoke(name, input);
  if (r.ok) return r.value;
  if (r.error.code === 'unauthenticated' && !name.startsWith('auth.')) signedOutListeners.forEach((l) => l());
  if (r.error.code === 'forbidden') forbiddenListeners.forEach((l) => l());
  throw new ApiFailure(r.error);
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
