// Rights are enforced in the main process: for every contract entry, a role
// below the entry's access is refused and nothing is written; nobody signed in
// gets "unauthenticated". Plus the rules services enforce beyond the role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../electron/api/contract';
import type { Role } from '../../db/schema';
import { makeCore, TEST_PASSWORD, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer, makeUser, tableCounts } from '../helpers/audit';
import { shapesOf, validSample } from '../helpers/schemaSamples';

const LADDER: Role[] = ['fieldworker', 'staff', 'manager', 'administrator'];
const entries = Object.entries(contract);
const guarded = entries.filter(([, e]) => e.access !== 'anyone');

/** [entry, role] for every role below the entry's least role. */
const refusals = guarded.flatMap(([name, e]) => LADDER.slice(0, LADDER.indexOf(e.access as Role)).map((role) => [name, role, e.access] as const));
/** [entry, role] for every role at or above it. */
const admissions = guarded.flatMap(([name, e]) => LADDER.slice(LADDER.indexOf(e.access as Role)).map((role) => [name, role] as const));

let core: TestCore;
beforeAll(() => {
  core = makeCore();
  // Real rows behind id 1 everywhere, so that a missing check would really change something.
  const c = makeCustomer(core, { name: 'Role Customer' });
  const b = makeBooking(core, c.id, { fieldworkerId: core.users.fieldworker.id });
  core.as('staff')('quotes.create', { customerId: c.id, title: 'Quote', amountCents: 100 });
  const inv = core.as('staff')('invoices.create', { bookingId: b.id });
  core.as('staff')('invoices.send', { id: inv.id });
  core.as('staff')('payments.add', { invoiceId: inv.id, amountCents: 100, method: 'cash' });
  core.as('administrator')('customFields.define', { entity: 'booking', label: 'Role field', type: 'text' });
});
afterAll(() => core.dispose());

function sampleFor(name: string): Record<string, unknown> {
  return validSample(contract[name].input, shapesOf(contract[name].input)[0]);
}

