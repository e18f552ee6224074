// Reading History: newest first, paged without gaps or repeats, searchable by
// what people remember (an old address, an old price, a name), and filterable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiInput, ApiOutput } from '../../electron/api/contract';
import { makeCore, USER_NAMES, type TestCore } from '../helpers/core';
import { ftsQuery } from '../../electron/services/history';
import { updateCustomer } from '../../electron/services/customers';
import { makeBooking, makeCustomer } from '../helpers/audit';

/** The entries that read History in pages: all three answer the same page. */
type HistoryRead = 'history.booking' | 'history.customer' | 'history.search';
type Page = ApiOutput<HistoryRead>;
type Row = Page['rows'][number];

let core: TestCore;
let customer: { id: number };
let booking: { id: number };
let other: { id: number };

/** Distinct milliseconds between actions, so date-range boundaries fall between rows. */
const pause = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3);

beforeAll(() => {
  core = makeCore();
  customer = makeCustomer(core, { name: 'Harriet Quimby', address: '12 Larkspur Lane' });
  pause();
  booking = makeBooking(core, customer.id, { fieldworkerId: core.users.fieldworker.id });
  pause();
  const noise = makeCustomer(core, { name: 'Walter Noise', address: '1 Other Road' });
  other = makeBooking(core, noise.id);
  pause();
  core.as('staff')('bookings.update', { id: booking.id, address: '9 Birch Road' });
  pause();
  core.as('manager')('bookings.update', { id: booking.id, priceCents: 15000 });
  pause();
  for (let day = 10; day < 20; day++) {
    core.as('staff')('bookings.reschedule', {
      id: booking.id,
      scheduledStart: `2026-03-${day}T09:00:00Z`,
      scheduledEnd: `2026-03-${day}T11:00:00Z`,
      reason: { code: 'office' },
    });
    core.as('staff')('bookings.reschedule', {
      id: other.id,
      scheduledStart: `2026-04-${day}T09:00:00Z`,
      scheduledEnd: `2026-04-${day}T11:00:00Z`,
      reason: { code: 'office' },
    });
    pause();
  }
  core.as('fieldworker')('notes.add', { bookingId: booking.id, body: 'Side gate sticks' });
  pause();
  core.as('staff')('customers.update', { id: customer.id, phone: '555-0177' });
  pause();
  core.as('staff')('quotes.create', { customerId: customer.id, title: 'Replace valve', amountCents: 4200 });
  pause();
  core.as('staff')('inquiries.record', { customerId: customer.id, channel: 'email', subject: 'Invoice question' });
});
afterAll(() => core.dispose());

const sql = <T>(query: string, ...params: unknown[]) => core.db.sqlite.prepare(query).all(...params) as T[];
const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

function allPages<K extends HistoryRead>(name: K, input: ApiInput<K>, limit: number): { pages: Page[]; rows: Row[] } {
  const pages: Page[] = [];
  let before: number | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = core.as('staff')<HistoryRead>(name, { ...input, limit, ...(before ? { before } : {}) });
    pages.push(page);
    if (page.nextBefore === null) break;
    before = page.nextBefore;
  }
  return { pages, rows: pages.flatMap((p) => p.rows) };
}

