import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { payments, PAYMENT_METHODS, PAYMENT_STATUSES } from '../../db/schema';
import { change, nowIso, type ServiceContext } from './context';
import { AppError, conflict, notFound } from './errors';
import { getInvoice, settleInvoice } from './invoices';
import { getBooking } from './bookings';
import { assertEditable } from './records';
import { perConnection } from './statements';
import { money } from './moneyText';

export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export interface PaymentView {
  id: number;
  invoiceId: number;
  bookingId: number;
  customerId: number;
  amountCents: number;
  method: PaymentMethod;
  status: PaymentStatus;
  createdAt: string;
  /** Logged over the balance due, confirmed as such by whoever logged it. */
  overpayment: boolean;
}

const view = {
  id: payments.id,
  invoiceId: payments.invoiceId,
  bookingId: payments.bookingId,
  customerId: payments.customerId,
  amountCents: payments.amountCents,
  method: payments.method,
  status: payments.status,
  createdAt: payments.createdAt,
  overpayment: payments.overpayment,
};

const byId = perConnection((db) =>
  db.orm
    .select(view)
    .from(payments)
    .where(eq(payments.id, sql.placeholder('id')))
    .prepare(),
);

function getPayment(db: Db, id: number): PaymentView {
  const p = byId(db).get({ id });
  if (!p) throw notFound('Payment', id, 'id');
  return p;
}

export function listPayments(db: Db, by: { bookingId: number } | { customerId: number }): PaymentView[] {
  const where = 'bookingId' in by ? eq(payments.bookingId, by.bookingId) : eq(payments.customerId, by.customerId);
  return db.orm.select(view).from(payments).where(where).orderBy(desc(payments.id)).all();
}

const insert = perConnection((db) =>
  db.orm
    .insert(payments)
    .values({
      invoiceId: sql.placeholder('invoiceId'),
      bookingId: sql.placeholder('bookingId'),
      customerId: sql.placeholder('customerId'),
      amountCents: sql.placeholder('amountCents'),
      method: sql.placeholder('method'),
      status: 'pending',
      createdAt: sql.placeholder('createdAt'),
      overpayment: sql.placeholder('overpayment'),
    })
    .returning(view)
    .prepare(),
);

export interface NewPayment {
  invoiceId: number;
  amountCents: number;
  method: PaymentMethod;
  /** The person saw that the amount is over the balance due and logs it anyway, as an overpayment. */
  overpayment?: boolean;
}

/**
 * A payment logged against a sent invoice; it counts once a manager approves it.
 * One over the balance due (amount − approved − pending) is refused unless the
 * caller confirms it, and is then kept as an overpayment: a second payment for
 * the same money never goes in without a word.
 */
export function addPayment(ctx: ServiceContext, input: NewPayment): PaymentView {
  return change(ctx, () => {
    const inv = getInvoice(ctx.db, input.invoiceId, 'invoiceId');
    if (inv.status === 'void') throw conflict(`Invoice ${inv.number} is void; it cannot take payments.`, 'invoiceId');
    if (inv.status === 'draft') throw conflict(`Invoice ${inv.number} has not been sent yet.`, 'invoiceId');
    assertEditable('Booking', inv.bookingId, getBooking(ctx.db, inv.bookingId));
    const over = input.amountCents > inv.balanceCents;
    if (over && !input.overpayment) {
      throw conflict(
        `${money(input.amountCents)} is more than the balance due on ${inv.number}, ` +
          `${money(Math.max(inv.balanceCents, 0))} (invoice ${money(inv.amountCents)}, approved ${money(inv.paidCents)}, ` +
          `pending ${money(inv.pendingCents)}). Confirm it as an overpayment to log it.`,
        'overpayment',
      );
    }
    return insert(ctx.db).get({
      invoiceId: inv.id,
      bookingId: inv.bookingId,
      customerId: inv.customerId,
      amountCents: input.amountCents,
      method: input.method,
      createdAt: nowIso(ctx),
      overpayment: over ? 1 : 0,
    })!;
  });
}

const setStatus = perConnection((db) =>
  db.orm
    .update(payments)
    .set({ status: sql`${sql.placeholder('status')}` })
    .where(eq(payments.id, sql.placeholder('id')))
    .returning(view)
    .prepare(),
);

function move(ctx: ServiceContext, id: number, from: PaymentStatus, to: PaymentStatus, doing: string): PaymentView {
  // Read in the write's transaction: two managers approving (or refunding) one payment at once, one is refused.
  return change(ctx, () => {
    const p = getPayment(ctx.db, id);
    if (p.status !== from) throw conflict(`Payment ${id} is ${p.status}; only a ${from} payment can be ${doing}.`);
    const updated = setStatus(ctx.db).get({ id, status: to })!;
    settleInvoice(ctx.db, p.invoiceId);
    return updated;
  });
}

export const approvePayment = (ctx: ServiceContext, input: { id: number }) => move(ctx, input.id, 'pending', 'approved', 'approved');

/**
 * Gives back an approved payment, whole: a refund is never more than what was
 * paid, since only money approved can be refunded, and only once.
 */
export const refundPayment = (ctx: ServiceContext, input: { id: number }) => move(ctx, input.id, 'approved', 'refunded', 'refunded');

/** Turns down a pending payment (the cheque bounced, it was logged twice), with the reason in its audit row. */
export function rejectPayment(ctx: ServiceContext, input: { id: number }): PaymentView {
  if (!ctx.reason) throw new AppError('invalid_input', 'Say why the payment is rejected.', 'reason');
  return move(ctx, input.id, 'pending', 'rejected', 'rejected');
}
