import { z } from 'zod';
import type { Db } from '../../db/open';
import { AppError, type ErrorCode, type ErrorDetails } from '../services/errors';
import { hasRole, roleRefusal, type SessionUser } from '../services/context';
import { findActiveUser } from '../services/users';
import { fileProblem } from '../../db/openErrors';
import type { Entry, CallContext } from './entry';
import type { Sessions } from './sessions';

export interface ApiError {
  code: ErrorCode;
  message: string;
  field?: string;
  details?: ErrorDetails;
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEntry = Entry<z.ZodType, any>;

/** Another program (an import from the command line, a backup tool) holds the write lock past the core's wait. */
export const BUSY_MESSAGE = 'The database is busy with another program, so nothing was saved. Try again in a moment.';

export interface Dispatcher {
  call(name: string, input: unknown, sessionKey: string): Result<unknown>;
}

function describeIssue(issue: z.core.$ZodIssue): ApiError {
  if (issue.code === 'unrecognized_keys') {
    const key = [...issue.path, issue.keys[0]].join('.');
    return { code: 'invalid_input', message: `${key}: is not a field of this operation`, field: key };
  }
  const field = issue.path.length ? issue.path.join('.') : undefined;
  return { code: 'invalid_input', message: field ? `${field}: ${issue.message}` : issue.message, field };
}

/** The entries a user's role admits, read off the same `access` the dispatcher enforces. */
export function allowedEntries(contract: Record<string, AnyEntry>, user: SessionUser): string[] {
  return Object.entries(contract)
    .filter(([, e]) => e.access === 'anyone' || hasRole(user, e.access))
    .map(([name]) => name);
}

/**
 * The single door into the main process, used by IPC and HTTP alike: finds the
 * entry, checks the session and the role, validates the input, runs the handler.
 * Whatever goes wrong comes back as { code, message }: never a stack trace, and
 * (because every write is one transaction) never half a change.
 */
export function createDispatcher(db: Db, contract: Record<string, AnyEntry>, sessions: Sessions, log: (e: unknown) => void = console.error): Dispatcher {
  return {
    call(name, input, sessionKey) {
      const e = Object.hasOwn(contract, name) ? contract[name] : undefined;
      if (!e) return { ok: false, error: { code: 'unknown_call', message: `There is no operation called "${String(name).slice(0, 80)}".` } };
      let user: SessionUser | null = null;
      const userId = sessions.userId(sessionKey);
      if (userId !== undefined) {
        user = findActiveUser(db, userId);
        if (!user) sessions.end(sessionKey);
      }
      if (e.access !== 'anyone') {
        if (!user) return { ok: false, error: { code: 'unauthenticated', message: 'Please sign in first.' } };
        if (!hasRole(user, e.access)) {
          return { ok: false, error: { code: 'forbidden', message: roleRefusal(e.access, e.summary.toLowerCase(), user) } };
        }
      }
      const parsed = e.input.safeParse(input);
      if (!parsed.success) return { ok: false, error: describeIssue(parsed.error.issues[0]) };
      const ctx: CallContext = {
        db,
        user,
        session: { signIn: (u) => sessions.bind(sessionKey, u), signOut: () => sessions.end(sessionKey) },
        allowed: () => (user ? allowedEntries(contract, user) : []),
      };
      try {
        return { ok: true, value: e.run(ctx, parsed.data) };
      } catch (err) {
        if (err instanceof AppError) {
          return {
            ok: false,
            error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}), ...(err.details ? { details: err.details } : {}) },
          };
        }
        const busy = (err as { code?: string }).code?.startsWith('SQLITE_BUSY') === true;
        // A full or read-only disk is not a bug: say so, naming the file, and log one line instead of a stack.
        const disk = busy ? null : fileProblem(err, db.file);
        if (!busy) log(disk ?? err);
        if (busy) return { ok: false, error: { code: 'busy', message: BUSY_MESSAGE } };
        return {
          ok: false,
          error: { code: 'internal', message: disk ?? 'Something went wrong inside JobTrail; nothing was saved. The details are in the log.' },
        };
      }
    },
  };
}
