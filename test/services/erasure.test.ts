// Erasing a customer (GDPR Art. 17), as the person who asked and an auditor would
// check it: their name, email, phone and address are in no byte of the database
// file, its WAL or the search index afterwards; the chain verifies and a digest
// printed before still checks; the invoices still add up; the erasure is an audit
// row with the request's reference and the number of rows, without the values;
// only administrators may do it; rows of the first chain format are refused with
// what to do about them.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIntegrity } from '../../db/integrity';
import { verifyChain } from '../../db/chain';
import { backupFolder } from '../../electron/services/backups';
import { eraseCustomer } from '../../electron/services/erasure';
import { ApiCallError, makeCore, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer } from '../helpers/audit';

const PERSON = { name: 'Zebulon Quarterfield', email: 'zeb.quarterfield@example.org', phone: '555-0142', address: '17 Wrenfold Lane, Ashby' };
/** The words a person could search the file's bytes for: each as typed, and as the search index keeps them (lower case). */
const WORDS = ['Zebulon', 'Quarterfield', 'zebulon', 'quarterfield', 'zeb.quarterfield', 'Wrenfold', 'wrenfold', '555-0142'];

let core: TestCore;
let zeb: { id: number };
let other: { id: number };
let bookingId: number;
let printed: string;
let invoicesBefore: unknown[];
let result: ReturnType<typeof eraseCustomer>;
const NOW = new Date();
const admin = () => ({ id: core.users.administrator.id, name: core.users.administrator.name, role: 'administrator' as const });

/** Every place in the database file and its WAL where a word's bytes are found. */
function bytesFound(file: string): string[] {
  const found: string[] = [];
  for (const f of [file, `${file}-wal`]) {
    if (!existsSync(f)) continue;
    const bytes = readFileSync(f);
    for (const w of WORDS) if (bytes.includes(Buffer.from(w))) found.push(`${w} in ${f.endsWith('-wal') ? 'the WAL' : 'the file'}`);
  }
  return found;
}

const invoices = () => core.db.sqlite.prepare('SELECT id, number, amount_cents, status, created_at, sent_at FROM invoices ORDER BY id').all();

beforeAll(() => {
  core = makeCore();
  const administrator = core.as('administrator');
  const staff = core.as('staff');
  const pets = administrator('customFields.define', { entity: 'customer', label: 'Date of birth', type: 'text', personal: true });
  const tier = administrator('customFields.define', { entity: 'customer', label: 'Loyalty tier', type: 'text' });
  const gate = administrator('customFields.define', { entity: 'booking', label: 'Gate code', type: 'text', personal: true });
  zeb = makeCustomer(core, {
    name: PERSON.name,
    email: PERSON.email,
    phone: PERSON.phone,
    address: PERSON.address,
    notes: 'Prefers mornings',
    customFields: { [pets.id]: '1961-04-02', [tier.id]: 'gold' },
  });
  other = makeCustomer(core, { name: 'Ines Halvorsen' });
  // A contact change, so old values of the person sit in update rows too.
  staff('customers.update', { id: zeb.id, phone: '555-0999' });
  staff('customers.update', { id: zeb.id, phone: PERSON.phone });
  const booking = makeBooking(core, zeb.id, { address: PERSON.address, customFields: { [gate.id]: '4471' } });
  bookingId = booking.id;
  makeBooking(core, zeb.id, {
    address: PERSON.address,
    service: 'Furnace repair',
    scheduledStart: '2026-04-02T09:00:00Z',
    scheduledEnd: '2026-04-02T10:00:00Z',
  });
  staff('notes.add', { customerId: zeb.id, body: `${PERSON.name} has a dog` });
  staff('inquiries.record', { customerId: zeb.id, channel: 'email', subject: `Boiler noise at ${PERSON.address}` });
  staff('quotes.create', { customerId: zeb.id, title: 'New boiler', amountCents: 250000 });
  const invoice = staff('invoices.create', { bookingId: booking.id });
  staff('invoices.send', { id: invoice.id });
  const payment = staff('payments.add', { invoiceId: invoice.id, amountCents: 12500, method: 'card' });
  core.as('manager')('payments.approve', { id: payment.id });
  core.as('manager')('reports.customer', { customerId: zeb.id });
  // Another customer's History that names the person: a note on their record.
  staff('notes.add', { customerId: other.id, body: `Neighbour of ${PERSON.name}, shares the driveway` });
  // A backup made before holds the values until it goes.
  mkdirSync(backupFolder(core.file), { recursive: true });
  writeFileSync(join(backupFolder(core.file), 'jobtrail-2026-01-05T09-00-00Z-daily.db.gz'), 'a backup');
  printed = verifyChain(core.db.sqlite).headShort;
  invoicesBefore = invoices();
  result = eraseCustomer({ db: core.db, user: admin() }, { customerId: zeb.id, reference: 'DSR-2026-014' }, { now: NOW });
});
afterAll(() => core.dispose());

