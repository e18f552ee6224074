// What a fieldworker can read, through every entry of the contract: either a
// refusal, or their own bookings and those bookings' customers, with no price,
// invoice, payment, email or anything of another fieldworker's work. Entries above
// a fieldworker's role are refused by the role check, and are tried here all the
// same; every entry a fieldworker may call is classified in READS below, and a new
// one fails the coverage check until it is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../electron/api/contract';
import type { Result } from '../../electron/api/contract';
import { makeCore, TEST_PASSWORD, USER_NAMES, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer, makeUser, tableCounts } from '../helpers/audit';
import { shapesOf, validSample } from '../helpers/schemaSamples';

/** The office as a fieldworker (Fay) finds it: her work, and a colleague's (Otis) beside it. */
interface World {
  fay: number;
  otis: number;
  mina: number; // Fay's customer
  sharon: number; // a customer of both
  theo: number; // Otis's customer only
  una: number; // nobody's customer
  mine: number; // Fay's booking for Mina, priced, re-priced, invoiced and paid
  minePaid: { invoice: number; payment: number };
  sharedMine: number;
  theirs: number;
  sharedTheirs: number;
  unassigned: number;
  /** A fresh booking of Fay's, for the entries that change one. */
  freshMine(): number;
}

/** What must never reach a fieldworker, whatever the entry. */
const NEVER = [
  /@private\.example/, // every customer's email, Fay's customers' included
  /98765\d|876543/, // every price, invoice amount and payment amount (98765 is a payment too)
  /Theo Theirs-Only|555-0199|9 Hidden Lane/, // Otis's customer
  /Una Nobody|Unassigned job/, // nobody's booking and customer
  /Gutter clean for Otis|Otis private note|Profile note about Theo/,
];
const MONEY_WORDS = /invoice|payment|INV-/i;
const MONEY_KEYS = ['priceCents', 'amountCents'];

let core: TestCore;
let w: World;

beforeAll(() => {
  core = makeCore();
  const staff = core.as('staff');
  const otis = makeUser(core, 'Otis Other', 'fieldworker');
  const fay = core.users.fieldworker.id;
  const customer = (name: string, phone: string, email: string, address: string) =>
    makeCustomer(core, { name, phone, email, address, notes: 'Key under the mat' }).id;
  const mina = customer('Mina Mine', '555-0101', 'mina@private.example', '1 Visit Road');
  const sharon = customer('Sharon Shared', '555-0102', 'sharon@private.example', '2 Shared Street');
  const theo = customer('Theo Theirs-Only', '555-0199', 'theo@private.example', '9 Hidden Lane');
  const una = customer('Una Nobody', '555-0198', 'una@private.example', '8 Empty Court');
  const book = (customerId: number, fieldworkerId: number | null, service: string, priceCents: number) =>
    makeBooking(core, customerId, { fieldworkerId, service, priceCents }).id;
  const mine = book(mina, fay, 'Boiler service', 987651);
  const theirs = book(theo, otis.id, 'Boiler service', 987653);
  // Each booking's History holds a price change, notes and its money.
  const paid = (bookingId: number, amountCents: number) => {
    staff('bookings.update', { id: bookingId, priceCents: 987652 });
    staff('notes.add', { bookingId, body: bookingId === mine ? 'Bring the ladder' : 'Otis private note' });
    const invoice = staff('invoices.create', { bookingId }).id;
    staff('invoices.send', { id: invoice });
    const payment = staff('payments.add', { invoiceId: invoice, amountCents, method: 'cash' }).id;
    core.as('manager')('payments.approve', { id: payment });
    return { invoice, payment };
  };
  const minePaid = paid(mine, 876543);
  paid(theirs, 98765);
  staff('notes.add', { customerId: theo, body: 'Profile note about Theo' });
  w = {
    fay,
    otis: otis.id,
    mina,
    sharon,
    theo,
    una,
    mine,
    minePaid,
    theirs,
    sharedMine: book(sharon, fay, 'Window check', 987655),
    sharedTheirs: book(sharon, otis.id, 'Gutter clean for Otis', 987656),
    unassigned: book(una, null, 'Unassigned job', 987657),
    freshMine: () => book(mina, fay, 'Follow-up visit', 987658),
  };
});
afterAll(() => core.dispose());

/** A booking field the fieldworker fills in, defined once. */
let setpointId: number | undefined;
const setpoint = () =>
  (setpointId ??= core.as('administrator')('customFields.define', {
    entity: 'booking',
    label: 'Thermostat setpoint',
    type: 'number',
    fieldworkerFills: true,
  }).id);
/** A reading the office recorded on a booking. */
const readingOn = (bookingId: number) => core.as('staff')('readings.record', { bookingId, definitionId: setpoint(), value: '72' }).id;

