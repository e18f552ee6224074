// `seed`: fills a new database with the demo office's eighteen months, written
// through the services exactly as people would have (so every row is audited and
// chained), with each change backdated to when it happened. The history itself
// is planned, without a database, in db/demo/.
//
// Every demo user's password is "jobtrail-demo" (the README says so); sign in as
// Dana Whitfield, the administrator, to see everything.
import { existsSync, renameSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Db } from '../../db/open';
import { closeDatabase, journalsInMemory, openDatabase, removeDatabase } from '../../db/open';
import { indexHistoryText } from '../../db/historyText';
import { currentHead, shortDigest } from '../../db/chain';
import { signBatch } from '../../db/chain';
import type { Role } from '../../db/schema';
import { DEFAULT_BOOKINGS, DEFAULT_CUSTOMERS, DEFAULT_SEED, planDemo, sizeForAuditRows, type DemoPlan } from '../../db/demo/plan';
import type { DemoEvent, FieldValues } from '../../db/demo/events';
import { FIRST_ADMINISTRATOR } from '../../db/demo/people';
import type { ServiceContext, SessionUser } from '../services/context';
import { createFirstAdministrator, createUser } from '../services/users';
import { defineField } from '../services/customFields';
import { createCustomer, updateCustomer } from '../services/customers';
import {
  acceptBooking,
  assignFieldworker,
  cancelBooking,
  createBooking,
  linkQuote,
  rescheduleBooking,
  setBookingDeleted,
  setBookingStatus,
  updateBooking,
} from '../services/bookings';
import { addNote } from '../services/notes';
import { bookingVisitTimes, correctVisitTime } from '../services/visitTimes';
import { createQuote, setQuoteStatus } from '../services/quotes';
import { createProperty } from '../services/properties';
import { recordInquiry } from '../services/inquiries';
import { addEquipment } from '../services/equipment';
import { recordReading } from '../services/readings';
import { createInvoice, sendInvoice } from '../services/invoices';
import { addPayment, approvePayment, refundPayment } from '../services/payments';
import { checkPath, parseOptions, required, UsageError, wholeNumber, type Command } from './args';
import { progressWriter } from './progress';

export const DEMO_PASSWORD = 'jobtrail-demo';

export interface SeedOptions {
  seed?: number;
  /** Scale the demo to about this many audit rows (overrides customers and bookings). */
  auditRows?: number;
  customers?: number;
  bookings?: number;
  /** The instant the history runs up to (ms or ISO); default the start of today, UTC. */
  now?: number | string;
  /** Progress in words ("41,000 / 100,000 audit rows (41%)"), at most about once a second. */
  onProgress?: (msg: string) => void;
}

export interface SeedSummary {
  file: string;
  users: Record<Role, number>;
  customers: number;
  bookings: number;
  auditRows: number;
  head: string;
  headShort: string;
  seconds: number;
}

export class SeedRefused extends Error {}

/** Actions per outer transaction: one commit (and one fsync) per batch, not per action. */
const BATCH = 500;

/**
 * Seeds `file` with demo data. A new file is built beside it and moved into place
 * only when complete, so an interrupted seed never leaves a half-filled database
 * that a later start would take for a finished one. A database that already has
 * users is refused.
 */
export function seedDemo(file: string, options: SeedOptions = {}): SeedSummary {
  const started = performance.now();
  const say = throttled(options.onProgress);
  const seed = options.seed ?? DEFAULT_SEED;
  const now = options.now === undefined ? undefined : typeof options.now === 'number' ? options.now : Date.parse(options.now);
  const fresh = !existsSync(file);
  if (!fresh) assertSeedable(file);
  const size = options.auditRows
    ? sizeForAuditRows(options.auditRows, seed, now)
    : { customers: options.customers ?? DEFAULT_CUSTOMERS, bookings: options.bookings ?? DEFAULT_BOOKINGS };
  say(`planning ${size.customers.toLocaleString('en')} customers and ${size.bookings.toLocaleString('en')} bookings`, true);
  const plan = planDemo({ seed, now, ...size });
  const target = fresh ? `${file}.seeding` : file;
  if (fresh) removeDatabase(target);
  let db: Db | undefined;
  try {
    db = openDatabase(target);
    // A new file is thrown away if the seed does not finish, so it need not survive a
    // power cut halfway: skip the fsync per batch, and keep the rollback journal in
    // memory instead of the WAL, which writes every page twice (to the log, then to the
    // file at each checkpoint). It goes back to WAL, as every JobTrail database is, once
    // complete. (An existing file keeps WAL and FULL.)
    if (fresh) {
      db.sqlite.pragma('synchronous = OFF');
      db.sqlite.pragma('journal_mode = MEMORY');
    }
    journalsInMemory(db.sqlite); // for this connection's whole life: it only writes batches
    applyPlan(db, plan, say);
    say('indexing the History for search', true);
    indexHistoryText(db.sqlite);
    const head = currentHead(db.sqlite);
    const summary: SeedSummary = {
      file,
      users: countRoles(plan),
      customers: plan.customers,
      bookings: plan.bookings,
      auditRows: (db.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n,
      head: head.toString('hex'),
      headShort: shortDigest(head),
      seconds: 0,
    };
    if (fresh) db.sqlite.pragma('journal_mode = WAL');
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    closeDatabase(db);
    if (fresh) renameSync(target, file);
    summary.seconds = (performance.now() - started) / 1000;
    return summary;
  } catch (e) {
    if (db) closeDatabase(db);
    if (fresh) removeDatabase(target);
    throw e;
  }
}

/** Only an empty file or a JobTrail database without users: never someone else's SQLite file. */
function assertSeedable(file: string): void {
  const probe = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = probe.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    if (tables.length === 0) return;
    if (!tables.includes('schema_migrations') || !tables.includes('users')) {
      throw new SeedRefused(`${file} is not a JobTrail database: seed only fills a new, empty one`);
    }
    const users = probe.prepare('SELECT count(*) FROM users').pluck().get() as number;
    if (users > 0) {
      throw new SeedRefused(`${file} already has ${users} user${users === 1 ? '' : 's'}: seed only fills a new, empty database`);
    }
  } finally {
    probe.close();
  }
}

