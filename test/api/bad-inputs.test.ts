// Bad input never crashes and never writes: every contract entry answers a wrong
// input with { code: 'invalid_input', message, field } naming what is wrong, an
// unknown id with 'not_found', and stores hostile text verbatim as text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract, type ApiInput, type ApiName, type Result } from '../../electron/api/contract';
import { verifyChain } from '../../db/chain';
import { makeCore, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer, tableCounts, written } from '../helpers/audit';
import { shapesOf, validSample, wrongTypeValue } from '../helpers/schemaSamples';

let core: TestCore;
let fx: { customer: number; booking: number; invoice: number; payment: number; quote: number };
beforeAll(() => {
  core = makeCore();
  const c = makeCustomer(core, { name: 'Input Customer' });
  const b = makeBooking(core, c.id);
  const q = core.as('staff')('quotes.create', { customerId: c.id, title: 'Quote', amountCents: 100 });
  const inv = core.as('staff')('invoices.create', { bookingId: b.id });
  core.as('staff')('invoices.send', { id: inv.id });
  const p = core.as('staff')('payments.add', { invoiceId: inv.id, amountCents: 100, method: 'cash' });
  fx = { customer: c.id, booking: b.id, invoice: inv.id, payment: p.id, quote: q.id };
});
afterAll(() => core.dispose());

/** Calls as the administrator (or with no session for the sign-in entries) and checks nothing was written. */
function callWritingNothing(name: string, input: unknown) {
  const before = tableCounts(core);
  const r = core.rawUnchecked(contract[name].access === 'anyone' ? null : 'administrator', name, input);
  expect(tableCounts(core)).toEqual(before);
  return r;
}

function expectInvalid(r: Result<unknown>, field?: string): void {
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe('invalid_input');
  expect(typeof r.error.message).toBe('string');
  expect(r.error.message.length).toBeGreaterThan(3);
  expect(r.error.message).not.toMatch(/\n\s+at /); // never a stack trace
  if (field !== undefined) {
    expect(r.error.field).toBe(field);
    expect(r.error.message.startsWith(`${field}: `)).toBe(true);
  }
}

const entries = Object.entries(contract);
const NOT_OBJECTS: [string, unknown][] = [
  ['a string', 'bookings'],
  ['a number', 42],
  ['null', null],
  ['an array', [{ id: 1 }]],
  ['true', true],
];

const nonObjectCases = entries.flatMap(([name]) => NOT_OBJECTS.map(([what, value]) => [name, what, value] as const));
const unknownKeyCases = entries.map(([name, e]) => [name, validSample(e.input, shapesOf(e.input)[0])] as const);
const wrongTypeCases = entries.flatMap(([name, e]) =>
  shapesOf(e.input).flatMap((shape) =>
    Object.entries(shape).map(([key, field]) => {
      const wrong = wrongTypeValue(field as z.ZodType);
      return [name, key, JSON.stringify(wrong), { ...validSample(e.input, shape), [key]: wrong }] as const;
    }),
  ),
);

describe('every contract entry refuses malformed input', () => {
  it('the samples the cases are built from are themselves valid for every entry', () => {
    for (const [name, e] of entries) {
      for (const shape of shapesOf(e.input)) expect(e.input.safeParse(validSample(e.input, shape)).success, name).toBe(true);
    }
    expect(wrongTypeCases.length).toBeGreaterThan(100);
  });

  it.each(nonObjectCases)('%s: input that is %s is invalid_input and writes nothing', (name, _what, value) => {
    expectInvalid(callWritingNothing(name, value));
  });

  it.each(unknownKeyCases)('%s: an unknown extra key is named in the error and writes nothing', (name, sample) => {
    const r = callWritingNothing(name, { ...sample, sneaky: 1 });
    expectInvalid(r, 'sneaky');
    expect(!r.ok && r.error.message).toBe('sneaky: is not a field of this operation');
  });

  it.each(wrongTypeCases)('%s: %s given %s is invalid_input naming that field, and writes nothing', (name, key, _shown, input) => {
    expectInvalid(callWritingNothing(name, input), key);
  });
});