describe('after a customer is erased', () => {
  it('their name, email, phone and address are in no byte of the database file, its WAL or the search index', () => {
    expect(result.walCleared).toBe(true);
    expect(bytesFound(core.file)).toEqual([]);
    const search = (text: string) => core.as('manager')('history.search', { text, limit: 100 }).rows.length;
    for (const w of ['Zebulon', 'Quarterfield', 'Wrenfold', 'zeb.quarterfield@example.org']) expect(search(w), w).toBe(0);
  });

  it('the chain verifies, a digest printed before still checks, and the records check passes', () => {
    const report = checkIntegrity(core.db.sqlite, { expectHead: printed });
    expect(report.problems).toEqual([]);
    expect(report.chain.erasedRows).toBe(result.rowsErased);
    expect(report.chain.expectedHeadAt).toBeGreaterThan(0);
  });

  it('the invoices keep their numbers, dates and amounts, and still add up', () => {
    expect(invoices()).toEqual(invoicesBefore);
    const rows = core.as('staff')('invoices.list', { bookingId });
    expect(rows.map((r) => [r.amountCents, r.paidCents, r.balanceCents])).toEqual([[12500, 12500, 0]]);
  });

  it('the profile reads "Erased customer #ID", with no contact, address, notes or personal custom values', () => {
    const c = core.as('staff')('customers.get', { id: zeb.id });
    expect(c).toMatchObject({ name: `Erased customer #${zeb.id}`, email: null, phone: null, address: null, notes: null });
    expect(Object.values(c.customFields)).toEqual(expect.arrayContaining([null, 'gold']));
    expect(result.cleared).toEqual({ bookings: 2, notes: 1, properties: 1, inquiries: 1, quotes: 1, customFieldValues: 2, reports: 1, elsewhere: 1 });
  });

  it('the erasure is one audit row with who, the reference, the number of rows and what still holds them, and no erased value', () => {
    const row = core.db.sqlite.prepare("SELECT * FROM audit_log WHERE event = 'customer erased'").get() as Record<string, unknown>;
    expect(row).toMatchObject({
      id: result.auditRowId,
      actor_name: core.users.administrator.name,
      customer_id: zeb.id,
      label: `Erased customer #${zeb.id}`,
      origin: 'app',
    });
    const carried = JSON.parse(row.new_value as string);
    expect(carried).toEqual({
      reference: 'DSR-2026-014',
      rows: String(result.rowsErased),
      'still held': expect.stringMatching(/^1 automatic backup made before, the last of them gone by \d{4}-\d{2}-\d{2}$/),
    });
    expect(row.sig).not.toBeNull(); // it ends the transaction: signed
    // The other customer's note that named the person lost its values too; their own rows did not.
    const named = core.db.sqlite
      .prepare("SELECT count(*) FROM audit_log WHERE customer_id = ? AND event = 'note added' AND vdigest IS NOT NULL")
      .pluck()
      .get(other.id);
    expect(named).toBe(1);
    expect(core.db.sqlite.prepare("SELECT label FROM audit_log WHERE customer_id = ? AND event = 'created'").pluck().get(other.id)).toBe('Ines Halvorsen');
  });

  it('lists the backups made before, and when the last of them goes', () => {
    expect(result.backups).toEqual([expect.objectContaining({ kind: 'daily', at: '2026-01-05T09:00:00.000Z' })]);
    expect(result.backupsGoneBy).toBe(result.backups[0].goesBy);
    expect(core.as('staff')('customers.erasure', { customerId: zeb.id })).toMatchObject({ reference: 'DSR-2026-014', rowsErased: result.rowsErased });
  });

  it('the History shows the erased values as erased, not as empty', () => {
    const rows = core.as('manager')('history.customer', { customerId: zeb.id, limit: 200 }).rows;
    const note = rows.find((r) => r.event === 'note added')!;
    expect(note).toMatchObject({ erased: 1, newValue: null, label: null });
    expect(rows.find((r) => r.event === 'customer erased')).toMatchObject({ erased: 0 });
  });

  it('is refused a second time, naming when and under which reference', () => {
    const again = core.raw('administrator', 'customers.erase', { customerId: zeb.id, reference: 'DSR-2026-015' });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toBe(`Customer ${zeb.id} was erased on ${NOW.toISOString().slice(0, 10)} under reference "DSR-2026-014".`);
  });
});

