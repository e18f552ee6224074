// A booking's Timeline: the checklist Created / Scheduled / Accepted / Started /
// Completed / Invoiced / Paid, with Cancelled or No-show as a step of its own, each
// read from the audit trail (when and by whom it was reached), plus what the
// office can do about the steps still open. It must agree with the History: a step
// the History shows reached stays done after the booking is cancelled or missed.
import type { Db } from '../../db/open';
import type { BookingStatus } from '../../db/schema';
import { getBooking } from './bookings';
import { EARLY_HOURS } from './bookingStatus';
import { listInvoices, type InvoiceView } from './invoices';
import { listPayments, type PaymentView } from './payments';
import { askedByCustomer } from './reasons';
import { cachedStatement } from './statements';
import { bookingVisitTimes, type VisitTimes } from './visitTimes';

type WorkStep = 'scheduled' | 'accepted' | 'started' | 'completed';
type EndStep = 'cancelled' | 'no_show';
export type StepKey = 'created' | WorkStep | EndStep | 'invoiced' | 'paid';

export interface TimelineStep {
  key: StepKey;
  label: string;
  done: boolean;
  at: string | null;
  actorName: string | null;
  /** The reason the History holds for reaching it: why it was cancelled. */
  reason: string | null;
  /** Not reached, and it will not be: the booking was cancelled or missed before it. */
  skipped: boolean;
  /** Reached more than EARLY_HOURS before the scheduled start (work started or completed ahead of its day). */
  early: boolean;
}

export interface Timeline {
  bookingId: number;
  /** The appointment's start now, which "early" is measured against. */
  scheduledStart: string;
  steps: TimelineStep[];
  /** The newest invoice, if any: a draft one is "unsent" and can be sent from the Timeline. */
  invoice: InvoiceView | null;
  /** Payments logged but not yet approved. */
  pendingPayments: PaymentView[];
  /** How many separate actions moved the appointment (one reschedule moves start and end: one action). */
  rescheduleCount: number;
  /** Of those, how many the customer asked for: the evidence for a late-change or no-show fee. */
  customerRescheduleCount: number;
  /** The appointment's end now: the time-out and the visit's length are measured against it. */
  scheduledEnd: string;
  /** The actual time-in and time-out (Started and Finished against the schedule), with who recorded them and every correction. */
  visit: VisitTimes;
}

const LABELS: Record<StepKey, string> = {
  created: 'Created',
  scheduled: 'Scheduled',
  accepted: 'Accepted',
  started: 'Started',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'No-show',
  invoiced: 'Invoiced',
  paid: 'Paid',
};

const WORK: WorkStep[] = ['scheduled', 'accepted', 'started', 'completed'];

/** The step each status reaches; quote and pending reach none (the booking is not yet on the calendar). */
const STEP_OF: Record<BookingStatus, WorkStep | EndStep | null> = {
  quote: null,
  pending: null,
  scheduled: 'scheduled',
  accepted: 'accepted',
  in_progress: 'started',
  completed: 'completed',
  cancelled: 'cancelled',
  no_show: 'no_show',
};

interface Reached {
  at: string;
  actorName: string;
  reason: string | null;
}
interface StatusRow extends Reached {
  status: BookingStatus | null;
}

/**
 * The booking's statuses in order: the one it was created in, then each change
 * (down the partial index audit_booking_status). The created row carries every
 * field as JSON (field '*', since migration 0014); before, the status alone (field 'status').
 */
function statusRows(db: Db, bookingId: number): StatusRow[] {
  const created = cachedStatement(
    db.sqlite,
    `SELECT at, actor_name AS actorName, reason,
      CASE WHEN field = '*' AND json_valid(new_value) THEN json_extract(new_value, '$.status')
           WHEN field = 'status' THEN new_value END AS status
    FROM audit_log WHERE booking_id = ? AND entity = 'booking' AND entity_id = booking_id AND event = 'created'
    ORDER BY id LIMIT 1`,
  ).get(bookingId) as StatusRow | undefined;
  const changes = cachedStatement(
    db.sqlite,
    `SELECT at, actor_name AS actorName, reason, new_value AS status
    FROM audit_log WHERE booking_id = ? AND entity = 'booking' AND field = 'status' AND event <> 'created'
    ORDER BY id`,
  ).all(bookingId) as StatusRow[];
  return created ? [created, ...changes] : changes;
}

/**
 * Walks the statuses: each reaches its step (the latest time wins: a booking can be
 * scheduled again after a no-show); going back (a new fieldworker, a correction, a
 * booking reinstated) undoes the steps after the one it returns to; a cancellation
 * or no-show ends the booking without undoing anything.
 */
