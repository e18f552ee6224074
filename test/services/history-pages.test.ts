// The History grid reads pages oldest-first as well as newest-first, learns on
// the first page how many rows and events match, and names invoices, payments and
// quotes by number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_CAP, HISTORY_ROW_KEYS, TOTAL_CAP, iterateHistory } from '../../electron/services/history';
import { countEvents } from '../../renderer/history/readable';
import type { ApiInput, ApiOutput } from '../../electron/api/contract';
import { makeCore, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer } from '../helpers/audit';

type Page = ApiOutput<'history.booking'>;

let core: TestCore;
let booking: { id: number };
beforeAll(() => {
  core = makeCore();
  const c = makeCustomer(core, { name: 'Ida Pages' });
  booking = makeBooking(core, c.id, { fieldworkerId: core.users.fieldworker.id });
  for (let i = 0; i < 12; i++) core.as('staff')('bookings.update', { id: booking.id, priceCents: 1000 + i });
  const inv = core.as('staff')('invoices.create', { bookingId: booking.id });
  core.as('staff')('invoices.send', { id: inv.id });
  core.as('staff')('payments.add', { invoiceId: inv.id, amountCents: 500, method: 'card' });
  core.as('staff')('quotes.create', { customerId: c.id, title: 'New boiler', amountCents: 90000 });
});
afterAll(() => core.dispose());

const ids = (rows: { id: number }[]) => rows.map((r) => r.id);
const page = (input: Omit<ApiInput<'history.booking'>, 'bookingId'>) => core.as('staff')('history.booking', { bookingId: booking.id, ...input });
/** Where the page after this one starts: a test that asks expects there to be one. */
function nextBefore(p: Page): number {
  if (p.nextBefore === null) throw new Error('this is the last page');
  return p.nextBefore;
}

