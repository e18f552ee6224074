import type { SessionUser } from '../services/context';

/**
 * How long a web page's session lasts without a call. The server cannot tell a
 * closed tab from one left open (a reload must keep the session, so the page does
 * not sign out as it goes), so both end the same way: after half an hour without a
 * call, someone at the screen signs in again, and a tab closed on a shared office
 * PC does not stay signed in for whoever opens the address next.
 */
export const WEB_SESSION_IDLE_MS = 30 * 60_000;

const WEB_PREFIX = 'http:';

/** The session key of a web page: its client id, kept by the page for its tab. */
export const webSessionKey = (clientId: string) => `${WEB_PREFIX}${clientId}`;

export interface SessionOptions {
  /** How long a web page's session lasts without a call; default WEB_SESSION_IDLE_MS. */
  webIdleMs?: number;
  /** Milliseconds on a clock that only goes forward; default performance.now (a wall-clock change ends nobody's session). */
  now?: () => number;
}

/**
 * Who is signed in on which connection, in memory only: a restart signs everyone
 * out. The key is the transport's: the window's id for IPC, the page's client id
 * for HTTP (webSessionKey). The user is re-read from the database on every call, so
 * a deactivated user or a changed role takes effect at once.
 *
 * A web page's session ends after webIdleMs without a call; the window's lasts as
 * long as the window, like the app itself.
 */
export class Sessions {
  private readonly byKey = new Map<string, { userId: number; lastCall: number }>();
  private readonly webIdleMs: number;
  private readonly now: () => number;

  constructor(o: SessionOptions = {}) {
    this.webIdleMs = o.webIdleMs ?? WEB_SESSION_IDLE_MS;
    this.now = o.now ?? (() => performance.now());
  }

  /** The signed-in user of this key, if any; a call counts as activity. */
  userId(key: string): number | undefined {
    const session = this.byKey.get(key);
    if (!session) return undefined;
    const now = this.now();
    if (this.expired(key, session.lastCall, now)) {
      this.byKey.delete(key);
      return undefined;
    }
    session.lastCall = now;
    return session.userId;
  }

  bind(key: string, user: SessionUser): void {
    const now = this.now();
    // Closed tabs never call again: each sign-in forgets those that have run out, so the map stays small.
    for (const [k, s] of this.byKey) if (this.expired(k, s.lastCall, now)) this.byKey.delete(k);
    this.byKey.set(key, { userId: user.id, lastCall: now });
  }

  end(key: string): void {
    this.byKey.delete(key);
  }

  private expired(key: string, lastCall: number, now: number): boolean {
    return key.startsWith(WEB_PREFIX) && now - lastCall >= this.webIdleMs;
  }
}
