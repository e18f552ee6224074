// Properties (issue 17): a customer's sites and units, bookings at them, a
// property's History across its bookings and across a change of customer, and
// who approved further work (a quote accepted or declined by the customer).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIntegrity } from '../../db/integrity';
import { countEvents } from '../../renderer/history/readable';
import { makeCore, USER_NAMES, type TestCore } from '../helpers/core';
import { expectSealedAction, makeBooking, makeCustomer, readable, tableCounts, written } from '../helpers/audit';

let core: TestCore;
beforeAll(() => {
  core = makeCore();
});
afterAll(() => core.dispose());

const staff = () => core.as('staff');
const historyOf = (propertyId: number, limit = 200) => staff()('history.property', { propertyId, limit });
const refusal = (r: { ok: boolean; error?: { code: string; field?: string; message: string } }) => (r.ok ? null : r.error!);

function landlord(name = 'Harbour Lettings') {
  const c = makeCustomer(core, { name, address: '1 Quay Road, Portsmouth' });
  const p = staff()('properties.create', {
    customerId: c.id,
    name: 'Harbour View',
    address: '20 Harbour St, Portsmouth',
    accessNotes: 'Keys at the concierge',
    units: ['Flat 1', 'Flat 2', 'Flat 3'],
  });
  return { customer: c, property: p };
}

describe('a property and its units', () => {
  it('is created with one sealed action: the property carrying every field, then each unit carrying its own and its property', () => {
    const c = makeCustomer(core, { name: 'Ivy Lane Estates', address: '3 Ivy Lane' });
    const { value: p, rows } = written(core, () =>
      staff()('properties.create', {
        customerId: c.id,
        name: 'Ivy Court',
        address: '5 Ivy Court, Leeds',
        accessNotes: 'Gate code 2211',
        units: ['A', 'B'],
      }),
    );
    expectSealedAction(core, rows);
    expect(rows.map(readable)).toEqual([
      {
        entity: 'property',
        entity_id: p.id,
        booking_id: null,
        customer_id: c.id,
        field: '*',
        old_value: null,
        new_value: JSON.stringify({
          name: 'Ivy Court',
          address: '5 Ivy Court, Leeds',
          access_notes: 'Gate code 2211',
          customer: 'Ivy Lane Estates',
          customer_ref: c.id,
        }),
        old_ref: null,
        new_ref: null,
        category: 'user_action',
        event: 'created',
        label: 'Ivy Lane Estates',
        actor_id: core.users.staff.id,
        actor_name: USER_NAMES.staff,
        origin: 'app',
      },
      ...p.units.map((u) => ({
        entity: 'unit',
        entity_id: u.id,
        booking_id: null,
        customer_id: c.id,
        field: '*',
        old_value: null,
        new_value: JSON.stringify({ name: u.name, notes: null, property: 'Ivy Court', property_ref: p.id }),
        old_ref: null,
        new_ref: null,
        category: 'user_action',
        event: 'created',
        label: 'Ivy Lane Estates',
        actor_id: core.users.staff.id,
        actor_name: USER_NAMES.staff,
        origin: 'app',
      })),
    ]);
    expect(p.units.map((u) => u.name)).toEqual(['A', 'B']);
    // The customer's profile lists it (with the one the first booking would have made: none yet).
    expect(staff()('properties.list', { customerId: c.id }).map((x) => [x.name, x.units.length, x.bookingCount])).toEqual([['Ivy Court', 2, 0]]);
  });

  it('a unit name taken at the property is refused, whatever its case; nothing is written', () => {
    const { property } = landlord('Case Lettings');
    const before = tableCounts(core);
    expect(refusal(core.raw('staff', 'units.add', { propertyId: property.id, name: 'flat 2' }))).toMatchObject({
      code: 'conflict',
      field: 'name',
      message: 'The property already has a unit called "flat 2".',
    });
    expect(tableCounts(core)).toEqual(before);
  });

  it("each edit writes one row per changed field, in the property's History", () => {
    const { property } = landlord('Edit Lettings');
    const { rows } = written(core, () => staff()('properties.update', { id: property.id, name: 'Harbour View House', accessNotes: null }));
    expect(rows.map((r) => [r.entity, r.field, r.old_value, r.new_value, r.event]).sort()).toEqual([
      ['property', 'access_notes', 'Keys at the concierge', null, 'access notes changed'],
      ['property', 'name', 'Harbour View', 'Harbour View House', 'name changed'],
    ]);
    const flat2 = property.units[1];
    const renamed = written(core, () => staff()('units.update', { id: flat2.id, name: 'Flat 2A', notes: 'Boiler in the hall cupboard' }));
    expect(renamed.rows.map((r) => [r.entity, r.entity_id, r.field, r.old_value, r.new_value])).toEqual(
      expect.arrayContaining([
        ['unit', flat2.id, 'name', 'Flat 2', 'Flat 2A'],
        ['unit', flat2.id, 'notes', null, 'Boiler in the hall cupboard'],
      ]),
    );
    const events = historyOf(property.id).rows.map((r) => [r.entity, r.field, r.recordName]);
    expect(events).toEqual(
      expect.arrayContaining([
        ['unit', 'name', 'Flat 2A · Harbour View House'],
        ['property', 'name', 'Harbour View House'],
      ]),
    );
  });
});