function walk(rows: StatusRow[]): { created: Reached | undefined; reached: Map<WorkStep | EndStep, Reached> } {
  const reached = new Map<WorkStep | EndStep, Reached>();
  for (const r of rows) {
    const step = r.status === null ? null : STEP_OF[r.status];
    if (step === 'cancelled' || step === 'no_show') {
      reached.set(step, r);
      continue;
    }
    reached.delete('cancelled');
    reached.delete('no_show');
    const rank = step === null ? -1 : WORK.indexOf(step);
    for (const later of WORK.slice(rank + 1)) reached.delete(later);
    if (step) reached.set(step, r);
  }
  return { created: rows[0], reached };
}

/** The invoice's steps: the latest row that reached them. */
const INVOICE_REACHED = {
  invoiced: "entity = 'invoice' AND event = 'invoice sent'",
  paid: "entity = 'invoice' AND event = 'invoice paid'",
};

function invoiceReached(db: Db, bookingId: number, step: keyof typeof INVOICE_REACHED): Reached | undefined {
  return cachedStatement(
    db.sqlite,
    `SELECT at, actor_name AS actorName, reason FROM audit_log
    WHERE booking_id = ? AND ${INVOICE_REACHED[step]} ORDER BY id DESC LIMIT 1`,
  ).get(bookingId) as Reached | undefined;
}

const step = (key: StepKey, done: boolean, r: Reached | undefined, more: Partial<TimelineStep> = {}): TimelineStep => ({
  key,
  label: LABELS[key],
  done,
  at: r?.at ?? null,
  actorName: r?.actorName ?? null,
  reason: null,
  skipped: false,
  early: false,
  ...more,
});

/** The booking's own steps: Created, the work steps, and the ending (if any) right after the last step reached. */
function workSteps(db: Db, bookingId: number, scheduledStart: string): TimelineStep[] {
  const { created, reached } = walk(statusRows(db, bookingId));
  // A later step reached implies the earlier ones were passed, even if skipped (an imported job, older data).
  const furthest = Math.max(-1, ...WORK.map((k, i) => (reached.has(k) ? i : -1)));
  const ending = (['cancelled', 'no_show'] as const).find((k) => reached.has(k));
  const early = (at: string | undefined) => at !== undefined && Date.parse(scheduledStart) - Date.parse(at) > EARLY_HOURS * 3_600_000;
  const steps = [
    step('created', true, created),
    ...WORK.map((k, i) =>
      step(k, i <= furthest, reached.get(k), {
        skipped: ending !== undefined && i > furthest,
        early: (k === 'started' || k === 'completed') && early(reached.get(k)?.at),
      }),
    ),
  ];
  if (ending) steps.splice(furthest + 2, 0, step(ending, true, reached.get(ending), { reason: reached.get(ending)!.reason }));
  return steps;
}

/** Reschedules as actions (one transaction moving start and end is one), and how many the customer asked for. */
function reschedules(db: Db, bookingId: number): { total: number; byCustomer: number } {
  const moves = cachedStatement(
    db.sqlite,
    `SELECT coalesce(tx, id) AS action, max(reason) AS reason FROM audit_log
    WHERE booking_id = ? AND event = 'rescheduled' GROUP BY action`,
  ).all(bookingId) as { reason: string | null }[];
  return { total: moves.length, byCustomer: moves.filter((m) => askedByCustomer(m.reason)).length };
}

export function bookingTimeline(db: Db, bookingId: number): Timeline {
  const booking = getBooking(db, bookingId, 'bookingId');
  const invoices = listInvoices(db, { bookingId });
  const invoiced = invoices.some((i) => i.status === 'sent' || i.status === 'paid');
  const paid = invoices.some((i) => i.status === 'paid');
  const moves = reschedules(db, bookingId);
  return {
    bookingId,
    scheduledStart: booking.scheduledStart,
    steps: [
      ...workSteps(db, bookingId, booking.scheduledStart),
      step('invoiced', invoiced, invoiced ? invoiceReached(db, bookingId, 'invoiced') : undefined),
      step('paid', paid, paid ? invoiceReached(db, bookingId, 'paid') : undefined),
    ],
    invoice: invoices[0] ?? null,
    pendingPayments: listPayments(db, { bookingId }).filter((p) => p.status === 'pending'),
    rescheduleCount: moves.total,
    customerRescheduleCount: moves.byCustomer,
    scheduledEnd: booking.scheduledEnd,
    visit: bookingVisitTimes(db, bookingId),
  };
}
