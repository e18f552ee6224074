import type { z } from 'zod';
import type { Db } from '../../db/open';
import type { Role } from '../../db/schema';
import type { ServiceContext, SessionUser } from '../services/context';
import type { Reason } from '../services/reasons';

/** Who may call an entry: the least role, or 'anyone' for signing in. */
export type Access = Role | 'anyone';

/** What a handler gets beside its validated input. */
export interface CallContext {
  db: Db;
  /** The signed-in user; entries with access other than 'anyone' always have one. */
  user: SessionUser | null;
  /** Binds or ends the session of the connection the call came on (sign-in, sign-out). */
  session: { signIn(user: SessionUser): void; signOut(): void };
  /** The contract entries the signed-in user's role may call: what the UI mirrors. */
  allowed(): string[];
}

export interface Entry<S extends z.ZodType, O> {
  /** One line for the README's API table and for error messages. */
  summary: string;
  access: Access;
  input: S;
  run: (ctx: CallContext, input: z.output<S>) => O;
}

export function entry<S extends z.ZodType, O>(e: Entry<S, O>): Entry<S, O> {
  return e;
}

/** The service context for a handler whose access guarantees a signed-in user, with the reason the caller gave, if any. */
export function serviceContext(ctx: CallContext, reason?: Reason | null): ServiceContext {
  if (!ctx.user) throw new Error('entry ran without a signed-in user');
  return reason ? { db: ctx.db, user: ctx.user, reason } : { db: ctx.db, user: ctx.user };
}
