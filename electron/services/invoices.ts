import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { invoices, payments, INVOICE_PURPOSES, INVOICE_STATUSES } from '../../db/schema';
import { change, nowIso, type ServiceContext } from './context';
import { AppError, conflict, notFound } from './errors';
import { getBooking } from './bookings';
import { assertEditable } from './records';
import { nextNumber } from './numbering';
import { perConnection } from './statements';
import { money } from './moneyText';

export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export type InvoicePurpose = (typeof INVOICE_PURPOSES)[number];
/**
 * Where an invoice stands, read from its payments: the stored status, with a
 * sent invoice that has approved payments short of its amount told apart as
 * part paid, and one paid beyond it as overpaid.
 */
export type InvoiceState = 'draft' | 'sent' | 'part_paid' | 'paid' | 'overpaid' | 'void';

export interface InvoiceView {
  id: number;
  bookingId: number;
  customerId: number;
  number: string;
  amountCents: number;
  status: InvoiceStatus;
  sentAt: string | null;
  createdAt: string;
  purpose: InvoicePurpose;
  /** What the invoice is for, as printed on it; null on invoices made before it had a line. */
  line: string | null;
  /** Approved payments not refunded: money the office has. */
  paidCents: number;
  /** Logged, waiting for a manager. */
  pendingCents: number;
  /** What a new payment should be: amount − paid − pending; negative when more than the amount is logged. */
  balanceCents: number;
  state: InvoiceState;
}

const columns = {
  id: invoices.id,
  bookingId: invoices.bookingId,
  customerId: invoices.customerId,
  number: invoices.number,
  amountCents: invoices.amountCents,
  status: invoices.status,
  sentAt: invoices.sentAt,
  createdAt: invoices.createdAt,
  purpose: invoices.purpose,
  line: invoices.line,
  // Spelt out: drizzle writes a column of the one table it selects from unqualified, which inside the subquery would be p's.
  paidCents: sql<number>`(SELECT coalesce(sum(p.amount_cents), 0) FROM payments p WHERE p.invoice_id = "invoices"."id" AND p.status = 'approved')`,
  pendingCents: sql<number>`(SELECT coalesce(sum(p.amount_cents), 0) FROM payments p WHERE p.invoice_id = "invoices"."id" AND p.status = 'pending')`,
};
type Stored = Omit<InvoiceView, 'balanceCents' | 'state'>;

/** The state a stored invoice and its sums give; the one place the rule is written. */
export function invoiceState(inv: Pick<Stored, 'status' | 'amountCents' | 'paidCents'>): InvoiceState {
  if (inv.status === 'draft' || inv.status === 'void') return inv.status;
  if (inv.paidCents > inv.amountCents) return 'overpaid';
  if (inv.paidCents >= inv.amountCents) return 'paid';
  return inv.paidCents > 0 ? 'part_paid' : 'sent';
}

const withBalance = (inv: Stored): InvoiceView => ({ ...inv, balanceCents: inv.amountCents - inv.paidCents - inv.pendingCents, state: invoiceState(inv) });

const byId = perConnection((db) =>
  db.orm
    .select(columns)
    .from(invoices)
    .where(eq(invoices.id, sql.placeholder('id')))
    .prepare(),
);

export function getInvoice(db: Db, id: number, field = 'id'): InvoiceView {
  const inv = byId(db).get({ id });
  if (!inv) throw notFound('Invoice', id, field);
  return withBalance(inv);
}

export function listInvoices(db: Db, by: { bookingId: number } | { customerId: number }): InvoiceView[] {
  const where = 'bookingId' in by ? eq(invoices.bookingId, by.bookingId) : eq(invoices.customerId, by.customerId);
  return db.orm.select(columns).from(invoices).where(where).orderBy(desc(invoices.id)).all().map(withBalance);
}

const insert = perConnection((db) =>
  db.orm
    .insert(invoices)
    .values({
      bookingId: sql.placeholder('bookingId'),
      customerId: sql.placeholder('customerId'),
      number: sql.placeholder('number'),
      amountCents: sql.placeholder('amountCents'),
      status: 'draft',
      createdAt: sql.placeholder('createdAt'),
      purpose: sql.placeholder('purpose'),
      line: sql.placeholder('line'),
    })
    .returning({ id: invoices.id })
    .prepare(),
);

/** Full price and parts bill the booking's price; fees are billed beside it. */
const BILLS_PRICE: Record<InvoicePurpose, boolean> = { full: true, part: true, no_show_fee: false, late_change_fee: false };
const DEFAULT_LINE: Record<InvoicePurpose, (service: string) => string> = {
  full: (s) => s,
  part: (s) => `Part of ${s}`,
  no_show_fee: (s) => `No-show fee: ${s}`,
  late_change_fee: (s) => `Late-change fee: ${s}`,
};

const billedPrice = perConnection((db) =>
  db.orm
    .select({ billed: sql<number>`coalesce(sum(${invoices.amountCents}), 0)` })
    .from(invoices)
    .where(
      sql`${invoices.bookingId} = ${sql.placeholder('bookingId')} AND ${invoices.status} <> 'void'
    AND ${invoices.purpose} IN ('full', 'part')`,
    )
    .prepare(),
);

export interface NewInvoice {
  bookingId: number;
  /**
   * What it bills for. Left out, the booking's full price, except on a no-show:
   * there the caller must choose, so that a missed visit is never billed whole by default.
   */
  purpose?: InvoicePurpose;
  /** Required for a part or a fee; for the full price it must be the booking's price, if given. */
  amountCents?: number;
  line?: string | null;
}

