// History rows name their record exactly, as an office reads them in a dispute:
// two bookings of one customer apart (number, service, day, customer), one of three
// payments on one invoice (number, amount, method, invoice), the reason a change
// was made beside it, and counts that count what happened, not fields written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiInput, ApiOutput } from '../../electron/api/contract';
import { activityFigures } from '../../electron/reports/activity';
import { countEvents, eventText, fieldText, NO_FACTS, recordCellText, recordFullText } from '../../renderer/history/readable';
import { makeCore, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer } from '../helpers/audit';

type Row = ApiOutput<'history.booking'>['rows'][number];

let core: TestCore;
let customer: { id: number };
let first: { id: number };
let second: { id: number };
let invoice: { id: number; number: string };
const payments: { id: number }[] = [];

const day = new Intl.DateTimeFormat(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });
const dayOf = (iso: string) => day.format(new Date(iso));

beforeAll(() => {
  core = makeCore();
  customer = makeCustomer(core, { name: 'John King' });
  first = makeBooking(core, customer.id, {
    service: 'Furnace repair',
    scheduledStart: '2026-12-15T15:00:00Z',
    scheduledEnd: '2026-12-15T17:00:00Z',
    priceCents: 33_000,
  });
  second = makeBooking(core, customer.id, { service: 'Furnace repair', scheduledStart: '2026-12-22T15:00:00Z', scheduledEnd: '2026-12-22T17:00:00Z' });
  invoice = core.as('staff')('invoices.create', { bookingId: first.id });
  core.as('staff')('invoices.send', { id: invoice.id });
  payments.push(core.as('staff')('payments.add', { invoiceId: invoice.id, amountCents: 11_000, method: 'cash' }));
  payments.push(core.as('staff')('payments.add', { invoiceId: invoice.id, amountCents: 11_000, method: 'card' }));
  payments.push(core.as('staff')('payments.add', { invoiceId: invoice.id, amountCents: 11_000, method: 'bank_transfer' }));
  core.as('manager')('payments.approve', { id: payments[0].id });
  // Four moves of the second booking, each writing its start and its end.
  for (const [d, code] of [
    [16, 'customer'],
    [17, 'office'],
    [18, 'customer'],
    [19, 'fieldworker'],
  ] as const) {
    core.as('staff')('bookings.reschedule', {
      id: second.id,
      scheduledStart: `2027-01-${d}T15:00:00Z`,
      scheduledEnd: `2027-01-${d}T17:00:00Z`,
      reason: { code, note: code === 'customer' ? 'running late at work' : null },
    });
  }
});
afterAll(() => core.dispose());

const bookingHistory = (id: number, more: Partial<ApiInput<'history.booking'>> = {}) =>
  core.as('staff')('history.booking', { bookingId: id, limit: 1000, ...more });
const customerHistory = (more: Partial<ApiInput<'history.customer'>> = {}) =>
  core.as('staff')('history.customer', { customerId: customer.id, limit: 1000, ...more });

describe('the record a History row is about', () => {
  it('tells two bookings of one customer apart: number, service, day (as the booking is now) and customer', () => {
    const rows = customerHistory().rows;
    const named = (id: number) => new Set(rows.filter((r) => r.bookingId === id).map((r) => recordCellText(r, r)));
    expect([...named(first.id)]).toEqual([`Booking #${first.id} · Furnace repair · ${dayOf('2026-12-15T15:00:00Z')} · John King`]);
    // Named as it is now: the day it was last moved to, on every row, its created row included.
    expect([...named(second.id)]).toEqual([`Booking #${second.id} · Furnace repair · ${dayOf('2027-01-19T15:00:00Z')} · John King`]);
    // What the row itself recorded stays as it was written.
    expect(rows.filter((r) => r.bookingId === second.id).every((r) => r.label === 'Furnace repair · John King')).toBe(true);
  });

  it('says which of three payments on one invoice a row is about: number, amount, method and invoice', () => {
    const rows = bookingHistory(first.id).rows.filter((r) => r.entity === 'payment');
    const names = new Set(rows.map((r) => fieldText(r, r).split(':')[0]));
    expect([...names].sort()).toEqual(
      [
        `Payment #${payments[0].id} · $110.00 cash · ${invoice.number}`,
        `Payment #${payments[1].id} · $110.00 card · ${invoice.number}`,
        `Payment #${payments[2].id} · $110.00 bank transfer · ${invoice.number}`,
      ].sort(),
    );
    const approved = rows.find((r) => r.event === 'payment approved')!;
    expect(fieldText(approved, approved)).toBe(`Payment #${payments[0].id} · $110.00 cash · ${invoice.number}: Status`);
    expect(recordFullText(approved, approved)).toBe(
      `Payment #${payments[0].id} · $110.00 cash · ${invoice.number} — ` +
        `Booking #${first.id} · Furnace repair · ${dayOf('2026-12-15T15:00:00Z')} · John King`,
    );
  });

  it('names an invoice by its number', () => {
    const sent = bookingHistory(first.id).rows.find((r) => r.entity === 'invoice' && r.field === 'status')!;
    expect(fieldText(sent, sent)).toBe(`${invoice.number}: Status`);
  });

  it('names a record that is gone by what the row kept: the booking by number and label, the payment by number', () => {
    const gone = { entity: 'payment', entityId: 404, bookingId: 77, label: 'Leaf cleanup · Ann Lee', field: 'status' };
    expect(recordCellText(gone, NO_FACTS)).toBe('Booking #77 · Leaf cleanup · Ann Lee');
    expect(fieldText(gone, NO_FACTS)).toBe('Payment #404: Status');
  });

  it("names the office's settings and the database itself, which have no record of their own", () => {
    expect(recordCellText({ entity: 'setting', label: null, bookingId: null }, NO_FACTS)).toBe('Settings');
    expect(fieldText({ entity: 'setting', field: 'retention_days' }, NO_FACTS)).toBe('Retention days');
    expect(recordCellText({ entity: 'database', label: null, bookingId: null }, NO_FACTS)).toBe('The database');
  });

  it('looks the records up once for a page, however many rows name them', () => {
    const rows = bookingHistory(first.id).rows;
    expect(rows.length).toBeGreaterThan(5);
    expect(new Set(rows.map((r) => r.booking)).size).toBe(1); // one object for the booking, shared by its rows
  });
});

