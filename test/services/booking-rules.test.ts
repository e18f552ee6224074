// The booking rule the Timeline relies on: "accepted" means a fieldworker is
// assigned (and accepted it). No path may produce an accepted booking with nobody on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer, rowOf, tableCounts } from '../helpers/audit';

let core: TestCore;
beforeAll(() => {
  core = makeCore();
});
afterAll(() => core.dispose());

describe('an accepted booking always has a fieldworker', () => {
  it('accepting a booking with no fieldworker is refused', () => {
    const c = makeCustomer(core, { name: 'Vi Accept' });
    const b = makeBooking(core, c.id);
    expect(core.raw('staff', 'bookings.setStatus', { id: b.id, status: 'accepted' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', field: 'status' },
    });
  });

  it('removing the fieldworker and setting "accepted" in the same edit is refused, and nothing changes', () => {
    const c = makeCustomer(core, { name: 'Wynn Both' });
    const b = makeBooking(core, c.id, { fieldworkerId: core.users.fieldworker.id });
    const before = tableCounts(core);
    const r = core.raw('staff', 'bookings.update', { id: b.id, fieldworkerId: null, status: 'accepted' });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', field: 'status' } });
    expect(rowOf(core, 'bookings', b.id)).toMatchObject({ status: 'scheduled', fieldworker_id: core.users.fieldworker.id });
    expect(tableCounts(core)).toEqual(before);
  });

  it('creating a booking straight into "accepted" with no fieldworker is refused', () => {
    const c = makeCustomer(core, { name: 'Xavi Create' });
    const before = tableCounts(core);
    const r = core.raw('staff', 'bookings.create', {
      customerId: c.id,
      service: 'Boiler service',
      scheduledStart: '2026-03-02T09:00:00Z',
      scheduledEnd: '2026-03-02T10:00:00Z',
      priceCents: 100,
      status: 'accepted',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', field: 'status' } });
    expect(tableCounts(core)).toEqual(before);
  });

  it('unassigning the fieldworker of an accepted booking puts it back to scheduled, in one action', () => {
    const c = makeCustomer(core, { name: 'Yara Unassign' });
    const b = makeBooking(core, c.id, { fieldworkerId: core.users.fieldworker.id });
    core.as('fieldworker')('bookings.accept', { id: b.id });
    const before = core.db.sqlite.prepare('SELECT max(id) FROM audit_log').pluck().get() as number;
    const after = core.as('staff')('bookings.assign', { id: b.id, fieldworkerId: null });
    expect(after).toMatchObject({ status: 'scheduled', fieldworkerId: null });
    const rows = core.db.sqlite.prepare('SELECT field, old_value, new_value, tx FROM audit_log WHERE id > ? ORDER BY field').all(before) as {
      field: string;
      old_value: string;
      new_value: string | null;
      tx: number;
    }[];
    expect(rows.map((r) => [r.field, r.old_value, r.new_value])).toEqual([
      ['fieldworker', 'Fay Field', null],
      ['status', 'accepted', 'scheduled'],
    ]);
    expect(rows[0].tx).toBe(rows[1].tx);
  });

  it('the job card’s form changing the fieldworker of an accepted booking also puts it back to scheduled', () => {
    const c = makeCustomer(core, { name: 'Zed Reassign' });
    const b = makeBooking(core, c.id, { fieldworkerId: core.users.fieldworker.id });
    core.as('fieldworker')('bookings.accept', { id: b.id });
    const other = core.as('administrator')('users.create', { name: 'Olu Other', role: 'fieldworker', password: 'long-enough-pw' });
    expect(core.as('staff')('bookings.update', { id: b.id, fieldworkerId: other.id, priceCents: 999 })).toMatchObject({
      status: 'scheduled',
      fieldworkerId: other.id,
      priceCents: 999,
    });
    // Saying the status in the same edit is taken as said.
    core.as('staff')('bookings.setStatus', { id: b.id, status: 'accepted' });
    expect(core.as('staff')('bookings.update', { id: b.id, fieldworkerId: core.users.fieldworker.id, status: 'in_progress' })).toMatchObject({
      status: 'in_progress',
    });
  });
});