// ── what "clean" means ───────────────────────────────────────────────────────────

/** Every value in an answer, with the key it sits under. */
function* walk(value: unknown, key = ''): Generator<[string, unknown]> {
  yield [key, value];
  if (Array.isArray(value)) for (const v of value) yield* walk(v, key);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* walk(v, k);
}

/** Only Fay's work, and nothing of money or email in it. */
function expectClean(answer: unknown): void {
  const mineBookings = new Set([w.mine, w.sharedMine]);
  const mineCustomers = new Set([w.mina, w.sharon]);
  for (const [key, v] of walk(answer)) {
    if (typeof v === 'string') {
      for (const never of NEVER) expect(v, `${key}: ${v}`).not.toMatch(never);
      expect(v, `${key}: ${v}`).not.toMatch(MONEY_WORDS);
    }
    if (MONEY_KEYS.includes(key) || key === 'email') expect(v ?? null, key).toBeNull();
    if (/invoice|payment/i.test(key)) expect(v === null || v === undefined || (Array.isArray(v) && v.length === 0), key).toBe(true);
    if (key === 'fieldworkerId') expect(v).toBe(w.fay);
    // A fresh booking made for a write is Fay's too (checked by fieldworkerId where it shows).
    if (key === 'bookingId' && typeof v === 'number' && v <= w.unassigned) expect(mineBookings.has(v), `booking ${v}`).toBe(true);
    if (key === 'customerId' && v !== null) expect(mineCustomers.has(v as number), `customer ${String(v)}`).toBe(true);
  }
}

// ── the table ────────────────────────────────────────────────────────────────────

type Outcome = { clean: true; check?: (value: never) => void } | { refused: 'forbidden' | 'conflict' | 'invalid_input' };
interface Case {
  what: string;
  input: () => unknown;
  outcome: Outcome;
  call?: (input: unknown) => Result<unknown>;
}

const clean = (what: string, input: () => unknown, check?: (value: never) => void): Case => ({ what, input, outcome: { clean: true, check } });
const refused = (what: string, input: () => unknown, code: 'forbidden' | 'conflict' = 'forbidden'): Case => ({ what, input, outcome: { refused: code } });

