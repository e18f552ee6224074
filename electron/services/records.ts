// What bookings and customers share: soft delete (with its reason) and restore,
// the rule that a deleted record must be restored before it is edited, and the list search.
import { or, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { AppError, conflict, notFound } from './errors';
import { DELETE_REASONS, isOneOf, REASON_WORDS, type Reason } from './reasons';

/**
 * "Contains" over several columns, with what was typed taken literally: a % or _
 * in a search box is a character to find, not a wildcard.
 */
export function containsAny(search: string | undefined, columns: SQLiteColumn[]): SQL | undefined {
  if (!search) return undefined;
  const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return or(...columns.map((c) => sql`${c} LIKE ${pattern} ESCAPE '\\'`));
}

export interface SoftDeletable {
  deletedAt: string | null;
}

export function assertEditable(what: string, id: number, row: SoftDeletable | undefined): asserts row {
  if (!row) throw notFound(what, id, 'id');
  if (row.deletedAt) throw conflict(`${what} ${id} is deleted; restore it before changing it.`);
}

/**
 * Deleting asks why (DELETE_REASONS): the deleted list and the History say it, and
 * a record deleted by mistake is told apart from a duplicate. Restoring needs none.
 */
export function assertDeletable(what: string, id: number, row: SoftDeletable | undefined, deleting: boolean, reason?: Reason): asserts row {
  if (!row) throw notFound(what, id, 'id');
  if (deleting && !isOneOf(DELETE_REASONS, reason?.code)) {
    throw new AppError(
      'invalid_input',
      `Deleting ${what.toLowerCase()} ${id} needs a reason (${DELETE_REASONS.map((c) => REASON_WORDS[c].toLowerCase()).join(', ')}).`,
      'reason',
    );
  }
  if (deleting && row.deletedAt) throw conflict(`${what} ${id} is already deleted.`);
  if (!deleting && !row.deletedAt) throw conflict(`${what} ${id} is not deleted, so there is nothing to restore.`);
}

/** Only the fields the caller sent: undefined means "leave as it is". */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
