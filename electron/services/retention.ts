// How long a deleted booking or customer waits in the recycle bin before the
// retention job purges it: an office setting (administrators), audited like any
// change. Each deleted record keeps the date it may be purged (purge_after, set
// when it is deleted), so shortening the period never shortens the stay of what
// is already in the bin, while lengthening it extends every stay.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { appSettings } from '../../db/schema';
import { change, nowIso, type ServiceContext } from './context';
import { AppError } from './errors';

export const RETENTION_KEY = 'retention_days';
export const RETENTION_DEFAULT_DAYS = 90;
/** The source's rule: soft-deleted copies are kept a while, whoever asks; never less than this. */
export const RETENTION_MIN_DAYS = 30;
/** Ten years: beyond it a record is not "in the bin", it is kept; say so by restoring it. */
export const RETENTION_MAX_DAYS = 3650;

const DAY_MS = 24 * 60 * 60 * 1000;

export function retentionDays(db: Db): number {
  const row = db.orm.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, RETENTION_KEY)).get();
  if (!row) return RETENTION_DEFAULT_DAYS;
  const days = Number(row.value);
  // A value put there with a SQLite tool that is not a period the app would set: the safe reading keeps records longest.
  return Number.isInteger(days) && days >= RETENTION_MIN_DAYS ? days : RETENTION_MAX_DAYS;
}

/** When a record deleted at `deletedAt` may be purged, under a period of `days`. */
export function purgeAfter(deletedAt: string, days: number): string {
  return new Date(Date.parse(deletedAt) + days * DAY_MS).toISOString();
}

/** Whole days left before `until`, counting a part day as a day (0 once it has passed). */
export function daysLeft(until: string, now: Date): number {
  return Math.max(0, Math.ceil((Date.parse(until) - now.getTime()) / DAY_MS));
}

export interface RetentionView {
  days: number;
  defaultDays: number;
  minDays: number;
  maxDays: number;
}

export function retentionView(db: Db): RetentionView {
  return { days: retentionDays(db), defaultDays: RETENTION_DEFAULT_DAYS, minDays: RETENTION_MIN_DAYS, maxDays: RETENTION_MAX_DAYS };
}

/**
 * Sets the period (the History records who changed it, from what to what) and
 * lengthens the stay of every record in the bin to match; a shorter period applies
 * to records deleted from now on.
 */
export function setRetentionDays(ctx: ServiceContext, input: { days: number }): RetentionView {
  const { days } = input;
  if (!Number.isInteger(days) || days < RETENTION_MIN_DAYS || days > RETENTION_MAX_DAYS) {
    throw new AppError('invalid_input', `The retention period must be a whole number of days from ${RETENTION_MIN_DAYS} to ${RETENTION_MAX_DAYS}.`, 'days');
  }
  return change(ctx, () => {
    const at = nowIso(ctx);
    ctx.db.orm
      .insert(appSettings)
      .values({ key: RETENTION_KEY, value: String(days), updatedAt: at })
      .onConflictDoUpdate({ target: appSettings.key, set: { value: String(days), updatedAt: at } })
      .run();
    extendStays(ctx.db, days);
    return retentionView(ctx.db);
  });
}

/** Every record in the bin stays at least `days` after its deletion. */
function extendStays(db: Db, days: number): void {
  for (const table of ['bookings', 'customers'] as const) {
    const rows = db.sqlite
      .prepare(
        `SELECT id, deleted_at AS deletedAt, purge_after AS purgeAfter FROM ${table}
      WHERE deleted_at IS NOT NULL`,
      )
      .all() as { id: number; deletedAt: string; purgeAfter: string | null }[];
    const set = db.sqlite.prepare(`UPDATE ${table} SET purge_after = ? WHERE id = ?`);
    for (const r of rows) {
      const longer = purgeAfter(r.deletedAt, days);
      if (r.purgeAfter === null || longer > r.purgeAfter) set.run(longer, r.id);
    }
  }
}