describe('every contract entry checks the role', () => {
  it('the contract has entries at every level, so the tables below test something', () => {
    expect(refusals.length).toBeGreaterThan(30);
    expect(new Set(guarded.map(([, e]) => e.access))).toEqual(new Set(LADDER));
  });

  it.each(refusals)('%s refuses a %s (needs %s) with "forbidden" and writes nothing', (name, role, access) => {
    const before = tableCounts(core);
    const r = core.rawUnchecked(role, name, sampleFor(name));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('forbidden');
    expect(r.error.message).toContain(access);
    expect(r.error.message).toContain(`you are signed in as ${role}`);
    expect(tableCounts(core)).toEqual(before);
  });

  it.each(guarded.map(([name]) => name))('%s refuses a caller who is not signed in with "unauthenticated"', (name) => {
    const before = tableCounts(core);
    expect(core.rawUnchecked(null, name, sampleFor(name))).toEqual({ ok: false, error: { code: 'unauthenticated', message: 'Please sign in first.' } });
    expect(tableCounts(core)).toEqual(before);
  });

  it.each(admissions)('%s lets a %s past the role check (to the input check)', (name, role) => {
    const r = core.rawUnchecked(role, name, 'not an object');
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('the entries open to anyone are only the sign-in and first-start ones, and they work without a session', () => {
    const open = entries.filter(([, e]) => e.access === 'anyone').map(([n]) => n);
    expect(open.filter((n) => !n.startsWith('auth.') && !n.startsWith('setup.'))).toEqual([]);
    // The first start's entries answer only while the database has nobody: here it has, and a stranger learns nothing.
    for (const name of open.filter((n) => n.startsWith('setup.'))) {
      expect(core.rawUnchecked(null, name, {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
    }
    expect(core.raw(null, 'auth.status', {})).toEqual({ ok: true, value: { needsSetup: false, user: null, allowed: [] } });
    expect(core.raw(null, 'auth.setup', { name: 'Intruder', password: 'long-enough-pw' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(core.raw(null, 'auth.signIn', { name: 'Ada Admin', password: 'wrong-password' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});

describe('fieldworkers work their own bookings only', () => {
  let mine: { id: number };
  let theirs: { id: number };
  beforeAll(() => {
    const other = makeUser(core, 'Otis Other', 'fieldworker');
    const c = makeCustomer(core, { name: 'Field Customer' });
    mine = makeBooking(core, c.id, { fieldworkerId: core.users.fieldworker.id });
    theirs = makeBooking(core, c.id, { fieldworkerId: other.id });
  });

  it.each([
    ['bookings.accept', (id: number) => ({ id })],
    ['bookings.setStatus', (id: number) => ({ id, status: 'in_progress' })],
    ['notes.add', (id: number) => ({ bookingId: id, body: 'I was here' })],
  ] as const)('%s on a booking assigned to someone else is forbidden and writes nothing', (name, input) => {
    const before = tableCounts(core);
    const r = core.raw('fieldworker', name, input(theirs.id));
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('not assigned to you') } });
    expect(tableCounts(core)).toEqual(before);
  });

  it('a booking assigned to nobody is not theirs either', () => {
    const c = makeCustomer(core, { name: 'Unassigned Customer' });
    const b = makeBooking(core, c.id);
    expect(core.raw('fieldworker', 'bookings.accept', { id: b.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it.each(['cancelled', 'scheduled', 'pending', 'quote'] as const)('a fieldworker may not set their own booking to %s', (status) => {
    const before = tableCounts(core);
    expect(core.raw('fieldworker', 'bookings.setStatus', { id: mine.id, status })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(tableCounts(core)).toEqual(before);
  });

  it('a fieldworker may not add a note to a customer profile', () => {
    const c = makeCustomer(core, { name: 'Profile Customer' });
    expect(core.raw('fieldworker', 'notes.add', { customerId: c.id, body: 'hello' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('on their own booking a fieldworker can accept, add a note and move it along', () => {
    expect(core.as('fieldworker')('bookings.accept', { id: mine.id }).status).toBe('accepted');
    expect(core.as('fieldworker')('notes.add', { bookingId: mine.id, body: 'On my way' }).body).toBe('On my way');
    expect(core.as('fieldworker')('bookings.setStatus', { id: mine.id, status: 'in_progress' }).status).toBe('in_progress');
    expect(core.as('fieldworker')('bookings.setStatus', { id: mine.id, status: 'completed' }).status).toBe('completed');
  });
});

describe('accounts', () => {
  it("a deactivated user's session stops working at once, and they cannot sign in again", () => {
    const dee = makeUser(core, 'Dee Active', 'staff');
    const asDee = core.inSession('test:dee');
    expect(asDee('auth.signIn', { name: 'Dee Active', password: 'a-good-password' }).ok).toBe(true);
    expect(asDee('customers.list', {}).ok).toBe(true);
    core.as('administrator')('users.setActive', { id: dee.id, active: false });
    expect(asDee('customers.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(asDee('customers.create', { name: 'Sneaky' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(asDee('auth.status', {})).toMatchObject({ ok: true, value: { user: null } });
    expect(asDee('auth.signIn', { name: 'Dee Active', password: 'a-good-password' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('a role change takes effect on the next call', () => {
    const rex = makeUser(core, 'Rex Promoted', 'staff');
    const asRex = core.inSession('test:rex');
    asRex('auth.signIn', { name: 'Rex Promoted', password: 'a-good-password' });
    const c = makeCustomer(core, { name: 'To Delete' });
    expect(asRex('customers.delete', { id: c.id, reason: { code: 'duplicate' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    core.as('administrator')('users.changeRole', { id: rex.id, role: 'manager' });
    expect(asRex('customers.delete', { id: c.id, reason: { code: 'duplicate' } })).toMatchObject({ ok: true });
    core.as('administrator')('users.changeRole', { id: rex.id, role: 'fieldworker' });
    expect(asRex('customers.restore', { id: c.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('users are never deleted: no contract entry deletes one, and a deactivated user stays, with their History', () => {
    const deleting = Object.entries(contract).filter(
      ([name, e]) => /^users?\./.test(name) && (/(delete|remove|purge|destroy|erase)/i.test(name) || /(delete|remove|purge)/i.test(e.summary)),
    );
    expect(deleting).toEqual([]);
    const gone = makeUser(core, 'Gone Soon', 'staff');
    const asGone = core.inSession('test:gone');
    asGone('auth.signIn', { name: 'Gone Soon', password: 'a-good-password' });
    const c = asGone('customers.create', { name: 'Made By Gone' });
    expect(c.ok).toBe(true);
    core.as('administrator')('users.setActive', { id: gone.id, active: false });
    const all = core.as('administrator')('users.list', { includeInactive: true });
    expect(all.find((u) => u.id === gone.id)).toMatchObject({ active: false });
    const created = core.as('staff')('history.search', { actorId: gone.id }).rows;
    expect(created.map((r) => [r.actorName, r.event])).toEqual([['Gone Soon', 'created']]);
  });
});

describe('the last active administrator', () => {
  let solo: TestCore;
  beforeAll(() => {
    solo = makeCore();
  });
  afterAll(() => solo.dispose());

  it('cannot be deactivated or demoted, and the refusal writes nothing', () => {
    const admin = solo.users.administrator;
    const before = tableCounts(solo);
    expect(solo.raw('administrator', 'users.setActive', { id: admin.id, active: false })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('without an active administrator') },
    });
    for (const role of ['manager', 'staff', 'fieldworker'] as const) {
      expect(solo.raw('administrator', 'users.changeRole', { id: admin.id, role })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    }
    expect(tableCounts(solo)).toEqual(before);
    expect(
      solo
        .as('administrator')('users.list', {})
        .find((u) => u.id === admin.id),
    ).toMatchObject({ role: 'administrator', active: true });
  });

  it('a deactivated second administrator does not count', () => {
    const second = solo.as('administrator')('users.create', { name: 'Abe Second', role: 'administrator', password: TEST_PASSWORD });
    solo.as('administrator')('users.setActive', { id: second.id, active: false });
    expect(solo.raw('administrator', 'users.changeRole', { id: solo.users.administrator.id, role: 'manager' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(solo.raw('administrator', 'users.setActive', { id: solo.users.administrator.id, active: false })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });

  it('with another active administrator one may step down, and then the other is the last', () => {
    const second = solo
      .as('administrator')('users.list', { includeInactive: true })
      .find((u) => u.name === 'Abe Second');
    if (!second) throw new Error('the second administrator is missing from the list');
    solo.as('administrator')('users.setActive', { id: second.id, active: true });
    const asAbe = solo.inSession('test:abe');
    asAbe('auth.signIn', { name: 'Abe Second', password: TEST_PASSWORD });
    expect(solo.raw('administrator', 'users.changeRole', { id: solo.users.administrator.id, role: 'manager' })).toMatchObject({ ok: true });
    // Abe is now the only administrator: neither demoting nor deactivating Abe is allowed.
    expect(asAbe('users.changeRole', { id: second.id, role: 'staff' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(asAbe('users.setActive', { id: second.id, active: false })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
