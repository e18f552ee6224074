// Every service operation, called through the contract, writes exactly the audit
// rows a person would read in History: one per changed field, with who, what,
// old and new, tied to its booking and customer, sealed into the chain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audited } from '../../db/actor';
import { makeCore, USER_NAMES, type TestCore } from '../helpers/core';
import { expectSealedAction, makeBooking, makeCustomer, makeUser, readable, written, type AuditRow } from '../helpers/audit';

let core: TestCore;
let staff: { id: number; name: string };
let manager: { id: number; name: string };
let admin: { id: number; name: string };
let fay: { id: number; name: string };

beforeAll(() => {
  core = makeCore();
  ({ staff, manager, administrator: admin, fieldworker: fay } = core.users);
});
afterAll(() => core.dispose());

/** The readable columns every row of an action shares, so each test states only what differs. */
const by = (actor: { id: number; name: string }) => ({ actor_id: actor.id, actor_name: actor.name, origin: 'app' as const });

const sortByField = (rows: AuditRow[]) => [...rows].sort((a, b) => String(a.field).localeCompare(String(b.field)));

describe('customer changes', () => {
  it('creating a customer writes one "created" row carrying every profile field, by the staff member', () => {
    const { value: c, rows } = written(core, () => core.as('staff')('customers.create', { name: 'Nora Quill', phone: '555-0100' }));
    expect(rows.map(readable)).toEqual([
      {
        entity: 'customer',
        entity_id: c.id,
        booking_id: null,
        customer_id: c.id,
        field: '*',
        old_value: null,
        new_value: JSON.stringify({ name: 'Nora Quill', email: null, phone: '555-0100', address: null, notes: null }),
        old_ref: null,
        new_ref: null,
        category: 'user_action',
        event: 'created',
        label: 'Nora Quill',
        ...by(staff),
      },
    ]);
    expectSealedAction(core, rows);
  });

  it('editing each profile field writes one row per field with the old and the new value', () => {
    const c = core.as('staff')('customers.create', {
      name: 'Otto Brandt',
      email: 'otto@example.com',
      phone: '555-0101',
      address: '1 Elm St',
      notes: 'gate code 12',
    });
    const { rows } = written(core, () =>
      core.as('staff')('customers.update', {
        id: c.id,
        name: 'Otto Brandt-Hill',
        email: 'otto@brandt.example',
        phone: '555-0199',
        address: '2 Oak Ave',
        notes: 'gate code 34',
      }),
    );
    const base = {
      entity: 'customer',
      entity_id: c.id,
      booking_id: null,
      customer_id: c.id,
      old_ref: null,
      new_ref: null,
      category: 'data_edit',
      label: 'Otto Brandt-Hill',
      ...by(staff),
    };
    expect(sortByField(rows).map(readable)).toEqual([
      { ...base, field: 'address', old_value: '1 Elm St', new_value: '2 Oak Ave', event: 'address changed' },
      { ...base, field: 'email', old_value: 'otto@example.com', new_value: 'otto@brandt.example', event: 'contact changed' },
      { ...base, field: 'name', old_value: 'Otto Brandt', new_value: 'Otto Brandt-Hill', event: 'name changed' },
      { ...base, field: 'notes', old_value: 'gate code 12', new_value: 'gate code 34', event: 'notes changed' },
      { ...base, field: 'phone', old_value: '555-0101', new_value: '555-0199', event: 'contact changed' },
    ]);
    expectSealedAction(core, rows);
  });

  it('editing one field writes exactly one row; clearing a field records the old value and an empty new one', () => {
    const c = core.as('staff')('customers.create', { name: 'Pia Lund', phone: '555-0102' });
    const one = written(core, () => core.as('staff')('customers.update', { id: c.id, phone: '555-0103' })).rows;
    expect(one.map((r) => [r.field, r.old_value, r.new_value])).toEqual([['phone', '555-0102', '555-0103']]);
    const cleared = written(core, () => core.as('staff')('customers.update', { id: c.id, phone: '' })).rows;
    expect(cleared.map((r) => [r.field, r.old_value, r.new_value, r.event])).toEqual([['phone', '555-0103', null, 'contact changed']]);
  });

  it('deleting and restoring a customer write "deleted" and "restored" rows by the manager', () => {
    const c = makeCustomer(core, { name: 'Quinn Avery' });
    const base = {
      entity: 'customer',
      entity_id: c.id,
      booking_id: null,
      customer_id: c.id,
      field: null,
      old_value: null,
      new_value: null,
      old_ref: null,
      new_ref: null,
      category: 'user_action',
      label: 'Quinn Avery',
      ...by(manager),
    };
    const del = written(core, () => core.as('manager')('customers.delete', { id: c.id, reason: { code: 'duplicate' } })).rows;
    expect(del.map(readable)).toEqual([{ ...base, event: 'deleted' }]);
    expectSealedAction(core, del);
    const res = written(core, () => core.as('manager')('customers.restore', { id: c.id })).rows;
    expect(res.map(readable)).toEqual([{ ...base, event: 'restored' }]);
    expectSealedAction(core, res);
  });
});