/** A draft invoice for a booking: its price, a part of it, or a fee, with the line that says which. */
export function createInvoice(ctx: ServiceContext, input: NewInvoice): InvoiceView {
  // Checked inside the write: a booking cancelled or repriced meanwhile is seen as it is.
  return change(ctx, () => {
    const booking = getBooking(ctx.db, input.bookingId, 'bookingId');
    assertEditable('Booking', booking.id, booking);
    const purpose = input.purpose ?? (booking.status === 'no_show' ? null : 'full');
    if (purpose === null) {
      throw new AppError(
        'invalid_input',
        `Booking ${booking.id} was a no-show: say what to bill (the full price, a part, ` + 'or a no-show fee) rather than its whole price by default.',
        'purpose',
      );
    }
    if (booking.status === 'cancelled' && BILLS_PRICE[purpose]) {
      throw conflict(`Booking ${booking.id} is cancelled; only a fee can be invoiced for it.`, 'purpose');
    }
    const amountCents = amountFor(ctx.db, booking, purpose, input.amountCents);
    const created = insert(ctx.db).get({
      bookingId: booking.id,
      customerId: booking.customerId,
      number: nextNumber(ctx.db, invoices, 'INV'),
      amountCents,
      createdAt: nowIso(ctx),
      purpose,
      line: input.line ?? DEFAULT_LINE[purpose](booking.service),
    })!;
    return getInvoice(ctx.db, created.id);
  });
}

/** The amount a new invoice bills; the price is never billed twice over (void the first invoice to bill again). */
function amountFor(db: Db, booking: { id: number; priceCents: number }, purpose: InvoicePurpose, asked: number | undefined): number {
  if (purpose !== 'full' && asked === undefined)
    throw new AppError('invalid_input', `A ${purpose.replace(/_/g, ' ')} invoice needs its amount.`, 'amountCents');
  if (asked !== undefined && asked <= 0) throw new AppError('invalid_input', 'must be more than zero', 'amountCents');
  if (purpose === 'full' && asked !== undefined && asked !== booking.priceCents) {
    throw new AppError(
      'invalid_input',
      `A full-price invoice bills the booking's price, ${money(booking.priceCents)}; ` + 'bill another amount as a part or a fee.',
      'amountCents',
    );
  }
  const amount = asked ?? booking.priceCents;
  if (!BILLS_PRICE[purpose]) return amount;
  const { billed } = billedPrice(db).get({ bookingId: booking.id })!;
  if (billed + amount > booking.priceCents) {
    throw conflict(
      `Booking ${booking.id} costs ${money(booking.priceCents)} and ${money(billed)} of it is already invoiced: ` +
        `${money(amount)} more would bill it twice over. Void the other invoice first, or bill a fee.`,
      'amountCents',
    );
  }
  return amount;
}

const markSent = perConnection((db) =>
  db.orm
    .update(invoices)
    .set({ status: 'sent', sentAt: sql`${sql.placeholder('sentAt')}` })
    .where(eq(invoices.id, sql.placeholder('id')))
    .prepare(),
);

export function sendInvoice(ctx: ServiceContext, input: { id: number }): InvoiceView {
  return change(ctx, () => {
    const inv = getInvoice(ctx.db, input.id);
    if (inv.status !== 'draft') throw conflict(`Invoice ${inv.number} is ${inv.status}; only a draft can be sent.`);
    markSent(ctx.db).run({ id: input.id, sentAt: nowIso(ctx) });
    return getInvoice(ctx.db, input.id);
  });
}

const setStatus = perConnection((db) =>
  db.orm
    .update(invoices)
    .set({ status: sql`${sql.placeholder('status')}` })
    .where(eq(invoices.id, sql.placeholder('id')))
    .prepare(),
);

/**
 * Voids an invoice made or sent in error. A draft always; a sent one only while
 * no money is logged against it (reject or refund its payments first), so a void
 * invoice never hides money the customer paid. Needs a reason, in its audit row.
 */
export function voidInvoice(ctx: ServiceContext, input: { id: number }): InvoiceView {
  if (!ctx.reason) throw new AppError('invalid_input', 'Say why the invoice is voided.', 'reason');
  return change(ctx, () => {
    const inv = getInvoice(ctx.db, input.id);
    if (inv.status === 'void') throw conflict(`Invoice ${inv.number} is already void.`);
    if (inv.paidCents > 0 || inv.pendingCents > 0) {
      throw conflict(
        `Invoice ${inv.number} has ${money(inv.paidCents)} approved and ${money(inv.pendingCents)} pending; ` +
          'reject or refund those payments before voiding it.',
      );
    }
    setStatus(ctx.db).run({ id: input.id, status: 'void' });
    return getInvoice(ctx.db, input.id);
  });
}

const approvedPaid = perConnection((db) =>
  db.orm
    .select({ paid: sql<number>`coalesce(sum(${payments.amountCents}), 0)` })
    .from(payments)
    .where(sql`${payments.invoiceId} = ${sql.placeholder('invoiceId')} AND ${payments.status} = 'approved'`)
    .prepare(),
);

/**
 * Sets a sent invoice paid while approved payments cover it, and back to sent
 * when a refund uncovers it: the stored status follows the payments and never
 * contradicts them. Runs inside the payment's transaction, so the payment's row
 * and the invoice's row are audited together.
 */
export function settleInvoice(db: Db, invoiceId: number): void {
  const inv = getInvoice(db, invoiceId);
  if (inv.status === 'draft' || inv.status === 'void') return;
  const { paid } = approvedPaid(db).get({ invoiceId })!;
  const status = paid >= inv.amountCents ? 'paid' : 'sent';
  if (status !== inv.status) setStatus(db).run({ id: invoiceId, status });
}
