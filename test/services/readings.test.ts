// Technicians' readings: a booking field "filled in by the fieldworker" is set by
// the assigned fieldworker on their own job, and read again and again (before and
// after the work), each reading a row of the booking's History with who and when.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audited } from '../../db/actor';
import { checkIntegrity } from '../../db/integrity';
import { fieldText } from '../../renderer/history/readable';
import { makeCore, USER_NAMES, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer, makeUser, readable, written } from '../helpers/audit';

let core: TestCore;
let setpoint: { id: number };
let officeField: { id: number };
beforeAll(() => {
  core = makeCore();
  setpoint = core.as('administrator')('customFields.define', { entity: 'booking', label: 'Thermostat setpoint', type: 'number', fieldworkerFills: true });
  officeField = core.as('administrator')('customFields.define', { entity: 'booking', label: 'Gate code', type: 'text' });
});
afterAll(() => core.dispose());

/** A booking of a new customer, assigned to the test fieldworker unless another is named. */
function job(fieldworkerId = core.users.fieldworker.id) {
  const c = makeCustomer(core);
  return makeBooking(core, c.id, { fieldworkerId });
}

const fieldworker = () => core.as('fieldworker');

describe('the "filled in by the fieldworker" switch', () => {
  it('is carried by the field\'s "defined" row, and switching it writes one History row each way', () => {
    const d = written(core, () => core.as('administrator')('customFields.define', { entity: 'booking', label: 'Filter size', type: 'text' }));
    expect(JSON.parse(d.rows[0].new_value!)).toMatchObject({ label: 'Filter size', fieldworker_fills: 'off' });
    const on = written(core, () => core.as('administrator')('customFields.setFieldworkerFills', { id: d.value.id, fieldworkerFills: true }));
    expect(on.value.fieldworkerFills).toBe(true);
    expect(on.rows.map(readable)).toEqual([
      {
        entity: 'custom_field',
        entity_id: d.value.id,
        booking_id: null,
        customer_id: null,
        field: 'fieldworker_fills',
        old_value: 'off',
        new_value: 'on',
        old_ref: null,
        new_ref: null,
        category: 'data_edit',
        event: 'fieldworker filling switched on',
        label: 'booking field Filter size',
        actor_id: core.users.administrator.id,
        actor_name: USER_NAMES.administrator,
        origin: 'app',
      },
    ]);
    const off = written(core, () => core.as('administrator')('customFields.setFieldworkerFills', { id: d.value.id, fieldworkerFills: false }));
    expect(off.rows.map((r) => [r.old_value, r.new_value, r.event])).toEqual([['on', 'off', 'fieldworker filling switched off']]);
  });

  it("is the administrator's, and only for booking fields", () => {
    expect(core.raw('manager', 'customFields.setFieldworkerFills', { id: setpoint.id, fieldworkerFills: false })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const tier = core.as('administrator')('customFields.define', { entity: 'customer', label: 'Tier', type: 'text' });
    expect(core.raw('administrator', 'customFields.setFieldworkerFills', { id: tier.id, fieldworkerFills: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'fieldworkerFills' },
    });
  });
});

describe('the fieldworker fills in their fields', () => {
  it('sets a fieldworker field on their own job: one History row with their name', () => {
    const b = job();
    const w = written(core, () => fieldworker()('bookings.fillFields', { id: b.id, customFields: { [setpoint.id]: '68' } }));
    expect(w.value).toEqual({ [setpoint.id]: '68' });
    expect(w.rows.map((r) => [r.field, r.old_value, r.new_value, r.event, r.actor_name, r.booking_id])).toEqual([
      ['Thermostat setpoint', null, '68', 'custom field updated', USER_NAMES.fieldworker, b.id],
    ]);
  });

  it("is refused on another fieldworker's job, and for the office's fields, and nothing is written", () => {
    const other = makeUser(core, 'Omar Other', 'fieldworker');
    const theirs = job(other.id);
    const w = written(core, () => core.raw('fieldworker', 'bookings.fillFields', { id: theirs.id, customFields: { [setpoint.id]: '70' } }));
    expect(w.value).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/not assigned to you/) } });
    expect(w.rows).toEqual([]);
    const mine = job();
    const office = written(core, () => core.raw('fieldworker', 'bookings.fillFields', { id: mine.id, customFields: { [officeField.id]: '1234' } }));
    expect(office.value).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/Gate code is filled in by the office/) } });
    expect(office.rows).toEqual([]);
  });
});