describe('booking changes', () => {
  let alice: { id: number; name: string };
  let bob: { id: number; name: string };
  beforeAll(() => {
    alice = makeUser(core, 'Alice Ng', 'fieldworker');
    bob = makeUser(core, 'Bob Reyes', 'fieldworker');
  });

  function freshBooking(customerName: string, fields: Record<string, unknown> = {}) {
    const c = makeCustomer(core, { name: customerName, address: '12 Larkspur Lane' });
    const b = makeBooking(core, c.id, fields);
    return { c, b, label: `Boiler service · ${customerName}` };
  }
  const bookingBase = (b: number, c: number, label: string) => ({
    entity: 'booking',
    entity_id: b,
    booking_id: b,
    customer_id: c,
    old_ref: null,
    new_ref: null,
    label,
  });

  it('creating a booking writes one "created" row with every field it was booked with, references by name and id', () => {
    const c = makeCustomer(core, { name: 'Rita Moss' });
    const { value: b, rows } = written(core, () => makeBooking(core, c.id, { fieldworkerId: fay.id }));
    // The customer's first booking, at their address: a property of theirs there, created with it (services/properties.ts).
    const place = c.address!.split(',')[0];
    expect(rows.map(readable)).toEqual([
      {
        entity: 'property',
        entity_id: b.propertyId,
        booking_id: null,
        customer_id: c.id,
        field: '*',
        old_value: null,
        new_value: JSON.stringify({ name: place, address: c.address, access_notes: null, customer: 'Rita Moss', customer_ref: c.id }),
        old_ref: null,
        new_ref: null,
        category: 'user_action',
        event: 'created',
        label: 'Rita Moss',
        ...by(staff),
      },
      {
        ...bookingBase(b.id, c.id, 'Boiler service · Rita Moss'),
        field: '*',
        old_value: null,
        new_value: JSON.stringify({
          status: 'scheduled',
          scheduled_start: '2026-03-02T09:00:00.000Z',
          scheduled_end: '2026-03-02T11:00:00.000Z',
          service: 'Boiler service',
          address: c.address,
          price: '12500',
          customer: 'Rita Moss',
          customer_ref: c.id,
          fieldworker: fay.name,
          fieldworker_ref: fay.id,
          quote: null,
          quote_ref: null,
          property: place,
          property_ref: b.propertyId,
          unit: null,
          unit_ref: null,
        }),
        category: 'user_action',
        event: 'created',
        ...by(staff),
      },
    ]);
    expectSealedAction(core, rows);
  });

  it('rescheduling writes one History row per moved field with the old and the new start and end', () => {
    const { c, b, label } = freshBooking('Sven Holt');
    const { rows } = written(core, () =>
      core.as('staff')('bookings.reschedule', {
        id: b.id,
        scheduledStart: '2026-03-03T13:00:00+01:00',
        scheduledEnd: '2026-03-03T14:30:00Z',
        reason: { code: 'office' },
      }),
    );
    expect(sortByField(rows).map(readable)).toEqual([
      {
        ...bookingBase(b.id, c.id, label),
        field: 'scheduled_end',
        old_value: '2026-03-02T11:00:00.000Z',
        new_value: '2026-03-03T14:30:00.000Z',
        category: 'user_action',
        event: 'rescheduled',
        ...by(staff),
      },
      {
        ...bookingBase(b.id, c.id, label),
        field: 'scheduled_start',
        old_value: '2026-03-02T09:00:00.000Z',
        new_value: '2026-03-03T12:00:00.000Z',
        category: 'user_action',
        event: 'rescheduled',
        ...by(staff),
      },
    ]);
    expectSealedAction(core, rows);
  });

  it('moving only the start writes one row', () => {
    const { b } = freshBooking('Tara Vint');
    const { rows } = written(core, () => core.as('staff')('bookings.update', { id: b.id, scheduledStart: '2026-03-02T10:00:00Z', reason: { code: 'office' } }));
    expect(rows.map((r) => [r.field, r.old_value, r.new_value])).toEqual([['scheduled_start', '2026-03-02T09:00:00.000Z', '2026-03-02T10:00:00.000Z']]);
  });

  it('a status change writes "status changed" with the old and new status', () => {
    const { c, b, label } = freshBooking('Uma Reed');
    const { rows } = written(core, () => core.as('staff')('bookings.setStatus', { id: b.id, status: 'pending' }));
    expect(rows.map(readable)).toEqual([
      {
        ...bookingBase(b.id, c.id, label),
        field: 'status',
        old_value: 'scheduled',
        new_value: 'pending',
        category: 'user_action',
        event: 'status changed',
        ...by(staff),
      },
    ]);
    expectSealedAction(core, rows);
  });

  it('assigning a fieldworker records the names and ids, and keeps the names as they were after a rename', () => {
    const { c, b, label } = freshBooking('Vera Stone');
    const first = written(core, () => core.as('staff')('bookings.assign', { id: b.id, fieldworkerId: alice.id })).rows;
    expect(first.map(readable)).toEqual([
      {
        ...bookingBase(b.id, c.id, label),
        field: 'fieldworker',
        old_value: null,
        new_value: 'Alice Ng',
        old_ref: null,
        new_ref: alice.id,
        category: 'user_action',
        event: 'fieldworker assigned',
        ...by(staff),
      },
    ]);
    expectSealedAction(core, first);

    const second = written(core, () => core.as('staff')('bookings.assign', { id: b.id, fieldworkerId: bob.id })).rows;
    expect(second.map(readable)).toEqual([
      {
        ...bookingBase(b.id, c.id, label),
        field: 'fieldworker',
        old_value: 'Alice Ng',
        new_value: 'Bob Reyes',
        old_ref: alice.id,
        new_ref: bob.id,
        category: 'user_action',
        event: 'fieldworker assigned',
        ...by(staff),
      },
    ]);

    // No contract entry renames a user; an administrator's rename through the audited core stands in.
    audited(core.db.sqlite, admin, () => core.db.sqlite.prepare('UPDATE users SET name = ? WHERE id = ?').run('Alice Ng-Park', alice.id));
    const history = core.as('staff')('history.booking', { bookingId: b.id, event: 'fieldworker assigned' }).rows as {
      oldValue: string | null;
      newValue: string;
      oldRef: number | null;
      newRef: number;
    }[];
    expect(history.map((h) => `${h.oldValue ?? '—'} → ${h.newValue}`)).toEqual(['Alice Ng → Bob Reyes', '— → Alice Ng']);
    expect(history.map((h) => [h.oldRef, h.newRef])).toEqual([
      [alice.id, bob.id],
      [null, alice.id],
    ]);

    const unassigned = written(core, () => core.as('staff')('bookings.assign', { id: b.id, fieldworkerId: null })).rows;
    expect(unassigned.map((r) => [r.field, r.old_value, r.new_value, r.old_ref, r.new_ref, r.event])).toEqual([
      ['fieldworker', 'Bob Reyes', null, bob.id, null, 'fieldworker unassigned'],
    ]);
  });

  it('the assigned fieldworker accepting writes "fieldworker accepted" with the fieldworker as actor', () => {
    const { c, b, label } = freshBooking('Wes Kirby', { fieldworkerId: fay.id });
    const { rows } = written(core, () => core.as('fieldworker')('bookings.accept', { id: b.id }));
    expect(rows.map(readable)).toEqual([
      {
        ...bookingBase(b.id, c.id, label),
        field: 'status',
        old_value: 'scheduled',
        new_value: 'accepted',
        category: 'user_action',
        event: 'fieldworker accepted',
        actor_id: fay.id,
        actor_name: USER_NAMES.fieldworker,
        origin: 'app',
      },
    ]);
    expectSealedAction(core, rows);
  });

  it('cancelling writes "cancelled"', () => {
    const { c, b, label } = freshBooking('Xena Pratt');
    const { rows } = written(core, () => core.as('staff')('bookings.cancel', { id: b.id, reason: { code: 'weather' } }));
    expect(rows.map(readable)).toEqual([
      {
        ...bookingBase(b.id, c.id, label),
        field: 'status',
        old_value: 'scheduled',
        new_value: 'cancelled',
        category: 'user_action',
        event: 'cancelled',
        ...by(staff),
      },
    ]);
    expectSealedAction(core, rows);
  });

  it('linking a quote records its number and title, and its id in new_ref', () => {
    const { c, b, label } = freshBooking('Yuri Lamb');
    const q = core.as('staff')('quotes.create', { customerId: c.id, title: 'Annual service', amountCents: 9900 });
    const { rows } = written(core, () => core.as('staff')('bookings.linkQuote', { id: b.id, quoteId: q.id }));
    expect(rows.map(readable)).toEqual([
      {
        ...bookingBase(b.id, c.id, label),
        field: 'quote',
        old_value: null,
        new_value: `${q.number} Annual service`,
        old_ref: null,
        new_ref: q.id,
        category: 'data_edit',
        event: 'quote linked',
        ...by(staff),
      },
    ]);
    expectSealedAction(core, rows);
  });

  it('an address edit writes "address changed" with the old and new address', () => {
    const { c, b, label } = freshBooking('Zoe Marsh');
    const { rows } = written(core, () => core.as('staff')('bookings.update', { id: b.id, address: '9 Birch Road' }));
    expect(rows.map(readable)).toEqual([
      {
        ...bookingBase(b.id, c.id, label),
        field: 'address',
        old_value: '12 Larkspur Lane',
        new_value: '9 Birch Road',
        category: 'data_edit',
        event: 'address changed',
        ...by(staff),
      },
    ]);
    expectSealedAction(core, rows);
  });

  it('a price edit records the old and new price in cents', () => {
    const { c, b, label } = freshBooking('Abel Frost');
    const { rows } = written(core, () => core.as('staff')('bookings.update', { id: b.id, priceCents: 15050 }));
    expect(rows.map(readable)).toEqual([
      {
        ...bookingBase(b.id, c.id, label),
        field: 'price',
        old_value: '12500',
        new_value: '15050',
        category: 'data_edit',
        event: 'price changed',
        ...by(staff),
      },
    ]);
    expectSealedAction(core, rows);
  });

  it('editing several fields at once writes one row per changed field, all in one action', () => {
    const { b } = freshBooking('Bea Crane');
    const { rows } = written(core, () =>
      core.as('staff')('bookings.update', {
        id: b.id,
        service: 'Boiler repair',
        address: '3 Fern Way',
        priceCents: 20000,
        scheduledEnd: '2026-03-02T12:00:00Z',
        reason: { code: 'customer' },
      }),
    );
    expect(sortByField(rows).map((r) => [r.field, r.old_value, r.new_value, r.event])).toEqual([
      ['address', '12 Larkspur Lane', '3 Fern Way', 'address changed'],
      ['price', '12500', '20000', 'price changed'],
      ['scheduled_end', '2026-03-02T11:00:00.000Z', '2026-03-02T12:00:00.000Z', 'rescheduled'],
      ['service', 'Boiler service', 'Boiler repair', 'service changed'],
    ]);
    expectSealedAction(core, rows);
  });

  it('a note on a booking writes "note added" with the text, tied to booking and customer', () => {
    const { c, b, label } = freshBooking('Cal Doyle', { fieldworkerId: fay.id });
    const { value: n, rows } = written(core, () => core.as('fieldworker')('notes.add', { bookingId: b.id, body: 'Dog in the yard' }));
    expect(rows.map(readable)).toEqual([
      {
        entity: 'note',
        entity_id: n.id,
        booking_id: b.id,
        customer_id: c.id,
        field: 'note',
        old_value: null,
        new_value: 'Dog in the yard',
        old_ref: null,
        new_ref: null,
        category: 'data_edit',
        event: 'note added',
        label,
        actor_id: fay.id,
        actor_name: USER_NAMES.fieldworker,
        origin: 'app',
      },
    ]);
    expectSealedAction(core, rows);
  });

  it('soft delete and restore write "deleted" and "restored" rows by the manager', () => {
    const { c, b, label } = freshBooking('Dina Park');
    const base = { ...bookingBase(b.id, c.id, label), field: null, old_value: null, new_value: null, category: 'user_action', ...by(manager) };
    const del = written(core, () => core.as('manager')('bookings.delete', { id: b.id, reason: { code: 'duplicate' } })).rows;
    expect(del.map(readable)).toEqual([{ ...base, event: 'deleted' }]);
    expectSealedAction(core, del);
    const res = written(core, () => core.as('manager')('bookings.restore', { id: b.id })).rows;
    expect(res.map(readable)).toEqual([{ ...base, event: 'restored' }]);
    expectSealedAction(core, res);
  });
});

