// No lost update (issue 15): two people open one booking (or customer); the second
// to save is refused, told whose change came in between, and nothing is written;
// saving anyway succeeds and says, in the History, whose change it overrode.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatWhenZoned } from '../../renderer/zonedTime';
import type { ApiError } from '../../electron/api/contract';
import { updateBooking } from '../../electron/services/bookings';
import { lastAuditId, makeCore, TEST_PASSWORD, USER_NAMES, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer, rowOf } from '../helpers/audit';

let core: TestCore;
beforeAll(() => {
  core = makeCore();
});
afterAll(() => core.dispose());

const leah = () => core.as('staff'); // A: opened the form first, saves last
const max = () => core.as('manager'); // B: saves in between

interface Row {
  id: number;
  actor_name: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  reason: string | null;
  at: string;
}
const rowsAfter = (id: number) =>
  core.db.sqlite.prepare('SELECT id, actor_name, field, old_value, new_value, reason, at FROM audit_log WHERE id > ? ORDER BY id').all(id) as Row[];

function refusal(r: { ok: boolean; error?: ApiError }): ApiError {
  expect(r.ok, 'the save was refused').toBe(false);
  return r.error!;
}

describe('two people edit one booking', () => {
  it('the later save over a newer price is refused, naming who changed what, and writes nothing', () => {
    const b = makeBooking(core, makeCustomer(core, { name: 'Ada Stale' }).id, { priceCents: 12000 });
    const opened = leah()('bookings.get', { id: b.id });
    const theirs = max()('bookings.get', { id: b.id });
    expect(opened.version).toBe(theirs.version);
    max()('bookings.update', { id: b.id, priceCents: 14000, version: theirs.version });
    const [change] = rowsAfter(opened.version).filter((r) => r.field === 'price');

    const before = lastAuditId(core);
    const error = refusal(core.raw('staff', 'bookings.update', { id: b.id, priceCents: 13000, version: opened.version }));
    expect(error).toMatchObject({ code: 'conflict', field: 'version' });
    expect(error.message).toBe(
      `${USER_NAMES.manager} changed this booking at ${formatWhenZoned(change.at)} (Price $120.00 → $140.00)` +
        ' after you opened it. Nothing was saved: review their change, or save yours over it.',
    );
    expect(error.details?.staleEdit).toEqual({
      entity: 'booking',
      id: b.id,
      version: max()('bookings.get', { id: b.id }).version,
      changes: [
        {
          auditId: change.id,
          at: change.at,
          actorName: USER_NAMES.manager,
          outside: false,
          fields: [{ field: 'price', label: 'Price', event: 'price changed', oldValue: '12000', newValue: '14000', clash: true }],
        },
      ],
    });
    expect(lastAuditId(core)).toBe(before);
    expect(rowOf(core, 'bookings', b.id)).toMatchObject({ price_cents: 14000 });
  });

  it('"save mine anyway" with the version now seen succeeds, and its row says whose change it overrode', () => {
    const b = makeBooking(core, makeCustomer(core, { name: 'Bo Override' }).id, { priceCents: 12000 });
    const opened = leah()('bookings.get', { id: b.id });
    max()('bookings.update', { id: b.id, priceCents: 14000, version: opened.version });
    const theirs = rowsAfter(opened.version).find((r) => r.field === 'price')!;
    const seen = refusal(core.raw('staff', 'bookings.update', { id: b.id, priceCents: 13000, version: opened.version })).details!.staleEdit!.version;

    const before = lastAuditId(core);
    expect(leah()('bookings.update', { id: b.id, priceCents: 13000, version: seen, override: true })).toMatchObject({ priceCents: 13000 });
    expect(rowsAfter(before)).toMatchObject([
      {
        actor_name: USER_NAMES.staff,
        field: 'price',
        old_value: '14000',
        new_value: '13000',
        reason: `Saved over a newer change: over ${USER_NAMES.manager}’s change of ${formatWhenZoned(theirs.at)}`,
      },
    ]);
  });

  it('a change to other fields still refuses the save, marked as not clashing; saving anyway keeps it', () => {
    const b = makeBooking(core, makeCustomer(core, { name: 'Cy Other' }).id, { priceCents: 12000, service: 'Boiler service' });
    const opened = leah()('bookings.get', { id: b.id });
    max()('bookings.update', { id: b.id, service: 'Boiler repair', version: opened.version });
    const stale = refusal(core.raw('staff', 'bookings.update', { id: b.id, priceCents: 9000, version: opened.version })).details!.staleEdit!;
    expect(stale.changes.flatMap((c) => c.fields)).toMatchObject([{ field: 'service', oldValue: 'Boiler service', newValue: 'Boiler repair', clash: false }]);
    leah()('bookings.update', { id: b.id, priceCents: 9000, version: stale.version, override: true });
    expect(rowOf(core, 'bookings', b.id)).toMatchObject({ service: 'Boiler repair', price_cents: 9000 });
  });

  it('a form opened after the change saves without a word', () => {
    const b = makeBooking(core, makeCustomer(core, { name: 'Di Fresh' }).id);
    max()('bookings.update', { id: b.id, priceCents: 14000, version: max()('bookings.get', { id: b.id }).version });
    const opened = leah()('bookings.get', { id: b.id });
    expect(leah()('bookings.update', { id: b.id, priceCents: 15000, version: opened.version })).toMatchObject({ priceCents: 15000 });
    expect(rowsAfter(opened.version).at(-1)).toMatchObject({ field: 'price', reason: null });
  });

  it('a note or a payment on the booking is not a change of its fields, and does not get in the way', () => {
    const b = makeBooking(core, makeCustomer(core, { name: 'Eli Note' }).id);
    const opened = leah()('bookings.get', { id: b.id });
    max()('notes.add', { bookingId: b.id, body: 'Gate code is 4412' });
    expect(leah()('bookings.get', { id: b.id }).version).toBeGreaterThan(opened.version);
    expect(leah()('bookings.update', { id: b.id, priceCents: 100, version: opened.version })).toMatchObject({ priceCents: 100 });
  });

  it('the same person in two windows counts too', () => {
    const b = makeBooking(core, makeCustomer(core, { name: 'Flo Windows' }).id, { priceCents: 12000 });
    const [one, two] = ['window-1', 'window-2'].map((key) => {
      const w = core.inSession(key);
      expect(w('auth.signIn', { name: USER_NAMES.staff, password: TEST_PASSWORD }).ok).toBe(true);
      return w;
    });
    const opened = one('bookings.get', { id: b.id });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(two('bookings.update', { id: b.id, priceCents: 14000, version: opened.value.version }).ok).toBe(true);
    expect(refusal(one('bookings.update', { id: b.id, priceCents: 13000, version: opened.value.version }))).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(new RegExp(`^${USER_NAMES.staff} changed this booking at `)),
    });
  });

  it('a change landing after the refusal is refused again, even with override', () => {
    const b = makeBooking(core, makeCustomer(core, { name: 'Gus Third' }).id, { priceCents: 12000 });
    const opened = leah()('bookings.get', { id: b.id });
    max()('bookings.update', { id: b.id, priceCents: 14000 });
    const seen = refusal(core.raw('staff', 'bookings.update', { id: b.id, priceCents: 13000, version: opened.version })).details!.staleEdit!;
    core.as('administrator')('bookings.update', { id: b.id, service: 'Third change' });
    const before = lastAuditId(core);
    const again = refusal(core.raw('staff', 'bookings.update', { id: b.id, priceCents: 13000, version: seen.version, override: true }));
    expect(again.details!.staleEdit!.changes).toMatchObject([{ actorName: USER_NAMES.administrator, fields: [{ field: 'service' }] }]);
    expect(lastAuditId(core)).toBe(before);
  });

  it('an override keeps the reason the save already gives, adding whose change it overrode', () => {
    const b = makeBooking(core, makeCustomer(core, { name: 'Hal Reason' }).id, { priceCents: 12000 });
    const opened = leah()('bookings.get', { id: b.id });
    max()('bookings.update', { id: b.id, priceCents: 14000 });
    const theirs = rowsAfter(opened.version).find((r) => r.field === 'price')!;
    const seen = max()('bookings.get', { id: b.id }).version;
    const before = lastAuditId(core);
    updateBooking(
      { db: core.db, user: { id: core.users.staff.id, name: USER_NAMES.staff, role: 'staff' }, reason: { code: 'discount', note: 'loyal customer' } },
      { id: b.id, priceCents: 10000, version: seen, override: true },
    );
    expect(rowsAfter(before)).toMatchObject([
      { field: 'price', reason: `Discount: loyal customer; saved over ${USER_NAMES.manager}’s change of ${formatWhenZoned(theirs.at)}` },
    ]);
  });

  it('override without a version is refused at the version field; a save without one (no form) is not checked', () => {
    const b = makeBooking(core, makeCustomer(core, { name: 'Ivy Blind' }).id);
    expect(refusal(core.raw('staff', 'bookings.update', { id: b.id, priceCents: 1, override: true }))).toMatchObject({
      code: 'invalid_input',
      field: 'version',
    });
    expect(refusal(core.raw('staff', 'bookings.update', { id: b.id, priceCents: 1, version: -1 }))).toMatchObject({ code: 'invalid_input', field: 'version' });
    max()('bookings.update', { id: b.id, priceCents: 2 });
    expect(leah()('bookings.update', { id: b.id, priceCents: 3 })).toMatchObject({ priceCents: 3 });
  });

  it('a booking deleted since the form opened is refused as deleted, with nothing to save over', () => {
    const b = makeBooking(core, makeCustomer(core, { name: 'Jo Gone' }).id);
    const opened = leah()('bookings.get', { id: b.id });
    core.db.sqlite.prepare('UPDATE bookings SET deleted_at = ? WHERE id = ?').run('2026-01-01T00:00:00.000Z', b.id);
    const error = refusal(core.raw('staff', 'bookings.update', { id: b.id, priceCents: 1, version: opened.version }));
    expect(error).toMatchObject({ code: 'conflict', message: expect.stringContaining('is deleted; restore it') });
    expect(error.details).toBeUndefined();
  });

  it('a change made outside JobTrail since the form opened is named as such', () => {
    const b = makeBooking(core, makeCustomer(core, { name: 'Kit Outside' }).id, { priceCents: 12000 });
    const opened = leah()('bookings.get', { id: b.id });
    core.db.sqlite.prepare('UPDATE bookings SET price_cents = 1 WHERE id = ?').run(b.id);
    const error = refusal(core.raw('staff', 'bookings.update', { id: b.id, priceCents: 13000, version: opened.version }));
    expect(error.message).toMatch(/^Someone outside JobTrail changed this booking at .* \(Price \$120\.00 → \$0\.01\)/);
    expect(error.details!.staleEdit!.changes[0]).toMatchObject({ outside: true });
  });
});