describe('History pages', () => {
  it('pages oldest first with after/nextAfter, the exact reverse of newest first', () => {
    const newest = page({ limit: 1000 }).rows;
    const collected: number[] = [];
    let after: number | undefined;
    for (let guard = 0; guard < 50; guard++) {
      const p = page({ order: 'oldest', limit: 4, ...(after ? { after } : {}) });
      expect(p.nextBefore).toBeNull();
      collected.push(...ids(p.rows));
      if (p.nextAfter === null) break;
      after = p.nextAfter;
    }
    expect(collected).toEqual(ids(newest).reverse());
  });

  it("a page's rows hold each column's value under its own name, as an export reads them", () => {
    const staff = core.as('staff');
    // Ids kept apart, so that a booking's, its customer's and its invoice's are not the same number.
    const others = ['Ivo One', 'Ivo Two', 'Ivo Three'].map((name) => makeCustomer(core, { name }));
    makeBooking(core, others[0].id);
    const b = makeBooking(core, makeCustomer(core, { name: 'Ivo Columns' }).id);
    staff('bookings.update', { id: b.id, fieldworkerId: core.users.fieldworker.id });
    staff('bookings.update', { id: b.id, scheduledStart: '2026-03-02T10:00:00Z', reason: { code: 'customer' } });
    core.as('manager')('bookings.update', { id: b.id, priceCents: 9900 });
    staff('invoices.create', { bookingId: b.id });
    const shown = core.as('staff')('history.booking', { bookingId: b.id, order: 'oldest', limit: 1000 }).rows;
    const exported = [...iterateHistory(core.db, { bookingId: b.id })];
    expect(shown.map(({ booking: _booking, payment: _payment, recordName: _name, ...row }) => row)).toEqual(exported);
    // Two columns read into each other's names would still agree on a row where they hold the same value: each pair differs somewhere here.
    const alike = HISTORY_ROW_KEYS.flatMap((a) => HISTORY_ROW_KEYS.filter((b) => a < b && exported.every((r) => r[a] === r[b])).map((b) => `${a} ${b}`));
    expect(alike).toEqual([]);
  });

  it('the first page says how many rows match; later pages do not count again', () => {
    const all = page({ limit: 1000 }).rows;
    const first = page({ limit: 3 });
    expect(first.total).toEqual({ count: all.length, atLeast: false, events: countEvents(all) });
    expect(page({ limit: 3, before: nextBefore(first) }).total).toBeNull();
    expect(page({ limit: 3, text: 'nothing-like-this' }).total).toEqual({ count: 0, atLeast: false, events: 0 });
    expect(page({ limit: 3, event: 'price changed' }).total).toEqual({ count: 12, atLeast: false, events: 12 });
  });

  it('names invoices by number, payments by number, amount, method and invoice, and quotes by number and title', () => {
    const rows = page({ limit: 1000 }).rows;
    const number = (core.db.sqlite.prepare('SELECT number FROM invoices').get() as { number: string }).number;
    const paymentId = core.db.sqlite.prepare('SELECT id FROM payments').pluck().get() as number;
    expect(rows.find((r) => r.entity === 'invoice')?.recordName).toBe(number);
    expect(rows.find((r) => r.entity === 'payment')).toMatchObject({
      recordName: null,
      payment: { id: paymentId, amountCents: 500, method: 'card', invoice: number },
    });
    const customerRows = core.as('staff')('history.customer', {
      customerId: rows[0] ? (core.db.sqlite.prepare('SELECT customer_id AS c FROM bookings WHERE id = ?').get(booking.id) as { c: number }).c : 0,
      limit: 1000,
    }).rows;
    expect(customerRows.find((r) => r.entity === 'quote')?.recordName).toMatch(/^Q-\d+ New boiler$/);
    expect(customerRows.filter((r) => r.entity === 'booking').every((r) => r.recordName === null)).toBe(true);
  });

  it('counts the events among the rows up to a cap of its own, and past it the rows alone', () => {
    expect(EVENTS_CAP).toBe(2_000);
    const c = makeCustomer(core, { name: 'Many Events' });
    const b = makeBooking(core, c.id);
    const update = core.db.sqlite.prepare('UPDATE bookings SET price_cents = ? WHERE id = ?');
    core.db.sqlite.transaction(() => {
      for (let i = 1; i < EVENTS_CAP; i++) update.run(i, b.id);
    })();
    // The created row and EVENTS_CAP - 1 price changes: exactly at the cap, every row an event of its own.
    expect(core.as('staff')('history.booking', { bookingId: b.id, limit: 10 }).total).toEqual({ count: EVENTS_CAP, atLeast: false, events: EVENTS_CAP });
    update.run(EVENTS_CAP, b.id);
    expect(core.as('staff')('history.booking', { bookingId: b.id, limit: 10 }).total).toEqual({ count: EVENTS_CAP + 1, atLeast: false, events: null });
  });

  it('counts up to a cap, and says "at least" beyond it', () => {
    expect(TOTAL_CAP).toBe(10_000);
    const c = makeCustomer(core, { name: 'Many Rows' });
    const b = makeBooking(core, c.id);
    const update = core.db.sqlite.prepare('UPDATE bookings SET price_cents = ? WHERE id = ?');
    // Straight SQL (recorded as outside JobTrail) is the quick way to more rows than the cap.
    core.db.sqlite.transaction(() => {
      for (let i = 1; i <= TOTAL_CAP + 5; i++) update.run(i, b.id);
    })();
    const p = core.as('staff')('history.booking', { bookingId: b.id, limit: 10 });
    expect(p.total).toEqual({ count: TOTAL_CAP, atLeast: true, events: null });
    // Words alone, the last one still being typed: the same cap, the newest rows first.
    const found = core.as('staff')('history.search', { text: 'Many Rows', limit: 10 });
    expect(found.total).toEqual({ count: TOTAL_CAP, atLeast: true, events: null });
    expect(ids(found.rows)).toEqual(core.db.sqlite.prepare('SELECT id FROM audit_log WHERE booking_id = ? ORDER BY id DESC LIMIT 10').pluck().all(b.id));
  });

  it('a search by words alone finds its page and its count in one walk, newest or oldest first', () => {
    const c = makeCustomer(core, { name: 'Quilla Wordsworth' });
    const b = makeBooking(core, c.id);
    for (let i = 0; i < 25; i++) core.as('staff')('bookings.update', { id: b.id, priceCents: 2000 + i });
    const search = (input: Omit<ApiInput<'history.search'>, 'text'>) => core.as('staff')('history.search', { text: 'Wordswo', ...input });
    const all = search({ limit: 1000 }).rows;
    expect(all.length).toBeGreaterThan(25);
    for (const order of ['newest', 'oldest'] as const) {
      const first = search({ limit: 10, order });
      expect(ids(first.rows)).toEqual(ids(order === 'newest' ? all : [...all].reverse()).slice(0, 10));
      expect(first.total).toEqual({ count: all.length, atLeast: false, events: countEvents(all) });
    }
  });
});