describe('specific bad values', () => {
  const booking = (over: Record<string, unknown>) => ({
    customerId: 1,
    service: 'Boiler service',
    scheduledStart: '2026-03-02T09:00:00Z',
    scheduledEnd: '2026-03-02T11:00:00Z',
    priceCents: 12500,
    ...over,
  });
  const long = 'x'.repeat(5000);

  it.each(
    (
      [
        ['an empty name', 'customers.create', { name: '' }, 'name', 'must not be empty'],
        ['a name of spaces only', 'customers.create', { name: '    ' }, 'name', 'must not be empty'],
        ['an empty user name', 'users.create', { name: '', role: 'staff', password: 'long-enough' }, 'name', 'must not be empty'],
        ['an empty service', 'bookings.create', booking({ service: '' }), 'service', 'must not be empty'],
        ['an empty note', 'notes.add', { bookingId: 1, body: '' }, 'body', 'must not be empty'],
        ['a 5,000-character name', 'customers.create', { name: long }, 'name', 'must be at most 120 characters'],
        ['a 5,000-character note', 'notes.add', { bookingId: 1, body: long }, 'body', 'must be at most 4000 characters'],
        ['a 5,000-character address', 'bookings.create', booking({ address: long }), 'address', 'must be at most 300 characters'],
        ['a 5,000-character search', 'customers.list', { search: long }, 'search', ''],
        ['a 5,000-character History search', 'history.search', { text: long }, 'text', ''],
        ['a short password', 'users.create', { name: 'New Person', role: 'staff', password: 'short' }, 'password', 'must be at least 8 characters'],
        ['negative cents', 'bookings.create', booking({ priceCents: -1 }), 'priceCents', 'must not be negative'],
        ['negative cents in an edit', 'bookings.update', { id: 1, priceCents: -100 }, 'priceCents', 'must not be negative'],
        ['a negative invoice amount', 'invoices.create', { bookingId: 1, amountCents: -5 }, 'amountCents', 'must not be negative'],
        ['a negative quote amount', 'quotes.create', { customerId: 1, title: 'T', amountCents: -1 }, 'amountCents', 'must not be negative'],
        ['a zero payment', 'payments.add', { invoiceId: 1, amountCents: 0, method: 'cash' }, 'amountCents', 'must be more than zero'],
        ['a negative payment', 'payments.add', { invoiceId: 1, amountCents: -1, method: 'cash' }, 'amountCents', ''],
        ['non-integer cents', 'bookings.create', booking({ priceCents: 125.5 }), 'priceCents', 'must be a whole number of cents'],
        ['a fraction of a cent', 'payments.add', { invoiceId: 1, amountCents: 0.01, method: 'cash' }, 'amountCents', 'must be a whole number of cents'],
        ['NaN cents', 'bookings.create', booking({ priceCents: Number.NaN }), 'priceCents', ''],
        ['infinite cents', 'bookings.create', booking({ priceCents: Number.POSITIVE_INFINITY }), 'priceCents', ''],
        ['a date and time without a time zone', 'bookings.create', booking({ scheduledStart: '2026-03-02T09:00:00' }), 'scheduledStart', 'time zone'],
        ['a date without a time', 'bookings.create', booking({ scheduledStart: '2026-03-02' }), 'scheduledStart', 'time zone'],
        [
          'a time with a space and no zone',
          'bookings.reschedule',
          { id: 1, scheduledStart: '2026-03-02T09:00:00Z', scheduledEnd: '2026-03-02 11:00' },
          'scheduledEnd',
          '',
        ],
        ['February 30th', 'bookings.create', booking({ scheduledStart: '2026-02-30T10:00:00Z' }), 'scheduledStart', ''],
        ['month 13', 'bookings.create', booking({ scheduledStart: '2026-13-01T10:00:00Z' }), 'scheduledStart', ''],
        ['a word for a date', 'bookings.create', booking({ scheduledStart: 'yesterday' }), 'scheduledStart', ''],
        ['a filter date without a time zone', 'history.search', { from: '2026-03-01T00:00:00' }, 'from', 'time zone'],
        ['a filter on February 30th', 'bookings.list', { to: '2026-02-30T00:00:00Z' }, 'to', ''],
        ['id 0', 'bookings.get', { id: 0 }, 'id', 'must be a positive id'],
        ['a negative id', 'bookings.get', { id: -3 }, 'id', 'must be a positive id'],
        ['a fractional id', 'bookings.get', { id: 1.5 }, 'id', 'must be a whole number'],
        ['an unknown status', 'bookings.setStatus', { id: 1, status: 'done' }, 'status', 'must be one of'],
        ['an unknown role', 'users.changeRole', { id: 1, role: 'root' }, 'role', 'must be administrator, manager, staff or fieldworker'],
        ['a malformed email', 'customers.create', { name: 'Mail', email: 'not-an-email' }, 'email', 'must be an email address'],
        ['a custom field key that is not an id', 'bookings.update', { id: 1, customFields: { 'not-a-number': 'x' } }, 'customFields.not-a-number', ''],
        ['a bookingId that is text', 'notes.list', { bookingId: 'abc' }, 'bookingId', ''],
      ] as const
    ).map(([label, name, input, field, message]) => [label, name, field, input, message] as const),
  )('%s (%s) is invalid_input naming %s, and writes nothing', (_label, name, field, input, message) => {
    const r = callWritingNothing(name, input);
    expectInvalid(r, field);
    if (message) expect(!r.ok && r.error.message).toContain(message);
  });

  it('an appointment that ends before it starts is refused when created, rescheduled or edited', () => {
    const start = '2026-03-05T10:00:00Z';
    const end = '2026-03-05T09:59:59Z';
    for (const [name, input] of [
      ['bookings.create', booking({ customerId: fx.customer, scheduledStart: start, scheduledEnd: end })],
      ['bookings.reschedule', { id: fx.booking, scheduledStart: start, scheduledEnd: end, reason: { code: 'customer' } }],
      ['bookings.update', { id: fx.booking, scheduledEnd: '2026-03-02T08:00:00Z' }],
      ['bookings.update', { id: fx.booking, scheduledStart: '2026-03-02T12:00:00+00:00' }],
      // The same instant written with an offset: 10:30+02:00 is 08:30Z, before the 09:00Z start.
      ['bookings.update', { id: fx.booking, scheduledEnd: '2026-03-02T10:30:00+02:00' }],
    ] as const) {
      const r = callWritingNothing(name, input);
      expect(r, `${name} ${JSON.stringify(input)}`).toEqual({
        ok: false,
        error: {
          code: 'invalid_input',
          message: 'The end of the appointment is before its start.',
          field: 'scheduledEnd',
        },
      });
    }
  });
});