describe('two people edit one customer', () => {
  it('the later save is refused naming the change, writes nothing; saving anyway records the override', () => {
    const c = makeCustomer(core, { name: 'Lou Profile', phone: '555-0100' });
    makeBooking(core, c.id);
    const opened = leah()('customers.get', { id: c.id });
    max()('customers.update', { id: c.id, phone: '555-0199', version: max()('customers.get', { id: c.id }).version });
    const theirs = rowsAfter(opened.version).find((r) => r.field === 'phone')!;

    const before = lastAuditId(core);
    const error = refusal(core.raw('staff', 'customers.update', { id: c.id, phone: '555-0142', version: opened.version }));
    expect(error).toMatchObject({
      code: 'conflict',
      field: 'version',
      message:
        `${USER_NAMES.manager} changed this customer at ${formatWhenZoned(theirs.at)} (Phone 555-0100 → 555-0199)` +
        ' after you opened it. Nothing was saved: review their change, or save yours over it.',
    });
    expect(error.details!.staleEdit!.changes).toMatchObject([
      { actorName: USER_NAMES.manager, fields: [{ field: 'phone', oldValue: '555-0100', newValue: '555-0199', clash: true }] },
    ]);
    expect(lastAuditId(core)).toBe(before);
    expect(rowOf(core, 'customers', c.id)).toMatchObject({ phone: '555-0199' });

    leah()('customers.update', { id: c.id, phone: '555-0142', version: error.details!.staleEdit!.version, override: true });
    expect(rowsAfter(before)).toMatchObject([
      {
        actor_name: USER_NAMES.staff,
        field: 'phone',
        old_value: '555-0199',
        new_value: '555-0142',
        reason: `Saved over a newer change: over ${USER_NAMES.manager}’s change of ${formatWhenZoned(theirs.at)}`,
      },
    ]);
  });

  it('a change to one of the customer’s bookings is not a change of the customer', () => {
    const c = makeCustomer(core, { name: 'Mo Bookings' });
    const b = makeBooking(core, c.id);
    const opened = leah()('customers.get', { id: c.id });
    max()('bookings.update', { id: b.id, priceCents: 1 });
    expect(leah()('customers.update', { id: c.id, notes: 'Prefers mornings', version: opened.version })).toMatchObject({ notes: 'Prefers mornings' });
  });

  it('a tracked custom field changed in between clashes with a save of the same field', () => {
    const field = core.as('administrator')('customFields.define', { entity: 'customer', label: 'Gate code', type: 'text' });
    const c = makeCustomer(core, { name: 'Ned Custom' });
    const opened = leah()('customers.get', { id: c.id });
    max()('customers.update', { id: c.id, customFields: { [field.id]: '1111' } });
    const stale = refusal(core.raw('staff', 'customers.update', { id: c.id, customFields: { [field.id]: '2222' }, version: opened.version }));
    expect(stale.details!.staleEdit!.changes[0].fields).toMatchObject([{ field: 'Gate code', oldValue: null, newValue: '1111', clash: true }]);
  });
});
