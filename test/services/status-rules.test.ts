// The status table (electron/services/bookingStatus.ts) is the one rule for every
// path: each (role, from, to, path) through the contract is allowed exactly when
// the table's data says so, and a refusal writes nothing. Then what the table needs
// beyond the role: a reason, an assigned fieldworker, no approved payment, and a
// confirmation before starting or finishing a job long before its time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOKING_STATUSES, ROLES, type BookingStatus, type Role } from '../../db/schema';
import { STATUS_PATHS, STATUS_WORDS, TRANSITIONS, type StatusPath, type Transition } from '../../electron/services/bookingStatus';
import { makeCore, lastAuditId, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer } from '../helpers/audit';
import type { Result } from '../../electron/api/contract';

let core: TestCore;
let customerId: number;
beforeAll(() => {
  core = makeCore();
  customerId = makeCustomer(core, { name: 'Stella Status' }).id;
});
afterAll(() => core.dispose());

const RANK: Record<Role, number> = { fieldworker: 0, staff: 1, manager: 2, administrator: 3 };
const HOUR = 3_600_000;
/** A booking of the test fieldworker's, in the given status, whose time has come (so nothing is early). */
function bookingIn(status: BookingStatus, startsIn = -24 * HOUR) {
  const start = new Date(Date.now() + startsIn);
  return makeBooking(core, customerId, {
    status,
    fieldworkerId: core.users.fieldworker.id,
    scheduledStart: start.toISOString(),
    scheduledEnd: new Date(start.getTime() + HOUR).toISOString(),
  });
}
const statusOf = (id: number) => core.db.sqlite.prepare('SELECT status FROM bookings WHERE id = ?').pluck().get(id) as BookingStatus;

/** The reason a transition's row asks for, as the job card sends it. */
function reasonFor(t: Transition | undefined) {
  if (t?.needs?.includes('cancelReason')) return { code: 'weather' as const, note: 'storm warning' };
  if (t?.needs?.includes('correctionReason')) return { code: 'entered_in_error' as const };
  return undefined;
}

/** Reads the table's data (not its functions): may this role take this path from → to? */
function expected(role: Role, path: StatusPath, from: BookingStatus, to: BookingStatus): Transition | undefined {
  if ((path === 'cancel' || path === 'update') && RANK[role] < RANK.staff) return undefined; // the contract's least role
  const t = TRANSITIONS.find((x) => x.to === to && x.from.includes(from));
  if (!t || RANK[role] < RANK[t.least]) return undefined;
  if (path === 'update' && reasonFor(t)) return undefined; // a form's save carries no status reason
  return t;
}

function call(role: Role, path: StatusPath, id: number, to: BookingStatus, reason: ReturnType<typeof reasonFor>): Result<unknown> {
  switch (path) {
    case 'setStatus':
      return core.raw(role, 'bookings.setStatus', { id, status: to, ...(reason ? { reason } : {}) });
    case 'cancel':
      return core.raw(role, 'bookings.cancel', { id, reason: { code: 'weather', note: 'storm warning' } });
    case 'accept':
      return core.raw(role, 'bookings.accept', { id });
    case 'update':
      return core.raw(role, 'bookings.update', { id, status: to });
  }
}

const targets = (path: StatusPath): readonly BookingStatus[] => (path === 'accept' ? ['accepted'] : path === 'cancel' ? ['cancelled'] : BOOKING_STATUSES);