describe('readings repeat per visit', () => {
  it("a setpoint before and after the work: two readings, two rows in the booking's History", () => {
    const b = job();
    const before = written(core, () =>
      fieldworker()('readings.record', { bookingId: b.id, definitionId: setpoint.id, value: '72', note: 'before', takenAt: '2026-03-02T09:05:00Z' }),
    );
    const after = written(core, () =>
      fieldworker()('readings.record', { bookingId: b.id, definitionId: setpoint.id, value: '68', note: 'after', takenAt: '2026-03-02T10:40:00Z' }),
    );
    expect(fieldworker()('readings.list', { bookingId: b.id }).map((r) => [r.field, r.value, r.note, r.takenAt, r.recordedBy])).toEqual([
      ['Thermostat setpoint', '72', 'before', '2026-03-02T09:05:00.000Z', USER_NAMES.fieldworker],
      ['Thermostat setpoint', '68', 'after', '2026-03-02T10:40:00.000Z', USER_NAMES.fieldworker],
    ]);
    for (const [w, value, note] of [
      [before, '72', 'before'],
      [after, '68', 'after'],
    ] as const) {
      expect(w.rows).toHaveLength(1);
      expect(readable(w.rows[0])).toMatchObject({
        entity: 'reading',
        entity_id: w.value.id,
        booking_id: b.id,
        customer_id: b.customerId,
        field: '*',
        event: 'reading recorded',
        actor_name: USER_NAMES.fieldworker,
        origin: 'app',
      });
      expect(JSON.parse(w.rows[0].new_value!)).toMatchObject({ reading: 'Thermostat setpoint', value, note, recorded_by: USER_NAMES.fieldworker });
    }
    const history = fieldworker()('history.booking', { bookingId: b.id, event: 'reading recorded' });
    expect(history.rows.map((r) => r.entityId)).toEqual([after.value.id, before.value.id]);
  });

  it("a fieldworker records on their own job only: another's is refused at the contract", () => {
    const other = makeUser(core, 'Petra Other', 'fieldworker');
    const theirs = job(other.id);
    const w = written(core, () => core.raw('fieldworker', 'readings.record', { bookingId: theirs.id, definitionId: setpoint.id, value: '70' }));
    expect(w.value).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(w.rows).toEqual([]);
    expect(core.raw('fieldworker', 'readings.list', { bookingId: theirs.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The office records on anyone's job.
    expect(core.as('staff')('readings.record', { bookingId: theirs.id, definitionId: setpoint.id, value: '70' }).recordedBy).toBe(USER_NAMES.staff);
  });

  it("refuses a field the office fills in, a value not of the field's type, and a time in the future", () => {
    const b = job();
    expect(core.raw('fieldworker', 'readings.record', { bookingId: b.id, definitionId: officeField.id, value: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', field: 'definitionId' },
    });
    expect(core.raw('fieldworker', 'readings.record', { bookingId: b.id, definitionId: setpoint.id, value: 'warm' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'value', message: 'Thermostat setpoint must be a number.' },
    });
    expect(
      core.raw('fieldworker', 'readings.record', { bookingId: b.id, definitionId: setpoint.id, value: '70', takenAt: '2199-01-01T00:00:00Z' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'takenAt' } });
  });

  it('a correction needs a reason, and the History keeps the value first recorded', () => {
    const b = job();
    const r = fieldworker()('readings.record', { bookingId: b.id, definitionId: setpoint.id, value: '86', note: 'after' });
    expect(core.raw('fieldworker', 'readings.correct', { id: r.id, value: '68' } as never)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'reason' },
    });
    const w = written(core, () => fieldworker()('readings.correct', { id: r.id, value: '68', reason: { code: 'entered_in_error' } }));
    expect(w.value.value).toBe('68');
    expect(w.rows.map((x) => [x.field, x.old_value, x.new_value, x.event, (x as unknown as { reason: string }).reason])).toEqual([
      ['value', '86', '68', 'reading corrected', 'Entered in error'],
    ]);
  });
});

// ── equipment ──────────────────────────────────────────────────────────────────

/** A property of the customer, with the bookings placed at it: until properties have their own entries, as the upgrade places them. */
function propertyWith(customerId: number, bookingIds: number[]): number {
  return audited(core.db.sqlite, { id: core.users.staff.id, name: USER_NAMES.staff }, () => {
    const now = new Date().toISOString();
    const id = Number(
      core.db.sqlite
        .prepare(
          `INSERT INTO properties (customer_id, name, address, created_at, updated_at)
      VALUES (?, 'Harbour View', '1 Harbour St', ?, ?)`,
        )
        .run(customerId, now, now).lastInsertRowid,
    );
    for (const b of bookingIds) core.db.sqlite.prepare('UPDATE bookings SET property_id = ? WHERE id = ?').run(id, b);
    return id;
  });
}

describe('equipment', () => {
  it('the office adds and edits a unit: a created row with every field, then one row per changed field', () => {
    const c = makeCustomer(core, { name: 'Rita Lane' });
    const p = propertyWith(c.id, []);
    const add = written(core, () =>
      core.as('staff')('equipment.add', {
        propertyId: p,
        kind: 'Furnace',
        makeModel: 'Carrier 59SC5',
        serialNumber: 'SN-1001',
        installedOn: '2024-05-01',
        warrantyUntil: '2034-05-01',
      }),
    );
    expect(readable(add.rows[0])).toMatchObject({
      entity: 'equipment',
      entity_id: add.value.id,
      customer_id: c.id,
      field: '*',
      event: 'equipment added',
      label: 'Rita Lane',
      actor_name: USER_NAMES.staff,
    });
    expect(JSON.parse(add.rows[0].new_value!)).toEqual({
      kind: 'Furnace',
      make_model: 'Carrier 59SC5',
      serial_number: 'SN-1001',
      installed_on: '2024-05-01',
      warranty_until: '2034-05-01',
      property: 'Harbour View',
      property_ref: p,
    });
    const edit = written(core, () =>
      core.as('staff')('equipment.update', { id: add.value.id, serialNumber: 'SN-1002', warrantyUntil: '2029-05-01', kind: 'Furnace' }),
    );
    expect(edit.rows.map((r) => [r.field, r.old_value, r.new_value, r.event]).sort()).toEqual([
      ['serial_number', 'SN-1001', 'SN-1002', 'equipment changed'],
      ['warranty_until', '2034-05-01', '2029-05-01', 'equipment changed'],
    ]);
    expect(core.raw('staff', 'equipment.update', { id: add.value.id, warrantyUntil: '2020-01-01' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'warrantyUntil' },
    });
  });

  it("a fieldworker sees the equipment at their own job's property, and may not add or edit it", () => {
    const c = makeCustomer(core);
    const b = makeBooking(core, c.id, { fieldworkerId: core.users.fieldworker.id });
    const p = propertyWith(c.id, [b.id]);
    const unit = core.as('staff')('equipment.add', { propertyId: p, kind: 'Heat pump' });
    expect(fieldworker()('equipment.forBooking', { bookingId: b.id }).map((e) => e.kind)).toEqual(['Heat pump']);
    expect(core.raw('fieldworker', 'equipment.add', { propertyId: p, kind: 'Boiler' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.raw('fieldworker', 'equipment.update', { id: unit.id, kind: 'Boiler' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.raw('fieldworker', 'history.equipment', { equipmentId: unit.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it("a unit's History runs across every visit: its own rows and the readings of each booking, newest first, paged", () => {
    const c = makeCustomer(core, { name: 'Sol Marsh' });
    const visits = [1, 2, 3].map((m) =>
      makeBooking(core, c.id, { fieldworkerId: core.users.fieldworker.id, scheduledStart: `2026-0${m}-10T09:00:00Z`, scheduledEnd: `2026-0${m}-10T10:00:00Z` }),
    );
    const p = propertyWith(
      c.id,
      visits.map((v) => v.id),
    );
    const unit = core.as('staff')('equipment.add', { propertyId: p, kind: 'Thermostat', makeModel: 'Honeywell T6' });
    const other = core.as('staff')('equipment.add', { propertyId: p, kind: 'Furnace' });
    visits.forEach((v, i) => {
      fieldworker()('readings.record', {
        bookingId: v.id,
        definitionId: setpoint.id,
        equipmentId: unit.id,
        value: String(70 + i),
        note: 'before',
        takenAt: `2026-0${i + 1}-10T09:05:00Z`,
      });
      fieldworker()('readings.record', {
        bookingId: v.id,
        definitionId: setpoint.id,
        equipmentId: unit.id,
        value: '68',
        note: 'after',
        takenAt: `2026-0${i + 1}-10T09:50:00Z`,
      });
      fieldworker()('readings.record', { bookingId: v.id, definitionId: setpoint.id, equipmentId: other.id, value: '1' });
    });
    core.as('staff')('equipment.update', { id: unit.id, warrantyUntil: '2030-01-01' });
    const first = core.as('staff')('history.equipment', { equipmentId: unit.id, limit: 4 });
    expect(first.total).toMatchObject({ count: 8 });
    expect(first.rows.map((r) => [r.entity, r.event, r.bookingId])).toEqual([
      ['equipment', 'equipment changed', null],
      ['reading', 'reading recorded', visits[2].id],
      ['reading', 'reading recorded', visits[2].id],
      ['reading', 'reading recorded', visits[1].id],
    ]);
    // Each row says what it is about, as the grid, the exports and the report read it.
    expect(fieldText(first.rows[1], first.rows[1])).toBe('Reading Thermostat setpoint (after) · Thermostat Honeywell T6');
    expect(fieldText(first.rows[0], first.rows[0])).toBe('Equipment Thermostat Honeywell T6: Warranty until');
    const rest = core.as('staff')('history.equipment', { equipmentId: unit.id, limit: 4, before: first.nextBefore! });
    expect(rest.rows.map((r) => [r.entity, r.bookingId])).toEqual([
      ['reading', visits[1].id],
      ['reading', visits[0].id],
      ['reading', visits[0].id],
      ['equipment', null],
    ]);
    expect(rest.nextBefore).toBeNull();
    // The property's complete History holds its equipment's rows beside its bookings'.
    const property = core.as('staff')('history.property', { propertyId: p, event: 'equipment added' });
    expect(property.rows.map((r) => r.entityId).sort()).toEqual([unit.id, other.id].sort());
    const table = core.as('staff')('equipment.readings', { equipmentId: unit.id });
    expect(table.map((r) => [r.bookingId, r.value, r.note])).toEqual([
      [visits[2].id, '68', 'after'],
      [visits[2].id, '72', 'before'],
      [visits[1].id, '68', 'after'],
      [visits[1].id, '71', 'before'],
      [visits[0].id, '68', 'after'],
      [visits[0].id, '70', 'before'],
    ]);
  });

  it('prints for a warranty dispute: every row of the unit, oldest first, named by the unit; the printing recorded on its customer', () => {
    const c = makeCustomer(core, { name: 'Ada Quill' });
    const visit = makeBooking(core, c.id, { fieldworkerId: core.users.fieldworker.id });
    const p = propertyWith(c.id, [visit.id]);
    const unit = core.as('staff')('equipment.add', { propertyId: p, kind: 'Furnace', makeModel: 'Carrier 59SC5', serialNumber: 'F-1001' });
    fieldworker()('readings.record', { bookingId: visit.id, definitionId: setpoint.id, equipmentId: unit.id, value: '71' });
    core.as('staff')('equipment.update', { id: unit.id, warrantyUntil: '2031-06-30' });
    const report = core.as('staff')('reports.equipment', { equipmentId: unit.id });
    const rows = core.as('staff')('history.equipment', { equipmentId: unit.id, limit: 50 }).rows;
    expect(report.history.map((r) => r.id)).toEqual(rows.map((r) => r.id).reverse());
    expect(report.header.subject).toMatch(/^Furnace Carrier 59SC5 · SN F-1001 · .+ · Ada Quill$/);
    expect(core.db.sqlite.prepare('SELECT kind, subject, customer_id FROM reports_issued ORDER BY id DESC LIMIT 1').get()).toEqual({
      kind: 'history',
      subject: report.header.subject,
      customer_id: c.id,
    });
    // Narrowed to one person, the subject says so, as the History grid's own report does.
    expect(core.as('staff')('reports.equipment', { equipmentId: unit.id, actorId: core.users.fieldworker.id }).header.subject).toContain(
      `by ${USER_NAMES.fieldworker}`,
    );
  });

  it("a reading's unit must be at the booking's property", () => {
    const c = makeCustomer(core);
    const b = makeBooking(core, c.id, { fieldworkerId: core.users.fieldworker.id });
    propertyWith(c.id, [b.id]);
    const elsewhere = core.as('staff')('equipment.add', { propertyId: propertyWith(makeCustomer(core).id, []), kind: 'Boiler' });
    expect(core.raw('fieldworker', 'readings.record', { bookingId: b.id, definitionId: setpoint.id, equipmentId: elsewhere.id, value: '70' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'equipmentId' },
    });
  });
});

describe('the integrity check knows readings and equipment', () => {
  it('passes over them as the app wrote them, and names a reading or a warranty changed without an audit row', () => {
    expect(checkIntegrity(core.db.sqlite).problems).toEqual([]);
    const reading = core.db.sqlite.prepare('SELECT id FROM readings ORDER BY id LIMIT 1').pluck().get() as number;
    const unit = core.db.sqlite.prepare('SELECT id FROM equipment ORDER BY id LIMIT 1').pluck().get() as number;
    // As a SQLite tool would, with the triggers dropped for the moment.
    core.db.sqlite.exec(`DROP TRIGGER audit_reading_value; DROP TRIGGER audit_equipment_warranty;
      UPDATE readings SET value = '55' WHERE id = ${reading}; UPDATE equipment SET warranty_until = '2040-01-01' WHERE id = ${unit};`);
    const state = checkIntegrity(core.db.sqlite).state.map((p) => [p.entity, p.id, p.field]);
    expect(state).toEqual(
      expect.arrayContaining([
        ['reading', reading, 'value'],
        ['equipment', unit, 'warranty_until'],
      ]),
    );
  });
});