describe('events named for what happened', () => {
  it('a payment logged reads as logged, never as received, old rows too', () => {
    const logged = bookingHistory(first.id).rows.filter((r) => r.entity === 'payment' && r.field !== 'status');
    expect(logged.map((r) => eventText(r))).toEqual(['Payment logged (bank transfer)', 'Payment logged (card)', 'Payment logged (cash)']);
    // Rows written before payments were logged pending and approved apart said "received".
    expect(eventText({ event: 'payment received (card)' })).toBe('Payment logged (card)');
    expect(eventText({ event: 'payment approved' })).toBe('Payment approved');
  });
});

describe('a period report', () => {
  it('totals a payment logged under one name, whichever its row was stored under', () => {
    const rows = core.as('manager')('reports.period', { from: '2000-01-01T00:00:00Z', to: new Date(Date.now() + 60_000).toISOString() }).history;
    const logged = rows.find((r) => r.event === 'payment logged (card)')!;
    const old = { ...logged, id: logged.id + 100_000, action: null, event: logged.event.replace('logged', 'received') };
    const events = activityFigures([...rows, old], 'UTC').totalsByEvent.filter((t) => /^payment (logged|received) \(/.test(t.key));
    expect(events.map((t) => t.key).sort()).toEqual(['payment logged (bank transfer)', 'payment logged (card)', 'payment logged (cash)']);
    expect(events.find((t) => t.key === logged.event)?.count).toBe(2);
  });
});

describe('the reason recorded with a change', () => {
  it('comes with each row of the History, as said', () => {
    const moves = bookingHistory(second.id, { event: 'rescheduled' }).rows;
    expect(moves.map((r) => r.reason)).toEqual([
      'Asked by the fieldworker',
      'Asked by the fieldworker',
      'Asked by the customer: running late at work',
      'Asked by the customer: running late at work',
      'Asked by the office',
      'Asked by the office',
      'Asked by the customer: running late at work',
      'Asked by the customer: running late at work',
    ]);
    expect(bookingHistory(first.id).rows.every((r) => r.reason === null)).toBe(true);
  });

  it.each([
    ['the booking', () => bookingHistory(second.id, { text: 'running late' }).rows],
    ['the customer', () => customerHistory({ text: 'running late' }).rows],
    ['the Audit log', () => core.as('staff')('history.search', { text: 'running late', limit: 1000 }).rows],
  ] as [string, () => Row[]][])("is found by a search of %s's History", (_what, search) => {
    const found = search();
    expect(found).toHaveLength(4);
    expect(found.every((r) => r.reason === 'Asked by the customer: running late at work')).toBe(true);
  });
});

describe('counts count events', () => {
  it('four reschedules are four changes, not eight', () => {
    const moved = bookingHistory(second.id, { event: 'rescheduled', limit: 3 });
    expect(moved.total).toEqual({ count: 8, atLeast: false, events: 4 });
    const all = bookingHistory(second.id);
    expect(all.total).toEqual({ count: all.rows.length, atLeast: false, events: 1 + 4 }); // created, then four moves
    expect(countEvents(all.rows)).toBe(5);
  });

  it('a search counted past its first page reads the rows it counts', () => {
    const p = customerHistory({ text: 'running late', limit: 1 });
    expect(p.total).toEqual({ count: 4, atLeast: false, events: 2 });
    const whole = core.as('staff')('history.search', { text: 'Asked', limit: 2 });
    expect(whole.total).toEqual({ count: 8, atLeast: false, events: 4 });
  });
});
