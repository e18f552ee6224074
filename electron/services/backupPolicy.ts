// Which automatic backups are kept: a restore point for each of the last 7 days
// (today and the 6 before it) and for each of the 4 weeks before this one
// (Monday to Sunday), each the newest backup of its day or week, in the office's
// local time. Calendar days and weeks, not rolling windows: once a day or a week
// is over, its newest backup stays its newest, so a point is never pruned only to
// leave its week without one. At most 7 + 4 = 11 automatic backups are kept: with
// backups compressed to under 45% of the database, the database and its kept
// backups together stay under 6× the database (the benchmark measures it).
// Backups made on request are never pruned. Pure: the caller gives the clock.

export const DAYS_KEPT = 7;
export const WEEKS_KEPT = 4;

export interface PolicyBackup {
  kind: 'daily' | 'manual';
  at: Date;
}

export interface KeptSet<B extends PolicyBackup> {
  kept: B[];
  pruned: B[];
}

const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate());
const addDays = (d: Date, n: number) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);
/** Monday 00:00 local of d's week. */
const startOfWeek = (d: Date) => addDays(startOfDay(d), -((d.getDay() + 6) % 7));

/** The periods that each keep their newest backup at `now`: [from, to) in local time. */
function periods(now: Date): { from: Date; to: Date }[] {
  const today = startOfDay(now);
  const days = Array.from({ length: DAYS_KEPT }, (_, i) => ({ from: addDays(today, -i), to: addDays(today, 1 - i) }));
  const week = startOfWeek(now);
  const weeks = Array.from({ length: WEEKS_KEPT }, (_, i) => ({ from: addDays(week, -7 * (i + 1)), to: addDays(week, -7 * i) }));
  return [...days, ...weeks];
}

/**
 * Splits `backups` into what is kept at `now` and what may be deleted. Manual
 * backups are always kept; an automatic one is kept when it is the newest of one
 * of the kept days or weeks (a backup dated after `now`, a clock set back, is kept
 * rather than guessed about).
 */
export function keptSet<B extends PolicyBackup>(backups: readonly B[], now: Date): KeptSet<B> {
  const auto = backups.filter((b) => b.kind === 'daily');
  const keep = new Set<B>(auto.filter((b) => b.at.getTime() > now.getTime()));
  for (const p of periods(now)) {
    let newest: B | undefined;
    for (const b of auto) {
      if (b.at >= p.from && b.at < p.to && b.at.getTime() <= now.getTime() && (!newest || b.at > newest.at)) newest = b;
    }
    if (newest) keep.add(newest);
  }
  return {
    kept: backups.filter((b) => b.kind === 'manual' || keep.has(b)),
    pruned: auto.filter((b) => !keep.has(b)),
  };
}

/**
 * The latest moment an automatic backup can still be in the kept set: the end of
 * the fourth week after its own (by then its week is no longer one of the 4 kept;
 * its day left the last 7 earlier). It may leave sooner, when a newer backup of its
 * day or week is made. The file itself is deleted by the first daily backup after
 * that moment. Null for a manual backup, which is never pruned.
 */
export function expiresAt(backup: PolicyBackup, _now?: Date): Date | null {
  if (backup.kind === 'manual') return null;
  return addDays(startOfWeek(backup.at), 7 * (WEEKS_KEPT + 1));
}

/** The most automatic backups the policy keeps at once: what the footprint is computed from. */
export const MAX_AUTOMATIC_KEPT = DAYS_KEPT + WEEKS_KEPT;