describe('booking and customer History', () => {
  it("a booking's History is exactly its rows, newest first", () => {
    const page = core.as('staff')('history.booking', { bookingId: booking.id, limit: 1000 });
    const expected = sql<{ id: number }>('SELECT id FROM audit_log WHERE booking_id = ? ORDER BY id DESC', booking.id);
    expect(ids(page.rows)).toEqual(ids(expected));
    expect(page.rows.length).toBe(1 + 1 + 1 + 20 + 1); // created, address, price, 10 × (start, end), note
    expect(page.rows.every((r) => r.bookingId === booking.id)).toBe(true);
    expect(page.nextBefore).toBeNull();
    expect(page.rows[0]).toMatchObject({ event: 'note added', newValue: 'Side gate sticks', actorName: USER_NAMES.fieldworker });
    expect(page.rows.at(-1)).toMatchObject({ event: 'created' });
  });

  it("a booking's History pages with before/nextBefore without gaps or repeats", () => {
    const whole = core.as('staff')('history.booking', { bookingId: booking.id, limit: 1000 }).rows;
    for (const limit of [1, 4, 7, 24, 25]) {
      const { pages, rows } = allPages('history.booking', { bookingId: booking.id }, limit);
      expect(ids(rows), `limit ${limit}`).toEqual(ids(whole));
      expect(new Set(ids(rows)).size).toBe(rows.length);
      expect(pages.length).toBe(Math.ceil(whole.length / limit));
      for (const p of pages.slice(0, -1)) {
        expect(p.rows.length).toBe(limit);
        expect(p.nextBefore).toBe(p.rows.at(-1)!.id);
      }
      expect(pages.at(-1)!.nextBefore).toBeNull();
    }
  });

  it("a customer's History holds the customer's own rows and those of their bookings, quotes and inquiries, newest first", () => {
    const { rows } = allPages('history.customer', { customerId: customer.id }, 5);
    const expected = sql<{ id: number }>('SELECT id FROM audit_log WHERE customer_id = ? ORDER BY id DESC', customer.id);
    expect(ids(rows)).toEqual(ids(expected));
    expect(rows.slice(0, 3).map((r) => r.event)).toEqual(['inquiry received', 'quote created', 'contact changed']);
    expect(rows.at(-1)).toMatchObject({ event: 'created', field: '*' });
    expect(JSON.parse(rows.at(-1)!.newValue!)).toMatchObject({ name: 'Harriet Quimby', address: '12 Larkspur Lane' });
    expect(rows.some((r) => r.bookingId === other.id)).toBe(false);
  });
});

