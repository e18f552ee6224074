// A booking's Timeline: each step done, by whom and when, read from the audit
// trail; and how many separate actions moved the appointment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCore, USER_NAMES, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer } from '../helpers/audit';

let core: TestCore;
beforeAll(() => {
  core = makeCore();
});
afterAll(() => core.dispose());

const timeline = (bookingId: number, role: 'staff' | 'fieldworker' = 'staff') => core.as(role)('timeline.get', { bookingId });
/** When and by whom the booking's History says an event happened. */
function event(bookingId: number, name: string): { at: string; actorName: string } {
  const rows = core.as('staff')('history.booking', { bookingId, event: name }).rows;
  expect(rows.length, name).toBeGreaterThan(0);
  return { at: rows[0].at, actorName: rows[0].actorName };
}

describe('Timeline', () => {
  it('a booking walked through create, accept, start, complete, invoice sent and payment approved shows every step done, with actor and time', () => {
    const c = makeCustomer(core, { name: 'Ruth Timmons' });
    const b = makeBooking(core, c.id, { fieldworkerId: core.users.fieldworker.id });
    core.as('fieldworker')('bookings.accept', { id: b.id });
    core.as('fieldworker')('bookings.setStatus', { id: b.id, status: 'in_progress' });
    const started = event(b.id, 'status changed');
    core.as('fieldworker')('bookings.setStatus', { id: b.id, status: 'completed' });
    const inv = core.as('staff')('invoices.create', { bookingId: b.id });
    core.as('staff')('invoices.send', { id: inv.id });
    const p = core.as('staff')('payments.add', { invoiceId: inv.id, amountCents: 12500, method: 'card' });
    const midway = timeline(b.id);
    expect(midway.steps.find((s) => s.key === 'paid')).toMatchObject({ done: false, at: null, actorName: null });
    expect(midway.pendingPayments.map((x) => x.id)).toEqual([p.id]);
    core.as('manager')('payments.approve', { id: p.id });

    const t = timeline(b.id);
    const created = event(b.id, 'created');
    const accepted = event(b.id, 'fieldworker accepted');
    const completed = event(b.id, 'status changed');
    const sent = event(b.id, 'invoice sent');
    const paid = event(b.id, 'invoice paid');
    const plain = { reason: null, skipped: false, early: false };
    expect(t.steps).toEqual([
      { key: 'created', label: 'Created', done: true, at: created.at, actorName: USER_NAMES.staff, ...plain },
      { key: 'scheduled', label: 'Scheduled', done: true, at: created.at, actorName: USER_NAMES.staff, ...plain },
      { key: 'accepted', label: 'Accepted', done: true, at: accepted.at, actorName: USER_NAMES.fieldworker, ...plain },
      { key: 'started', label: 'Started', done: true, at: started.at, actorName: USER_NAMES.fieldworker, ...plain },
      { key: 'completed', label: 'Completed', done: true, at: completed.at, actorName: USER_NAMES.fieldworker, ...plain },
      { key: 'invoiced', label: 'Invoiced', done: true, at: sent.at, actorName: USER_NAMES.staff, ...plain },
      { key: 'paid', label: 'Paid', done: true, at: paid.at, actorName: USER_NAMES.manager, ...plain },
    ]);
    expect([created.actorName, accepted.actorName, completed.actorName, sent.actorName, paid.actorName]).toEqual([
      USER_NAMES.staff,
      USER_NAMES.fieldworker,
      USER_NAMES.fieldworker,
      USER_NAMES.staff,
      USER_NAMES.manager,
    ]);
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
    expect(t.steps.find((s) => s.key === 'invoiced')).toEqual({
      key: 'invoiced',
      label: 'Invoiced',
      done: false,
      at: null,
      actorName: null,
      reason: null,
      skipped: false,
      early: false,
    });
    expect(t.steps.find((s) => s.key === 'paid')).toMatchObject({ done: false });
    expect(t.invoice).toMatchObject({ status: 'draft' });
    expect(t.steps.filter((s) => s.done).map((s) => s.key)).toEqual(['created', 'scheduled']);
  });

  it('rescheduleCount counts actions: moving start and end together counts once', () => {
    const c = makeCustomer(core, { name: 'Tom Movers' });
    const b = makeBooking(core, c.id);
    core.as('staff')('bookings.reschedule', {
      id: b.id,
      scheduledStart: '2026-03-04T09:00:00Z',
      scheduledEnd: '2026-03-04T11:00:00Z',
      reason: { code: 'office' },
    });
    expect(timeline(b.id).rescheduleCount).toBe(1);
    core.as('staff')('bookings.update', { id: b.id, scheduledEnd: '2026-03-04T12:00:00Z', reason: { code: 'office' } });
    expect(timeline(b.id).rescheduleCount).toBe(2);
    core.as('staff')('bookings.reschedule', {
      id: b.id,
      scheduledStart: '2026-03-05T09:00:00Z',
      scheduledEnd: '2026-03-05T12:00:00Z',
      reason: { code: 'office' },
    });
    expect(timeline(b.id).rescheduleCount).toBe(3);
    // Saving the same times again is not a reschedule; other edits are not either.
    core.as('staff')('bookings.reschedule', {
      id: b.id,
      scheduledStart: '2026-03-05T09:00:00Z',
      scheduledEnd: '2026-03-05T12:00:00Z',
      reason: { code: 'office' },
    });
    core.as('staff')('bookings.update', { id: b.id, address: '1 New Address' });
    expect(timeline(b.id).rescheduleCount).toBe(3);
    const rows = core.db.sqlite.prepare("SELECT count(*) FROM audit_log WHERE booking_id = ? AND event = 'rescheduled'").pluck().get(b.id);
    expect(rows).toBe(5);
  });

  it('a booking created as pending is created but not yet scheduled; scheduling it later is dated then', () => {
    const c = makeCustomer(core, { name: 'Una Pending' });
    const b = makeBooking(core, c.id, { status: 'pending' });
    expect(
      timeline(b.id)
        .steps.slice(0, 2)
        .map((s) => [s.key, s.done]),
    ).toEqual([
      ['created', true],
      ['scheduled', false],
    ]);
    core.as('manager')('bookings.setStatus', { id: b.id, status: 'scheduled' });
    const scheduled = timeline(b.id).steps[1];
    expect(scheduled).toMatchObject({ key: 'scheduled', done: true, actorName: USER_NAMES.manager, at: event(b.id, 'status changed').at });
  });
});

