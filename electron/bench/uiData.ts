// The office the UI benchmark opens: the small demo office (its people, with the
// demo password), grown through the services to 100,000 bookings, one of which
// has a History of more than 100,000 rows. Every row is written by a service
// call, so every one is audited by the triggers and sealed into the chain, as if
// people had typed it in; nothing is inserted behind the services' backs.
//
// Building it takes a while, so a finished file is kept in the work folder and
// used again by the next run. It is built beside its final name and moved into
// place only when complete: a file under the final name is always a whole one.
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { closeDatabase, openDatabase, removeDatabase, type Db } from '../../db/open';
import { signBatch } from '../../db/chain';
import { FIRST_ADMINISTRATOR } from '../../db/demo/people';
import { DEMO_PASSWORD, seedDemo } from '../cli/seed';
import { createBooking, rescheduleBooking } from '../services/bookings';
import { createCustomer } from '../services/customers';
import type { ServiceContext, SessionUser } from '../services/context';
import { schemaTag } from './database';

/** How many bookings the office has, not counting deleted ones (the list shows these). */
export const BOOKINGS = 100_000;
/** Reschedules of the History booking: each moves its start and its end, two History rows. */
export const MOVES = 50_000;
/** Customers the bulk bookings are spread over (besides the demo's own). */
const CUSTOMERS = 5_000;
/** Service calls per outer transaction: one commit per batch, each call still its own audited savepoint. */
const BATCH = 1_000;
/** The service name that marks the booking with the long History, so a kept file finds it again. */
export const HISTORY_SERVICE = 'Benchmark: long History';
/** Changes the file's layout: a file built by an older layout is built again. */
const LAYOUT = 'ui-bench-1';

export interface UiOffice {
  file: string;
  /** Who the benchmark signs in as (the demo's administrator) and the password. */
  userName: string;
  password: string;
  /** The booking whose History has more than 100,000 rows. */
  historyBookingId: number;
  historyRows: number;
  bookings: number;
  /** False when a file built earlier was used again. */
  built: boolean;
  /** Time spent building (0 when reused). */
  seconds: number;
}

/** Opens the benchmark office in workDir, building it first if it is not there yet. */
export function ensureUiOffice(workDir: string, onProgress: (msg: string) => void = () => {}): UiOffice {
  const file = join(workDir, `${LAYOUT}-${schemaTag()}.db`);
  const started = performance.now();
  let built = false;
  if (!existsSync(file)) {
    buildOffice(file, onProgress);
    built = true;
  }
  const db = openDatabase(file);
  try {
    const facts = describe(db);
    return { file, userName: FIRST_ADMINISTRATOR, password: DEMO_PASSWORD, ...facts, built, seconds: built ? (performance.now() - started) / 1000 : 0 };
  } finally {
    closeDatabase(db);
  }
}

function describe(db: Db): Pick<UiOffice, 'historyBookingId' | 'historyRows' | 'bookings'> {
  const sqlite = db.sqlite;
  const booking = sqlite.prepare('SELECT id FROM bookings WHERE service = ?').pluck().get(HISTORY_SERVICE) as number | undefined;
  if (booking === undefined) throw new Error(`${db.sqlite.name} has no "${HISTORY_SERVICE}" booking: delete it to build it again`);
  return {
    historyBookingId: booking,
    historyRows: sqlite.prepare('SELECT count(*) FROM audit_log WHERE booking_id = ?').pluck().get(booking) as number,
    bookings: sqlite.prepare('SELECT count(*) FROM bookings WHERE deleted_at IS NULL').pluck().get() as number,
  };
}

