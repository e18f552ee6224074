// "As it was": a record rebuilt from its audit rows alone equals the record as
// the tables held it, at every point of random sequences of changes made through
// the contract; a record created before the created rows carried every field
// says which of its first values are unknown; the contract refuses plainly.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiOutput } from '../../electron/api/contract';
import { asItWas, type AsItWasEntity } from '../../electron/services/asItWas';
import { openDatabase, closeDatabase } from '../../db/open';
import { ApiCallError, makeCore, tempDir, type TestCore } from '../helpers/core';
import { makeUser } from '../helpers/audit';

const RUNS = Number(process.env.JOBTRAIL_FC_RUNS ?? 15);
const SEED = Number(process.env.JOBTRAIL_FC_SEED ?? 20260314);

let core: TestCore;
let fieldworkers: number[];
let gateCode: number;
let pets: number;
beforeAll(() => {
  core = makeCore();
  fieldworkers = [core.users.fieldworker.id, makeUser(core, 'Gus Field', 'fieldworker').id];
  gateCode = core.as('administrator')('customFields.define', { entity: 'booking', label: 'Gate code', type: 'text' }).id;
  pets = core.as('administrator')('customFields.define', { entity: 'customer', label: 'Pets', type: 'text' }).id;
});
afterAll(() => core.dispose());

type Rebuilt = Pick<ApiOutput<'history.asItWas'>, 'fields' | 'refs' | 'customFields' | 'deleted'>;
const one = <T>(sql: string, ...args: unknown[]) => core.db.sqlite.prepare(sql).get(...args) as T;

/** Tracked custom values set on the record now, by label. */
function customOf(entity: 'booking' | 'customer', id: number): Record<string, string> {
  const rows = core.db.sqlite
    .prepare(
      `SELECT d.label, v.value FROM custom_field_values v JOIN custom_field_definitions d ON d.id = v.definition_id
    WHERE v.entity_id = ? AND d.entity = ? AND d.track_changes = 1 AND v.value IS NOT NULL`,
    )
    .all(id, entity) as { label: string; value: string }[];
  return Object.fromEntries(rows.map((r) => [r.label, r.value]));
}

/**
 * The record as the tables hold it, spelt as the audit rows spell it. A booking's
 * customer is compared by id: the name it had when linked stays in the History
 * after the customer is renamed, as it should.
 */
function fromTables(entity: AsItWasEntity, id: number): Rebuilt {
  switch (entity) {
    case 'booking': {
      const b = one<Record<string, string | number | null>>(
        `SELECT status, scheduled_start, scheduled_end, service, address,
        CAST(price_cents AS TEXT) AS price, customer_id, fieldworker_id, quote_id, deleted_at,
        (SELECT name FROM users WHERE id = fieldworker_id) AS fieldworker, (SELECT number || ' ' || title FROM quotes WHERE id = quote_id) AS quote
        FROM bookings WHERE id = ?`,
        id,
      );
      const { customer_id, fieldworker_id, quote_id, deleted_at, ...fields } = b;
      return {
        fields: fields as Record<string, string | null>,
        refs: { customer: customer_id as number, fieldworker: fieldworker_id as number | null, quote: quote_id as number | null },
        customFields: customOf('booking', id),
        deleted: deleted_at !== null,
      };
    }
    case 'customer': {
      const { deleted_at, ...fields } = one<Record<string, string | null>>(
        'SELECT name, email, phone, address, notes, deleted_at FROM customers WHERE id = ?',
        id,
      );
      return { fields, refs: {}, customFields: customOf('customer', id), deleted: deleted_at !== null };
    }
    case 'invoice':
      return {
        fields: one('SELECT number, CAST(amount_cents AS TEXT) AS amount, status FROM invoices WHERE id = ?', id),
        refs: {},
        customFields: {},
        deleted: false,
      };
    case 'payment': {
      const { invoice_id, ...fields } = one<Record<string, string | number | null>>(
        `SELECT CAST(amount_cents AS TEXT) AS amount, method, status,
        (SELECT number FROM invoices WHERE id = invoice_id) AS invoice, invoice_id FROM payments WHERE id = ?`,
        id,
      );
      return { fields: fields as Record<string, string | null>, refs: { invoice: invoice_id as number }, customFields: {}, deleted: false };
    }
  }
}

function comparable(r: ApiOutput<'history.asItWas'>): Rebuilt {
  const { customer: _name, ...fields } = r.fields;
  const customFields = Object.fromEntries(Object.entries(r.customFields).filter(([, v]) => v !== null));
  return { fields: r.entity === 'booking' ? fields : r.fields, refs: r.refs, customFields, deleted: r.deleted };
}
const expected = (entity: AsItWasEntity, id: number): Rebuilt => {
  const t = fromTables(entity, id);
  if (entity === 'booking') delete t.fields.customer;
  return t;
};