/**
 * The demo office written into a database that is already open and has no users
 * (the first start's "Start with demo data"): one transaction, so a failure halfway
 * leaves the empty database it found, not half an office. The users are checked
 * inside it, so a first administrator made meanwhile stops it.
 */
export function seedOpenDatabase(
  db: Db,
  options: Pick<SeedOptions, 'seed' | 'now' | 'customers' | 'bookings'> = {},
): { users: number; customers: number; bookings: number } {
  const now = typeof options.now === 'string' ? Date.parse(options.now) : options.now;
  const plan = planDemo({
    seed: options.seed ?? DEFAULT_SEED,
    now,
    customers: options.customers ?? DEFAULT_CUSTOMERS,
    bookings: options.bookings ?? DEFAULT_BOOKINGS,
  });
  db.sqlite
    .transaction(() => {
      const users = db.sqlite.prepare('SELECT count(*) FROM users').pluck().get() as number;
      if (users > 0) throw new SeedRefused(`the database already has ${users} user${users === 1 ? '' : 's'}: the demo only fills an empty one`);
      applyPlan(db, plan, () => {});
    })
    .immediate();
  indexHistoryText(db.sqlite);
  return { users: plan.users.length, customers: plan.customers, bookings: plan.bookings };
}

function countRoles(plan: DemoPlan): Record<Role, number> {
  const counts: Record<Role, number> = { administrator: 0, manager: 0, staff: 0, fieldworker: 0 };
  for (const u of plan.users) counts[u.role]++;
  return counts;
}

/** Calls onProgress at most once a second (and always when told to). */
function throttled(onProgress?: (msg: string) => void): (msg: string, always?: boolean) => void {
  let last = -Infinity;
  return (msg, always = false) => {
    if (!onProgress) return;
    const t = performance.now();
    if (!always && t - last < 1000) return;
    last = t;
    onProgress(msg);
  };
}

function applyPlan(db: Db, plan: DemoPlan, say: (msg: string, always?: boolean) => void): void {
  const apply = applier(db, plan);
  const total = plan.auditRows;
  const written = db.sqlite.prepare('SELECT coalesce(max(id), 0) AS n FROM audit_log');
  const report = (always = false) => {
    const n = Math.min(total, (written.get() as { n: number }).n);
    say(`${n.toLocaleString('en')} / ${total.toLocaleString('en')} audit rows (${Math.floor((100 * n) / total)}%)`, always);
  };
  const batch = db.sqlite.transaction((from: number) => {
    for (let i = from; i < Math.min(from + BATCH, plan.events.length); i++) apply(plan.events[i], i);
    signBatch(db.sqlite);
  });
  for (let from = 0; from < plan.events.length; from += BATCH) {
    batch(from);
    report(from + BATCH >= plan.events.length);
  }
}