/** How each entry a fieldworker may call answers them. Entries above their role are refused by the role check (below). */
const READS: Record<string, Case[]> = {
  'auth.status': [clean('who is signed in, and the entries allowed', () => ({}))],
  'auth.accounts': [clean('names and roles of the accounts', () => ({}))],
  'auth.setup': [refused('there is an administrator already', () => ({ name: 'Fay Again', password: TEST_PASSWORD }), 'conflict')],
  'auth.signIn': [clean('their own account', () => ({ name: USER_NAMES.fieldworker, password: TEST_PASSWORD }))],
  'auth.signOut': [
    {
      // On a session of its own, so that the other cases keep theirs.
      ...clean('their own session', () => ({})),
      call: (input) => {
        const spare = core.inSession('test:fieldworker-spare');
        spare('auth.signIn', { name: USER_NAMES.fieldworker, password: TEST_PASSWORD });
        return core.dispatcher.call('auth.signOut', input, 'test:fieldworker-spare');
      },
    },
  ],
  'users.list': [clean('colleagues by name and role', () => ({ includeInactive: true }))],
  'customFields.list': [clean('the custom fields defined', () => ({}))],
  'audit.integrityAtStart': [clean("the start-up check's verdict", () => ({}))],
  // Only whether, and since when, History left for an archive: what every History view says above its rows.
  'archives.status': [clean('whether older History is in an archive', () => ({}))],
  // The office's name, currency, locale and zone: every screen formats with them, and none of it is another's.
  'office.settings': [clean("the office's settings", () => ({}))],
  'app.about': [clean('the version, the database and its chain head', () => ({}))],
  // The first start's entries, for a database with nobody yet: this one has people.
  'setup.place': [refused('a database already set up', () => ({}), 'conflict')],
  'setup.demo': [refused('a database already set up', () => ({}), 'conflict')],
  'bookings.list': [
    clean(
      'their bookings, without prices',
      () => ({}),
      (v: { rows: { id: number; priceCents: number | null }[]; total: number }) => {
        expect(v.rows.map((b) => b.id).sort()).toEqual([w.mine, w.sharedMine].sort());
        expect(v.total).toBe(2);
      },
    ),
    clean(
      "a shared customer's bookings: theirs only",
      () => ({ customerId: w.sharon }),
      (v: { rows: { id: number }[] }) => expect(v.rows.map((b) => b.id)).toEqual([w.sharedMine]),
    ),
    clean(
      'a search for another customer finds nothing',
      () => ({ search: 'Theo' }),
      (v: { total: number }) => expect(v.total).toBe(0),
    ),
    refused("another fieldworker's list", () => ({ fieldworkerId: w.otis })),
    refused('the deleted bookings', () => ({ deleted: true })),
    refused('an order by price', () => ({ sort: 'price_desc' })),
  ],
  'bookings.get': [
    clean(
      'their booking, without its price',
      () => ({ id: w.mine }),
      (v: { id: number; priceCents: null; customerName: string }) => {
        expect(v).toMatchObject({ id: w.mine, priceCents: null, customerName: 'Mina Mine' });
      },
    ),
    refused("another fieldworker's booking", () => ({ id: w.theirs })),
    refused("another's booking of a shared customer", () => ({ id: w.sharedTheirs })),
    refused('a booking assigned to nobody', () => ({ id: w.unassigned })),
  ],
  'bookings.setStatus': [
    clean('their booking moved on, answered without its price', () => ({ id: w.freshMine(), status: 'accepted' })),
    refused("another fieldworker's booking", () => ({ id: w.theirs, status: 'in_progress' })),
  ],
  'bookings.accept': [
    clean('their booking accepted, answered without its price', () => ({ id: w.freshMine() })),
    refused("another fieldworker's booking", () => ({ id: w.theirs })),
  ],
  'notes.add': [
    clean('a note on their booking', () => ({ bookingId: w.mine, body: 'Parked at the back' })),
    refused("a note on another's booking", () => ({ bookingId: w.theirs, body: 'hello' })),
    refused("a note on a customer's profile", () => ({ customerId: w.mina, body: 'hello' })),
  ],
  'notes.list': [
    clean(
      "their booking's notes",
      () => ({ bookingId: w.mine }),
      (v: { body: string }[]) => expect(v.map((n) => n.body)).toContain('Bring the ladder'),
    ),
    refused("another's booking's notes", () => ({ bookingId: w.theirs })),
    refused("a customer's notes, which span other people's bookings", () => ({ customerId: w.mina })),
  ],
  'customers.list': [
    clean(
      'the customers of their bookings, without emails',
      () => ({}),
      (v: { rows: { id: number; phone: string | null; bookingCount: number }[] }) => {
        expect(v.rows.map((c) => [c.id, c.phone])).toEqual([
          [w.mina, '555-0101'],
          [w.sharon, '555-0102'],
        ]);
        expect(v.rows[1].bookingCount).toBe(1); // Sharon's: Fay's booking, not Otis's
      },
    ),
    clean(
      'a search by email finds nothing',
      () => ({ search: 'private.example' }),
      (v: { total: number }) => expect(v.total).toBe(0),
    ),
    refused('the deleted customers', () => ({ deleted: true })),
  ],
  'customers.get': [
    clean(
      'their customer: name, address and phone for the visit',
      () => ({ id: w.mina }),
      (v: { name: string; address: string; phone: string; email: null }) => {
        expect(v).toMatchObject({ name: 'Mina Mine', address: '1 Visit Road', phone: '555-0101', email: null });
      },
    ),
    clean('a customer of both', () => ({ id: w.sharon })),
    refused("another fieldworker's customer", () => ({ id: w.theo })),
    refused("nobody's customer", () => ({ id: w.una })),
  ],
  'history.booking': [
    clean(
      "their booking's History, without money",
      () => ({ bookingId: w.mine }),
      (v: { rows: { field: string | null; event: string; category: string }[]; total: { count: number } }) => {
        expect(v.rows.map((r) => r.event)).toEqual(expect.arrayContaining(['created', 'note added']));
        expect(v.rows.filter((r) => r.category === 'financial' || r.field === 'price')).toEqual([]);
        expect(v.total.count).toBe(v.rows.length);
      },
    ),
    clean(
      'searched for a price, nothing',
      () => ({ bookingId: w.mine, text: '987652' }),
      (v: { rows: unknown[] }) => expect(v.rows).toEqual([]),
    ),
    refused("another's booking's History", () => ({ bookingId: w.theirs })),
  ],
  'history.asItWas': [
    clean(
      'their booking as it was, without its price',
      () => ({ entity: 'booking', id: w.mine }),
      (v: { fields: Record<string, unknown> }) => expect(v.fields).toMatchObject({ service: 'Boiler service', customer: 'Mina Mine' }),
    ),
    refused("another's booking", () => ({ entity: 'booking', id: w.theirs })),
    refused("their booking's invoice", () => ({ entity: 'invoice', id: w.minePaid.invoice })),
    refused("their booking's payment", () => ({ entity: 'payment', id: w.minePaid.payment })),
    refused('their customer', () => ({ entity: 'customer', id: w.mina })),
  ],
  // Technicians' readings (services/readings.ts): their own jobs only, the office's fields never.
  'bookings.fillFields': [
    clean('a fieldworker field on their booking', () => ({ id: w.mine, customFields: { [setpoint()]: '70' } })),
    refused("another's booking", () => ({ id: w.theirs, customFields: { [setpoint()]: '70' } })),
  ],
  'readings.list': [clean("their booking's readings", () => ({ bookingId: w.mine })), refused("another's booking's readings", () => ({ bookingId: w.theirs }))],
  'readings.record': [
    clean('a reading on their booking', () => ({ bookingId: w.mine, definitionId: setpoint(), value: '68', note: 'after' })),
    refused("a reading on another's booking", () => ({ bookingId: w.theirs, definitionId: setpoint(), value: '68' })),
  ],
  'readings.correct': [
    clean('a reading of theirs, with a reason', () => ({ id: readingOn(w.mine), value: '69', reason: { code: 'entered_in_error' } })),
    refused("a reading on another's booking", () => ({ id: readingOn(w.theirs), value: '69', reason: { code: 'entered_in_error' } })),
  ],
  'equipment.forBooking': [
    clean("the equipment at their booking's property", () => ({ bookingId: w.mine })),
    refused("the equipment at another's booking", () => ({ bookingId: w.theirs })),
  ],
  // Visit times (services/visitTimes.ts): their own jobs only.
  'visits.record': [
    clean('a time-in on their booking', () => ({ bookingId: w.freshMine(), kind: 'time_in', at: '2026-03-02T09:05:00Z', confirmed: true })),
    refused("a time-in on another's booking", () => ({ bookingId: w.theirs, kind: 'time_in', at: '2026-03-02T09:05:00Z', confirmed: true })),
  ],
  'timeline.get': [
    clean(
      "their booking's Timeline, without its money",
      () => ({ bookingId: w.mine }),
      (v: { steps: { key: string }[] }) => expect(v.steps.map((s) => s.key)).toEqual(expect.arrayContaining(['created', 'scheduled'])),
    ),
    refused("another's booking's Timeline", () => ({ bookingId: w.theirs })),
  ],
};

