// A value changed while its field was not tracked never looks tracked: switching
// tracking back on writes "changed while not tracked" (last recorded value → the
// value now) and the stretch it was "not tracked" into each record's History, and
// the integrity check tells a field switched off (a note) from a tracked value
// changed behind a dropped trigger (a problem).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIntegrity } from '../../db/integrity';
import { untrackedText } from '../../db/customFieldDrift';
import { makeCore, USER_NAMES, verifyAsManager, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer, outsideConnection, readable, written } from '../helpers/audit';

let core: TestCore;
beforeAll(() => {
  core = makeCore();
});
afterAll(() => core.dispose());

const admin = () => core.as('administrator');
const define = (label: string, entity: 'booking' | 'customer' = 'booking', trackChanges = true) =>
  admin()('customFields.define', { entity, label, type: entity === 'booking' ? 'number' : 'text', trackChanges });
const switchTracking = (id: number, on: boolean) => written(core, () => admin()('customFields.setTracking', { id, trackChanges: on }));
const setOnBooking = (bookingId: number, defId: number, value: string | null) =>
  written(core, () => core.as('staff')('bookings.update', { id: bookingId, customFields: { [String(defId)]: value } }));
const historyOf = (bookingId: number) =>
  core
    .as('staff')('history.booking', { bookingId, order: 'oldest' })
    .rows.filter((r) => r.event === 'custom field updated' || r.event.includes('not tracked'))
    .map((r) => [r.event, r.field, r.oldValue, r.newValue]);

describe('the round trip from the issue: 70.5 tracked, switched off, set to 85, switched on', () => {
  it('writes "changed while not tracked" 70.5 → 85 and the stretch into the booking\'s History, and the check is clean after', async () => {
    const field = define('Thermostat setpoint');
    const b = makeBooking(core, makeCustomer(core, { name: 'Olga Pryce' }).id);
    setOnBooking(b.id, field.id, '70.5');

    const off = switchTracking(field.id, false);
    expect(off.value).toMatchObject({ trackChanges: false, untrackedSince: off.rows[0].at, changedWhileUntracked: 0 });
    expect(setOnBooking(b.id, field.id, '85').rows).toEqual([]);

    // While it is off: intact, with a note that says what the History lacks, not a problem.
    const whileOff = await verifyAsManager(core);
    expect(whileOff.ok).toBe(true);
    expect(whileOff.problems).toEqual([]);
    expect(whileOff.untracked).toContain(
      `booking field "Thermostat setpoint" not tracked since ${off.rows[0].at.slice(0, 16).replace('T', ' ')} UTC: 1 value changed since is not in the History`,
    );

    const on = switchTracking(field.id, true);
    expect(on.value).toMatchObject({ trackChanges: true, untrackedSince: null, changedWhileUntracked: 1 });
    const by = { actor_id: core.users.administrator.id, actor_name: USER_NAMES.administrator, origin: 'app' };
    const onBooking = {
      entity: 'booking',
      entity_id: b.id,
      booking_id: b.id,
      customer_id: b.customerId,
      field: 'Thermostat setpoint',
      old_ref: null,
      new_ref: null,
      category: 'data_edit',
      label: 'Boiler service · Olga Pryce',
      ...by,
    };
    expect(on.rows.map(readable)).toEqual([
      {
        entity: 'custom_field',
        entity_id: field.id,
        booking_id: null,
        customer_id: null,
        field: 'track_changes',
        old_value: 'off',
        new_value: 'on',
        old_ref: null,
        new_ref: null,
        category: 'data_edit',
        event: 'tracking switched on',
        label: 'booking field Thermostat setpoint',
        ...by,
      },
      { ...onBooking, event: 'not tracked', old_value: off.rows[0].at, new_value: on.rows[0].at },
      { ...onBooking, event: 'changed while not tracked', old_value: '70.5', new_value: '85' },
    ]);
    expect(historyOf(b.id)).toEqual([
      ['custom field updated', 'Thermostat setpoint', null, '70.5'],
      ['not tracked', 'Thermostat setpoint', off.rows[0].at, on.rows[0].at],
      ['changed while not tracked', 'Thermostat setpoint', '70.5', '85'],
    ]);

    // The booking as it was, rebuilt from its History alone, holds what the field held.
    expect(core.as('staff')('history.asItWas', { entity: 'booking', id: b.id }).customFields).toEqual({ 'Thermostat setpoint': '85' });

    const after = await verifyAsManager(core);
    expect(after.ok).toBe(true);
    expect(after.untracked?.some((l) => l.includes('Thermostat setpoint'))).toBe(false);

    // Tracked again: the next change is recorded from 85, as the field holds it.
    expect(setOnBooking(b.id, field.id, '72').rows.map((r) => [r.event, r.old_value, r.new_value])).toEqual([['custom field updated', '85', '72']]);
  });
});

