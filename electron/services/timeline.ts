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

export function bookingTimeline(db: Db, bookingId: number): Timeline {
  const booking = getBooking(db, bookingId, 'bookingId');
  // One small look-up per step, each down the audit_booking index; a row may
  // count for two steps (a booking created straight into "scheduled").
  const latest = cachedStatement(db.sqlite, `
    SELECT step, id FROM (
      SELECT 'created' AS step, max(id) AS id FROM audit_log
        WHERE booking_id = @b AND entity = 'booking' AND event = 'created'
      UNION ALL SELECT 'scheduled', max(id) FROM audit_log
        WHERE booking_id = @b AND entity = 'booking' AND field = 'status' AND new_value = 'scheduled'
      UNION ALL SELECT 'accepted', max(id) FROM audit_log
        WHERE booking_id = @b AND entity = 'booking' AND field = 'status' AND new_value = 'accepted'
      UNION ALL SELECT 'completed', max(id) FROM audit_log
        WHERE booking_id = @b AND entity = 'booking' AND field = 'status' AND new_value = 'completed'
      UNION ALL SELECT 'invoiced', max(id) FROM audit_log
        WHERE booking_id = @b AND entity = 'invoice' AND event = 'invoice sent'
      UNION ALL SELECT 'paid', max(id) FROM audit_log
        WHERE booking_id = @b AND entity = 'invoice' AND event = 'invoice paid')
    WHERE id IS NOT NULL`).all({ b: bookingId }) as { step: StepKey; id: number }[];
  const rowAt = cachedStatement(db.sqlite, 'SELECT at, actor_name AS actorName FROM audit_log WHERE id = ?');
  const reached = new Map<StepKey, Reached>(latest.map((r) => [r.step, rowAt.get(r.id) as Reached]));

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
    const r = done[key] ? reached.get(key) : undefined;
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
