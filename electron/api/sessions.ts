import type { SessionUser } from '../services/context';

/**
 * Who is signed in on which connection, in memory only: a restart signs everyone
 * out. The key is the transport's: the window's id for IPC, the page's client id
 * for HTTP. The user is re-read from the database on every call, so a deactivated
 * user or a changed role takes effect at once.
 */
export class Sessions {
  private readonly byKey = new Map<string, number>();

  userId(key: string): number | undefined {
    return this.byKey.get(key);
  }

  bind(key: string, user: SessionUser): void {
    this.byKey.set(key, user.id);
  }

  end(key: string): void {
    this.byKey.delete(key);
  }
}