describe('unknown ids', () => {
  const missing = 987654;
  // Each input is a valid one for its entry (the types check it); only the id names nothing.
  const unknownId = <K extends ApiName>(name: K, input: () => ApiInput<K>, field: string) => [name, input, field] as const;
  const cases = [
    unknownId('bookings.get', () => ({ id: missing }), 'id'),
    unknownId('bookings.update', () => ({ id: missing, address: 'x' }), 'id'),
    unknownId(
      'bookings.reschedule',
      () => ({ id: missing, scheduledStart: '2026-03-02T09:00:00Z', scheduledEnd: '2026-03-02T10:00:00Z', reason: { code: 'office' } }),
      'id',
    ),
    unknownId('bookings.setStatus', () => ({ id: missing, status: 'completed' }), 'id'),
    unknownId('bookings.accept', () => ({ id: missing }), 'id'),
    unknownId('bookings.cancel', () => ({ id: missing, reason: { code: 'weather' } }), 'id'),
    unknownId('bookings.delete', () => ({ id: missing, reason: { code: 'duplicate' } }), 'id'),
    unknownId('bookings.restore', () => ({ id: missing }), 'id'),
    unknownId(
      'bookings.create',
      () => ({ customerId: missing, service: 'S', scheduledStart: '2026-03-02T09:00:00Z', scheduledEnd: '2026-03-02T10:00:00Z', priceCents: 1 }),
      'customerId',
    ),
    unknownId('bookings.assign', () => ({ id: fx.booking, fieldworkerId: missing }), 'fieldworkerId'),
    unknownId('bookings.linkQuote', () => ({ id: fx.booking, quoteId: missing }), 'quoteId'),
    unknownId('customers.get', () => ({ id: missing }), 'id'),
    unknownId('customers.activity', () => ({ id: missing }), 'id'),
    unknownId('customers.update', () => ({ id: missing, name: 'x' }), 'id'),
    unknownId('customers.delete', () => ({ id: missing, reason: { code: 'duplicate' } }), 'id'),
    unknownId('customers.restore', () => ({ id: missing }), 'id'),
    unknownId('invoices.create', () => ({ bookingId: missing }), 'bookingId'),
    unknownId('invoices.send', () => ({ id: missing }), 'id'),
    unknownId('payments.add', () => ({ invoiceId: missing, amountCents: 100, method: 'cash' }), 'invoiceId'),
    unknownId('payments.approve', () => ({ id: missing }), 'id'),
    unknownId('payments.refund', () => ({ id: missing }), 'id'),
    unknownId('quotes.create', () => ({ customerId: missing, title: 'T', amountCents: 1 }), 'customerId'),
    unknownId('quotes.setStatus', () => ({ id: missing, status: 'sent' }), 'id'),
    unknownId('inquiries.record', () => ({ customerId: missing, channel: 'web', subject: 'S' }), 'customerId'),
    unknownId('notes.add', () => ({ bookingId: missing, body: 'x' }), 'bookingId'),
    unknownId('notes.add', () => ({ customerId: missing, body: 'x' }), 'customerId'),
    unknownId('users.changeRole', () => ({ id: missing, role: 'staff' }), 'id'),
    unknownId('users.setActive', () => ({ id: missing, active: false }), 'id'),
    unknownId('users.setPassword', () => ({ id: missing, password: 'long-enough' }), 'id'),
    unknownId('customFields.setTracking', () => ({ id: missing, trackChanges: false }), 'id'),
    unknownId('history.booking', () => ({ bookingId: missing }), 'bookingId'),
    unknownId('history.customer', () => ({ customerId: missing }), 'customerId'),
    unknownId('timeline.get', () => ({ bookingId: missing }), 'bookingId'),
  ];

  it.each(cases)('%s with an unknown id answers not_found (not a crash) and writes nothing', (name, input) => {
    const r = callWritingNothing(name, input());
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining(`${missing} does not exist`) } });
  });

  it.each(cases)('%s: the not_found error names the input field that holds the unknown id', (name, input, field) => {
    // The table checked each name against its input; a name taken from a union of them can't be checked again.
    const r = core.rawUnchecked('administrator', name, input());
    expect(!r.ok && r.error.field).toBe(field);
  });
});