describe('invoices and payments', () => {
  it('invoice create/send, payment add/approve/refund write the financial rows, and "invoice paid" once covered', () => {
    const c = makeCustomer(core, { name: 'Eli Hart' });
    const b = makeBooking(core, c.id);
    const label = 'Boiler service · Eli Hart';
    const fin = (entity: string, id: number) => ({
      entity,
      entity_id: id,
      booking_id: b.id,
      customer_id: c.id,
      old_ref: null,
      new_ref: null,
      category: 'financial',
      label,
    });

    const created = written(core, () => core.as('staff')('invoices.create', { bookingId: b.id }));
    const inv = created.value;
    expect(created.rows.map(readable)).toEqual([
      {
        ...fin('invoice', inv.id),
        field: '*',
        old_value: null,
        new_value: JSON.stringify({ number: inv.number, amount: '12500', status: 'draft', purpose: 'full', line: 'Boiler service' }),
        event: 'invoice created',
        ...by(staff),
      },
    ]);
    expectSealedAction(core, created.rows);

    const sent = written(core, () => core.as('staff')('invoices.send', { id: inv.id })).rows;
    expect(sent.map(readable)).toEqual([
      { ...fin('invoice', inv.id), field: 'status', old_value: 'draft', new_value: 'sent', event: 'invoice sent', ...by(staff) },
    ]);
    expectSealedAction(core, sent);

    const p1 = written(core, () => core.as('staff')('payments.add', { invoiceId: inv.id, amountCents: 5000, method: 'bank_transfer' }));
    expect(p1.value.status).toBe('pending');
    expect(p1.rows.map(readable)).toEqual([
      {
        ...fin('payment', p1.value.id),
        field: '*',
        old_value: null,
        new_value: JSON.stringify({ amount: '5000', method: 'bank_transfer', status: 'pending', invoice: inv.number, invoice_ref: inv.id, overpayment: 'no' }),
        event: 'payment logged (bank transfer)',
        ...by(staff),
      },
    ]);
    expectSealedAction(core, p1.rows);

    // Approving a payment that does not cover the invoice: only the payment moves.
    const a1 = written(core, () => core.as('manager')('payments.approve', { id: p1.value.id })).rows;
    expect(a1.map(readable)).toEqual([
      { ...fin('payment', p1.value.id), field: 'status', old_value: 'pending', new_value: 'approved', event: 'payment approved', ...by(manager) },
    ]);
    expectSealedAction(core, a1);

    const p2 = core.as('staff')('payments.add', { invoiceId: inv.id, amountCents: 7500, method: 'card' });
    const a2 = written(core, () => core.as('manager')('payments.approve', { id: p2.id })).rows;
    expect(a2.map(readable)).toEqual([
      { ...fin('payment', p2.id), field: 'status', old_value: 'pending', new_value: 'approved', event: 'payment approved', ...by(manager) },
      { ...fin('invoice', inv.id), field: 'status', old_value: 'sent', new_value: 'paid', event: 'invoice paid', ...by(manager) },
    ]);
    expectSealedAction(core, a2);
    expect(core.as('staff')('invoices.list', { bookingId: b.id })[0].status).toBe('paid');

    const r = written(core, () => core.as('manager')('payments.refund', { id: p2.id })).rows;
    expect(r.map((x) => readable(x)).map(({ event: _e, ...rest }) => rest)).toEqual([
      { ...fin('payment', p2.id), field: 'status', old_value: 'approved', new_value: 'refunded', ...by(manager) },
      { ...fin('invoice', inv.id), field: 'status', old_value: 'paid', new_value: 'sent', ...by(manager) },
    ]);
    expect(r[0].event).toBe('payment refunded');
    expectSealedAction(core, r);
    expect(core.as('staff')('invoices.list', { bookingId: b.id })[0].status).toBe('sent');
  });

  function paidThenRefunded(customerName: string) {
    const c = makeCustomer(core, { name: customerName });
    const b = makeBooking(core, c.id);
    const inv = core.as('staff')('invoices.create', { bookingId: b.id });
    core.as('staff')('invoices.send', { id: inv.id });
    const sentRow = core.as('staff')('history.booking', { bookingId: b.id, event: 'invoice sent' }).rows[0];
    const p = core.as('staff')('payments.add', { invoiceId: inv.id, amountCents: 12500, method: 'cash' });
    core.as('manager')('payments.approve', { id: p.id });
    const { rows } = written(core, () => core.as('manager')('payments.refund', { id: p.id }));
    return { b, sentRow, rows };
  }

  it('a refund that reopens an invoice does not read as the invoice being sent again', () => {
    const { rows } = paidThenRefunded('Fern Olsen');
    const reopened = rows.find((r) => r.entity === 'invoice')!;
    expect([reopened.old_value, reopened.new_value]).toEqual(['paid', 'sent']);
    expect(reopened.event).not.toBe('invoice sent');
  });

  it("after a refund the Timeline's Invoiced step still names who sent the invoice and when", () => {
    const { b, sentRow } = paidThenRefunded('Gus Amato');
    const invoiced = core
      .as('staff')('timeline.get', { bookingId: b.id })
      .steps.find((s) => s.key === 'invoiced');
    expect(invoiced).toMatchObject({ done: true, actorName: USER_NAMES.staff, at: sentRow.at });
  });
});

