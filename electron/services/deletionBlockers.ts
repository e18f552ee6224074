// What keeps a booking (or a customer, through their bookings) out of the recycle
// bin: money still moving and work still under way. Deleting then would hide an
// invoice the customer owes, a payment nobody has approved, or a visit a
// fieldworker is on. The refusal names each one and links to it.
import type { Db } from '../../db/open';
import { AppError } from './errors';
import { money } from './moneyText';

export interface Blocker {
  /** What blocks, in words: "Invoice INV-000123 was sent and is not paid ($110.00)". */
  what: string;
  /** Where it is shown, as a route of the window: "#/bookings/5?act=money". */
  href: string;
}

const moneyTab = (bookingId: number) => `#/bookings/${bookingId}?act=money`;

/** Each blocker of the bookings chosen by `where` (SQL over bookings b, with its one parameter). */
function blockersWhere(db: Db, where: string, param: number): Blocker[] {
  const invoices = db.sqlite
    .prepare(
      `SELECT i.number, i.amount_cents AS cents, i.booking_id AS bookingId,
      coalesce((SELECT sum(p.amount_cents) FROM payments p WHERE p.invoice_id = i.id AND p.status = 'approved'), 0) AS paid
    FROM invoices i JOIN bookings b ON b.id = i.booking_id WHERE ${where} AND i.status = 'sent' ORDER BY i.id`,
    )
    .all(param) as { number: string; cents: number; bookingId: number; paid: number }[];
  const payments = db.sqlite
    .prepare(
      `SELECT p.id, p.amount_cents AS cents, p.method, i.number, p.booking_id AS bookingId
    FROM payments p JOIN invoices i ON i.id = p.invoice_id JOIN bookings b ON b.id = p.booking_id
    WHERE ${where} AND p.status = 'pending' ORDER BY p.id`,
    )
    .all(param) as { id: number; cents: number; method: string; number: string; bookingId: number }[];
  const visits = db.sqlite
    .prepare(
      `SELECT b.id, b.service, u.name AS fieldworker FROM bookings b
    LEFT JOIN users u ON u.id = b.fieldworker_id WHERE ${where} AND b.status = 'in_progress' ORDER BY b.id`,
    )
    .all(param) as { id: number; service: string; fieldworker: string | null }[];
  return [
    ...invoices.map((i) => ({
      what: `Invoice ${i.number} was sent and is not ${i.paid ? 'paid in full' : 'paid'} (${money(i.cents - i.paid)} due)`,
      href: moneyTab(i.bookingId),
    })),
    ...payments.map((p) => ({
      what: `Payment #${p.id} of ${money(p.cents)} (${p.method.replace('_', ' ')}) on ${p.number} is pending: approve or reject it`,
      href: moneyTab(p.bookingId),
    })),
    ...visits.map((v) => ({
      what: `Booking #${v.id} · ${v.service}: ${v.fieldworker ?? 'the fieldworker'}'s visit is under way and not closed`,
      href: `#/bookings/${v.id}?tab=timeline`,
    })),
  ];
}

export const bookingBlockers = (db: Db, bookingId: number) => blockersWhere(db, 'b.id = ?', bookingId);
export const customerBlockers = (db: Db, customerId: number) => blockersWhere(db, 'b.customer_id = ?', customerId);

/** Refuses the deletion, naming every blocker; the form lists them with their links (details.blockers). */
export function assertNothingBlocks(what: string, blockers: Blocker[]): void {
  if (blockers.length === 0) return;
  const first = blockers[0].what;
  const more = blockers.length > 1 ? `, and ${blockers.length - 1} more` : '';
  throw new AppError('conflict', `${what} cannot be deleted while money or work hangs on it: ${first}${more}.`, undefined, { blockers });
}