function buildOffice(file: string, say: (msg: string) => void): void {
  const target = `${file}.building`;
  removeDatabase(target);
  const t0 = performance.now();
  const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(0)} s`;
  say('UI office: seeding the demo office');
  // The demo's eighteen months for a small office: its people, custom fields, customers and bookings.
  seedDemo(target, { seed: 7, now: Date.parse('2026-01-15T00:00:00Z'), customers: 10, bookings: 40 });
  const db = openDatabase(target);
  try {
    // The file is thrown away if the build stops halfway: no fsync per batch.
    db.sqlite.pragma('synchronous = OFF');
    const admin = db.sqlite.prepare('SELECT id, name, role FROM users WHERE name = ?').get(FIRST_ADMINISTRATOR) as SessionUser;
    const ctx: ServiceContext = { db, user: admin };
    const batches = (total: number, what: string, each: (i: number) => void) => {
      const run = db.sqlite.transaction((from: number) => {
        for (let i = from; i < Math.min(from + BATCH, total); i++) each(i);
        signBatch(db.sqlite);
      });
      for (let from = 0; from < total; from += BATCH) {
        run(from);
        say(`UI office: ${Math.min(from + BATCH, total).toLocaleString('en')} / ${total.toLocaleString('en')} ${what} (${elapsed()})`);
      }
    };

    // The booking with the long History: created, then moved again and again, one audited action per move.
    const demoCustomer = db.sqlite
      .prepare('SELECT id FROM customers WHERE deleted_at IS NULL AND address IS NOT NULL ORDER BY id LIMIT 1')
      .pluck()
      .get() as number;
    const base = Date.parse('2026-01-20T15:00:00Z');
    const long = createBooking(ctx, {
      customerId: demoCustomer,
      service: HISTORY_SERVICE,
      scheduledStart: new Date(base).toISOString(),
      scheduledEnd: new Date(base + 3_600_000).toISOString(),
      priceCents: 18_000,
    });
    batches(MOVES, 'reschedules', (i) => {
      const start = base + (i + 1) * 60_000;
      rescheduleBooking(
        { ...ctx, reason: { code: 'customer' } },
        { id: long.id, scheduledStart: new Date(start).toISOString(), scheduledEnd: new Date(start + 3_600_000).toISOString() },
      );
    });

    // Customers, then bookings spread over them and over ten years, up to BOOKINGS in all.
    const customers: number[] = [];
    batches(CUSTOMERS, 'customers', (i) => {
      customers.push(
        createCustomer(ctx, {
          name: `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]} ${i + 1}`,
          email: `customer${i + 1}@example.com`,
          phone: `555-${String(1000 + (i % 9000)).padStart(4, '0')}`,
          address: `${100 + (i % 900)} ${STREETS[i % STREETS.length]}, Springfield`,
        }).id,
      );
    });
    const have = db.sqlite.prepare('SELECT count(*) FROM bookings WHERE deleted_at IS NULL').pluck().get() as number;
    const first = Date.parse('2017-01-02T14:00:00Z');
    const span = Date.parse('2026-03-01T00:00:00Z') - first;
    const toCreate = BOOKINGS - have;
    batches(toCreate, 'bookings', (i) => {
      // Spread evenly over the span, on the quarter hour, with the order shuffled a little.
      const start = first + Math.floor(((((i * 7919) % toCreate) / toCreate) * span) / 900_000) * 900_000;
      createBooking(ctx, {
        customerId: customers[(i * 31) % customers.length],
        service: SERVICES[i % SERVICES.length],
        scheduledStart: new Date(start).toISOString(),
        scheduledEnd: new Date(start + 5_400_000).toISOString(),
        priceCents: 9_500 + (i % 40) * 500,
      });
    });
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } catch (e) {
    closeDatabase(db);
    removeDatabase(target);
    throw e;
  }
  closeDatabase(db);
  renameSync(target, file);
  say(`UI office: built in ${elapsed()}`);
}

const FIRST_NAMES = [
  'Avery',
  'Blake',
  'Casey',
  'Devon',
  'Emery',
  'Finley',
  'Harper',
  'Jordan',
  'Kendall',
  'Logan',
  'Morgan',
  'Parker',
  'Quinn',
  'Reese',
  'Rowan',
  'Sawyer',
  'Skyler',
  'Taylor',
  'Whitney',
  'Riley',
];
const LAST_NAMES = [
  'Abbott',
  'Barnes',
  'Carver',
  'Dalton',
  'Ellison',
  'Fraser',
  'Garner',
  'Hollis',
  'Irving',
  'Jensen',
  'Keller',
  'Lowry',
  'Mercer',
  'Nolan',
  'Osborne',
  'Prescott',
  'Quincy',
  'Ramsey',
  'Sutton',
  'Tate',
];
const STREETS = ['Oak Street', 'Maple Avenue', 'Cedar Lane', 'Elm Drive', 'Birch Road', 'Willow Way', 'Pine Court', 'Ash Boulevard'];
const SERVICES = [
  'AC tune-up',
  'Furnace inspection',
  'Duct cleaning',
  'Thermostat install',
  'Heat pump repair',
  'Filter replacement',
  'Boiler service',
  'Water heater flush',
];