describe('quotes, inquiries, users and settings', () => {
  it('creating a quote writes "quote created" with its number, title, amount and status, tied to the customer', () => {
    const c = makeCustomer(core, { name: 'Gil Tate' });
    const { value: q, rows } = written(core, () => core.as('staff')('quotes.create', { customerId: c.id, title: 'New boiler', amountCents: 250000 }));
    expect(rows.map(readable)).toEqual([
      {
        entity: 'quote',
        entity_id: q.id,
        booking_id: null,
        customer_id: c.id,
        field: '*',
        old_value: null,
        new_value: JSON.stringify({
          number: q.number,
          title: 'New boiler',
          amount: '250000',
          status: 'draft',
          property: null,
          property_ref: null,
          channel: null,
          decided_by: null,
          decided_at: null,
        }),
        old_ref: null,
        new_ref: null,
        category: 'user_action',
        event: 'quote created',
        label: 'Gil Tate',
        ...by(staff),
      },
    ]);
    expectSealedAction(core, rows);
  });

  it('recording an inquiry writes "inquiry received" with its subject', () => {
    const c = makeCustomer(core, { name: 'Hana Wolfe' });
    const { value: q, rows } = written(core, () => core.as('staff')('inquiries.record', { customerId: c.id, channel: 'phone', subject: 'No hot water' }));
    expect(rows.map(readable)).toEqual([
      {
        entity: 'inquiry',
        entity_id: q.id,
        booking_id: null,
        customer_id: c.id,
        field: 'subject',
        old_value: null,
        new_value: 'No hot water',
        old_ref: null,
        new_ref: null,
        category: 'user_action',
        event: 'inquiry received',
        label: 'Hana Wolfe',
        ...by(staff),
      },
    ]);
    expectSealedAction(core, rows);
  });

  it('creating a user, changing the role and deactivating write one row each, by the administrator', () => {
    const userRow = (id: number) => ({
      entity: 'user',
      entity_id: id,
      booking_id: null,
      customer_id: null,
      old_ref: null,
      new_ref: null,
      category: 'user_action',
      label: 'Una Quist',
      ...by(admin),
    });
    const made = written(core, () => makeUser(core, 'Una Quist', 'staff'));
    const u = made.value;
    expect(made.rows.map(readable)).toEqual([
      {
        ...userRow(u.id),
        field: '*',
        old_value: null,
        new_value: JSON.stringify({ name: 'Una Quist', role: 'staff', active: 'active' }),
        event: 'user created',
      },
    ]);
    expectSealedAction(core, made.rows);
    expect(JSON.stringify(made.rows)).not.toContain('scrypt');

    const role = written(core, () => core.as('administrator')('users.changeRole', { id: u.id, role: 'manager' })).rows;
    expect(role.map(readable)).toEqual([{ ...userRow(u.id), field: 'role', old_value: 'staff', new_value: 'manager', event: 'role changed' }]);
    expectSealedAction(core, role);

    const off = written(core, () => core.as('administrator')('users.setActive', { id: u.id, active: false })).rows;
    expect(off.map(readable)).toEqual([{ ...userRow(u.id), field: 'active', old_value: 'active', new_value: 'deactivated', event: 'user deactivated' }]);
    expectSealedAction(core, off);
  });

  it('setting a password records that it changed, never the hash', () => {
    const u = makeUser(core, 'Vic Lowe', 'staff');
    const { rows } = written(core, () => core.as('administrator')('users.setPassword', { id: u.id, password: 'another-password' }));
    expect(rows.map((r) => [r.entity, r.entity_id, r.field, r.old_value, r.new_value, r.event])).toEqual([
      ['user', u.id, 'password', null, null, 'password changed'],
    ]);
  });

  it('defining a custom field writes "custom field defined" with its label, whether it is tracked, holds personal data and is filled in by the fieldworker', () => {
    const { value: d, rows } = written(core, () =>
      core.as('administrator')('customFields.define', {
        entity: 'booking',
        label: 'Gate code',
        type: 'text',
        personal: true,
      }),
    );
    expect(rows.map(readable)).toEqual([
      {
        entity: 'custom_field',
        entity_id: d.id,
        booking_id: null,
        customer_id: null,
        field: '*',
        old_value: null,
        new_value: JSON.stringify({ entity: 'booking', label: 'Gate code', type: 'text', track_changes: 'on', personal: 'yes', fieldworker_fills: 'off' }),
        old_ref: null,
        new_ref: null,
        category: 'data_edit',
        event: 'custom field defined',
        label: 'booking field Gate code',
        ...by(admin),
      },
    ]);
    expectSealedAction(core, rows);
  });

  it('the first administrator is recorded as the actor of their own creation', () => {
    const first = core.db.sqlite
      .prepare("SELECT * FROM audit_log WHERE entity = 'user' AND entity_id = ? AND event = 'user created'")
      .get(admin.id) as AuditRow;
    expect([first.actor_id, first.actor_name, first.origin, JSON.parse(first.new_value!).role]).toEqual([
      admin.id,
      USER_NAMES.administrator,
      'app',
      'administrator',
    ]);
  });
});