describe('the Timeline agrees with the History after a booking ends', () => {
  const keys = (t: ReturnType<typeof timeline>) => t.steps.map((s) => [s.key, s.done ? 'done' : s.skipped ? 'skipped' : 'open']);

  it('a cancelled booking keeps Scheduled and Accepted done, as its History has them, with Cancelled as a step of its own: who, when, why', () => {
    const c = makeCustomer(core, { name: 'Cass Cancel' });
    const b = makeBooking(core, c.id, { fieldworkerId: core.users.fieldworker.id });
    core.as('fieldworker')('bookings.accept', { id: b.id });
    core.as('staff')('bookings.cancel', { id: b.id, reason: { code: 'weather', note: 'storm warning' } });
    const t = timeline(b.id);
    expect(keys(t)).toEqual([
      ['created', 'done'],
      ['scheduled', 'done'],
      ['accepted', 'done'],
      ['cancelled', 'done'],
      ['started', 'skipped'],
      ['completed', 'skipped'],
      ['invoiced', 'open'],
      ['paid', 'open'],
    ]);
    const accepted = event(b.id, 'fieldworker accepted');
    const cancelled = event(b.id, 'cancelled');
    expect(t.steps.find((s) => s.key === 'accepted')).toMatchObject({ at: accepted.at, actorName: USER_NAMES.fieldworker });
    expect(t.steps.find((s) => s.key === 'cancelled')).toMatchObject({
      label: 'Cancelled',
      at: cancelled.at,
      actorName: USER_NAMES.staff,
      reason: 'Weather: storm warning',
    });
    // Every step shown done is a row of the History, at the time the Timeline gives.
    const history = core
      .as('staff')('history.booking', { bookingId: b.id })
      .rows.map((r) => r.at);
    for (const s of t.steps.filter((x) => x.done)) expect(history, s.key).toContain(s.at);
  });

  it('a no-show shows who recorded it and when, after the steps it followed; a no-show fee can still be invoiced', () => {
    const c = makeCustomer(core, { name: 'Nico Noshow' });
    const b = makeBooking(core, c.id, { fieldworkerId: core.users.fieldworker.id });
    core.as('fieldworker')('bookings.setStatus', { id: b.id, status: 'no_show' });
    const inv = core.as('staff')('invoices.create', { bookingId: b.id, purpose: 'no_show_fee', amountCents: 4000 });
    core.as('staff')('invoices.send', { id: inv.id });
    const t = timeline(b.id);
    expect(keys(t)).toEqual([
      ['created', 'done'],
      ['scheduled', 'done'],
      ['no_show', 'done'],
      ['accepted', 'skipped'],
      ['started', 'skipped'],
      ['completed', 'skipped'],
      ['invoiced', 'done'],
      ['paid', 'open'],
    ]);
    expect(t.steps.find((s) => s.key === 'no_show')).toMatchObject({
      label: 'No-show',
      at: event(b.id, 'status changed').at,
      actorName: USER_NAMES.fieldworker,
      reason: null,
    });
  });

  it('a booking booked again after a no-show, or reinstated after a cancellation, is open again: the ending step goes', () => {
    const c = makeCustomer(core, { name: 'Rhea Rebook' });
    const b = makeBooking(core, c.id, { fieldworkerId: core.users.fieldworker.id });
    core.as('fieldworker')('bookings.setStatus', { id: b.id, status: 'no_show' });
    core.as('staff')('bookings.setStatus', { id: b.id, status: 'scheduled' });
    expect(keys(timeline(b.id)).slice(0, 4)).toEqual([
      ['created', 'done'],
      ['scheduled', 'done'],
      ['accepted', 'open'],
      ['started', 'open'],
    ]);
    expect(timeline(b.id).steps[1]).toMatchObject({ actorName: USER_NAMES.staff });
    core.as('staff')('bookings.cancel', { id: b.id, reason: { code: 'customer_cancelled' } });
    core.as('manager')('bookings.setStatus', { id: b.id, status: 'scheduled', reason: { code: 'entered_in_error' } });
    const t = timeline(b.id);
    expect(t.steps.map((s) => s.key)).not.toContain('cancelled');
    expect(t.steps[1]).toMatchObject({ key: 'scheduled', done: true, actorName: USER_NAMES.manager });
  });

  it('a job reopened by a manager’s correction is no longer completed', () => {
    const c = makeCustomer(core, { name: 'Otto Reopen' });
    const b = makeBooking(core, c.id, { fieldworkerId: core.users.fieldworker.id });
    core.as('fieldworker')('bookings.accept', { id: b.id });
    core.as('fieldworker')('bookings.setStatus', { id: b.id, status: 'in_progress' });
    core.as('fieldworker')('bookings.setStatus', { id: b.id, status: 'completed' });
    core.as('manager')('bookings.setStatus', { id: b.id, status: 'in_progress', reason: { code: 'entered_in_error', note: 'pump not fitted' } });
    expect(keys(timeline(b.id)).slice(3, 5)).toEqual([
      ['started', 'done'],
      ['completed', 'open'],
    ]);
    expect(timeline(b.id).steps[3]).toMatchObject({ actorName: USER_NAMES.manager });
  });

  it('work started and completed long before the scheduled day is marked early on its steps', () => {
    const c = makeCustomer(core, { name: 'Eve Early' });
    const start = new Date(Date.now() + 13 * 86_400_000).toISOString();
    const b = makeBooking(core, c.id, {
      fieldworkerId: core.users.fieldworker.id,
      scheduledStart: start,
      scheduledEnd: new Date(Date.parse(start) + 3_600_000).toISOString(),
    });
    core.as('fieldworker')('bookings.accept', { id: b.id });
    core.as('fieldworker')('bookings.setStatus', { id: b.id, status: 'in_progress', early: true });
    core.as('fieldworker')('bookings.setStatus', { id: b.id, status: 'completed', early: true });
    const t = timeline(b.id);
    expect(t.scheduledStart).toBe(start);
    expect(t.steps.filter((s) => s.early).map((s) => s.key)).toEqual(['started', 'completed']);
  });
});

