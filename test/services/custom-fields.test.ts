// Custom fields: only tracked ones are audited, and switching tracking is itself
// audited, so nobody can switch it off, change a value and switch it back unseen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCore, USER_NAMES, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer, readable, written } from '../helpers/audit';

let core: TestCore;
let tracked: { id: number };
let untracked: { id: number };
let customerField: { id: number };
beforeAll(() => {
  core = makeCore();
  tracked = core.as('administrator')('customFields.define', { entity: 'booking', label: 'Access code', type: 'text' });
  untracked = core.as('administrator')('customFields.define', { entity: 'booking', label: 'Parking', type: 'text', trackChanges: false });
  customerField = core.as('administrator')('customFields.define', { entity: 'customer', label: 'Loyalty tier', type: 'text' });
});
afterAll(() => core.dispose());

const setField = (bookingId: number, defId: number, value: string | null) =>
  written(core, () => core.as('staff')('bookings.update', { id: bookingId, customFields: { [String(defId)]: value } }));

describe('custom field tracking', () => {
  it('a value change of an untracked field writes no audit row, though the value is saved', () => {
    const c = makeCustomer(core, { name: 'Ida Marr' });
    const b = makeBooking(core, c.id);
    expect(setField(b.id, untracked.id, 'Street only').rows).toEqual([]);
    expect(setField(b.id, untracked.id, 'Driveway').rows).toEqual([]);
    expect(core.as('staff')('bookings.get', { id: b.id }).customFields).toEqual({ [String(untracked.id)]: 'Driveway' });
  });

  it('a tracked field writes one row with the field label and the old and new value', () => {
    const c = makeCustomer(core, { name: 'Jack Nye' });
    const b = makeBooking(core, c.id);
    const base = {
      entity: 'booking',
      entity_id: b.id,
      booking_id: b.id,
      customer_id: c.id,
      field: 'Access code',
      old_ref: null,
      new_ref: null,
      category: 'data_edit',
      event: 'custom field updated',
      label: 'Boiler service · Jack Nye',
      actor_id: core.users.staff.id,
      actor_name: USER_NAMES.staff,
      origin: 'app',
    };
    expect(setField(b.id, tracked.id, '1234').rows.map(readable)).toEqual([{ ...base, old_value: null, new_value: '1234' }]);
    expect(setField(b.id, tracked.id, '5678').rows.map(readable)).toEqual([{ ...base, old_value: '1234', new_value: '5678' }]);
    expect(setField(b.id, tracked.id, null).rows.map(readable)).toEqual([{ ...base, old_value: '5678', new_value: null }]);
    // Saving the same value again changes nothing and writes nothing.
    setField(b.id, tracked.id, '9999');
    expect(setField(b.id, tracked.id, '9999').rows).toEqual([]);
  });

  it('a customer custom field is tied to the customer', () => {
    const c = makeCustomer(core, { name: 'Kim Ortiz' });
    const { rows } = written(core, () => core.as('staff')('customers.update', { id: c.id, customFields: { [String(customerField.id)]: 'Gold' } }));
    expect(rows.map(readable)).toEqual([
      {
        entity: 'customer',
        entity_id: c.id,
        booking_id: null,
        customer_id: c.id,
        field: 'Loyalty tier',
        old_value: null,
        new_value: 'Gold',
        old_ref: null,
        new_ref: null,
        category: 'data_edit',
        event: 'custom field updated',
        label: 'Kim Ortiz',
        actor_id: core.users.staff.id,
        actor_name: USER_NAMES.staff,
        origin: 'app',
      },
    ]);
  });

  it('switching tracking off and on is audited, and only changes made while it is on are recorded', () => {
    const def = core.as('administrator')('customFields.define', { entity: 'booking', label: 'Pets', type: 'text' });
    const c = makeCustomer(core, { name: 'Lou Park' });
    const b = makeBooking(core, c.id);
    setField(b.id, def.id, 'Cat');
    const toggle = (on: boolean) => written(core, () => core.as('administrator')('customFields.setTracking', { id: def.id, trackChanges: on }));
    const base = {
      entity: 'custom_field',
      entity_id: def.id,
      booking_id: null,
      customer_id: null,
      field: 'track_changes',
      old_ref: null,
      new_ref: null,
      category: 'data_edit',
      label: 'booking field Pets',
      actor_id: core.users.administrator.id,
      actor_name: USER_NAMES.administrator,
      origin: 'app',
    };

    const off = toggle(false);
    expect(off.value.trackChanges).toBe(false);
    expect(off.rows.map(readable)).toEqual([{ ...base, old_value: 'on', new_value: 'off', event: 'tracking switched off' }]);
    expect(setField(b.id, def.id, 'Dog').rows).toEqual([]);
    expect(setField(b.id, def.id, 'Two dogs').rows).toEqual([]);

    // Switching to what it already is writes nothing.
    expect(toggle(false).rows).toEqual([]);

    // Back on: the switch, then what the History missed meanwhile (untracked-changes.test.ts has the details).
    const on = toggle(true);
    expect(readable(on.rows[0])).toEqual({ ...base, old_value: 'off', new_value: 'on', event: 'tracking switched on' });
    expect(on.rows.slice(1).map((r) => [r.entity_id, r.field, r.event, r.old_value, r.new_value])).toEqual([
      [b.id, 'Pets', 'not tracked', off.rows[0].at, on.rows[0].at],
      [b.id, 'Pets', 'changed while not tracked', 'Cat', 'Two dogs'],
    ]);
    const after = setField(b.id, def.id, 'No pets').rows;
    expect(after.map((r) => [r.field, r.old_value, r.new_value])).toEqual([['Pets', 'Two dogs', 'No pets']]);

    // Each change made while tracked is in the History once; the two made while off show only as their result.
    const history = core
      .as('staff')('history.booking', { bookingId: b.id })
      .rows.filter((h) => h.field === 'Pets');
    expect(history.map((h) => [h.event, h.oldValue, h.newValue])).toEqual([
      ['custom field updated', 'Two dogs', 'No pets'],
      ['changed while not tracked', 'Cat', 'Two dogs'],
      ['not tracked', off.rows[0].at, on.rows[0].at],
      ['custom field updated', null, 'Cat'],
    ]);
  });

  it('the list says since when a field is not tracked, and null while it is', () => {
    const def = core.as('administrator')('customFields.define', { entity: 'customer', label: 'Gate colour', type: 'text' });
    expect(def.untrackedSince).toBeNull();
    const off = written(core, () => core.as('administrator')('customFields.setTracking', { id: def.id, trackChanges: false }));
    const listed = core
      .as('fieldworker')('customFields.list', { entity: 'customer' })
      .find((d) => d.id === def.id);
    expect(listed).toMatchObject({ trackChanges: false, untrackedSince: off.rows[0].at });
  });

  it('only an administrator switches tracking: a manager is refused and nothing is written', () => {
    const before = core.db.sqlite.prepare('SELECT max(id) FROM audit_log').pluck().get();
    const r = core.raw('manager', 'customFields.setTracking', { id: tracked.id, trackChanges: false });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.db.sqlite.prepare('SELECT max(id) FROM audit_log').pluck().get()).toBe(before);
    expect(
      core
        .as('staff')('customFields.list', {})
        .find((d) => d.id === tracked.id)?.trackChanges,
    ).toBe(true);
  });

  it('saving an empty value for a tracked field that was never set writes no audit row', () => {
    const c = makeCustomer(core, { name: 'Mae Quon' });
    const b = makeBooking(core, c.id);
    const { rows } = setField(b.id, tracked.id, null);
    expect(rows.map((r) => [r.field, r.old_value, r.new_value, r.event])).toEqual([]);
  });

  it('a value for a field of the other entity, or an unknown field, is refused and nothing is written', () => {
    const c = makeCustomer(core, { name: 'Ned Rowe' });
    const b = makeBooking(core, c.id);
    const r1 = core.raw('staff', 'bookings.update', { id: b.id, customFields: { [String(customerField.id)]: 'Gold' } });
    expect(r1).toMatchObject({ ok: false, error: { code: 'invalid_input', field: `customFields.${customerField.id}` } });
    const r2 = core.raw('staff', 'bookings.update', { id: b.id, customFields: { '424242': 'x' } });
    expect(r2).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'customFields.424242' } });
  });
});