describe('changes made outside JobTrail', () => {
  it('the "outside" filter finds exactly the rows no JobTrail user wrote', () => {
    const c = makeCustomer(core, { name: 'Tool Edited' });
    core.as('staff')('customers.update', { id: c.id, email: 'tool@example.com' });
    core.db.sqlite.prepare("UPDATE customers SET phone = '555-0199' WHERE id = ?").run(c.id);
    const mine = core.as('staff')('history.customer', { customerId: c.id, outside: true });
    expect(mine.rows.map((r) => [r.actorId, r.actorName, r.newValue])).toEqual([[null, '(outside JobTrail)', '555-0199']]);
    const everyone = core.as('staff')('history.search', { outside: true, limit: 1000 });
    const expected = (core.db.sqlite.prepare('SELECT count(*) AS n FROM audit_log WHERE actor_id IS NULL').get() as { n: number }).n;
    // Each row written outside JobTrail is an event of its own: it has no action to share.
    expect(everyone.total).toEqual({ count: Math.min(expected, TOTAL_CAP), atLeast: expected > TOTAL_CAP, events: expected > EVENTS_CAP ? null : expected });
    expect(everyone.rows.every((r) => r.actorId === null)).toBe(true);
  });
});

describe('the Audit log narrowed to one person and a period', () => {
  const search = (input: ApiInput<'history.search'>) => core.as('staff')('history.search', { limit: 1000, ...input });
  const sqlIds = (where: string, ...params: unknown[]) =>
    core.db.sqlite
      .prepare(`SELECT id FROM audit_log WHERE ${where} ORDER BY id DESC`)
      .pluck()
      .all(...params) as number[];

  it('finds exactly the rows of that person in that period, with and without a kind, in pages that fit together', () => {
    const staff = core.users.staff.id;
    const [from, to] = ['2000-01-01T00:00:00.000Z', new Date(Date.now() + 864e5).toISOString()];
    const everything = sqlIds('actor_id = ? AND at >= ? AND at < ?', staff, from, to);
    expect(everything.length).toBeGreaterThan(10);
    expect(ids(search({ actorId: staff, from, to }).rows)).toEqual(everything);
    expect(search({ actorId: staff, from, to }).total).toEqual({
      count: everything.length,
      atLeast: false,
      events: countEvents(search({ actorId: staff, from, to }).rows),
    });
    expect(ids(search({ actorId: staff, from, to, category: 'financial' }).rows)).toEqual(
      sqlIds("actor_id = ? AND at >= ? AND at < ? AND category = 'financial'", staff, from, to),
    );
    const first = search({ actorId: staff, from, limit: 5 });
    const second = search({ actorId: staff, from, limit: 1000, before: nextBefore(first) });
    expect([...ids(first.rows), ...ids(second.rows)]).toEqual(everything);
  });
});
