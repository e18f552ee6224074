// Money that adds up, one rule at a time, through the contract as each role calls
// it: the balance a payment starts at, an overpayment that must be confirmed and
// is then said in the History, rejecting a pending payment and voiding an invoice
// with their reasons, refunds no larger than what was paid, an invoice billed for
// a part or a fee, and event names that say what happened.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiName, Result } from '../../electron/api/contract';
import type { Role } from '../../db/schema';
import { checkIntegrity } from '../../db/integrity';
import { makeCore, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer, tableCounts, written } from '../helpers/audit';

let core: TestCore;
beforeAll(() => {
  core = makeCore();
});
afterAll(() => core.dispose());

/** A sent $110.00 invoice on a new booking. */
function sentInvoice(priceCents = 11000) {
  const b = makeBooking(core, makeCustomer(core).id, { priceCents });
  const inv = core.as('staff')('invoices.create', { bookingId: b.id });
  core.as('staff')('invoices.send', { id: inv.id });
  return { booking: b, invoice: inv };
}
const invoiceNow = (bookingId: number, id: number) =>
  core
    .as('staff')('invoices.list', { bookingId })
    .find((i) => i.id === id)!;

/** The refusal a call gets, checking that it wrote nothing. */
function refused(role: Role, name: ApiName, input: unknown) {
  const before = tableCounts(core);
  const r = core.rawUnchecked(role, name, input) as Result<unknown>;
  expect(tableCounts(core)).toEqual(before);
  if (r.ok) throw new Error(`${name} was not refused`);
  return r.error;
}

describe('the balance due', () => {
  it('is the amount less approved and pending payments, given with every invoice; rejected and refunded ones do not count', () => {
    const { booking, invoice } = sentInvoice();
    expect(invoiceNow(booking.id, invoice.id)).toMatchObject({ amountCents: 11000, paidCents: 0, pendingCents: 0, balanceCents: 11000, state: 'sent' });
    const a = core.as('staff')('payments.add', { invoiceId: invoice.id, amountCents: 4000, method: 'cash' });
    const b = core.as('staff')('payments.add', { invoiceId: invoice.id, amountCents: 3000, method: 'card' });
    expect(invoiceNow(booking.id, invoice.id)).toMatchObject({ paidCents: 0, pendingCents: 7000, balanceCents: 4000, state: 'sent' });
    core.as('manager')('payments.approve', { id: a.id });
    expect(invoiceNow(booking.id, invoice.id)).toMatchObject({ paidCents: 4000, pendingCents: 3000, balanceCents: 4000, state: 'part_paid', status: 'sent' });
    core.as('manager')('payments.reject', { id: b.id, reason: { code: 'entered_in_error' } });
    expect(invoiceNow(booking.id, invoice.id)).toMatchObject({ paidCents: 4000, pendingCents: 0, balanceCents: 7000 });
    core.as('manager')('payments.refund', { id: a.id });
    expect(invoiceNow(booking.id, invoice.id)).toMatchObject({ paidCents: 0, pendingCents: 0, balanceCents: 11000, state: 'sent' });
  });
});

