// A backup made before a customer was erased still holds their data: the erasure
// says so and lists it. Restoring such a backup must not bring the customer back:
// each erasure the replaced database had recorded, and the restored one lacks, is
// made again on the restored database (as whoever restored it, under the same
// reference, saying why), before anyone else opens it. An erasure that cannot be
// made again (rows of the first chain format in the backup) is said, not skipped
// silently.
import Database from 'better-sqlite3';
import type { Actor } from '../../db/actor';
import type { Db } from '../../db/open';
import type { ServiceContext, SessionUser } from './context';
import { eraseCustomer, erasureOf } from './erasure';
import { AppError } from './errors';

export interface ErasureAgain {
  customerId: number;
  /** The reference the erasure was filed under in the replaced database. */
  reference: string;
  erasedAt: string;
  /** Made again on the restored database; false with the reason why not. */
  done: boolean;
  problem: string | null;
}

/** The erasures recorded in `file` (the database a restore replaced); none when it cannot be read or predates erasures. */
function erasuresIn(file: string): { customerId: number; reference: string; erasedAt: string }[] {
  let replaced: Database.Database | undefined;
  try {
    replaced = new Database(file, { readonly: true, fileMustExist: true });
    return replaced.prepare('SELECT customer_id AS customerId, reference, erased_at AS erasedAt FROM erasures ORDER BY id').all() as {
      customerId: number;
      reference: string;
      erasedAt: string;
    }[];
  } catch {
    return [];
  } finally {
    replaced?.close();
  }
}

/**
 * Makes again, on the restored `db`, the erasures `replacedFile` had and `db` lacks,
 * for customers `db` holds. `by`: who restored (JobTrail itself, from the command line).
 */
export function eraseAgainAfterRestore(db: Db, replacedFile: string | null, by: Actor, now = new Date()): ErasureAgain[] {
  if (!replacedFile) return [];
  const holds = db.sqlite.prepare('SELECT 1 FROM customers WHERE id = ?').pluck();
  // change() reads the actor's id and name only: an Actor's (a null id is JobTrail itself, as in every audited transaction).
  const ctx: ServiceContext = { db, user: { id: by.id, name: by.name, role: 'administrator' } as SessionUser };
  return erasuresIn(replacedFile)
    .filter((e) => holds.get(e.customerId) && !erasureOf(db, e.customerId))
    .map((e) => {
      const reference = `${e.reference} (made again: the backup restored predates the erasure of ${e.erasedAt.slice(0, 10)})`;
      try {
        eraseCustomer(ctx, { customerId: e.customerId, reference }, { now });
        return { ...e, done: true, problem: null };
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return { ...e, done: false, problem: err.message };
      }
    });
}

/** One sentence for whoever restored: what was erased again, and what could not be. */
export function erasuresAgainText(again: readonly ErasureAgain[]): string | null {
  if (again.length === 0) return null;
  const done = again.filter((a) => a.done).map((a) => a.customerId);
  const failed = again.filter((a) => !a.done);
  return [
    done.length ? `The backup predates the erasure of customer${done.length === 1 ? '' : 's'} ${done.join(', ')}: erased again on the restored database.` : '',
    ...failed.map((f) => `Customer ${f.customerId} (erased on ${f.erasedAt.slice(0, 10)}, reference "${f.reference}") could NOT be erased again: ${f.problem}`),
  ]
    .filter(Boolean)
    .join(' ');
}
