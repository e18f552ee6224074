// Where a job stands: Created ✓ / Scheduled ✓ / Accepted / Started / Completed /
// Invoiced / Paid (TimelineSteps), and the next step offered right where it is
// missing (send the unsent invoice, log or approve the payment); how often the
// appointment moved, and how often the customer asked for it.
import { formatMoney, formatWhen, humanize, plural } from '../format';
import { useMay } from '../session';
import type { Booking, Timeline } from '../types';
import { TimelineSteps } from './TimelineSteps';
import { VisitPanel } from './VisitTimes';
import { AddPaymentForm, ApprovePaymentButton, CreateInvoiceButton, SendInvoiceButton } from './moneyActions';

/** From this many moves the customer asked for, a booking's reschedules are worth a look (a late-change fee, a word with the customer). */
export const REPEATED_RESCHEDULES = 3;

interface Props {
  timeline: Timeline;
  /** The booking as the card shows it: whose job it is, for who may record its visit times. */
  booking: Booking;
  status: string;
  deleted: boolean;
  /** Payments logged against the newest invoice and not refunded: what the next payment need not cover. */
  loggedCents: number;
  onChanged: () => Promise<void>;
  onShowReschedules: () => void;
}

export function TimelineTab(p: Props) {
  return (
    <div className="timeline-tab">
      <TimelineSteps timeline={p.timeline} />
      <div className="next-steps">
        <VisitPanel booking={p.booking} timeline={p.timeline} onChanged={p.onChanged} />
        {!p.deleted && <MoneySteps {...p} />}
        {p.timeline.rescheduleCount > 0 && <Reschedules {...p} />}
      </div>
    </div>
  );
}

function MoneySteps({ timeline, onChanged }: Props) {
  const may = useMay();
  const { invoice, pendingPayments } = timeline;
  const workDone = timeline.steps.find((s) => s.key === 'completed')?.done ?? false;
  return (
    <>
      {workDone && !invoice && may('invoices.create') && (
        <div className="quick" data-quick="create-invoice">
          <p>
            <strong>Not invoiced yet.</strong> The work is done; nobody has made an invoice.
          </p>
          <CreateInvoiceButton bookingId={timeline.bookingId} onDone={onChanged} />
        </div>
      )}
      {invoice?.status === 'draft' && may('invoices.send') && (
        <div className="quick warn" data-quick="send-invoice">
          <p>
            <strong>Invoice {invoice.number} is unsent.</strong> {formatMoney(invoice.amountCents)}, made {formatWhen(invoice.createdAt)}.
          </p>
          <SendInvoiceButton invoiceId={invoice.id} onDone={onChanged} primary />
        </div>
      )}
      {invoice?.status === 'sent' && may('payments.add') && (
        <div className="quick" data-quick="add-payment">
          <p>
            <strong>Invoice {invoice.number} is sent and not yet paid.</strong>{' '}
            {pendingPayments.length > 0 && `${plural(pendingPayments.length, 'payment')} waiting for approval.`}
          </p>
          <AddPaymentForm invoiceId={invoice.id} invoiceNumber={invoice.number} owedCents={invoice.balanceCents} onDone={onChanged} />
        </div>
      )}
      {pendingPayments.length > 0 && may('payments.approve') && (
        <div className="quick warn" data-quick="approve">
          <p>
            <strong>Payment logged, not approved.</strong> The booking is not paid until a manager approves it.
          </p>
          <ul className="plain">
            {pendingPayments.map((pay) => (
              <li key={pay.id}>
                {formatMoney(pay.amountCents)} by {humanize(pay.method)}, logged {formatWhen(pay.createdAt)}{' '}
                <ApprovePaymentButton
                  paymentId={pay.id}
                  payment={pay}
                  invoiceNumber={pay.invoiceId === invoice?.id ? invoice.number : null}
                  onDone={onChanged}
                  primary
                />
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

function Reschedules({ timeline, status, onShowReschedules }: Props) {
  const n = timeline.rescheduleCount;
  const asked = timeline.customerRescheduleCount;
  // A late-change or no-show fee rests on the moves the customer asked for, not on the office's own.
  const repeated = asked >= REPEATED_RESCHEDULES;
  return (
    <div className={repeated ? 'quick danger' : 'quick'} data-quick="reschedules">
      <p>
        <strong>Moved {plural(n, 'time')}.</strong>{' '}
        <span data-count="by-customer">
          {n === 1
            ? asked
              ? 'At the customer’s request.'
              : 'Not at the customer’s request.'
            : `${asked === 0 ? 'None' : asked === n ? 'All' : asked} at the customer’s request.`}
        </span>{' '}
        {repeated && status !== 'completed' && 'Repeated reschedules asked by the customer: the History is your evidence for a no-show or late-change fee.'}
        {repeated && status === 'completed' && 'Repeated reschedules asked by the customer before the job was done.'}
      </p>
      <button type="button" className="link" onClick={onShowReschedules}>
        Show the reschedules in the History
      </button>
    </div>
  );
}