const lastRowOf = (entity: string, id: number) => one<{ n: number }>('SELECT max(id) AS n FROM audit_log WHERE entity = ? AND entity_id = ?', entity, id).n;

// ── the random changes ────────────────────────────────────────────────────────

const STATUSES = ['pending', 'scheduled', 'in_progress', 'completed', 'no_show'] as const;
const pick = fc.nat(1000);
const action = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('customer' as const),
      name: fc.constantFrom('Ann Lee', 'Bo Diaz', 'Cy Ng'),
      phone: fc.option(fc.constantFrom('555-0101', '555-0199')),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('editCustomer' as const),
      c: pick,
      field: fc.constantFrom('name', 'email', 'phone', 'address', 'notes'),
      value: fc.option(fc.constantFrom('Dee Fox', 'x@example.com', '7 Elm St')),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('book' as const), c: pick, fw: fc.option(fc.nat(1)), price: fc.nat(90000), day: fc.integer({ min: 1, max: 28 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('reschedule' as const), b: pick, day: fc.integer({ min: 1, max: 28 }), hours: fc.integer({ min: 1, max: 4 }) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('status' as const), b: pick, status: fc.constantFrom(...STATUSES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('assign' as const), b: pick, fw: fc.option(fc.nat(1)) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      b: pick,
      price: fc.option(fc.nat(90000)),
      address: fc.option(fc.constantFrom('1 Oak Rd', '2 Ash Way')),
      service: fc.option(fc.constantFrom('Boiler service', 'Leak fix')),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('gate' as const), b: pick, value: fc.option(fc.constantFrom('#1234', '#9999')) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pets' as const), c: pick, value: fc.option(fc.constantFrom('dog', 'cat')) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('moveCustomer' as const), b: pick, c: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('quote' as const), b: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), b: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('accept' as const), b: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), b: pick, restore: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('invoice' as const), b: pick, send: fc.oneof(fc.constant(true), fc.boolean()) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      i: pick,
      amount: fc.integer({ min: 1, max: 90000 }),
      method: fc.constantFrom('cash', 'card', 'check', 'bank_transfer') as fc.Arbitrary<'cash' | 'card' | 'check' | 'bank_transfer'>,
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('settle' as const), p: pick, refund: fc.boolean() }) },
);
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

interface Records {
  customer: number[];
  booking: number[];
  invoice: number[];
  payment: number[];
}
const of = (list: number[], i: number) => list[i % list.length];

/** Does one change through the contract; a refusal (a rule of the app) is a change not made, not a failure. */
function apply(r: Records, a: Action): void {
  const staff = core.as('staff');
  const manager = core.as('manager');
  const day = (d: number, h = 9) => `2026-05-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00Z`;
  try {
    switch (a.kind) {
      case 'customer':
        r.customer.push(staff('customers.create', { name: a.name, phone: a.phone, address: '9 First Ave' }).id);
        return;
      case 'editCustomer':
        if (r.customer.length) staff('customers.update', { id: of(r.customer, a.c), [a.field]: a.field === 'name' ? (a.value ?? 'Nameless') : a.value });
        return;
      case 'book':
        if (r.customer.length) {
          r.booking.push(
            staff('bookings.create', {
              customerId: of(r.customer, a.c),
              service: 'Boiler service',
              scheduledStart: day(a.day),
              scheduledEnd: day(a.day, 11),
              priceCents: a.price,
              fieldworkerId: a.fw === null ? null : fieldworkers[a.fw],
            }).id,
          );
        }
        return;
      case 'pets':
        if (r.customer.length) staff('customers.update', { id: of(r.customer, a.c), customFields: { [pets]: a.value } });
        return;
    }
    if (!r.booking.length) return;
    switch (a.kind) {
      case 'reschedule':
        staff('bookings.reschedule', {
          id: of(r.booking, a.b),
          scheduledStart: day(a.day, 8),
          scheduledEnd: day(a.day, 8 + a.hours),
          reason: { code: 'office' },
        });
        return;
      case 'status':
        staff('bookings.setStatus', { id: of(r.booking, a.b), status: a.status });
        return;
      case 'assign':
        staff('bookings.assign', { id: of(r.booking, a.b), fieldworkerId: a.fw === null ? null : fieldworkers[a.fw] });
        return;
      case 'edit':
        staff('bookings.update', {
          id: of(r.booking, a.b),
          ...(a.price !== null ? { priceCents: a.price } : {}),
          ...(a.address !== null ? { address: a.address } : {}),
          ...(a.service !== null ? { service: a.service } : {}),
        });
        return;
      case 'gate':
        staff('bookings.update', { id: of(r.booking, a.b), customFields: { [gateCode]: a.value } });
        return;
      case 'moveCustomer':
        staff('bookings.update', { id: of(r.booking, a.b), customerId: of(r.customer, a.c) });
        return;
      case 'quote': {
        const b = of(r.booking, a.b);
        const customerId = one<{ c: number }>('SELECT customer_id AS c FROM bookings WHERE id = ?', b).c;
        const q = staff('quotes.create', { customerId, title: 'New valve', amountCents: 4200 });
        staff('bookings.linkQuote', { id: b, quoteId: q.id });
        return;
      }
      case 'cancel':
        staff('bookings.cancel', { id: of(r.booking, a.b), reason: { code: 'customer_cancelled' } });
        return;
      case 'accept':
        core.as('fieldworker')('bookings.accept', { id: of(r.booking, a.b) });
        return;
      case 'delete':
        manager(a.restore ? 'bookings.restore' : 'bookings.delete', { id: of(r.booking, a.b) });
        return;
      case 'invoice': {
        const inv = staff('invoices.create', { bookingId: of(r.booking, a.b) });
        r.invoice.push(inv.id);
        if (a.send) staff('invoices.send', { id: inv.id });
        return;
      }
      case 'pay':
        if (r.invoice.length) r.payment.push(staff('payments.add', { invoiceId: of(r.invoice, a.i), amountCents: a.amount, method: a.method }).id);
        return;
      case 'settle':
        if (r.payment.length) manager(a.refund ? 'payments.refund' : 'payments.approve', { id: of(r.payment, a.p) });
        return;
    }
  } catch (e) {
    if (!(e instanceof ApiCallError) || !['conflict', 'forbidden', 'invalid_input'].includes(e.error.code)) throw e;
  }
}

