// Which booking edits must say why, checked in the write's transaction against
// the booking as it is. A new time needs who asked for it: a late-change fee rests
// on that. A price changed once an invoice has gone out needs a reason: the
// customer holds a bill for the old one.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { invoices } from '../../db/schema';
import type { ServiceContext } from './context';
import { AppError } from './errors';
import { ASKED_BY, isOneOf, REASON_WORDS } from './reasons';
import { perConnection } from './statements';

const askedByWords = ASKED_BY.map((c) => REASON_WORDS[c].replace('Asked by ', '')).join(', ');

const invoicedOut = perConnection((db) =>
  db.orm
    .select({ number: invoices.number })
    .from(invoices)
    .where(and(eq(invoices.bookingId, sql.placeholder('id')), inArray(invoices.status, ['sent', 'paid'])))
    .limit(1)
    .prepare(),
);

interface Before {
  id: number;
  scheduledStart: string;
  scheduledEnd: string;
  priceCents: number;
}
interface After {
  scheduledStart?: string;
  scheduledEnd?: string;
  priceCents?: number;
}

const moved = (before: string, after: string | undefined) => after !== undefined && Date.parse(after) !== Date.parse(before);

/** Refuses an edit that needs a reason and has none (or one of the wrong kind), naming the reason field. */
export function assertBookingReason(ctx: ServiceContext, db: Db, current: Before, fields: After): void {
  const code = ctx.reason?.code;
  if ((moved(current.scheduledStart, fields.scheduledStart) || moved(current.scheduledEnd, fields.scheduledEnd)) && !isOneOf(ASKED_BY, code)) {
    throw new AppError('invalid_input', `A new time must say who asked for it (${askedByWords}).`, 'reason');
  }
  if (fields.priceCents !== undefined && fields.priceCents !== current.priceCents && !code) {
    const sent = invoicedOut(db).get({ id: current.id });
    if (sent) throw new AppError('invalid_input', `Invoice ${sent.number} has gone out at the old price: say why the price changes.`, 'reason');
  }
}