describe('full-text search', () => {
  const search = (text: string, extra: ApiInput<'history.search'> = {}) => core.as('staff')('history.search', { text, limit: 1000, ...extra }).rows;

  it('finds the address change by a word of the old address, and by the start of a word; and the created row that carries it', () => {
    for (const text of ['Larkspur', 'larkspur lane', 'Larksp']) {
      const rows = search(text, { entity: 'booking' });
      expect(
        rows.map((r) => [r.bookingId, r.field, r.oldValue, r.event]),
        text,
      ).toEqual([
        [booking.id, 'address', '12 Larkspur Lane', 'address changed'],
        [booking.id, '*', null, 'created'],
      ]);
    }
    expect(
      core
        .as('staff')('history.booking', { bookingId: booking.id, text: 'Larkspur' })
        .rows.map((r) => r.field),
    ).toEqual(['address', '*']);
  });

  it("finds a created row by its values, not by its fields' names", () => {
    expect(search('customer_ref')).toEqual([]);
    expect(search('fieldworker_ref')).toEqual([]);
  });

  it('reads the last word as the start of a word only when it is a word of three letters or more', () => {
    expect(ftsQuery('Larksp')).toBe('"Larksp"*');
    expect(ftsQuery('larkspur lane')).toBe('"larkspur" "lane"*');
    // "Dr" or the "00" of a price would gather every word they start.
    expect(ftsQuery('Bethel Dr')).toBe('"Bethel" "Dr"');
    expect(ftsQuery('125.00')).toBe('"125.00"');
    expect(ftsQuery('say "hi" ')).toBe('"say" "hi"');
    expect(ftsQuery(' ?! ')).toBeNull();
  });

  it('finds the price change by the old price typed as 125.00, and by the new one', () => {
    // Both bookings were created at 125.00: their created rows carry the price too.
    expect(search('125.00').map((r) => [r.field, r.oldValue, r.actorName])).toEqual([
      ['price', '12500', USER_NAMES.manager],
      ['*', null, USER_NAMES.staff],
      ['*', null, USER_NAMES.staff],
    ]);
    expect(search('150.00').map((r) => [r.field, r.oldValue, r.newValue])).toEqual([['price', '12500', '15000']]);
    // The quote's amount (42.00) is findable the same way.
    expect(search('42.00').map((r) => r.event)).toEqual(['quote created']);
  });

  it('finds rows by the actor name', () => {
    // Fay wrote the note; the booking was created with her as its fieldworker; her own account's creation carries her name.
    expect(search('Fay').map((r) => [r.event, r.actorName, r.label])).toEqual([
      ['note added', USER_NAMES.fieldworker, 'Boiler service · Harriet Quimby'],
      ['created', USER_NAMES.staff, 'Boiler service · Harriet Quimby'],
      ['user created', USER_NAMES.administrator, USER_NAMES.fieldworker],
    ]);
    expect(search('Max Manager').map((r) => [r.event, r.actorName])).toEqual([
      ['price changed', USER_NAMES.manager],
      ['user created', USER_NAMES.administrator],
    ]);
  });

  it("finds every row about the customer by the customer's surname", () => {
    const rows = search('Quimby');
    const expected = sql<{ id: number }>("SELECT id FROM audit_log WHERE label LIKE '%Quimby%' ORDER BY id DESC");
    expect(ids(rows)).toEqual(ids(expected));
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.every((r) => r.label?.includes('Harriet Quimby'))).toBe(true);
    // The address change, the booking created at that address, the property made there with it, and the customer's own created row.
    expect(search('Quimby Larkspur').map((r) => [r.entity, r.field])).toEqual([
      ['booking', 'address'],
      ['booking', '*'],
      ['property', '*'],
      ['customer', '*'],
    ]);
  });

  it.each([
    '"',
    '*',
    'AND',
    '-',
    '(',
    ')',
    'NEAR(',
    '"Larkspur',
    'Larkspur"',
    'Lark*',
    '(Larkspur',
    '-Larkspur',
    'NOT',
    'OR Larkspur',
    'field:address',
    '^Larkspur',
    "O'Brien",
    'a AND (b OR',
    '""*"',
    '\\',
    '%',
    '{}',
    ':',
  ])('search text %j does not error', (text) => {
    const r = core.raw('staff', 'history.search', { text });
    expect(r.ok).toBe(true);
    const b = core.raw('staff', 'history.booking', { bookingId: booking.id, text });
    expect(b.ok).toBe(true);
  });

  it('quotes and operators in the text are taken as plain words', () => {
    for (const text of ['"Larkspur', 'Larkspur"', '(Larkspur', 'Larkspur*', '-Larkspur']) {
      expect(
        search(text, { entity: 'booking' }).map((r) => r.field),
        text,
      ).toEqual(['address', '*']);
    }
  });
});