describe('the status table, every role, path and pair of statuses', () => {
  const cases = ROLES.flatMap((role) => STATUS_PATHS.map((path) => [role, path] as const));
  const used = new Set<Transition>();

  it.each(cases)('%s through bookings.%s: allowed exactly when the table says so; a refusal names both statuses and writes nothing', (role, path) => {
    for (const from of BOOKING_STATUSES) {
      for (const to of targets(path)) {
        const b = bookingIn(from);
        const t = expected(role, path, from, to);
        const before = lastAuditId(core);
        const r = call(role, path, b.id, to, reasonFor(t ?? TRANSITIONS.find((x) => x.to === to && x.from.includes(from))));
        const what = `${role} ${path} ${from} → ${to}`;
        if (path === 'update' && from === to && RANK[role] >= RANK.staff) {
          // A form saved with the status it already has changes nothing.
          expect(r.ok, what).toBe(true);
          expect(lastAuditId(core), what).toBe(before);
          continue;
        }
        if (t) {
          expect(r, what).toMatchObject({ ok: true });
          expect(statusOf(b.id), what).toBe(to);
          const row = core.db.sqlite
            .prepare("SELECT old_value, new_value, reason, actor_name FROM audit_log WHERE id > ? AND field = 'status'")
            .get(before) as { old_value: string; new_value: string; reason: string | null; actor_name: string };
          expect(row, what).toMatchObject({ old_value: from, new_value: to, actor_name: core.users[role].name });
          const reason = reasonFor(t);
          expect(row.reason, what).toBe(reason ? (reason.code === 'weather' ? 'Weather: storm warning' : 'Entered in error') : null);
          used.add(t);
        } else {
          expect(r.ok, what).toBe(false);
          const byContract = (path === 'cancel' || path === 'update') && role === 'fieldworker';
          if (!r.ok && !byContract) {
            // Refused by the table: the message says where the booking is and where it was asked to go.
            expect(r.error.message, what).toContain(`Booking ${b.id} is `);
            expect(r.error.message, what).toContain(STATUS_WORDS[from]);
            expect(r.error.message, what).toContain(STATUS_WORDS[to]);
          }
          expect(statusOf(b.id), what).toBe(from);
          expect(lastAuditId(core), what).toBe(before);
        }
      }
    }
  });

  it('every transition of the table was taken by some role along some path (the loop above covered the table)', () => {
    expect(TRANSITIONS.filter((t) => !used.has(t))).toEqual([]);
  });
});