describe('bookings at a property', () => {
  it('a booking names its property and unit; its address follows the property; its created row carries both', () => {
    const { customer, property } = landlord('Unit Lettings');
    const flat3 = property.units[2];
    const { value: b, rows } = written(core, () => makeBooking(core, customer.id, { propertyId: property.id, unitId: flat3.id }));
    expect(b).toMatchObject({
      propertyId: property.id,
      propertyName: 'Harbour View',
      unitId: flat3.id,
      unitName: 'Flat 3',
      address: '20 Harbour St, Portsmouth',
    });
    const created = JSON.parse(rows.find((r) => r.entity === 'booking')!.new_value!);
    expect(created).toMatchObject({ property: 'Harbour View', property_ref: property.id, unit: 'Flat 3', unit_ref: flat3.id });
    // In the property's History, newest first, beside the property's own rows.
    const h = historyOf(property.id).rows;
    expect(h[0]).toMatchObject({ entity: 'booking', bookingId: b.id, event: 'created' });
    expect(h.map((r) => r.entity)).toEqual(['booking', 'unit', 'unit', 'unit', 'property']);
    // The unit's bookings: the list narrowed to it.
    makeBooking(core, customer.id, { propertyId: property.id, unitId: property.units[0].id });
    expect(staff()('bookings.list', { unitId: flat3.id }).rows.map((x) => x.id)).toEqual([b.id]);
  });

  it('a unit of another property, or a property of another customer, is refused at booking', () => {
    const a = landlord('Refuse Lettings A');
    const b = landlord('Refuse Lettings B');
    const base = { service: 'Boiler service', scheduledStart: '2026-03-02T09:00:00Z', scheduledEnd: '2026-03-02T11:00:00Z', priceCents: 100 };
    expect(refusal(core.raw('staff', 'bookings.create', { ...base, customerId: a.customer.id, propertyId: b.property.id }))).toMatchObject({
      code: 'invalid_input',
      field: 'propertyId',
    });
    expect(
      refusal(core.raw('staff', 'bookings.create', { ...base, customerId: a.customer.id, propertyId: a.property.id, unitId: b.property.units[0].id })),
    ).toMatchObject({ code: 'invalid_input', field: 'unitId' });
  });

  it("without a property named, a booking goes to the customer's first one, or a new one at the address typed", () => {
    const c = makeCustomer(core, { name: 'Solo Owner', address: '9 Birch Way, York' });
    const first = makeBooking(core, c.id);
    expect(first).toMatchObject({ address: '9 Birch Way, York', propertyName: '9 Birch Way' });
    const again = makeBooking(core, c.id);
    expect(again.propertyId).toBe(first.propertyId);
    const elsewhere = makeBooking(core, c.id, { address: '14 Oak Rise, York' });
    expect(elsewhere.propertyId).not.toBe(first.propertyId);
    expect(staff()('properties.list', { customerId: c.id }).map((p) => [p.name, p.bookingCount])).toEqual([
      ['14 Oak Rise', 1],
      ['9 Birch Way', 2],
    ]);
  });

  it("moving a booking to another property is one History row, and it then reads in that property's History", () => {
    const { customer, property } = landlord('Move Lettings');
    const other = staff()('properties.create', { customerId: customer.id, name: 'Dock House', address: '2 Dock Rd, Portsmouth' });
    const b = makeBooking(core, customer.id, { propertyId: property.id, unitId: property.units[0].id });
    const { rows } = written(core, () => staff()('bookings.update', { id: b.id, propertyId: other.id }));
    expect(rows.map((r) => [r.field, r.old_value, r.new_value, r.old_ref, r.new_ref])).toEqual(
      expect.arrayContaining([
        ['property', 'Harbour View', 'Dock House', property.id, other.id],
        ['unit', 'Flat 1', null, property.units[0].id, null],
        ['address', '20 Harbour St, Portsmouth', '2 Dock Rd, Portsmouth', null, null],
      ]),
    );
    expect(historyOf(other.id).rows.filter((r) => r.bookingId === b.id).length).toBeGreaterThan(0);
    expect(historyOf(property.id).rows.filter((r) => r.bookingId === b.id)).toEqual([]);
  });
});