describe('saving what is already there', () => {
  it('re-saving a customer with the same values writes no audit row', () => {
    const c = core.as('staff')('customers.create', { name: 'Ivo Shaw', email: 'ivo@example.com', phone: '555-0110', address: '4 Pine Ct' });
    const { rows } = written(core, () =>
      core.as('staff')('customers.update', {
        id: c.id,
        name: 'Ivo Shaw',
        email: 'ivo@example.com',
        phone: '555-0110',
        address: '4 Pine Ct',
        notes: '',
      }),
    );
    expect(rows).toEqual([]);
  });

  it('re-saving a booking with the same values (the same instants written another way) writes no audit row', () => {
    const c = makeCustomer(core, { name: 'Jon Ruiz' });
    const b = makeBooking(core, c.id, { fieldworkerId: fay.id });
    const { rows } = written(core, () =>
      core.as('staff')('bookings.update', {
        id: b.id,
        customerId: c.id,
        service: 'Boiler service',
        address: b.address,
        status: 'scheduled',
        fieldworkerId: fay.id,
        priceCents: 12500,
        quoteId: null,
        scheduledStart: '2026-03-02T10:00:00+01:00',
        scheduledEnd: '2026-03-02T11:00:00.000Z',
      }),
    );
    expect(rows).toEqual([]);
    expect(written(core, () => core.as('staff')('bookings.assign', { id: b.id, fieldworkerId: fay.id })).rows).toEqual([]);
    expect(
      written(core, () =>
        core.as('staff')('bookings.reschedule', {
          id: b.id,
          scheduledStart: '2026-03-02T09:00:00Z',
          scheduledEnd: '2026-03-02T11:00:00Z',
          reason: { code: 'office' },
        }),
      ).rows,
    ).toEqual([]);
  });
});
