// The whole demo history as one time-ordered list of events, from a seed. Pure:
// no database, no clock unless `now` is left out. The CLI's seed command applies
// the list through the services (electron/cli/seed.ts).
import { DEMO_FIELDS, type DemoEvent, type DemoField } from './events';
import { planBookings } from './bookings';
import { planCustomers } from './customers';
import { withEquipment } from './equipment';
import { roster, rosterSize, type DemoUser } from './people';
import { Rng } from './random';
import { Script, type Office } from './script';
import { DAY, at, localDay } from './time';
import type { Line } from './catalog';

export const DEFAULT_SEED = 1;
export const DEFAULT_CUSTOMERS = 200;
export const DEFAULT_BOOKINGS = 2000;
/** Eighteen months back, four weeks ahead. */
export const HISTORY_DAYS = 548;
export const AHEAD_DAYS = 28;

export interface PlanOptions {
  seed?: number;
  /** The instant the history runs up to. Default: the start of today (UTC), so a day's runs agree. */
  now?: number;
  customers?: number;
  bookings?: number;
}

export interface DemoPlan {
  seed: number;
  now: number;
  users: DemoUser[];
  fields: DemoField[];
  customers: number;
  bookings: number;
  /** When the first administrator set JobTrail up, just before everything else. */
  setUpAt: number;
  /** Every event after the first administrator's creation, oldest first. */
  events: DemoEvent[];
  /** What the triggers will write, the first administrator's row included. */
  auditRows: number;
}

export function startOfUtcDay(t: number): number {
  return Math.floor(t / DAY) * DAY;
}

export function planDemo(options: PlanOptions = {}): DemoPlan {
  const seed = options.seed ?? DEFAULT_SEED;
  const now = options.now ?? startOfUtcDay(Date.now());
  const customerCount = options.customers ?? DEFAULT_CUSTOMERS;
  const bookingCount = options.bookings ?? DEFAULT_BOOKINGS;
  const rng = new Rng(seed);
  const start = now - HISTORY_DAYS * DAY;
  const users = roster(rng, rosterSize(bookingCount, HISTORY_DAYS + AHEAD_DAYS));
  const indices = (keep: (u: DemoUser) => boolean) => users.flatMap((u, i) => (keep(u) ? [i] : []));
  const byLine = (line: Line) => indices((u) => u.role === 'fieldworker' && u.line === line);
  const office: Office = {
    rng,
    script: new Script(now),
    users,
    start,
    now,
    horizon: now + AHEAD_DAYS * DAY,
    managers: indices((u) => u.role === 'manager'),
    staff: indices((u) => u.role === 'staff'),
    fieldworkers: { hvac: byLine('hvac'), health: byLine('health'), property: byLine('property') },
  };
  // The administrator sets the office up the days before the first customer is entered.
  const setUpDay = localDay(start) - 2;
  users.forEach((_, user) => {
    if (user > 0) office.script.add(at(setUpDay, 9 * 60 + user * 2), 0, { kind: 'user.create', user });
  });
  DEMO_FIELDS.forEach((_, field) => office.script.add(at(setUpDay + 1, 10 * 60 + field * 5), 0, { kind: 'field.define', field }));
  const customers = planCustomers(office, customerCount);
  planBookings(office, customers, bookingCount);

  const events = withEquipment(
    office.script.events.sort((a, b) => a.at - b.at || a.seq - b.seq),
    users,
  );
  // Two rows besides the events': the signing key's arrival (chain v2) and the first administrator's creation.
  const auditRows = 2 + events.reduce((sum, e) => sum + e.rows, 0);
  return {
    seed,
    now,
    users,
    fields: DEMO_FIELDS,
    customers: customerCount,
    bookings: bookingCount,
    setUpAt: at(setUpDay, 8 * 60 + 45),
    events,
    auditRows,
  };
}

/** Customers and bookings for about `auditRows` audit rows, measured on the default plan. */
export function sizeForAuditRows(auditRows: number, seed = DEFAULT_SEED, now?: number): { customers: number; bookings: number } {
  const pilot = planDemo({ seed, now });
  const scale = auditRows / pilot.auditRows;
  return {
    customers: Math.max(5, Math.round(DEFAULT_CUSTOMERS * scale)),
    bookings: Math.max(10, Math.round(DEFAULT_BOOKINGS * scale)),
  };
}
