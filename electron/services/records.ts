// What bookings and customers share: soft delete and restore, and the rule that a
// deleted record must be restored before it is edited.
import { conflict, notFound } from './errors';

export interface SoftDeletable {
  deletedAt: string | null;
}

export function assertEditable(what: string, id: number, row: SoftDeletable | undefined): asserts row {
  if (!row) throw notFound(what, id, 'id');
  if (row.deletedAt) throw conflict(`${what} ${id} is deleted; restore it before changing it.`);
}

export function assertDeletable(what: string, id: number, row: SoftDeletable | undefined, deleting: boolean): asserts row {
  if (!row) throw notFound(what, id, 'id');
  if (deleting && row.deletedAt) throw conflict(`${what} ${id} is already deleted.`);
  if (!deleting && !row.deletedAt) throw conflict(`${what} ${id} is not deleted, so there is nothing to restore.`);
}

/** Only the fields the caller sent: undefined means "leave as it is". */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
