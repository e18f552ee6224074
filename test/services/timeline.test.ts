// A booking's Timeline: each step done, by whom and when, read from the audit
// trail; and how many separate actions moved the appointment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCore, USER_NAMES, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer } from '../helpers/audit';

let core: TestCore;
beforeAll(() => { core = makeCore(); });
afterAll(() => core.dispose());

const timeline = (bookingId: number, role: 'staff' | 'fieldworker' = 'staff') => core.as(role)('timeline.get', { bookingId });
/** When and by whom the booking's History says an event happened. */
function event(bookingId: number, name: string): { at: string; actorName: string } {
  const rows = core.as('staff')('history.booking', { bookingId, event: name }).rows;
  expect(rows.length, name).toBeGreaterThan(0);
  return { at: rows[0].at, actorName: rows[0].actorName };
}

describe('Timeline', () => {
  it('a booking walked through create, accept, complete, invoice sent and payment approved shows every step done, with actor and time', () => {
    const c = makeCustomer(core, { name: 'Ruth Timmons' });
    const b = makeBooking(core, c.id, { fieldworkerId: core.users.fieldworker.id });
    core.as('fieldworker')('bookings.accept', { id: b.id });
    core.as('fieldworker')('bookings.setStatus', { id: b.id, status: 'completed' });
    const inv = core.as('staff')('invoices.create', { bookingId: b.id });
    core.as('staff')('invoices.send', { id: inv.id });
    const p = core.as('staff')('payments.add', { invoiceId: inv.id, amountCents: 12500, method: 'card' });
    const midway = timeline(b.id);
    expect(midway.steps.find((s) => s.key === 'paid')).toMatchObject({ done: false, at: null, actorName: null });
    expect(midway.pendingPayments.map((x) => x.id)).toEqual([p.id]);
    core.as('manager')('payments.approve', { id: p.id });

    const t = timeline(b.id, 'fieldworker');
    const created = event(b.id, 'created');
    const accepted = event(b.id, 'fieldworker accepted');
    const completed = event(b.id, 'status changed');
    const sent = event(b.id, 'invoice sent');
    const paid = event(b.id, 'invoice paid');
    expect(t.steps).toEqual([
      { key: 'created', label: 'Created', done: true, at: created.at, actorName: USER_NAMES.staff },
      { key: 'scheduled', label: 'Scheduled', done: true, at: created.at, actorName: USER_NAMES.staff },
      { key: 'accepted', label: 'Accepted', done: true, at: accepted.at, actorName: USER_NAMES.fieldworker },
      { key: 'completed', label: 'Completed', done: true, at: completed.at, actorName: USER_NAMES.fieldworker },
      { key: 'invoiced', label: 'Invoiced', done: true, at: sent.at, actorName: USER_NAMES.staff },
      { key: 'paid', label: 'Paid', done: true, at: paid.at, actorName: USER_NAMES.manager },
    ]);
    expect([created.actorName, accepted.actorName, completed.actorName, sent.actorName, paid.actorName])
      .toEqual([USER_NAMES.staff, USER_NAMES.fieldworker, USER_NAMES.fieldworker, USER_NAMES.staff, USER_NAMES.manager]);
    // The times are in the order the steps happened.
    const times = t.steps.map((s) => s.at!);
    expect([...times].sort()).toEqual(times);
    expect(t.invoice).toMatchObject({ status: 'paid' });
    expect(t.pendingPayments).toEqual([]);
    expect(t.rescheduleCount).toBe(0);
  });

  it('a draft invoice leaves Invoiced not done, and the Timeline offers it as unsent', () => {
    const c = makeCustomer(core, { name: 'Sid Draft' });
    const b = makeBooking(core, c.id);
    core.as('staff')('invoices.create', { bookingId: b.id });
    const t = timeline(b.id);
    expect(t.steps.find((s) => s.key === 'invoiced')).toEqual({ key: 'invoiced', label: 'Invoiced', done: false, at: null, actorName: null });
    expect(t.steps.find((s) => s.key === 'paid')).toMatchObject({ done: false });
    expect(t.invoice).toMatchObject({ status: 'draft' });
    expect(t.steps.filter((s) => s.done).map((s) => s.key)).toEqual(['created', 'scheduled']);
  });

  it('rescheduleCount counts actions: moving start and end together counts once', () => {
    const c = makeCustomer(core, { name: 'Tom Movers' });
    const b = makeBooking(core, c.id);
    core.as('staff')('bookings.reschedule', { id: b.id, scheduledStart: '2026-03-04T09:00:00Z', scheduledEnd: '2026-03-04T11:00:00Z' });
    expect(timeline(b.id).rescheduleCount).toBe(1);
    core.as('staff')('bookings.update', { id: b.id, scheduledEnd: '2026-03-04T12:00:00Z' });
    expect(timeline(b.id).rescheduleCount).toBe(2);
    core.as('staff')('bookings.reschedule', { id: b.id, scheduledStart: '2026-03-05T09:00:00Z', scheduledEnd: '2026-03-05T12:00:00Z' });
    expect(timeline(b.id).rescheduleCount).toBe(3);
    // Saving the same times again is not a reschedule; other edits are not either.
    core.as('staff')('bookings.reschedule', { id: b.id, scheduledStart: '2026-03-05T09:00:00Z', scheduledEnd: '2026-03-05T12:00:00Z' });
    core.as('staff')('bookings.update', { id: b.id, address: '1 New Address' });
    expect(timeline(b.id).rescheduleCount).toBe(3);
    const rows = core.db.sqlite.prepare("SELECT count(*) FROM audit_log WHERE booking_id = ? AND event = 'rescheduled'").pluck().get(b.id);
    expect(rows).toBe(5);
  });

  it('a booking created as pending is created but not yet scheduled; scheduling it later is dated then', () => {
    const c = makeCustomer(core, { name: 'Una Pending' });
    const b = makeBooking(core, c.id, { status: 'pending' });
    expect(timeline(b.id).steps.slice(0, 2).map((s) => [s.key, s.done])).toEqual([['created', true], ['scheduled', false]]);
    core.as('manager')('bookings.setStatus', { id: b.id, status: 'scheduled' });
    const scheduled = timeline(b.id).steps[1];
    expect(scheduled).toMatchObject({ key: 'scheduled', done: true, actorName: USER_NAMES.manager, at: event(b.id, 'status changed').at });
  });
});