describe('a change of owner or tenant', () => {
  it("is one History row naming both customers; the property's History keeps every row from before, across customers", () => {
    const { customer: seller, property } = landlord('Seller Estates');
    const b = makeBooking(core, seller.id, { propertyId: property.id });
    const buyer = makeCustomer(core, { name: 'Buyer Holdings' });
    const before = historyOf(property.id).rows.map((r) => r.id);
    const { rows } = written(core, () => staff()('properties.move', { id: property.id, customerId: buyer.id }));
    expectSealedAction(core, rows);
    expect(rows.map(readable)).toEqual([
      {
        entity: 'property',
        entity_id: property.id,
        booking_id: null,
        customer_id: buyer.id,
        field: 'customer',
        old_value: 'Seller Estates',
        new_value: 'Buyer Holdings',
        old_ref: seller.id,
        new_ref: buyer.id,
        category: 'user_action',
        event: 'customer changed',
        label: 'Buyer Holdings',
        actor_id: core.users.staff.id,
        actor_name: USER_NAMES.staff,
        origin: 'app',
      },
    ]);
    const after = historyOf(property.id).rows;
    expect(after.map((r) => r.id)).toEqual([rows[0].id, ...before]);
    // The seller's booking stays theirs, and stays in the property's History.
    expect(after.some((r) => r.bookingId === b.id && r.customerId === seller.id)).toBe(true);
    expect(staff()('properties.list', { customerId: seller.id })).toEqual([]);
    expect(staff()('properties.list', { customerId: buyer.id }).map((p) => p.id)).toEqual([property.id]);
    // The buyer's next booking there is theirs.
    const next = makeBooking(core, buyer.id, { propertyId: property.id });
    expect(historyOf(property.id).rows[0]).toMatchObject({ bookingId: next.id, customerId: buyer.id });
  });

  it("prints as the landlord reads it: every row of the property, oldest first, across customers; the printing recorded on today's owner", () => {
    const { customer: seller, property } = landlord('Print Estates');
    const sold = makeBooking(core, seller.id, { propertyId: property.id });
    const buyer = makeCustomer(core, { name: 'Print Holdings' });
    staff()('properties.move', { id: property.id, customerId: buyer.id });
    makeBooking(core, buyer.id, { propertyId: property.id });
    const report = staff()('reports.history', { propertyId: property.id });
    expect(report.history.map((r) => r.id)).toEqual(
      historyOf(property.id)
        .rows.map((r) => r.id)
        .reverse(),
    );
    expect(report.history.some((r) => r.bookingId === sold.id && r.customerId === seller.id)).toBe(true);
    expect(report.header.subject).toBe('Harbour View, 20 Harbour St, Portsmouth · Print Holdings');
    expect(core.db.sqlite.prepare('SELECT kind, subject, customer_id FROM reports_issued ORDER BY id DESC LIMIT 1').all()).toEqual([
      { kind: 'history', subject: report.header.subject, customer_id: buyer.id },
    ]);
    // One record at a time: a property and a customer together are refused, under the field it names.
    expect(refusal(core.raw('staff', 'reports.history', { propertyId: property.id, customerId: buyer.id }))).toMatchObject({
      code: 'invalid_input',
      field: 'customerId',
    });
    expect(refusal(core.raw('staff', 'reports.history', { propertyId: 999_999 }))).toMatchObject({ code: 'not_found', field: 'propertyId' });
  });

  it('pages the History like the others: newest first, by keyset, every row once, its changes counted on the first page', () => {
    const { customer, property } = landlord('Paging Lettings');
    const bookings = Array.from({ length: 4 }, () => makeBooking(core, customer.id, { propertyId: property.id }));
    // A reschedule writes its start and its end: two rows, one change. Rows of every kind the property's History gathers.
    staff()('bookings.update', {
      id: bookings[0].id,
      scheduledStart: '2026-03-03T09:00:00Z',
      scheduledEnd: '2026-03-03T11:00:00Z',
      reason: { code: 'customer' },
    });
    staff()('equipment.add', { propertyId: property.id, kind: 'Boiler' });
    staff()('quotes.create', { customerId: customer.id, title: 'New radiators', amountCents: 90000, propertyId: property.id });
    staff()('properties.update', { id: property.id, accessNotes: 'Keys with the neighbour' });
    const whole = historyOf(property.id).rows;
    const all = whole.map((r) => r.id);
    expect(new Set(whole.map((r) => r.entity))).toEqual(new Set(['property', 'unit', 'booking', 'equipment', 'quote']));
    expect(historyOf(property.id, 3).total).toEqual({ count: all.length, atLeast: false, events: countEvents(whole) });
    expect(countEvents(whole)).toBeLessThan(all.length);
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = staff()('history.property', { propertyId: property.id, limit: 3, ...(before ? { before } : {}) });
      seen.push(...page.rows.map((r) => r.id));
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    expect(seen).toEqual(all);
    expect([...all].sort((x, y) => y - x)).toEqual(all);
  });
});

