import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { invoices, payments, INVOICE_STATUSES } from '../../db/schema';
import { change, nowIso, type ServiceContext } from './context';
import { conflict, notFound } from './errors';
import { getBooking } from './bookings';
import { assertEditable } from './records';
import { nextNumber } from './numbering';
import { perConnection } from './statements';

export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export interface InvoiceView {
  id: number; bookingId: number; customerId: number; number: string; amountCents: number;
  status: InvoiceStatus; sentAt: string | null; createdAt: string;
}

export const invoiceView = {
  id: invoices.id, bookingId: invoices.bookingId, customerId: invoices.customerId, number: invoices.number,
  amountCents: invoices.amountCents, status: invoices.status, sentAt: invoices.sentAt, createdAt: invoices.createdAt,
};

const byId = perConnection((db) => db.orm.select(invoiceView).from(invoices).where(eq(invoices.id, sql.placeholder('id'))).prepare());

export function getInvoice(db: Db, id: number, field = 'id'): InvoiceView {
  const inv = byId(db).get({ id });
  if (!inv) throw notFound('Invoice', id, field);
  return inv;
}

export function listInvoices(db: Db, by: { bookingId: number } | { customerId: number }): InvoiceView[] {
  const where = 'bookingId' in by ? eq(invoices.bookingId, by.bookingId) : eq(invoices.customerId, by.customerId);
  return db.orm.select(invoiceView).from(invoices).where(where).orderBy(desc(invoices.id)).all();
}

const insert = perConnection((db) => db.orm.insert(invoices).values({
  bookingId: sql.placeholder('bookingId'), customerId: sql.placeholder('customerId'), number: sql.placeholder('number'),
  amountCents: sql.placeholder('amountCents'), status: 'draft', createdAt: sql.placeholder('createdAt'),
}).returning(invoiceView).prepare());

/** A draft invoice for a booking, for the booking's price unless told otherwise. */
export function createInvoice(ctx: ServiceContext, input: { bookingId: number; amountCents?: number }): InvoiceView {
  // Checked inside the write: a booking cancelled or repriced meanwhile is seen as it is.
  return change(ctx, () => {
    const booking = getBooking(ctx.db, input.bookingId, 'bookingId');
    assertEditable('Booking', booking.id, booking);
    if (booking.status === 'cancelled') throw conflict(`Booking ${booking.id} is cancelled; it cannot be invoiced.`, 'bookingId');
    return insert(ctx.db).get({
      bookingId: booking.id, customerId: booking.customerId, number: nextNumber(ctx.db, invoices, 'INV'),
      amountCents: input.amountCents ?? booking.priceCents, createdAt: nowIso(ctx),
    })!;
  });
}

const markSent = perConnection((db) => db.orm.update(invoices).set({ status: 'sent', sentAt: sql`${sql.placeholder('sentAt')}` })
  .where(eq(invoices.id, sql.placeholder('id'))).returning(invoiceView).prepare());

export function sendInvoice(ctx: ServiceContext, input: { id: number }): InvoiceView {
  return change(ctx, () => {
    const inv = getInvoice(ctx.db, input.id);
    if (inv.status !== 'draft') throw conflict(`Invoice ${inv.number} is ${inv.status}; only a draft can be sent.`);
    return markSent(ctx.db).get({ id: input.id, sentAt: nowIso(ctx) })!;
  });
}

const approvedPaid = perConnection((db) => db.orm.select({ paid: sql<number>`coalesce(sum(${payments.amountCents}), 0)` })
  .from(payments).where(sql`${payments.invoiceId} = ${sql.placeholder('invoiceId')} AND ${payments.status} = 'approved'`).prepare());
const setStatus = perConnection((db) => db.orm.update(invoices).set({ status: sql`${sql.placeholder('status')}` })
  .where(eq(invoices.id, sql.placeholder('id'))).prepare());

/**
 * Marks the invoice paid once approved payments cover it, and back to sent when a
 * refund uncovers it. Runs inside the payment's transaction, so the payment's row
 * and the invoice's row are audited together.
 */
export function settleInvoice(db: Db, invoiceId: number): void {
  const inv = getInvoice(db, invoiceId);
  const { paid } = approvedPaid(db).get({ invoiceId })!;
  const status = paid >= inv.amountCents ? 'paid' : inv.status === 'paid' ? 'sent' : inv.status;
  if (status !== inv.status) setStatus(db).run({ id: invoiceId, status });
}
