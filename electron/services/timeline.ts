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

/** The status each of the booking's own steps is reached by. */
const STEP_STATUS: Partial<Record<StepKey, string>> = { scheduled: 'scheduled', accepted: 'accepted', completed: 'completed' };

/** The invoice's steps: the latest row that reached them. */
const INVOICE_REACHED: Partial<Record<StepKey, string>> = {
  invoiced: "entity = 'invoice' AND event = 'invoice sent'",
  paid: "entity = 'invoice' AND event = 'invoice paid'",
};

interface CreatedRow extends Reached { status: string | null }

/**
 * The booking's "created" row: its first row, found at the start of its History.
 * Since migration 0014 it carries every field as JSON (field '*'); before, it
 * carried the status alone (field 'status').
 */
function createdRow(db: Db, bookingId: number): CreatedRow | undefined {
  return cachedStatement(db.sqlite, `SELECT at, actor_name AS actorName,
      CASE WHEN field = '*' AND json_valid(new_value) THEN json_extract(new_value, '$.status')
           WHEN field = 'status' THEN new_value END AS status
    FROM audit_log WHERE booking_id = ? AND entity = 'booking' AND entity_id = booking_id AND event = 'created'
    ORDER BY id LIMIT 1`).get(bookingId) as CreatedRow | undefined;
}

/**
 * When and by whom a step was reached, the latest time (a booking can be scheduled
 * again after a no-show): the booking's own steps down its status changes alone
 * (audit_booking_status), else the status it was created in; the invoice's down
 * the booking's History. Asked only for steps that are done, which always have their row.
 */
function reachedAt(db: Db, bookingId: number, step: StepKey): Reached | undefined {
  if (step === 'created') return createdRow(db, bookingId);
  const status = STEP_STATUS[step];
  if (status === undefined) {
    return cachedStatement(db.sqlite, `SELECT at, actor_name AS actorName FROM audit_log
      WHERE booking_id = ? AND ${INVOICE_REACHED[step]} ORDER BY id DESC LIMIT 1`).get(bookingId) as Reached | undefined;
  }
  const changed = cachedStatement(db.sqlite, `SELECT at, actor_name AS actorName FROM audit_log
    WHERE booking_id = ? AND entity = 'booking' AND field = 'status' AND new_value = ? ORDER BY id DESC LIMIT 1`)
    .get(bookingId, status) as Reached | undefined;
  if (changed) return changed;
  const created = createdRow(db, bookingId);
  return created?.status === status ? { at: created.at, actorName: created.actorName } : undefined;
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
