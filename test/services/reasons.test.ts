// The reason for a change is part of its audit rows: who asked for a new time,
// why a booking was deleted, why a price changed once invoiced. A fee or a
// dispute rests on it, so it is required where it matters, in the chain, and
// found by the History's search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../db/chain';
import { makeCore, lastAuditId, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer, outsideConnection, written, type AuditRow } from '../helpers/audit';

let core: TestCore;
beforeAll(() => {
  core = makeCore();
});
afterAll(() => core.dispose());

const reasons = (rows: AuditRow[]) => rows.map((r) => (r as AuditRow & { reason: string | null }).reason);
const moveTo = (day: string) => ({ scheduledStart: `2026-05-${day}T09:00:00Z`, scheduledEnd: `2026-05-${day}T10:00:00Z` });

describe('a new time says who asked for it', () => {
  it('a reschedule without a reason is refused, naming the field, and writes nothing', () => {
    const b = makeBooking(core, makeCustomer(core).id);
    const before = lastAuditId(core);
    const r = core.rawUnchecked('staff', 'bookings.reschedule', { id: b.id, ...moveTo('04') });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'reason' } });
    expect(lastAuditId(core)).toBe(before);
  });

  it('both rows of a reschedule the customer asked for carry "Asked by the customer" and the note, and the chain verifies', () => {
    const b = makeBooking(core, makeCustomer(core).id);
    const { rows } = written(core, () =>
      core.as('staff')('bookings.reschedule', {
        id: b.id,
        ...moveTo('05'),
        reason: { code: 'customer', note: 'running late' },
      }),
    );
    expect(rows.map((r) => r.field).sort()).toEqual(['scheduled_end', 'scheduled_start']);
    expect(reasons(rows)).toEqual(['Asked by the customer: running late', 'Asked by the customer: running late']);
    expect(verifyChain(core.db.sqlite).ok).toBe(true);
  });

  it('an edit that moves the time needs who asked too, while one that does not needs no reason', () => {
    const b = makeBooking(core, makeCustomer(core).id);
    const moved = core.rawUnchecked('staff', 'bookings.update', { id: b.id, ...moveTo('06') });
    expect(moved).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'reason', message: expect.stringMatching(/who asked/) } });
    const wrongKind = core.rawUnchecked('staff', 'bookings.update', { id: b.id, ...moveTo('06'), reason: { code: 'discount' } });
    expect(wrongKind).toMatchObject({ ok: false, error: { field: 'reason' } });
    const { rows } = written(core, () => core.as('staff')('bookings.update', { id: b.id, ...moveTo('06'), reason: { code: 'office' } }));
    expect(new Set(reasons(rows))).toEqual(new Set(['Asked by the office']));
    const plain = written(core, () => core.as('staff')('bookings.update', { id: b.id, service: 'Gutter clearing, north side' })).rows;
    expect(reasons(plain)).toEqual([null]);
  });

  it('"other" must say what the reason is', () => {
    const b = makeBooking(core, makeCustomer(core).id);
    const r = core.rawUnchecked('manager', 'bookings.delete', { id: b.id, reason: { code: 'other' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'reason.note' } });
  });
});

describe('a price changed once invoiced says why', () => {
  it('before an invoice goes out the price changes freely; after, only with a reason, which the row carries', () => {
    const b = makeBooking(core, makeCustomer(core).id, { priceCents: 12_000 });
    expect(core.as('staff')('bookings.update', { id: b.id, priceCents: 12_500 }).priceCents).toBe(12_500);
    const inv = core.as('staff')('invoices.create', { bookingId: b.id });
    core.as('staff')('invoices.send', { id: inv.id });
    const before = lastAuditId(core);
    const refused = core.rawUnchecked('staff', 'bookings.update', { id: b.id, priceCents: 9_000 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'reason', message: expect.stringContaining(inv.number) } });
    expect(lastAuditId(core)).toBe(before);
    const { rows } = written(core, () =>
      core.as('staff')('bookings.update', {
        id: b.id,
        priceCents: 9_000,
        reason: { code: 'discount', note: 'loyal customer' },
      }),
    );
    expect(rows.map((r) => [r.field, r.new_value, (r as AuditRow & { reason: string }).reason])).toEqual([['price', '9000', 'Discount: loyal customer']]);
  });
});

describe('deleting says why', () => {
  it('a booking and a customer are deleted only with a reason, which their "deleted" rows carry', () => {
    const c = makeCustomer(core);
    const b = makeBooking(core, c.id);
    expect(core.rawUnchecked('manager', 'bookings.delete', { id: b.id })).toMatchObject({ ok: false, error: { field: 'reason' } });
    const del = written(core, () => core.as('manager')('bookings.delete', { id: b.id, reason: { code: 'duplicate' } })).rows;
    expect(del.map((r) => [r.event, (r as AuditRow & { reason: string }).reason])).toEqual([['deleted', 'Duplicate']]);
    const lone = makeCustomer(core);
    expect(core.rawUnchecked('manager', 'customers.delete', { id: lone.id })).toMatchObject({ ok: false, error: { field: 'reason' } });
    const gone = written(core, () => core.as('manager')('customers.delete', { id: lone.id, reason: { code: 'test_record' } })).rows;
    expect(gone.map((r) => (r as AuditRow & { reason: string }).reason)).toEqual(['Test record']);
  });
});

describe('the reason in the History', () => {
  it('the History search finds a reschedule by the words of its reason', () => {
    const b = makeBooking(core, makeCustomer(core).id);
    core.as('staff')('bookings.reschedule', { id: b.id, ...moveTo('12'), reason: { code: 'customer', note: 'grandmother visiting' } });
    const found = core.as('staff')('history.search', { text: 'grandmother' });
    expect(found.rows.map((r) => r.bookingId)).toEqual([b.id, b.id]);
  });

  it('is covered by the chain: a reason removed from a row, or put on one, breaks it at that row', () => {
    const b = makeBooking(core, makeCustomer(core).id);
    const { rows } = written(core, () => core.as('staff')('bookings.reschedule', { id: b.id, ...moveTo('14'), reason: { code: 'customer' } }));
    const tool = outsideConnection(core.file);
    try {
      tool.exec('DROP TRIGGER audit_log_no_update');
      tool.prepare("UPDATE audit_log SET reason = 'Asked by the office' WHERE id = ?").run(rows[0].id);
      expect(verifyChain(tool)).toMatchObject({ ok: false, firstBroken: { id: rows[0].id } });
      tool.prepare('UPDATE audit_log SET reason = NULL WHERE id = ?').run(rows[0].id);
      expect(verifyChain(tool)).toMatchObject({ ok: false, firstBroken: { id: rows[0].id } });
      tool.prepare("UPDATE audit_log SET reason = 'Asked by the customer' WHERE id = ?").run(rows[0].id);
      expect(verifyChain(tool).ok).toBe(true);
    } finally {
      tool.close();
    }
  });
});