describe('an overpayment', () => {
  it('three $110 payments on a $110 invoice: the second is refused, naming the balance, until it is confirmed as an overpayment', () => {
    const { booking, invoice } = sentInvoice();
    core.as('staff')('payments.add', { invoiceId: invoice.id, amountCents: 11000, method: 'card' });
    const e = refused('staff', 'payments.add', { invoiceId: invoice.id, amountCents: 11000, method: 'card' });
    expect(e).toMatchObject({ code: 'conflict', field: 'overpayment' });
    expect(e.message).toContain(`$110.00 is more than the balance due on ${invoice.number}, $0.00 (invoice $110.00, approved $0.00, pending $110.00)`);

    const { value: p, rows } = written(core, () =>
      core.as('staff')('payments.add', { invoiceId: invoice.id, amountCents: 11000, method: 'card', overpayment: true }),
    );
    expect(p.overpayment).toBe(true);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ entity: 'payment', entity_id: p.id, event: 'payment logged (card, overpayment)', field: '*' });
    expect(JSON.parse(rows[0].new_value!)).toMatchObject({ amount: '11000', method: 'card', status: 'pending', overpayment: 'yes', invoice: invoice.number });
    expect(invoiceNow(booking.id, invoice.id).balanceCents).toBe(-11000);
    expect(refused('staff', 'payments.add', { invoiceId: invoice.id, amountCents: 11000, method: 'cash' }).field).toBe('overpayment');
  });

  it('a payment within the balance is logged as such, whatever overpayment says, and is "payment logged", not "received"', () => {
    const { invoice } = sentInvoice();
    const { value: p, rows } = written(core, () =>
      core.as('staff')('payments.add', { invoiceId: invoice.id, amountCents: 5000, method: 'bank_transfer', overpayment: true }),
    );
    expect(p.overpayment).toBe(false);
    expect(rows.map((r) => r.event)).toEqual(['payment logged (bank transfer)']);
    expect(JSON.parse(rows[0].new_value!).overpayment).toBe('no');
  });

  it('approved beyond the amount, the invoice reads overpaid and stays paid', () => {
    const { booking, invoice } = sentInvoice(5000);
    const a = core.as('staff')('payments.add', { invoiceId: invoice.id, amountCents: 5000, method: 'cash' });
    const b = core.as('staff')('payments.add', { invoiceId: invoice.id, amountCents: 2000, method: 'cash', overpayment: true });
    core.as('manager')('payments.approve', { id: a.id });
    core.as('manager')('payments.approve', { id: b.id });
    expect(invoiceNow(booking.id, invoice.id)).toMatchObject({ status: 'paid', state: 'overpaid', paidCents: 7000, balanceCents: -2000 });
  });
});

describe('rejecting a pending payment', () => {
  it('is for managers, needs a reason, and writes "payment rejected" with the reason in its row', () => {
    const { invoice } = sentInvoice();
    const p = core.as('staff')('payments.add', { invoiceId: invoice.id, amountCents: 11000, method: 'check' });
    expect(refused('staff', 'payments.reject', { id: p.id, reason: { code: 'duplicate' } }).code).toBe('forbidden');
    expect(refused('manager', 'payments.reject', { id: p.id })).toMatchObject({ code: 'invalid_input', field: 'reason' });
    expect(refused('manager', 'payments.reject', { id: p.id, reason: { code: 'bounced' } })).toMatchObject({ code: 'invalid_input', field: 'reason.code' });
    expect(refused('manager', 'payments.reject', { id: p.id, reason: { code: 'other' } })).toMatchObject({ code: 'invalid_input', field: 'reason.note' });
    const { value, rows } = written(core, () => core.as('manager')('payments.reject', { id: p.id, reason: { code: 'other', note: 'cheque bounced' } }));
    expect(value.status).toBe('rejected');
    expect(rows.map((r) => [r.entity, r.field, r.old_value, r.new_value, r.event, r.actor_name])).toEqual([
      ['payment', 'status', 'pending', 'rejected', 'payment rejected', core.users.manager.name],
    ]);
    expect(core.db.sqlite.prepare('SELECT reason FROM audit_log WHERE id = ?').pluck().get(rows[0].id)).toBe('Other: cheque bounced');
  });

  it('refuses a payment that is not pending: an approved one is refunded, not rejected', () => {
    const { invoice } = sentInvoice();
    const p = core.as('staff')('payments.add', { invoiceId: invoice.id, amountCents: 11000, method: 'cash' });
    core.as('manager')('payments.approve', { id: p.id });
    const e = refused('manager', 'payments.reject', { id: p.id, reason: { code: 'duplicate' } });
    expect(e).toMatchObject({ code: 'conflict', message: `Payment ${p.id} is approved; only a pending payment can be rejected.` });
  });
});

describe('refunds', () => {
  it('give back an approved payment once, as "payment refunded", reopening a paid invoice; never a pending or refunded one', () => {
    const { booking, invoice } = sentInvoice();
    const p = core.as('staff')('payments.add', { invoiceId: invoice.id, amountCents: 11000, method: 'card' });
    expect(refused('manager', 'payments.refund', { id: p.id }).message).toBe(`Payment ${p.id} is pending; only a approved payment can be refunded.`);
    core.as('manager')('payments.approve', { id: p.id });
    expect(refused('staff', 'payments.refund', { id: p.id }).code).toBe('forbidden');
    const { rows } = written(core, () => core.as('manager')('payments.refund', { id: p.id }));
    expect(rows.map((r) => [r.entity, r.event])).toEqual([
      ['payment', 'payment refunded'],
      ['invoice', 'invoice reopened'],
    ]);
    expect(refused('manager', 'payments.refund', { id: p.id }).code).toBe('conflict');
    expect(invoiceNow(booking.id, invoice.id)).toMatchObject({ status: 'sent', paidCents: 0 });
  });
});

