// What a fieldworker may read, in one place. A fieldworker sees their own work:
// the bookings assigned to them, the customers of those bookings (name, address,
// phone: what the visit needs; never the email), and those bookings' History and
// Timeline; no prices, invoices or payments. Staff and above see everything
// their role's entries admit. The contract (electron/api) calls these on every
// read a fieldworker can reach; test/api/fieldworker-reads.test.ts walks every
// entry of the contract to hold it to that.
//
// Another's booking or customer is refused as "forbidden" ("not assigned to you"),
// not passed off as "not found": ids are sequential and printed on reports, so
// hiding that a booking exists protects nothing, and the writes already answer so
// (assertOwnBookingOrStaff): one booking gets one answer, whatever is asked of it.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { customers } from '../../db/schema';
import { hasRole, roleRefusal, type SessionUser } from './context';
import { forbidden } from './errors';
import { assertOwnBookingOrStaff, type BookingView } from './bookings';
import { getCustomer, type CustomerListRow, type CustomerQuery, type CustomerView } from './customers';
import { containsAny } from './records';
import type { HistoryPage } from './history';
import type { Timeline } from './timeline';
import type { AsItWas, AsItWasEntity } from './asItWas';

/** Fieldworkers see their own work only; staff and above, the office's. */
export const seesOnlyOwnWork = (user: SessionUser) => !hasRole(user, 'staff');

/**
 * Prices, invoices and payments are the office's. An administrator setting to
 * show a fieldworker the money of their own bookings needs a settings table and
 * its audit trigger (a migration): until then, this is the one place it would read.
 */
export const seesMoney = (user: SessionUser) => hasRole(user, 'staff');

/** Deleted records wait in the recycle bin, which is the managers' (they delete and restore). */
export function assertMaySeeDeleted(user: SessionUser, what: 'bookings' | 'customers'): void {
  if (!hasRole(user, 'manager')) throw forbidden(roleRefusal('manager', `see deleted ${what}`, user));
}

/** The booking, if the user may read it: a fieldworker, only one assigned to them. */
export function readableBooking(db: Db, user: SessionUser, id: number, doing: string, field = 'id'): BookingView {
  return assertOwnBookingOrStaff({ db, user }, id, doing, field);
}

export type BookingSeen<B extends { priceCents: number }> = Omit<B, 'priceCents'> & { priceCents: number | null };

/** A booking as the user may see it: without its price for those who do not see money. */
export function bookingAsSeen<B extends { priceCents: number }>(user: SessionUser, b: B): BookingSeen<B> {
  return seesMoney(user) ? b : { ...b, priceCents: null };
}

/** A fieldworker's list is their own bookings: asking for another's, or ordering by a price they do not see, is refused. */
export function bookingQueryFor<Q extends { fieldworkerId?: number; deleted?: boolean; sort?: string }>(user: SessionUser, q: Q): Q {
  if (q.deleted) assertMaySeeDeleted(user, 'bookings');
  if (!seesMoney(user) && q.sort?.startsWith('price_')) throw forbidden('Prices are not shown to fieldworkers, so bookings cannot be sorted by price.');
  if (!seesOnlyOwnWork(user)) return q;
  if (q.fieldworkerId !== undefined && q.fieldworkerId !== user.id) {
    throw forbidden('A fieldworker sees the bookings assigned to them only.');
  }
  return { ...q, fieldworkerId: user.id };
}

// ── customers ─────────────────────────────────────────────────────────────────

/** The customer has a live booking assigned to this fieldworker: the visit needs where and whom to call. */
const hasMyBooking = (fieldworkerId: number) => sql`EXISTS (SELECT 1 FROM bookings b WHERE b.customer_id = ${customers.id}
  AND b.fieldworker_id = ${fieldworkerId} AND b.deleted_at IS NULL)`;

/** What a fieldworker sees of a customer: no email, which the visit does not need. */
const withoutEmail = <C extends CustomerView>(c: C): C => ({ ...c, email: null });

export function readableCustomer(db: Db, user: SessionUser, id: number): ReturnType<typeof getCustomer> {
  const c = getCustomer(db, id);
  if (!seesOnlyOwnWork(user)) return c;
  const mine = db.orm
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.id, id), hasMyBooking(user.id)))
    .get();
  if (!mine) throw forbidden(`Customer ${id} has no booking assigned to you, so you cannot open their profile.`);
  return withoutEmail(c);
}