const LADDER = ['fieldworker', 'staff', 'manager', 'administrator'];
const openToFieldworkers = Object.entries(contract)
  .filter(([, e]) => e.access === 'anyone' || e.access === 'fieldworker')
  .map(([n]) => n);
const aboveFieldworkers = Object.entries(contract)
  .filter(([, e]) => LADDER.indexOf(e.access) > 0)
  .map(([n]) => n);

describe('every contract entry is classified for fieldworkers', () => {
  it('every entry a fieldworker may call says what it answers them, and no classification is stale', () => {
    expect(Object.keys(READS).sort()).toEqual([...openToFieldworkers].sort());
  });

  it('the rest are above their role, so the table below tries each of them', () => {
    expect(openToFieldworkers.length + aboveFieldworkers.length).toBe(Object.keys(contract).length);
    expect(aboveFieldworkers.length).toBeGreaterThan(30);
  });
});

describe('entries above a fieldworker refuse them, whatever is asked', () => {
  it.each(aboveFieldworkers)('%s', (name) => {
    const before = tableCounts(core);
    for (const input of [validSample(contract[name].input, shapesOf(contract[name].input)[0]), { bookingId: w.mine }, { id: w.mine }]) {
      expect(core.rawUnchecked('fieldworker', name, input)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(tableCounts(core)).toEqual(before);
  });
});

describe('entries open to a fieldworker answer with their own work only', () => {
  const cases = Object.entries(READS).flatMap(([name, list]) => list.map((c) => [name, c.what, c] as const));
  it.each(cases)('%s: %s', (name, _what, c) => {
    const input = c.input();
    const r = c.call ? c.call(input) : core.rawUnchecked('fieldworker', name, input);
    if ('refused' in c.outcome) {
      expect(r).toMatchObject({ ok: false, error: { code: c.outcome.refused } });
      return;
    }
    if (!r.ok) throw new Error(`${name} refused: ${r.error.message}`);
    expectClean(r.value);
    c.outcome.check?.(r.value as never);
  });
});

describe('the office keeps what it had', () => {
  it('staff still read prices, emails and money in a booking and its History', () => {
    const staff = core.as('staff');
    expect(staff('bookings.get', { id: w.theirs }).priceCents).toBe(987652);
    expect(staff('customers.get', { id: w.theo }).email).toBe('theo@private.example');
    expect(staff('history.booking', { bookingId: w.mine }).rows.some((r) => r.category === 'financial')).toBe(true);
    expect(staff('timeline.get', { bookingId: w.mine }).invoice).not.toBeNull();
  });

  it.each([['bookings.list'], ['customers.list']] as const)('%s: the deleted ones are refused to staff and shown to a manager', (name) => {
    expect(core.raw('staff', name, { deleted: true })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('Only a manager or above may see deleted') },
    });
    expect(core.raw('manager', name, { deleted: true })).toMatchObject({ ok: true });
  });
});