describe('as it was, rebuilt from the audit rows alone', () => {
  it('equals the record as the tables held it, now and at every earlier point, over random changes through the contract', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 10, maxLength: 50 }), (actions) => {
        const r: Records = { customer: [], booking: [], invoice: [], payment: [] };
        apply(r, { kind: 'customer', name: 'Ann Lee', phone: null });
        apply(r, { kind: 'book', c: 0, fw: 0, price: 12500, day: 3 });
        const points: { entity: AsItWasEntity; id: number; row: number; was: Rebuilt }[] = [];
        for (const a of actions) {
          apply(r, a);
          for (const entity of ['customer', 'booking', 'invoice', 'payment'] as const) {
            for (const id of r[entity]) {
              const now = core.as('manager')('history.asItWas', { entity, id });
              expect(comparable(now), `${entity} ${id} after ${a.kind}`).toEqual(expected(entity, id));
              expect(now.unknown).toEqual([]);
              points.push({ entity, id, row: lastRowOf(entity, id), was: expected(entity, id) });
            }
          }
        }
        for (const p of points) {
          const then = core.as('manager')('history.asItWas', { entity: p.entity, id: p.id, afterAuditId: p.row });
          expect(comparable(then), `${p.entity} ${p.id} after row ${p.row}`).toEqual(p.was);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('highlights what the action changed: a reschedule moves start and end, from either of its rows', () => {
    const c = core.as('staff')('customers.create', { name: 'Hal Moss', address: '3 Pier St' });
    const b = core.as('staff')('bookings.create', {
      customerId: c.id,
      service: 'Leak fix',
      scheduledStart: '2026-06-01T09:00:00Z',
      scheduledEnd: '2026-06-01T10:00:00Z',
      priceCents: 9000,
    });
    const created = core.as('staff')('history.asItWas', { entity: 'booking', id: b.id, afterAuditId: lastRowOf('booking', b.id) });
    expect(created.changed).toEqual(expect.arrayContaining(['status', 'price', 'scheduled_start', 'fieldworker']));
    core.as('staff')('bookings.reschedule', {
      id: b.id,
      scheduledStart: '2026-06-02T09:00:00Z',
      scheduledEnd: '2026-06-02T10:00:00Z',
      reason: { code: 'office' },
    });
    const rows = core.db.sqlite.prepare("SELECT id FROM audit_log WHERE booking_id = ? AND event = 'rescheduled' ORDER BY id").pluck().all(b.id) as number[];
    for (const row of rows) {
      const moved = core.as('staff')('history.asItWas', { entity: 'booking', id: b.id, afterAuditId: row });
      expect(moved.changed.sort()).toEqual(['scheduled_end', 'scheduled_start']);
      expect(moved.fields).toMatchObject({ scheduled_start: '2026-06-02T09:00:00.000Z', scheduled_end: '2026-06-02T10:00:00.000Z', price: '9000' });
      expect(moved.asOf.auditId).toBe(rows.at(-1));
    }
    const before = core.as('staff')('history.asItWas', { entity: 'booking', id: b.id, at: created.asOf.at });
    expect(before.fields.scheduled_start).toBe('2026-06-01T09:00:00.000Z');
  });
});

describe('a record created before its created row carried every field', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = tempDir('jobtrail-as-it-was-');
    file = join(dir, 'v4.db');
    const db = new Database(file);
    db.exec(readFileSync(new URL('../fixtures/schema-v4.sql', import.meta.url), 'utf8'));
    db.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says plainly which first values are unknown, until a change records them', () => {
    const db = openDatabase(file);
    try {
      const booked = asItWas(db, { entity: 'booking', id: 1, afterAuditId: 19 });
      expect(booked.fields).toMatchObject({ status: 'scheduled', customer: 'Fatima Collins', price: null, scheduled_start: null });
      expect(booked.refs.customer).toBe(1);
      expect(booked.unknown).toEqual(['scheduled_start', 'scheduled_end', 'service', 'address', 'price', 'fieldworker', 'quote']);
      // Rows 22 and 23 moved the appointment: from then on its times are known.
      const moved = asItWas(db, { entity: 'booking', id: 1, afterAuditId: 22 });
      expect(moved.fields).toMatchObject({ scheduled_start: '2024-09-09T20:00:00.000Z', scheduled_end: '2024-09-09T20:45:00.000Z' });
      expect(moved.unknown).toEqual(['service', 'address', 'price', 'fieldworker', 'quote']);
      // An invoice's number and a payment's invoice were never in its rows; the app's drafts and pending payments are.
      expect(asItWas(db, { entity: 'invoice', id: 1, afterAuditId: 28 })).toMatchObject({
        fields: { amount: '8500', status: 'draft', number: null },
        unknown: ['number'],
      });
      expect(asItWas(db, { entity: 'payment', id: 1, afterAuditId: 30 })).toMatchObject({
        fields: { amount: '8500', method: 'card', status: 'pending', invoice: null },
        unknown: ['invoice'],
      });
    } finally {
      closeDatabase(db);
    }
  });
});