describe('who may erase', () => {
  it.each(['manager', 'staff'] as const)('a %s is refused at the contract, and nothing changes', (role) => {
    const c = makeCustomer(core);
    const r = core.raw(role, 'customers.erase', { customerId: c.id, reference: 'DSR-1' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('forbidden');
    expect(core.as('staff')('customers.get', { id: c.id }).name).toBe(c.name);
  });

  it('an administrator must give the reference, and cannot erase a customer who does not exist', () => {
    const c = makeCustomer(core);
    const blank = core.raw('administrator', 'customers.erase', { customerId: c.id, reference: '  ' });
    expect(!blank.ok && blank.error.field).toBe('reference');
    const unknown = core.raw('administrator', 'customers.erase', { customerId: 99_999, reference: 'DSR-2' });
    expect(!unknown.ok && unknown.error.code).toBe('not_found');
    expect(() => core.as('administrator')('customers.erase', { customerId: 99_999, reference: 'DSR-2' })).toThrow(ApiCallError);
  });
});

describe('rows sealed before chain v2', () => {
  it('are refused with how many, from when to when, and that archiving the History before that date moves them out', () => {
    const c = makeCustomer(core, { name: 'Old Timer' });
    const file = join(core.dir, 'v1.db');
    core.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(core.file, file);
    // The file as one upgraded from before chain v2 would be: its first rows, this customer's among them, sealed as v1.
    const db = new Database(file);
    const last = db.prepare('SELECT max(id) FROM audit_log WHERE customer_id = ?').pluck().get(c.id) as number;
    const at = db.prepare('SELECT min(at) AS "from", max(at) AS "to" FROM audit_log WHERE customer_id = ?').get(c.id) as { from: string; to: string };
    db.unsafeMode(true);
    db.pragma('writable_schema = ON');
    db.exec('DROP TRIGGER chain_meta_no_update');
    db.prepare('UPDATE chain_meta SET v2_from = ?').run(last);
    db.close();
    const copy = { db: { sqlite: new Database(file), orm: core.db.orm, file }, user: admin() };
    try {
      expect(() => eraseCustomer(copy, { customerId: c.id, reference: 'DSR-3' })).toThrow(
        new RegExp(
          `^1 History row of customer ${c.id}, from ${at.from.slice(0, 10)} to ${at.to.slice(0, 10)}, was sealed before the chain could erase values.*Archive the History before \\d{4}-\\d{2}-\\d{2} first`,
        ),
      );
      expect(copy.db.sqlite.prepare('SELECT name FROM customers WHERE id = ?').pluck().get(c.id)).toBe('Old Timer');
    } finally {
      copy.db.sqlite.close();
    }
  });
});

describe('a namesake', () => {
  it('keeps their own History and record: only mentions of the erased customer are erased elsewhere', () => {
    const office = makeCore();
    try {
      const ada = makeCustomer(office, { name: 'Ada Lindqvist', phone: '555-0777' });
      const namesake = makeCustomer(office, { name: 'Ada Lindqvist', phone: '555-0888' });
      office.as('staff')('notes.add', { customerId: namesake.id, body: 'Not the Ada Lindqvist with the blue door' });
      const before = office.db.sqlite.prepare('SELECT id, new_value, label, hash FROM audit_log WHERE customer_id = ? ORDER BY id').all(namesake.id);
      office.as('administrator')('customers.erase', { customerId: ada.id, reference: 'DSR-9' });
      expect(office.as('staff')('customers.get', { id: namesake.id })).toMatchObject({ name: 'Ada Lindqvist', phone: '555-0888' });
      // Their rows are theirs: the name in them is their own, so none is erased, the note that names the other Ada included.
      expect(
        office.db.sqlite
          .prepare('SELECT id, new_value, label, hash FROM audit_log WHERE customer_id = ? AND id <= ? ORDER BY id')
          .all(namesake.id, (before.at(-1) as { id: number }).id),
      ).toEqual(before);
    } finally {
      office.dispose();
    }
  });
});