describe('filters', () => {
  const query = (input: ApiInput<'history.search'>) => core.as('staff')('history.search', { limit: 1000, ...input }).rows;
  const all = () => sql<{ id: number; at: string }>('SELECT id, at FROM audit_log ORDER BY id DESC');

  it('by category', () => {
    for (const category of ['user_action', 'data_edit', 'financial'] as const) {
      const rows = query({ category });
      expect(ids(rows)).toEqual(ids(sql('SELECT id FROM audit_log WHERE category = ? ORDER BY id DESC', category)));
      expect(rows.every((r) => r.category === category)).toBe(true);
    }
  });

  it('by event: exactly that event, page by page and counted, alone or with a kind, a period or words', () => {
    const events = sql<{ event: string }>('SELECT DISTINCT event FROM audit_log').map((r) => r.event);
    // "created" is also a word of "quote created": the filter is the event, not its words.
    expect(events).toContain('created');
    expect(events.filter((e) => e.includes('created')).length).toBeGreaterThan(1);
    const mid = all()[Math.floor(all().length / 2)].at;
    for (const event of events) {
      const truth = (extra = '', ...params: unknown[]) => ids(sql(`SELECT id FROM audit_log WHERE event = ? ${extra} ORDER BY id DESC`, event, ...params));
      const { pages, rows } = allPages('history.search', { event }, 2);
      expect(ids(rows), event).toEqual(truth());
      expect(pages[0].total?.count ?? rows.length, event).toBe(truth().length);
      expect(ids(query({ event, category: 'financial' })), event).toEqual(truth("AND category = 'financial'"));
      expect(ids(query({ event, from: mid, to: '2100-01-01T00:00:00Z' })), event).toEqual(truth('AND at >= ?', mid));
      expect(ids(query({ event, text: 'Quimby' })), event).toEqual(ids(query({ text: 'Quimby' }).filter((r) => r.event === event)));
    }
  });

  it('by actor', () => {
    const rows = query({ actorId: core.users.manager.id });
    expect(rows.map((r) => [r.actorName, r.field])).toEqual([[USER_NAMES.manager, 'price']]);
    const staff = query({ actorId: core.users.staff.id });
    expect(staff.every((r) => r.actorId === core.users.staff.id)).toBe(true);
    expect(staff.length).toBe(sql('SELECT id FROM audit_log WHERE actor_id = ?', core.users.staff.id).length);
  });

  it('by date range: from is inclusive, to exclusive, and together they split the log', () => {
    const rows = all();
    // The oldest row of its millisecond (one action's rows share it): the boundary falls just before it.
    const middle = rows.find((r, i) => i >= Math.floor(rows.length / 2) && rows[i + 1]?.at !== r.at)!;
    const from = query({ from: middle.at });
    const to = query({ to: middle.at });
    expect(ids(from)).toEqual(ids(rows.filter((r) => r.at >= middle.at)));
    expect(ids(to)).toEqual(ids(rows.filter((r) => r.at < middle.at)));
    expect(from.length).toBeGreaterThan(0);
    expect(to.length).toBeGreaterThan(0);
    expect(from.length + to.length).toBe(rows.length);
    expect(from.at(-1)!.id).toBe(middle.id);
  });

  it('filters combine: category, actor, date and text together narrow the rows', () => {
    const rows = query({ text: 'Quimby', category: 'user_action', actorId: core.users.staff.id });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.category === 'user_action' && r.actorId === core.users.staff.id && r.label!.includes('Quimby'))).toBe(true);
    expect(rows.some((r) => r.event === 'rescheduled')).toBe(true);
    expect(rows.length).toBeLessThan(query({ text: 'Quimby' }).length);
  });

  it('a date range written with a time-zone offset means the same instants', () => {
    const rows = all();
    const first = Date.parse(rows.at(-1)!.at);
    const last = Date.parse(rows[0].at);
    const withOffset = (ms: number, hours: number) => {
      const shifted = new Date(ms + hours * 3_600_000).toISOString().slice(0, 19);
      const sign = hours < 0 ? '-' : '+';
      return `${shifted}${sign}${String(Math.abs(hours)).padStart(2, '0')}:00`;
    };
    // A minute before the first row to a minute after the last one, in Berlin-ish and New-York-ish offsets.
    const range = { from: withOffset(first - 60_000, 2), to: withOffset(last + 60_000, -5) };
    expect(ids(query(range))).toEqual(ids(rows));
  });

  it('a "from" given to the second (no milliseconds) still includes the rows later in that second', () => {
    const row = all()[3];
    const fromSecond = `${row.at.slice(0, 19)}Z`;
    expect(ids(query({ from: fromSecond }))).toContain(row.id);
  });

  it('a period finds exactly its rows, page by page and counted, even where the clock was set back', () => {
    const staff = { id: core.users.staff.id, name: USER_NAMES.staff, role: 'staff' as const };
    // Changes stamped by a PC whose clock went back and forth: later ids, earlier and later times.
    const stamps = ['2026-01-20T10:00:00.000Z', '2025-12-31T23:59:59.999Z', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', '2026-01-31T23:59:59.999Z'];
    for (const [i, at] of stamps.entries()) updateCustomer({ db: core.db, user: staff, at }, { id: customer.id, phone: `555-02${i}0` });
    core.as('staff')('customers.update', { id: customer.id, phone: '555-0299' }); // and the clock right again
    const truth = (from: string, to: string, order = 'DESC') => ids(sql(`SELECT id FROM audit_log WHERE at >= ? AND at < ? ORDER BY id ${order}`, from, to));
    const periods = [
      ['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'],
      ['2025-01-01T00:00:00.000Z', '2026-01-20T10:00:00.000Z'],
      ['2026-02-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z'],
      ['2020-01-01T00:00:00.000Z', '2020-02-01T00:00:00.000Z'],
    ];
    for (const [from, to] of periods) {
      const { rows, pages } = allPages('history.search', { from, to }, 3);
      expect(ids(rows)).toEqual(truth(from, to));
      expect(pages[0].total?.count ?? rows.length).toBe(truth(from, to).length);
      const oldest = core.as('staff')('history.search', { from, to, order: 'oldest', limit: 1000 }).rows;
      expect(ids(oldest)).toEqual(truth(from, to, 'ASC'));
      const words = core.as('staff')('history.search', { from, to, text: 'phone', limit: 1000 }).rows;
      expect(ids(words)).toEqual(ids(sql(`SELECT id FROM audit_log WHERE at >= ? AND at < ? AND field = 'phone' ORDER BY id DESC`, from, to)));
    }
    expect(truth(periods[0][0], periods[0][1])).toHaveLength(3);
  });

  it('a period asked again after rows were written into it finds them too, wherever their clock put them', () => {
    const staff = { id: core.users.staff.id, name: USER_NAMES.staff, role: 'staff' as const };
    const [from, to] = ['2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'];
    const truth = () => ids(sql('SELECT id FROM audit_log WHERE at >= ? AND at < ? ORDER BY id DESC', from, to));
    const asked = () => ids(allPages('history.search', { from, to }, 2).rows);
    const stamp = (at: string, phone: string) => updateCustomer({ db: core.db, user: staff, at }, { id: customer.id, phone });
    stamp('2026-03-10T09:00:00.000Z', '555-0310');
    expect(asked()).toEqual(truth());
    // Later rows: one in the period stamped before the row already there, one outside it, one at its very end.
    stamp('2026-03-01T00:00:00.000Z', '555-0301');
    stamp('2026-05-01T00:00:00.000Z', '555-0501');
    stamp('2026-03-31T23:59:59.999Z', '555-0331');
    expect(truth()).toHaveLength(3);
    expect(asked()).toEqual(truth());
    // Another period, then this one again: each is its own.
    expect(ids(allPages('history.search', { from: '2026-05-01T00:00:00.000Z', to: '2026-06-01T00:00:00.000Z' }, 2).rows)).toEqual(
      ids(sql("SELECT id FROM audit_log WHERE at >= '2026-05-01T00:00:00.000Z' AND at < '2026-06-01T00:00:00.000Z' ORDER BY id DESC")),
    );
    // The second half of the month (same end, later start), then the whole month again.
    expect(ids(allPages('history.search', { from: '2026-03-16T00:00:00.000Z', to }, 2).rows)).toEqual(
      ids(sql("SELECT id FROM audit_log WHERE at >= '2026-03-16T00:00:00.000Z' AND at < ? ORDER BY id DESC", to)),
    );
    stamp('2026-03-15T12:00:00.000Z', '555-0315');
    expect(asked()).toEqual(truth());
  });

  it('bookings.list from/to written with an offset select by the same instant', () => {
    // The booking starts 2026-03-19T09:00Z; 10:30+02:00 is 08:30Z, before it.
    const listed = core.as('staff')('bookings.list', { from: '2026-03-19T10:30:00+02:00', to: '2026-03-19T12:00:00+02:00' }).rows;
    expect(listed.map((b) => b.id)).toEqual([booking.id]);
  });
});