/** Turns each planned event into the service call a person would have made. */
function applier(db: Db, plan: DemoPlan): (e: DemoEvent, index: number) => void {
  const admin = createFirstAdministrator(db, { name: plan.users[0].name, password: DEMO_PASSWORD }, iso(plan.setUpAt));
  const users: SessionUser[] = [admin];
  const fields: number[] = [];
  const customers: number[] = [];
  const bookings: number[] = [];
  const quotes: number[] = [];
  const properties: { id: number; units: number[] }[] = [];
  const equipment: number[] = [];
  const invoices: number[] = [];
  const payments: number[] = [];
  const values = (v: FieldValues) => Object.fromEntries(Object.entries(v).map(([k, value]) => [String(fields[Number(k)]), value]));

  const run = (e: DemoEvent, ctx: ServiceContext): void => {
    switch (e.kind) {
      case 'user.create': {
        const u = plan.users[e.user];
        const made = createUser(ctx, { name: u.name, role: u.role, password: DEMO_PASSWORD });
        users[e.user] = { id: made.id, name: made.name, role: made.role };
        return;
      }
      case 'field.define':
        fields[e.field] = defineField(ctx, plan.fields[e.field]).id;
        return;
      case 'customer.create':
        customers[e.customer] = createCustomer(ctx, {
          name: e.name,
          email: e.email,
          phone: e.phone,
          address: e.address,
          customFields: values(e.fields),
        }).id;
        return;
      case 'customer.update':
        updateCustomer(ctx, { id: customers[e.customer], ...e.patch, customFields: values(e.fields) });
        return;
      case 'inquiry.record':
        recordInquiry(ctx, { customerId: customers[e.customer], channel: e.channel, subject: e.subject });
        return;
      case 'quote.create':
        quotes[e.quote] = createQuote(ctx, { customerId: customers[e.customer], title: e.title, amountCents: e.amountCents }).id;
        return;
      case 'quote.status':
        // How the customer answered, taken in turn from the quote's index: the demo is the same on every run.
        setQuoteStatus(ctx, {
          id: quotes[e.quote],
          status: e.status,
          ...(e.status === 'sent' ? {} : { decision: { channel: (['phone', 'email', 'in_person'] as const)[e.quote % 3] } }),
        });
        return;
      case 'property.create': {
        const made = createProperty(ctx, { customerId: customers[e.customer], name: e.name, address: e.address, units: e.units });
        properties[e.property] = { id: made.id, units: e.units.map((name) => made.units.find((u) => u.name === name)!.id) };
        return;
      }
      case 'booking.create':
        bookings[e.booking] = createBooking(ctx, {
          customerId: customers[e.customer],
          service: e.service,
          scheduledStart: iso(e.start),
          scheduledEnd: iso(e.end),
          fieldworkerId: e.fieldworker === null ? null : users[e.fieldworker].id,
          priceCents: e.priceCents,
          quoteId: e.quote === null ? null : quotes[e.quote],
          customFields: values(e.fields),
          propertyId: properties[e.property].id,
          unitId: e.unit === null ? null : properties[e.property].units[e.unit],
        }).id;
        return;
      case 'booking.reschedule':
        rescheduleBooking({ ...ctx, reason: e.reason }, { id: bookings[e.booking], scheduledStart: iso(e.start), scheduledEnd: iso(e.end) });
        return;
      case 'booking.assign':
        assignFieldworker(ctx, { id: bookings[e.booking], fieldworkerId: users[e.fieldworker].id });
        return;
      case 'booking.accept':
        acceptBooking(ctx, { id: bookings[e.booking] });
        return;
      case 'booking.status':
        setBookingStatus(ctx, { id: bookings[e.booking], status: e.status });
        return;
      case 'booking.cancel':
        cancelBooking({ ...ctx, reason: e.reason }, { id: bookings[e.booking] });
        return;
      case 'visit.correct': {
        const id = bookings[e.booking];
        const recorded = bookingVisitTimes(db, id)[e.time === 'time_in' ? 'timeIn' : 'timeOut'];
        if (!recorded) throw new Error(`booking ${id} has no ${e.time} to correct`);
        correctVisitTime({ ...ctx, reason: e.reason }, { bookingId: id, kind: e.time, at: iso(Date.parse(recorded.at) + e.minutes * 60_000), confirmed: true });
        return;
      }
      case 'booking.linkQuote':
        linkQuote(ctx, { id: bookings[e.booking], quoteId: quotes[e.quote] });
        return;
      case 'booking.fields':
        updateBooking(ctx, { id: bookings[e.booking], customFields: values(e.fields) });
        return;
      case 'booking.delete':
        setBookingDeleted({ ...ctx, reason: e.reason }, { id: bookings[e.booking] }, true);
        return;
      case 'booking.restore':
        setBookingDeleted(ctx, { id: bookings[e.booking] }, false);
        return;
      case 'note.booking':
        addNote(ctx, { bookingId: bookings[e.booking], body: e.body });
        return;
      case 'note.customer':
        addNote(ctx, { customerId: customers[e.customer], body: e.body });
        return;
      case 'invoice.create':
        invoices[e.invoice] = createInvoice(ctx, { bookingId: bookings[e.booking] }).id;
        return;
      case 'invoice.send':
        sendInvoice(ctx, { id: invoices[e.invoice] });
        return;
      case 'payment.add':
        payments[e.payment] = addPayment(ctx, { invoiceId: invoices[e.invoice], amountCents: e.amountCents, method: e.method }).id;
        return;
      case 'payment.approve':
        approvePayment(ctx, { id: payments[e.payment] });
        return;
      case 'payment.refund':
        refundPayment(ctx, { id: payments[e.payment] });
        return;
      case 'equipment.add':
        equipment[e.equipment] = addEquipment(ctx, {
          propertyId: properties[e.property].id,
          kind: e.what,
          makeModel: e.makeModel,
          serialNumber: e.serial,
          installedOn: e.installedOn,
          warrantyUntil: e.warrantyUntil,
        }).id;
        return;
      case 'reading.record':
        recordReading(ctx, {
          bookingId: bookings[e.booking],
          definitionId: fields[e.field],
          equipmentId: equipment[e.equipment],
          value: e.value,
          note: e.note,
          takenAt: iso(e.takenAt),
        });
        return;
    }
  };

  return (e, index) => {
    const user = users[e.actor];
    try {
      run(e, { db, user, at: iso(e.at) });
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new Error(`demo event ${index + 1} (${e.kind} by ${user?.name ?? `user ${e.actor}`} at ${iso(e.at)}) failed: ${why}`, { cause: err });
    }
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

// ── the command ────────────────────────────────────────────────────────────────

const usage = `Usage: npm run cli -- seed --db FILE [--audit-rows N] [--seed S]

Fills a new database with a demo office's last 18 months and next 4 weeks, written
through the services so that every change is audited and chained. Every demo
user's password is "jobtrail-demo"; sign in as Dana Whitfield (administrator).

  --db FILE         the database to create (refused if it already has users)
  --audit-rows N    scale the demo to about N audit rows (e.g. 200000, 1m); default: about
                    ${DEFAULT_CUSTOMERS} customers and ${DEFAULT_BOOKINGS.toLocaleString('en')} bookings
  --seed S          the random seed (a whole number; default ${DEFAULT_SEED}): the same seed gives the same data
  --customers N     exact number of customers (default ${DEFAULT_CUSTOMERS}; with --bookings, for small test databases)
  --bookings N      exact number of bookings (default ${DEFAULT_BOOKINGS.toLocaleString('en')})
  --now INSTANT     the moment the history runs up to (default: the start of today, UTC)`;

export const seedCommand: Command = {
  usage,
  run(argv) {
    const { help, values } = parseOptions(argv, ['db', 'audit-rows', 'seed', 'customers', 'bookings', 'now']);
    if (help) {
      console.log(usage);
      return 0;
    }
    const file = required(values, 'db');
    const options: SeedOptions = {};
    if (values.seed !== undefined) options.seed = wholeNumber(values.seed, 'seed', 0, 2 ** 32 - 1);
    if (values['audit-rows'] !== undefined) {
      if (values.customers !== undefined || values.bookings !== undefined) {
        throw new UsageError('give either --audit-rows or --customers/--bookings, not both');
      }
      options.auditRows = wholeNumber(values['audit-rows'], 'audit-rows', 100, 50_000_000, true);
    }
    if (values.customers !== undefined) options.customers = wholeNumber(values.customers, 'customers', 1, 5_000_000, true);
    if (values.bookings !== undefined) options.bookings = wholeNumber(values.bookings, 'bookings', 1, 50_000_000, true);
    if (values.now !== undefined) {
      const t = Date.parse(values.now);
      if (Number.isNaN(t)) throw new UsageError(`--now must be a date or an instant like 2026-01-15T00:00:00Z, not "${values.now}"`);
      options.now = t;
    }
    checkPath(file, 'db', 'database', 'create');
    const progress = progressWriter('seed');
    options.onProgress = progress.update;
    let summary: SeedSummary;
    try {
      summary = seedDemo(file, options);
    } finally {
      progress.done();
    }
    const roles = summary.users;
    const users = roles.administrator + roles.manager + roles.staff + roles.fieldworker;
    const n = (x: number) => x.toLocaleString('en');
    console.log(
      [
        `Seeded ${summary.file} in ${summary.seconds.toFixed(1)} s`,
        `  users       ${n(users)} (${roles.administrator} administrator, ${roles.manager} managers, ${roles.staff} staff, ${roles.fieldworker} fieldworkers)`,
        `  customers   ${n(summary.customers)}`,
        `  bookings    ${n(summary.bookings)}`,
        `  audit rows  ${n(summary.auditRows)}`,
        `  chain head  ${summary.headShort}`,
        `Sign in as ${FIRST_ADMINISTRATOR} (or any demo user) with the password "${DEMO_PASSWORD}".`,
      ].join('\n'),
    );
    return 0;
  },
};