describe('switching tracking back on', () => {
  it('reaches every record that has the field, and only those: unchanged, set, cleared, never recorded', () => {
    const field = define('Filter size');
    const c = makeCustomer(core, { name: 'Pia Quill' });
    const [same, changed, cleared, fresh, none] = [1, 2, 3, 4, 5].map(() => makeBooking(core, c.id));
    setOnBooking(same.id, field.id, '16');
    setOnBooking(changed.id, field.id, '20');
    setOnBooking(cleared.id, field.id, '25');
    switchTracking(field.id, false);
    setOnBooking(changed.id, field.id, '22');
    setOnBooking(cleared.id, field.id, null);
    setOnBooking(fresh.id, field.id, '14');
    // Changed and changed back: the value is as recorded, but the stretch still shows it could have changed.
    setOnBooking(same.id, field.id, '18');
    setOnBooking(same.id, field.id, '16');
    setOnBooking(none.id, field.id, null);

    const on = switchTracking(field.id, true);
    expect(on.value.changedWhileUntracked).toBe(3);
    const stretch = on.rows.find((r) => r.event === 'not tracked')!;
    const rows = on.rows.filter((r) => r.entity === 'booking').map((r) => [r.entity_id, r.event, r.old_value, r.new_value]);
    expect(rows).toEqual([
      [same.id, 'not tracked', stretch.old_value, stretch.new_value],
      [changed.id, 'not tracked', stretch.old_value, stretch.new_value],
      [changed.id, 'changed while not tracked', '20', '22'],
      [cleared.id, 'not tracked', stretch.old_value, stretch.new_value],
      [cleared.id, 'changed while not tracked', '25', null],
      [fresh.id, 'not tracked', stretch.old_value, stretch.new_value],
      [fresh.id, 'changed while not tracked', null, '14'],
    ]);
    expect(checkIntegrity(core.db.sqlite).state).toEqual([]);
  });

  it('for a field defined untracked, the stretch starts when it was defined, and a customer field reaches its customers', () => {
    const field = define('Preferred technician', 'customer', false);
    const defined = core.db.sqlite.prepare('SELECT created_at FROM custom_field_definitions WHERE id = ?').pluck().get(field.id);
    expect(field.untrackedSince).toBe(defined);
    const c = makeCustomer(core, { name: 'Rhea Stone' });
    core.as('staff')('customers.update', { id: c.id, customFields: { [String(field.id)]: 'Luis' } });
    expect(checkIntegrity(core.db.sqlite).untracked?.find((f) => f.id === field.id)).toMatchObject({ neverTracked: true, unrecorded: 1, since: defined });

    const on = switchTracking(field.id, true);
    expect(on.rows.filter((r) => r.entity === 'customer').map((r) => [r.customer_id, r.booking_id, r.event, r.old_value, r.new_value, r.label])).toEqual([
      [c.id, null, 'not tracked', defined, on.rows[0].at, 'Rhea Stone'],
      [c.id, null, 'changed while not tracked', null, 'Luis', 'Rhea Stone'],
    ]);
    expect(
      core
        .as('staff')('history.customer', { customerId: c.id })
        .rows.map((r) => r.event),
    ).toEqual(expect.arrayContaining(['not tracked', 'changed while not tracked']));
  });

  it('switching off writes only the switch: the records are reached when it comes back on', () => {
    const field = define('Duct count');
    const b = makeBooking(core, makeCustomer(core, { name: 'Saul Tate' }).id);
    setOnBooking(b.id, field.id, '4');
    expect(switchTracking(field.id, false).rows.map((r) => r.event)).toEqual(['tracking switched off']);
    expect(switchTracking(field.id, false).rows).toEqual([]);
  });
});

describe('the integrity check', () => {
  it("reports a tracked value changed behind its trigger's back as a problem, naming the record, the field and both values", () => {
    const field = define('Boiler pressure');
    const b = makeBooking(core, makeCustomer(core, { name: 'Tess Urban' }).id);
    setOnBooking(b.id, field.id, '1.5');
    const tool = outsideConnection(core.file);
    try {
      const trigger = tool.prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_custom_value_changed'").pluck().get() as string;
      tool.exec('DROP TRIGGER audit_custom_value_changed');
      tool.prepare('UPDATE custom_field_values SET value = ? WHERE definition_id = ? AND entity_id = ?').run('3.0', field.id, b.id);
      tool.exec(trigger);
    } finally {
      tool.close();
    }
    const report = checkIntegrity(core.db.sqlite);
    expect(report.ok).toBe(false);
    expect(report.problems).toContain(`booking ${b.id}: custom field "Boiler pressure" is "3.0" but its History ends at "1.5": changed without an audit row`);
    // Put back through the app (a tracked change), the History ends at the stored value again.
    setOnBooking(b.id, field.id, '1.5');
    expect(checkIntegrity(core.db.sqlite).state.filter((p) => p.field === 'Boiler pressure')).toEqual([]);
  });

  it('says a field switched off with no value changed since lacks nothing', () => {
    const field = define('Zone count');
    const b = makeBooking(core, makeCustomer(core, { name: 'Uma Vance' }).id);
    setOnBooking(b.id, field.id, '2');
    switchTracking(field.id, false);
    const note = checkIntegrity(core.db.sqlite).untracked!.find((f) => f.id === field.id)!;
    expect(untrackedText(note)).toMatch(/^booking field "Zone count" not tracked since \d{4}-\d\d-\d\d \d\d:\d\d UTC: no value differs from its History$/);
  });
});