describe('what the issue found, refused', () => {
  it('a fieldworker cannot set her own cancelled booking to completed, nor a paid one to no-show', () => {
    const cancelled = bookingIn('cancelled');
    expect(core.raw('fieldworker', 'bookings.setStatus', { id: cancelled.id, status: 'completed' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining(`Booking ${cancelled.id} is cancelled and cannot become completed`) },
    });

    const paid = bookingIn('accepted');
    const inv = core.as('staff')('invoices.create', { bookingId: paid.id });
    core.as('staff')('invoices.send', { id: inv.id });
    const p = core.as('staff')('payments.add', { invoiceId: inv.id, amountCents: 5000, method: 'card' });
    core.as('manager')('payments.approve', { id: p.id });
    const before = lastAuditId(core);
    expect(core.raw('fieldworker', 'bookings.setStatus', { id: paid.id, status: 'no_show' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('approved payment') },
    });
    expect([statusOf(paid.id), lastAuditId(core)]).toEqual(['accepted', before]);
  });

  it('staff cannot cancel a completed booking through setStatus any more than through cancel; the refusal says who can do what', () => {
    const b = bookingIn('completed');
    const viaStatus = core.raw('staff', 'bookings.setStatus', { id: b.id, status: 'cancelled', reason: { code: 'customer_cancelled' } });
    const viaCancel = core.raw('staff', 'bookings.cancel', { id: b.id, reason: { code: 'customer_cancelled' } });
    for (const r of [viaStatus, viaCancel]) {
      expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } });
      if (!r.ok)
        expect(r.error.message).toBe(
          `Booking ${b.id} is completed and cannot become cancelled. ` +
            'From completed it can go to in progress (a manager or above, as a correction with a reason).',
        );
    }
  });

  it('a correction of a final status is a manager’s, with a reason; staff are told so', () => {
    const b = bookingIn('cancelled');
    expect(core.raw('staff', 'bookings.setStatus', { id: b.id, status: 'scheduled', reason: { code: 'entered_in_error' } })).toMatchObject({
      ok: false,
      error: {
        code: 'forbidden',
        message:
          `Booking ${b.id} is cancelled: only a manager or above may set it to scheduled, ` + 'as a correction with a reason; you are signed in as staff.',
      },
    });
    expect(core.raw('manager', 'bookings.setStatus', { id: b.id, status: 'scheduled' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'reason' },
    });
    // A cancellation's reason is not a correction's.
    expect(core.raw('manager', 'bookings.setStatus', { id: b.id, status: 'scheduled', reason: { code: 'weather' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'reason' },
    });
    expect(statusOf(b.id)).toBe('cancelled');
  });

  it('cancelling asks a reason on either path, and its audit row carries the words', () => {
    const b = bookingIn('scheduled');
    expect(core.rawUnchecked('staff', 'bookings.cancel', { id: b.id })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'reason' } });
    expect(core.raw('staff', 'bookings.setStatus', { id: b.id, status: 'cancelled' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'reason', message: expect.stringContaining('Customer cancelled') },
    });
    expect(core.raw('staff', 'bookings.cancel', { id: b.id, reason: { code: 'other' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'reason.note' },
    });
    const before = lastAuditId(core);
    core.as('staff')('bookings.cancel', { id: b.id, reason: { code: 'customer_cancelled', note: 'moved house' } });
    const rows = core.db.sqlite.prepare('SELECT event, reason FROM audit_log WHERE id > ?').all(before);
    expect(rows).toEqual([{ event: 'cancelled', reason: 'Customer cancelled: moved house' }]);
  });

  it('a form’s save that sets cancelled is sent to Cancel booking, which asks the reason', () => {
    const b = bookingIn('scheduled');
    expect(core.raw('staff', 'bookings.update', { id: b.id, status: 'cancelled' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', field: 'status', message: expect.stringContaining('Cancel booking') },
    });
  });

  it('accepting needs an assigned fieldworker, whoever asks', () => {
    const b = makeBooking(core, customerId, { scheduledStart: '2026-03-02T09:00:00Z', scheduledEnd: '2026-03-02T10:00:00Z' });
    expect(core.raw('manager', 'bookings.setStatus', { id: b.id, status: 'accepted' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', field: 'status', message: 'A booking can only be accepted once a fieldworker is assigned.' },
    });
  });

  it('a fieldworker moves only her own bookings, whatever the table would allow', () => {
    const other = core.as('administrator')('users.create', { name: 'Olga Other', role: 'fieldworker', password: 'long-enough-pw' });
    const b = makeBooking(core, customerId, { fieldworkerId: other.id, status: 'accepted' });
    for (const status of BOOKING_STATUSES) {
      expect(core.raw('fieldworker', 'bookings.setStatus', { id: b.id, status })).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: expect.stringContaining('not assigned to you') },
      });
    }
  });
});

describe('starting or completing long before the scheduled time asks first', () => {
  it('more than three hours ahead is refused until the call confirms it; the refusal says how far ahead', () => {
    const b = bookingIn('accepted', 13 * 24 * HOUR);
    const before = lastAuditId(core);
    const r = core.raw('fieldworker', 'bookings.setStatus', { id: b.id, status: 'in_progress' });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', field: 'early', message: expect.stringContaining('13 days from now') } });
    expect(lastAuditId(core)).toBe(before);
    expect(core.as('fieldworker')('bookings.setStatus', { id: b.id, status: 'in_progress', early: true }).status).toBe('in_progress');
    expect(core.raw('fieldworker', 'bookings.setStatus', { id: b.id, status: 'completed' })).toMatchObject({ ok: false, error: { field: 'early' } });
    expect(core.as('fieldworker')('bookings.setStatus', { id: b.id, status: 'completed', early: true }).status).toBe('completed');
  });

  it('within three hours of the start, or after it, no question is asked', () => {
    for (const startsIn of [2 * HOUR, -5 * HOUR]) {
      const b = bookingIn('accepted', startsIn);
      expect(core.as('fieldworker')('bookings.setStatus', { id: b.id, status: 'in_progress' }).status).toBe('in_progress');
    }
  });

  it('the office saving the form into "in progress" long ahead is refused the same way', () => {
    const b = bookingIn('accepted', 5 * 24 * HOUR);
    expect(core.raw('staff', 'bookings.update', { id: b.id, status: 'in_progress' })).toMatchObject({ ok: false, error: { field: 'early' } });
  });
});
