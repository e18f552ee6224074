// A booking's Timeline: the checklist Created / Scheduled / Accepted / Completed /
// Invoiced / Paid, each read from the audit trail (when and by whom it was
// reached), plus what the office can do about the steps still open.
import type { Db } from '../../db/open';
import { getBooking } from './bookings';
import { listInvoices, type InvoiceView } from './invoices';
import { listPayments, type PaymentView } from './payments';
import { cachedStatement } from './statements';

export type StepKey = 'created' | 'scheduled' | 'accepted' | 'completed' | 'invoiced' | 'paid';

export interface TimelineStep {
  key: StepKey;
  label: string;
  done: boolean;
  at: string | null;
  actorName: string | null;
}

export interface Timeline {
  bookingId: number;
  steps: TimelineStep[];
  /** The newest invoice, if any: a draft one is "unsent" and can be sent from the Timeline. */
  invoice: InvoiceView | null;
  /** Payments logged but not yet approved. */
  pendingPayments: PaymentView[];
  /** How many separate actions moved the appointment: evidence for a no-show fee. */
  rescheduleCount: number;
}

interface Reached { at: string; actorName: string }

const LABELS: Record<StepKey, string> = {
  created: 'Created', scheduled: 'Scheduled', accepted: 'Accepted', completed: 'Completed', invoiced: 'Invoiced', paid: 'Paid',
};

// Later statuses imply the earlier steps were passed, even if they were skipped.
const STATUS_RANK: Record<string, number> = {
  quote: 0, pending: 0, cancelled: 0, no_show: 1, scheduled: 1, accepted: 2, in_progress: 2, completed: 3,
};

/** The audit row that reached each step: the latest one (a booking can be scheduled again after a no-show). */
const REACHED: Record<StepKey, string> = {
  created: "entity = 'booking' AND field = 'status' AND event = 'created'",
  scheduled: "entity = 'booking' AND field = 'status' AND new_value = 'scheduled'",
  accepted: "entity = 'booking' AND field = 'status' AND new_value = 'accepted'",
  completed: "entity = 'booking' AND field = 'status' AND new_value = 'completed'",
  invoiced: "entity = 'invoice' AND event = 'invoice sent'",
  paid: "entity = 'invoice' AND event = 'invoice paid'",
};

/**
 * When and by whom a step was reached, newest first, stopping at the first match:
 * the booking's own steps down its status rows alone (audit_booking_status; a
 * "created" row carries the first status), the invoice's down the booking's
 * History. Asked only for steps that are done, which always have their row.
 */
function reachedAt(db: Db, bookingId: number, step: StepKey): Reached | undefined {
  return cachedStatement(db.sqlite, `SELECT at, actor_name AS actorName FROM audit_log
    WHERE booking_id = ? AND ${REACHED[step]} ORDER BY id DESC LIMIT 1`).get(bookingId) as Reached | undefined;
}

export function bookingTimeline(db: Db, bookingId: number): Timeline {
  const booking = getBooking(db, bookingId, 'bookingId');
  const invoices = listInvoices(db, { bookingId });
  const rank = STATUS_RANK[booking.status] ?? 0;
  const done: Record<StepKey, boolean> = {
    created: true,
    scheduled: rank >= 1,
    accepted: rank >= 2,
    completed: rank >= 3,
    invoiced: invoices.some((i) => i.status === 'sent' || i.status === 'paid'),
    paid: invoices.some((i) => i.status === 'paid'),
  };
  const steps = (Object.keys(LABELS) as StepKey[]).map((key) => {
    const r = done[key] ? reachedAt(db, bookingId, key) : undefined;
    return { key, label: LABELS[key], done: done[key], at: r?.at ?? null, actorName: r?.actorName ?? null };
  });
  const { n } = cachedStatement(db.sqlite, `SELECT count(DISTINCT coalesce(tx, id)) AS n FROM audit_log
    WHERE booking_id = ? AND event = 'rescheduled'`).get(bookingId) as { n: number };
  return {
    bookingId, steps, invoice: invoices[0] ?? null,
    pendingPayments: listPayments(db, { bookingId }).filter((p) => p.status === 'pending'),
    rescheduleCount: n,
  };
}
