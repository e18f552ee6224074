// The figures above the Audit log: changes per hour (or day) and category, the
// customers moved most often, and who changed most, over a chosen period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiInput } from '../../electron/api/contract';
import { makeCore, USER_NAMES, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer } from '../helpers/audit';

let core: TestCore;
let often: { id: number };
const from = new Date(Date.now() - 86_400_000).toISOString();
const to = new Date(Date.now() + 86_400_000).toISOString();
const stats = (input: ApiInput<'audit.stats'> = { from, to }) => core.as('staff')('audit.stats', input);

beforeAll(() => {
  core = makeCore();
  often = makeCustomer(core, { name: 'Often Moved' });
  const seldom = makeCustomer(core, { name: 'Seldom Moved' });
  const a = makeBooking(core, often.id);
  const b = makeBooking(core, seldom.id);
  for (let d = 10; d < 14; d++) {
    core.as('staff')('bookings.reschedule', {
      id: a.id,
      scheduledStart: `2026-06-${d}T09:00:00Z`,
      scheduledEnd: `2026-06-${d}T10:00:00Z`,
      reason: { code: 'office' },
    });
  }
  core.as('manager')('bookings.reschedule', {
    id: b.id,
    scheduledStart: '2026-07-01T09:00:00Z',
    scheduledEnd: '2026-07-01T10:00:00Z',
    reason: { code: 'office' },
  });
  core.db.sqlite.prepare("UPDATE customers SET phone = '555-0000' WHERE id = ?").run(seldom.id);
});
afterAll(() => core.dispose());

describe('audit.stats', () => {
  it('counts every event of the period once, by hour and category: a reschedule (start and end) is one', () => {
    const s = stats();
    expect(s.bucket).toBe('hour');
    const byCategory = core.db.sqlite
      .prepare(
        `SELECT category, count(DISTINCT coalesce(tx, -id) || ':' || entity || ':' || entity_id) AS n
      FROM audit_log WHERE at >= ? AND at < ? GROUP BY category`,
      )
      .all(from, to) as { category: string; n: number }[];
    expect(byCategory.length).toBeGreaterThan(0);
    for (const { category, n } of byCategory) {
      expect(s.counts.filter((c) => c.category === category).reduce((t, c) => t + c.events, 0)).toBe(n);
    }
    const rescheduleRows = core.db.sqlite.prepare("SELECT count(*) FROM audit_log WHERE event = 'rescheduled'").pluck().get() as number;
    expect(rescheduleRows).toBe(2 * 5); // five moves, each of start and end
    const userActions = core.db.sqlite
      .prepare(`SELECT count(*) FROM audit_log WHERE at >= ? AND at < ? AND category = 'user_action'`)
      .pluck()
      .get(from, to) as number;
    expect(s.counts.filter((c) => c.category === 'user_action').reduce((t, c) => t + c.events, 0)).toBe(userActions - 5);
    expect(s.counts.every((c) => /^\d{4}-\d{2}-\d{2}T\d{2}:00:00\.000Z$/.test(c.start))).toBe(true);
  });

  it('ranks customers by reschedule actions (start and end moved together count once)', () => {
    expect(stats().topRescheduled.map((r) => [r.name, r.reschedules])).toEqual([
      ['Often Moved', 4],
      ['Seldom Moved', 1],
    ]);
  });

  it('ranks people by actions, with changes made outside JobTrail as their own line', () => {
    const editors = stats().topEditors;
    const staff = editors.find((e) => e.name === USER_NAMES.staff)!;
    expect(staff.actions).toBeGreaterThanOrEqual(4 + 4); // two customers, two bookings, four reschedules
    expect(editors.find((e) => e.actorId === null)).toMatchObject({ name: '(outside JobTrail)', actions: 1 });
  });

  it('an empty period has no rows, and a long one is counted by day', () => {
    expect(stats({ from: '2020-01-01T00:00:00Z', to: '2020-02-01T00:00:00Z' })).toMatchObject({ counts: [], topRescheduled: [], topEditors: [] });
    const year = stats({ from: '2025-12-01T00:00:00Z', to: '2027-01-01T00:00:00Z' });
    expect(year.bucket).toBe('day');
    expect(year.counts.every((c) => c.start.endsWith('T00:00:00.000Z'))).toBe(true);
  });

  it('refuses a period that ends before it starts, and a fieldworker', () => {
    expect(core.raw('staff', 'audit.stats', { from: to, to: from })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'to' } });
    expect(core.raw('fieldworker', 'audit.stats', { from, to })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
