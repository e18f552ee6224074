// The kept set of automatic backups over 60 simulated office days (the clock is
// given, never waited for): after each day's backup, one restore point for each of
// the last 7 days and for each of the 4 weeks before this one, each the newest of
// its day or week, nothing older; backups made on request always stay; and no
// backup is kept past the moment expiresAt gave for it.
import { describe, expect, it } from 'vitest';
import { expiresAt, keptSet, MAX_AUTOMATIC_KEPT, type PolicyBackup } from '../../electron/services/backupPolicy';

interface Made extends PolicyBackup {
  name: string;
}

/** "2026-03-02": the office's calendar day (local time), as a person reads it. */
const dayOf = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
/** The Monday that starts d's week, as a day. */
const mondayOf = (d: Date) => dayOf(new Date(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() + 6) % 7)));
const daysBefore = (d: Date, n: number) => dayOf(new Date(d.getFullYear(), d.getMonth(), d.getDate() - n));

describe('the kept set of automatic backups', () => {
  it('after each of 60 days keeps the newest of each of the last 7 days and of each of the 4 weeks before, nothing older, and every manual backup', () => {
    const start = new Date(2026, 0, 1); // a Thursday; the run crosses month ends and a DST change in most zones
    const everMade: Made[] = [];
    let existing: Made[] = [];
    const stillKept = new Map<Made, Date>(); // when each kept backup was last seen kept
    for (let day = 0; day < 60; day++) {
      // The office is closed on Sundays (no start, no backup); the hour of the first start varies.
      const date = new Date(start.getFullYear(), start.getMonth(), start.getDate() + day);
      if (date.getDay() === 0) continue;
      const now = new Date(date.getFullYear(), date.getMonth(), date.getDate(), 7 + (day % 5), 13 * (day % 4));
      const made: Made = { name: `daily ${dayOf(now)}`, kind: 'daily', at: now };
      everMade.push(made);
      existing.push(made);
      if (day % 9 === 4) {
        const manual: Made = { name: `manual ${dayOf(now)}`, kind: 'manual', at: new Date(now.getTime() + 3600_000) };
        everMade.push(manual);
        existing.push(manual);
      }
      const { kept, pruned } = keptSet(existing, new Date(now.getTime() + 3600_000));
      expect(new Set([...kept, ...pruned])).toEqual(new Set(existing));
      existing = kept;

      const autoKept = kept.filter((b) => b.kind === 'daily');
      const expected = new Set<string>();
      for (let i = 0; i < 7; i++) {
        const that = everMade.filter((b) => b.kind === 'daily' && dayOf(b.at) === daysBefore(now, i)).at(-1);
        if (that) expected.add(that.name);
      }
      const thisMonday = mondayOf(now);
      for (let w = 1; w <= 4; w++) {
        const monday = daysBefore(new Date(`${thisMonday}T12:00:00`), 7 * w);
        const newest = everMade.filter((b) => b.kind === 'daily' && mondayOf(b.at) === monday).at(-1);
        if (newest) expected.add(newest.name);
      }
      expect(autoKept.map((b) => b.name).sort(), `on ${dayOf(now)}`).toEqual([...expected].sort());
      // Nothing older than the Monday four weeks before this one.
      const oldest = daysBefore(new Date(`${thisMonday}T12:00:00`), 28);
      for (const b of autoKept) expect(dayOf(b.at) >= oldest, `${b.name} on ${dayOf(now)}`).toBe(true);
      expect(autoKept.length).toBeLessThanOrEqual(MAX_AUTOMATIC_KEPT);
      // Every manual backup ever made is still there.
      expect(kept.filter((b) => b.kind === 'manual')).toEqual(everMade.filter((b) => b.kind === 'manual'));
      for (const b of autoKept) stillKept.set(b, now);
    }
    // Once the run is under way the set is full: 7 days (6 open ones among them) and 4 older weeks.
    expect(existing.filter((b) => b.kind === 'daily').length).toBeGreaterThanOrEqual(10);
    // A backup was never seen kept at or after the moment its expiresAt named.
    for (const [b, lastSeen] of stillKept) expect(lastSeen.getTime(), b.name).toBeLessThan(expiresAt(b)!.getTime());
    // And the newest of a week is kept up to the start of the fifth week after its own: expiresAt is not early.
    const weekNewest = everMade.find((b) => b.name === 'daily 2026-01-10')!; // Saturday: the newest of its week
    expect(dayOf(expiresAt(weekNewest)!)).toBe('2026-02-09');
    expect([...stillKept.entries()].find(([b]) => b === weekNewest)![1] >= new Date(2026, 1, 7)).toBe(true);
  });

  it('says a manual backup never expires', () => {
    expect(expiresAt({ kind: 'manual', at: new Date(2026, 0, 5) }, new Date(2026, 5, 1))).toBeNull();
  });

  it('keeps a backup dated after the clock (a clock set back) rather than prune it', () => {
    const later = { kind: 'daily' as const, at: new Date(2026, 5, 1) };
    expect(keptSet([later], new Date(2026, 0, 1)).kept).toEqual([later]);
  });
});