describe('voiding an invoice', () => {
  it('a draft, by a manager with a reason: "invoice voided" carries it, and a void invoice takes no payment', () => {
    const b = makeBooking(core, makeCustomer(core).id);
    const inv = core.as('staff')('invoices.create', { bookingId: b.id });
    expect(refused('staff', 'invoices.void', { id: inv.id, reason: { code: 'duplicate' } }).code).toBe('forbidden');
    expect(refused('manager', 'invoices.void', { id: inv.id })).toMatchObject({ code: 'invalid_input', field: 'reason' });
    const { value, rows } = written(core, () => core.as('manager')('invoices.void', { id: inv.id, reason: { code: 'entered_in_error' } }));
    expect(value).toMatchObject({ status: 'void', state: 'void' });
    expect(rows.map((r) => [r.field, r.old_value, r.new_value, r.event])).toEqual([['status', 'draft', 'void', 'invoice voided']]);
    expect(core.db.sqlite.prepare('SELECT reason FROM audit_log WHERE id = ?').pluck().get(rows[0].id)).toBe('Entered in error');
    expect(refused('manager', 'invoices.void', { id: inv.id, reason: { code: 'duplicate' } }).message).toBe(`Invoice ${inv.number} is already void.`);
    expect(refused('manager', 'invoices.send', { id: inv.id }).code).toBe('conflict');
    expect(refused('staff', 'payments.add', { invoiceId: inv.id, amountCents: 100, method: 'cash' })).toMatchObject({
      code: 'conflict',
      field: 'invoiceId',
      message: `Invoice ${inv.number} is void; it cannot take payments.`,
    });
    // Void, it no longer bills the price: the booking can be invoiced again.
    expect(core.as('staff')('invoices.create', { bookingId: b.id }).amountCents).toBe(12500);
  });

  it('a sent one only while no money is logged against it', () => {
    const { booking, invoice } = sentInvoice();
    const p = core.as('staff')('payments.add', { invoiceId: invoice.id, amountCents: 1000, method: 'cash' });
    expect(refused('manager', 'invoices.void', { id: invoice.id, reason: { code: 'duplicate' } }).message).toBe(
      `Invoice ${invoice.number} has $0.00 approved and $10.00 pending; reject or refund those payments before voiding it.`,
    );
    core.as('manager')('payments.reject', { id: p.id, reason: { code: 'duplicate' } });
    expect(core.as('manager')('invoices.void', { id: invoice.id, reason: { code: 'duplicate' } }).status).toBe('void');
    expect(invoiceNow(booking.id, invoice.id).state).toBe('void');
  });
});