/** The customers of a fieldworker's bookings, found by what they see (not by email), each with how many of those bookings are theirs. */
export function listMyCustomers(db: Db, user: SessionUser, q: CustomerQuery): { rows: CustomerListRow[]; total: number } {
  if (q.deleted) assertMaySeeDeleted(user, 'customers');
  const where = and(isNull(customers.deletedAt), hasMyBooking(user.id), containsAny(q.search, [customers.name, customers.phone, customers.address]));
  const bookingCount = sql<number>`(SELECT count(*) FROM bookings b WHERE b.customer_id = "customers"."id"
    AND b.fieldworker_id = ${user.id} AND b.deleted_at IS NULL)`;
  const rows = db.orm
    .select({
      id: customers.id,
      name: customers.name,
      email: sql<null>`NULL`,
      phone: customers.phone,
      address: customers.address,
      notes: customers.notes,
      createdAt: customers.createdAt,
      updatedAt: customers.updatedAt,
      deletedAt: customers.deletedAt,
      bookingCount,
    })
    .from(customers)
    .where(where)
    .orderBy(sql`${customers.name} COLLATE NOCASE`, asc(customers.id))
    .limit(q.limit)
    .offset(q.offset)
    .all();
  const total = db.orm
    .select({ n: sql<number>`count(*)` })
    .from(customers)
    .where(where)
    .get()!.n;
  return { rows, total };
}

// ── History, Timeline, as it was ───────────────────────────────────────────────

/** A booking's "created" row carries every field as JSON (migration 0014), its price among them. */
function withoutPrice(row: HistoryPage['rows'][number]): HistoryPage['rows'][number] {
  if (row.entity !== 'booking' || row.field !== '*' || row.newValue === null) return row;
  try {
    const fields = JSON.parse(row.newValue) as Record<string, unknown>;
    if (!fields || typeof fields !== 'object' || !('price' in fields)) return row;
    delete fields.price;
    return { ...row, newValue: JSON.stringify(fields) };
  } catch {
    return row;
  }
}

/** The History as the user may see it: money rows are left out by the query (hideMoney); what remains loses the created row's price. */
export function historyAsSeen(user: SessionUser, page: HistoryPage): HistoryPage {
  return seesMoney(user) ? page : { ...page, rows: page.rows.map(withoutPrice) };
}

const MONEY_STEPS = new Set(['invoiced', 'paid']);

/** A booking's Timeline without its invoice, payments and money steps for those who do not see money. */
export function timelineAsSeen(user: SessionUser, t: Timeline): Timeline {
  if (seesMoney(user)) return t;
  return { ...t, steps: t.steps.filter((s) => !MONEY_STEPS.has(s.key)), invoice: null, pendingPayments: [] };
}

/** Which records "as it was" a user may rebuild: a fieldworker, their own bookings (without the price) and nothing of money or customers. */
export function assertMayRebuild(db: Db, user: SessionUser, entity: AsItWasEntity, id: number): void {
  if (entity === 'customer' && !hasRole(user, 'staff')) throw forbidden(roleRefusal('staff', "see a customer's record as it was", user));
  if ((entity === 'invoice' || entity === 'payment') && !seesMoney(user)) {
    throw forbidden(`Invoices and payments are not shown to fieldworkers, so you cannot see ${entity} ${id} as it was.`);
  }
  if (entity === 'booking' && seesOnlyOwnWork(user)) readableBooking(db, user, id, 'see it as it was');
}

export function asItWasAsSeen(user: SessionUser, r: AsItWas): AsItWas {
  if (seesMoney(user) || r.entity !== 'booking') return r;
  const fields = { ...r.fields };
  delete fields.price;
  return { ...r, fields, changed: r.changed.filter((f) => f !== 'price'), unknown: r.unknown.filter((f) => f !== 'price') };
}

/** A fieldworker reads the notes of their own bookings; a customer's notes span other people's bookings. */
export function assertMayReadNotes(db: Db, user: SessionUser, by: { bookingId?: number; customerId?: number }): void {
  if (by.bookingId !== undefined) readableBooking(db, user, by.bookingId, 'read its notes', 'bookingId');
  else if (seesOnlyOwnWork(user)) throw forbidden("A fieldworker reads the notes of their own bookings, not a customer's.");
}