describe('hostile text is stored verbatim, as text', () => {
  const injection = "'); DROP TABLE bookings;--";

  it('a customer named with an SQL fragment keeps that exact name, in the record and in History, and every table is still there', () => {
    const tablesBefore = core.db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    const { value: c, rows } = written(core, () => core.as('staff')('customers.create', { name: injection, notes: 'Robert"); DELETE FROM audit_log; --' }));
    expect(core.as('staff')('customers.get', { id: c.id })).toMatchObject({ name: injection, notes: 'Robert"); DELETE FROM audit_log; --' });
    // The created row holds the whole record as JSON: both fragments come back out of it unchanged.
    expect(rows.map((r) => [JSON.parse(r.new_value!), r.label])).toEqual([
      [expect.objectContaining({ name: injection, notes: 'Robert"); DELETE FROM audit_log; --' }), injection],
    ]);
    const b = makeBooking(core, c.id, { service: "x' OR '1'='1", address: '%_\\ 1 Wild St' });
    expect(core.as('staff')('bookings.get', { id: b.id })).toMatchObject({ service: "x' OR '1'='1", address: '%_\\ 1 Wild St' });
    expect(core.db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()).toEqual(tablesBefore);
    expect(core.as('staff')('bookings.list', {}).total).toBeGreaterThanOrEqual(2);
    expect(verifyChain(core.db.sqlite).ok).toBe(true);
  });

  it('searching with SQL fragments and LIKE wildcards finds only the matching records', () => {
    expect(
      core
        .as('staff')('customers.list', { search: injection })
        .rows.map((c) => c.name),
    ).toEqual([injection]);
    expect(core.as('staff')('customers.list', { search: '%' }).rows).toEqual([]);
    expect(
      core
        .as('staff')('bookings.list', { search: '%_\\' })
        .rows.map((b) => b.address),
    ).toEqual(['%_\\ 1 Wild St']);
    const found = core.as('staff')('history.search', { text: injection });
    expect(found.rows.map((r) => r.newValue)).toContainEqual(expect.stringContaining(JSON.stringify(injection)));
  });
});