describe('approval of further work', () => {
  it('accepting a quote records how the customer answered, who did and when; the actor is who took it', () => {
    const { customer, property } = landlord('Approval Lettings');
    const q = staff()('quotes.create', { customerId: customer.id, title: 'Replace boiler, Flat 2', amountCents: 250000, propertyId: property.id });
    expect(staff()('properties.get', { id: property.id }).pendingQuotes.map((x) => x.id)).toEqual([q.id]);
    const { value, rows } = written(core, () =>
      core.as('manager')('quotes.setStatus', {
        id: q.id,
        status: 'accepted',
        decision: { channel: 'phone', decidedBy: 'Maria Lopez (owner)', decidedAt: '2026-03-01T16:30:00Z' },
      }),
    );
    expectSealedAction(core, rows);
    expect(rows.map((r) => [r.field, r.old_value, r.new_value, r.actor_name]).sort()).toEqual([
      ['channel', null, 'phone', USER_NAMES.manager],
      ['decided_at', null, '2026-03-01T16:30:00.000Z', USER_NAMES.manager],
      ['decided_by', null, 'Maria Lopez (owner)', USER_NAMES.manager],
      ['status', 'draft', 'accepted', USER_NAMES.manager],
    ]);
    expect(value).toMatchObject({ status: 'accepted', decisionChannel: 'phone', decidedBy: 'Maria Lopez (owner)', decisionTakenBy: USER_NAMES.manager });
    // The property's History says it, and the quote is no longer pending there.
    expect(
      historyOf(property.id)
        .rows.filter((r) => r.entity === 'quote')
        .map((r) => r.field),
    ).toEqual(expect.arrayContaining(['channel', 'decided_by', 'decided_at', 'status', '*']));
    expect(staff()('properties.get', { id: property.id }).pendingQuotes).toEqual([]);
  });

  it('accepting or declining without saying how is refused; declining in person names the customer by default', () => {
    const c = makeCustomer(core, { name: 'Decline Person' });
    const q = staff()('quotes.create', { customerId: c.id, title: 'Gutter work', amountCents: 9000 });
    expect(refusal(core.raw('staff', 'quotes.setStatus', { id: q.id, status: 'accepted' }))).toMatchObject({ code: 'invalid_input', field: 'decision' });
    const declined = staff()('quotes.setStatus', { id: q.id, status: 'declined', decision: { channel: 'in_person' } });
    expect(declined).toMatchObject({ status: 'declined', decisionChannel: 'in_person', decidedBy: 'Decline Person' });
    // Sent again: the answer is cleared, and the History keeps it.
    const { rows } = written(core, () => staff()('quotes.setStatus', { id: q.id, status: 'sent' }));
    expect(rows.map((r) => [r.field, r.old_value, r.new_value])).toEqual(expect.arrayContaining([['channel', 'in_person', null]]));
  });
});