describe('reschedule counts', () => {
  it('count actions, not rows, and count those the customer asked for apart, from the reason in the audit rows', () => {
    const c = makeCustomer(core, { name: 'Carla Counts' });
    const b = makeBooking(core, c.id);
    const move = (day: number, code: 'customer' | 'office' | 'fieldworker', note?: string) =>
      core.as('staff')('bookings.reschedule', {
        id: b.id,
        scheduledStart: `2026-04-0${day}T09:00:00Z`,
        scheduledEnd: `2026-04-0${day}T11:00:00Z`,
        reason: { code, note },
      });
    move(1, 'customer');
    move(2, 'office');
    move(3, 'customer', 'away that week');
    move(4, 'fieldworker');
    move(5, 'customer');
    const t = timeline(b.id);
    // Five actions, each moving start and end: ten rows, five reschedules.
    expect(core.db.sqlite.prepare("SELECT count(*) FROM audit_log WHERE booking_id = ? AND event = 'rescheduled'").pluck().get(b.id)).toBe(10);
    expect([t.rescheduleCount, t.customerRescheduleCount]).toEqual([5, 3]);
  });

  it('a booking never moved counts none of either', () => {
    const c = makeCustomer(core, { name: 'Stan Still' });
    const t = timeline(makeBooking(core, c.id).id);
    expect([t.rescheduleCount, t.customerRescheduleCount]).toEqual([0, 0]);
  });
});