describe('what an invoice bills', () => {
  it('the full price by default, with the service as its line and purpose in the created row', () => {
    const b = makeBooking(core, makeCustomer(core).id, { service: 'Furnace repair', priceCents: 660000 });
    const { value, rows } = written(core, () => core.as('staff')('invoices.create', { bookingId: b.id }));
    expect(value).toMatchObject({ amountCents: 660000, purpose: 'full', line: 'Furnace repair', status: 'draft', balanceCents: 660000 });
    expect(rows.map((r) => r.event)).toEqual(['invoice created']);
    expect(JSON.parse(rows[0].new_value!)).toEqual({ number: value.number, amount: '660000', status: 'draft', purpose: 'full', line: 'Furnace repair' });
  });

  it('on a no-show, nothing by default: the caller chooses, and a no-show fee bills its own amount and line', () => {
    const b = makeBooking(core, makeCustomer(core).id, { service: 'Furnace repair', priceCents: 660000 });
    if (b.status !== 'scheduled') core.as('staff')('bookings.setStatus', { id: b.id, status: 'scheduled' });
    core.as('staff')('bookings.setStatus', { id: b.id, status: 'no_show' });
    expect(refused('staff', 'invoices.create', { bookingId: b.id })).toMatchObject({ code: 'invalid_input', field: 'purpose' });
    expect(refused('staff', 'invoices.create', { bookingId: b.id, purpose: 'no_show_fee' })).toMatchObject({
      code: 'invalid_input',
      field: 'amountCents',
      message: 'A no show fee invoice needs its amount.',
    });
    const { value, rows } = written(core, () =>
      core.as('staff')('invoices.create', {
        bookingId: b.id,
        purpose: 'no_show_fee',
        amountCents: 7500,
        line: 'No-show fee: missed visit of 2 March',
      }),
    );
    expect(value).toMatchObject({ amountCents: 7500, purpose: 'no_show_fee', line: 'No-show fee: missed visit of 2 March' });
    expect(JSON.parse(rows[0].new_value!)).toMatchObject({ amount: '7500', purpose: 'no_show_fee', line: 'No-show fee: missed visit of 2 March' });
  });

  it("parts of the price add up to it at most, and the full price is the booking's price", () => {
    const b = makeBooking(core, makeCustomer(core).id, { priceCents: 10000 });
    expect(refused('staff', 'invoices.create', { bookingId: b.id, purpose: 'full', amountCents: 9000 })).toMatchObject({
      code: 'invalid_input',
      field: 'amountCents',
    });
    const first = core.as('staff')('invoices.create', { bookingId: b.id, purpose: 'part', amountCents: 6000 });
    expect(first.line).toBe('Part of Boiler service');
    const e = refused('staff', 'invoices.create', { bookingId: b.id, purpose: 'part', amountCents: 5000 });
    expect(e).toMatchObject({ code: 'conflict', field: 'amountCents' });
    expect(e.message).toContain('costs $100.00 and $60.00 of it is already invoiced');
    expect(refused('staff', 'invoices.create', { bookingId: b.id }).field).toBe('amountCents');
    core.as('staff')('invoices.create', { bookingId: b.id, purpose: 'part', amountCents: 4000 });
    // A fee is billed beside the price.
    expect(core.as('staff')('invoices.create', { bookingId: b.id, purpose: 'late_change_fee', amountCents: 2500 }).line).toBe(
      'Late-change fee: Boiler service',
    );
  });

  it('a cancelled booking takes a fee, not its price', () => {
    const b = makeBooking(core, makeCustomer(core).id);
    core.as('staff')('bookings.cancel', { id: b.id, reason: { code: 'customer_cancelled' } });
    expect(refused('staff', 'invoices.create', { bookingId: b.id, purpose: 'full' })).toMatchObject({ code: 'conflict', field: 'purpose' });
    expect(core.as('staff')('invoices.create', { bookingId: b.id, purpose: 'late_change_fee', amountCents: 3000 }).amountCents).toBe(3000);
  });

  it('refuses an unknown purpose and a zero amount, naming the field', () => {
    const b = makeBooking(core, makeCustomer(core).id);
    expect(refused('staff', 'invoices.create', { bookingId: b.id, purpose: 'tip' })).toMatchObject({ code: 'invalid_input', field: 'purpose' });
    expect(refused('staff', 'invoices.create', { bookingId: b.id, purpose: 'part', amountCents: 0 })).toMatchObject({
      code: 'invalid_input',
      field: 'amountCents',
    });
  });
});

describe('who does what', () => {
  it('staff log payments; managers approve, reject, refund and void; a fieldworker does none of it', () => {
    const { invoice } = sentInvoice();
    expect(refused('fieldworker', 'payments.add', { invoiceId: invoice.id, amountCents: 100, method: 'cash' }).code).toBe('forbidden');
    const p = core.as('staff')('payments.add', { invoiceId: invoice.id, amountCents: 100, method: 'cash' });
    expect(refused('staff', 'payments.approve', { id: p.id }).code).toBe('forbidden');
    expect(core.as('manager')('payments.approve', { id: p.id }).status).toBe('approved');
    expect(refused('fieldworker', 'invoices.create', { bookingId: invoice.bookingId }).code).toBe('forbidden');
  });
});

describe('the records check', () => {
  it('finds every invoice and payment above explained by its History', () => {
    const r = checkIntegrity(core.db.sqlite);
    expect(r.state.filter((p) => p.entity === 'invoice' || p.entity === 'payment')).toEqual([]);
  });
});