describe('the contract entry', () => {
  it('refuses plainly: a missing record, a row about another record, a moment before the record, both a row and a moment', () => {
    const c = core.as('staff')('customers.create', { name: 'Ida Wren', address: '5 Quay Rd' });
    const other = core.as('staff')('customers.create', { name: 'Jo Wren', address: '5 Quay Rd' });
    const err = (input: object) => {
      const r = core.rawUnchecked('staff', 'history.asItWas', input);
      return r.ok ? null : r.error;
    };
    expect(err({ entity: 'booking', id: 999_999 })).toMatchObject({ code: 'not_found', message: 'Booking 999999 has no "created" row in the History.' });
    expect(err({ entity: 'invoice', id: 999_999 })).toMatchObject({ code: 'not_found', message: 'Invoice 999999 does not exist.' });
    expect(err({ entity: 'customer', id: c.id, afterAuditId: lastRowOf('customer', other.id) })).toMatchObject({
      code: 'invalid_input',
      field: 'afterAuditId',
      message: `Audit row ${lastRowOf('customer', other.id)} is about customer ${other.id}, not customer ${c.id}.`,
    });
    expect(err({ entity: 'customer', id: c.id, afterAuditId: 999_999_999 })).toMatchObject({ code: 'not_found', field: 'afterAuditId' });
    expect(err({ entity: 'customer', id: c.id, at: '2001-01-01T00:00:00Z' })).toMatchObject({
      code: 'not_found',
      field: 'at',
      message: `Customer ${c.id} did not exist yet at 2001-01-01T00:00:00Z.`,
    });
    expect(err({ entity: 'customer', id: c.id, at: '2030-01-01T00:00:00Z', afterAuditId: 1 })).toMatchObject({ code: 'invalid_input' });
    expect(err({ entity: 'quote', id: 1 })).toMatchObject({ code: 'invalid_input', field: 'entity' });
  });

  it('lets a fieldworker see their booking as it was, and a customer only from staff up, like their Histories', () => {
    const c = core.as('staff')('customers.create', { name: 'Kit Lane', address: '8 Mill Rd' });
    const b = core.as('staff')('bookings.create', {
      customerId: c.id,
      service: 'Leak fix',
      scheduledStart: '2026-06-01T09:00:00Z',
      scheduledEnd: '2026-06-01T10:00:00Z',
      priceCents: 9000,
      fieldworkerId: core.users.fieldworker.id,
    });
    expect(core.raw('fieldworker', 'history.asItWas', { entity: 'booking', id: b.id }).ok).toBe(true);
    expect(core.raw('fieldworker', 'history.asItWas', { entity: 'customer', id: c.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.raw('staff', 'history.asItWas', { entity: 'customer', id: c.id })).toMatchObject({ ok: true, value: { fields: { name: 'Kit Lane' } } });
  });
});
