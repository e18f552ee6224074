// A change and its audit rows commit together or not at all: a transaction that
// fails halfway leaves neither, and the chain still verifies.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { audited } from '../../db/actor';
import { verifyChain } from '../../db/chain';
import { makeCore, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer, rowOf, tableCounts, written } from '../helpers/audit';

let core: TestCore;
beforeAll(() => {
  core = makeCore();
});
afterAll(() => core.dispose());
afterEach(() => {
  core.db.sqlite.exec('DROP TRIGGER IF EXISTS temp.fail_custom_value; DROP TRIGGER IF EXISTS temp.fail_invoice_update');
});

const sessionActorRows = () => core.db.sqlite.prepare('SELECT count(*) FROM session_actor').pluck().get();

describe('a transaction that fails halfway', () => {
  it('audited() with a function that updates a booking and then throws leaves neither the change nor its audit rows', () => {
    const c = makeCustomer(core, { name: 'Ann Bell', address: '1 First St' });
    const b = makeBooking(core, c.id);
    const before = tableCounts(core);
    const bookingBefore = rowOf(core, 'bookings', b.id);
    const staff = core.users.staff;
    expect(() =>
      audited(core.db.sqlite, staff, () => {
        core.db.sqlite.prepare('UPDATE bookings SET address = ?, price_cents = ? WHERE id = ?').run('99 Elsewhere', 1, b.id);
        // The triggers have written their rows by now, inside the transaction.
        expect(core.db.sqlite.prepare('SELECT count(*) FROM audit_log WHERE booking_id = ? AND field IN (?, ?)').pluck().get(b.id, 'address', 'price')).toBe(2);
        throw new Error('the power went out');
      }),
    ).toThrow('the power went out');
    expect(rowOf(core, 'bookings', b.id)).toEqual(bookingBefore);
    expect(tableCounts(core)).toEqual(before);
    expect(sessionActorRows()).toBe(0);
    expect(verifyChain(core.db.sqlite)).toMatchObject({ ok: true, unsealedTail: 0 });
    // The full-text index was rolled back too: the address that never was cannot be found.
    expect(core.as('staff')('history.search', { text: 'Elsewhere' }).rows).toEqual([]);
    // And the next action works and is attributed normally.
    const next = written(core, () => core.as('staff')('bookings.update', { id: b.id, address: '2 Second St' })).rows;
    expect(next.map((r) => [r.field, r.old_value, r.new_value, r.actor_id, r.origin])).toEqual([['address', '1 First St', '2 Second St', staff.id, 'app']]);
  });

  it('an edit with valid fields plus an invalid custom field value is refused before anything is written', () => {
    const def = core.as('administrator')('customFields.define', { entity: 'booking', label: 'Boiler age', type: 'number' });
    const c = makeCustomer(core, { name: 'Ben Cole' });
    const b = makeBooking(core, c.id);
    const before = tableCounts(core);
    const bookingBefore = rowOf(core, 'bookings', b.id);
    const r = core.raw('staff', 'bookings.update', {
      id: b.id,
      address: '5 New Road',
      priceCents: 99,
      customFields: { [String(def.id)]: 'twelve' },
    });
    expect(r).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Boiler age must be a number.', field: `customFields.${def.id}` } });
    expect(rowOf(core, 'bookings', b.id)).toEqual(bookingBefore);
    expect(tableCounts(core)).toEqual(before);
    expect(verifyChain(core.db.sqlite).ok).toBe(true);
  });

  it('when the custom field write fails after the booking was updated, the booking and the audit log are as before', () => {
    const def = core.as('administrator')('customFields.define', { entity: 'booking', label: 'Key safe', type: 'text' });
    const c = makeCustomer(core, { name: 'Cleo Dunn' });
    const b = makeBooking(core, c.id);
    const before = tableCounts(core);
    const bookingBefore = rowOf(core, 'bookings', b.id);
    // Only this connection sees the temporary trigger: the second table's write fails after the first succeeded.
    core.db.sqlite.exec(`CREATE TEMP TRIGGER fail_custom_value BEFORE INSERT ON main.custom_field_values
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const r = core.raw('staff', 'bookings.update', {
      id: b.id,
      address: '7 Moved Lane',
      scheduledStart: '2026-03-02T08:00:00Z',
      customFields: { [String(def.id)]: '4411' },
      reason: { code: 'office' },
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('internal');
    expect(!r.ok && r.error.message).toMatch(/nothing was saved/);
    expect(rowOf(core, 'bookings', b.id)).toEqual(bookingBefore);
    expect(tableCounts(core)).toEqual(before);
    expect(sessionActorRows()).toBe(0);
    expect(verifyChain(core.db.sqlite)).toMatchObject({ ok: true, unsealedTail: 0 });
    expect(core.as('staff')('history.booking', { bookingId: b.id, text: 'Moved' }).rows).toEqual([]);
  });

  it('when marking the invoice paid fails, the payment approval is undone with its audit row', () => {
    const c = makeCustomer(core, { name: 'Dora Ames' });
    const b = makeBooking(core, c.id);
    const inv = core.as('staff')('invoices.create', { bookingId: b.id });
    core.as('staff')('invoices.send', { id: inv.id });
    const p = core.as('staff')('payments.add', { invoiceId: inv.id, amountCents: 12500, method: 'check' });
    const before = tableCounts(core);
    core.db.sqlite.exec(`CREATE TEMP TRIGGER fail_invoice_update BEFORE UPDATE ON main.invoices
      BEGIN SELECT RAISE(ABORT, 'invoice table locked by a test'); END`);
    const r = core.raw('manager', 'payments.approve', { id: p.id });
    expect(!r.ok && r.error.code).toBe('internal');
    expect(rowOf(core, 'payments', p.id).status).toBe('pending');
    expect(rowOf(core, 'invoices', inv.id).status).toBe('sent');
    expect(tableCounts(core)).toEqual(before);
    expect(verifyChain(core.db.sqlite).ok).toBe(true);
    core.db.sqlite.exec('DROP TRIGGER temp.fail_invoice_update');
    const ok = written(core, () => core.as('manager')('payments.approve', { id: p.id })).rows;
    expect(ok.map((x) => x.event)).toEqual(['payment approved', 'invoice paid']);
  });

  it('audited() refuses to nest, and the outer change is then rolled back whole', () => {
    const c = makeCustomer(core, { name: 'Eve Fox', address: '3 Third St' });
    const before = tableCounts(core);
    const actor = core.users.staff;
    expect(() =>
      audited(core.db.sqlite, actor, () => {
        core.db.sqlite.prepare('UPDATE customers SET address = ? WHERE id = ?').run('4 Fourth St', c.id);
        audited(core.db.sqlite, actor, () => 1);
      }),
    ).toThrow(/does not nest/);
    expect(rowOf(core, 'customers', c.id).address).toBe('3 Third St');
    expect(tableCounts(core)).toEqual(before);
  });
});