describe('who may', () => {
  it('a fieldworker may not read or change properties; staff may not delete one; managers may, with a reason', () => {
    const { customer, property } = landlord('Roles Lettings');
    for (const [name, input] of [
      ['properties.list', { customerId: customer.id }],
      ['properties.get', { id: property.id }],
      ['properties.create', { customerId: customer.id, name: 'X', address: 'Y' }],
      ['properties.move', { id: property.id, customerId: customer.id }],
      ['history.property', { propertyId: property.id }],
      ['units.add', { propertyId: property.id, name: 'Z' }],
    ] as const) {
      expect(refusal(core.rawUnchecked('fieldworker', name, input) as never), name).toMatchObject({ code: 'forbidden' });
    }
    expect(refusal(core.raw('staff', 'properties.delete', { id: property.id, reason: { code: 'duplicate' } }))).toMatchObject({ code: 'forbidden' });
    const { rows } = written(core, () => core.as('manager')('properties.delete', { id: property.id, reason: { code: 'duplicate' } }));
    expect(rows.map((r) => [r.entity, r.event])).toEqual([['property', 'deleted']]);
    expect(core.db.sqlite.prepare('SELECT reason FROM audit_log WHERE id = ?').pluck().get(rows[0].id)).toMatch(/duplicate/i);
  });

  it('a property with an open booking cannot be deleted', () => {
    const { customer, property } = landlord('Open Lettings');
    makeBooking(core, customer.id, { propertyId: property.id });
    expect(refusal(core.raw('manager', 'properties.delete', { id: property.id, reason: { code: 'duplicate' } }))).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('1 open booking'),
    });
  });
});

describe('the records check', () => {
  it('finds every property, unit, booking and quote explained by its History; and names a property changed behind its back', () => {
    expect(checkIntegrity(core.db.sqlite).problems).toEqual([]);
    const { property } = landlord('Tamper Lettings');
    core.db.sqlite.exec('DROP TRIGGER audit_property_address');
    core.db.sqlite.prepare("UPDATE properties SET address = 'Somewhere else' WHERE id = ?").run(property.id);
    const report = checkIntegrity(core.db.sqlite);
    expect(report.problems.join('\n')).toContain(`property ${property.id}: address is "Somewhere else"`);
  });
});

describe('the Audit log', () => {
  it('narrows to property and unit rows by the Record filter, as it does any kind', () => {
    const { property } = landlord('Filter Lettings');
    const search = (entity: string) => staff()('history.search', { entity, limit: 1000 }).rows;
    const properties = search('property');
    expect(properties.length).toBeGreaterThan(0);
    expect(properties.every((r) => r.entity === 'property')).toBe(true);
    expect(properties.map((r) => r.entityId)).toContain(property.id);
    expect(search('unit').map((r) => r.entityId)).toEqual(expect.arrayContaining(property.units.map((u) => u.id)));
    // Within one property's History too.
    expect(staff()('history.property', { propertyId: property.id, entity: 'unit', limit: 100 }).rows.map((r) => r.entity)).toEqual(['unit', 'unit', 'unit']);
  });
});
