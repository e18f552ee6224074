// The job's invoices and the payments logged against each, with the step each one
// is waiting for. What is paid, pending and due comes from the main process with
// each invoice (invoices.list): the screen shows the sums, it does not make them.
import '../styles/money.css';
import { StatusBadge } from '../components/StatusBadge';
import { Empty, ErrorNote, Loading } from '../components/states';
import { formatMoney, formatWhen, humanize, utcTitle } from '../format';
import type { ApiOutput } from '../../electron/api/contract';
import {
  AddPaymentForm,
  ApprovePaymentButton,
  CreateInvoiceButton,
  RefundPaymentButton,
  RejectPaymentButton,
  SendInvoiceButton,
  VoidInvoiceButton,
} from './moneyActions';

type Invoice = ApiOutput<'invoices.list'>[number];
const PURPOSE_WORDS: Record<Invoice['purpose'], string> = { full: 'Full price', part: 'Part', no_show_fee: 'No-show fee', late_change_fee: 'Late-change fee' };
type Payment = ApiOutput<'payments.list'>[number];

/**
 * What has been logged against an invoice and not refunded or rejected: pending
 * and approved payments. For screens that have only the payments; an invoice
 * carries its own sums (paidCents, pendingCents, balanceCents).
 */
export function loggedAgainst(invoiceId: number, payments: Payment[]): number {
  return payments.filter((p) => p.invoiceId === invoiceId && (p.status === 'pending' || p.status === 'approved')).reduce((sum, p) => sum + p.amountCents, 0);
}

export function MoneyTab({
  bookingId,
  invoices,
  payments,
  error,
  canInvoice,
  onChanged,
}: {
  bookingId: number;
  invoices: Invoice[] | undefined;
  payments: Payment[];
  error: string | null;
  canInvoice: boolean;
  onChanged: () => Promise<void>;
}) {
  if (error) return <ErrorNote message={error} />;
  if (!invoices) return <Loading what="Loading invoices" />;
  return (
    <div className="money">
      {invoices.length === 0 && <Empty>No invoice for this booking yet.</Empty>}
      {canInvoice && <CreateInvoiceButton bookingId={bookingId} onDone={onChanged} />}
      {invoices.map((inv) => (
        <InvoiceSection key={inv.id} inv={inv} payments={payments.filter((p) => p.invoiceId === inv.id)} onChanged={onChanged} />
      ))}
    </div>
  );
}

function InvoiceSection({ inv, payments, onChanged }: { inv: Invoice; payments: Payment[]; onChanged: () => Promise<void> }) {
  return (
    <section className="invoice" aria-label={`Invoice ${inv.number}`}>
      <header>
        <strong>{inv.number}</strong> <StatusBadge status={inv.state} />
        <span className="amount">{formatMoney(inv.amountCents)}</span>
        {inv.line && <span className="invoice-line">{inv.line}</span>}
        {inv.purpose !== 'full' && <span className="purpose">{PURPOSE_WORDS[inv.purpose]}</span>}
        <span className="muted small" title={utcTitle(inv.sentAt ?? inv.createdAt)}>
          {inv.sentAt ? `sent ${formatWhen(inv.sentAt)}` : `made ${formatWhen(inv.createdAt)}, not sent`}
        </span>
        <span className="invoice-actions">
          {inv.status === 'draft' && <SendInvoiceButton invoiceId={inv.id} onDone={onChanged} />}
          {(inv.status === 'draft' || inv.status === 'sent') && <VoidInvoiceButton invoice={inv} onDone={onChanged} />}
        </span>
      </header>
      {inv.status !== 'void' && <Sums inv={inv} />}
      <table className="grid compact">
        <thead>
          <tr>
            <th>Logged</th>
            <th>Payment</th>
            <th>Method</th>
            <th>Status</th>
            <th className="num">Amount</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {payments.map((p) => (
            <tr key={p.id}>
              <td title={utcTitle(p.createdAt)}>{formatWhen(p.createdAt)}</td>
              <td>#{p.id}</td>
              <td>{humanize(p.method)}</td>
              <td>
                <StatusBadge status={p.status} />
                {p.overpayment && <span className="overpayment">overpayment</span>}
              </td>
              <td className="num">{formatMoney(p.amountCents)}</td>
              <td className="row-actions">
                {p.status === 'pending' && (
                  <>
                    <ApprovePaymentButton paymentId={p.id} payment={p} invoiceNumber={inv.number} onDone={onChanged} />
                    <RejectPaymentButton payment={p} invoiceNumber={inv.number} onDone={onChanged} />
                  </>
                )}
                {p.status === 'approved' && <RefundPaymentButton paymentId={p.id} payment={p} invoiceNumber={inv.number} onDone={onChanged} />}
              </td>
            </tr>
          ))}
          {payments.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No payments logged.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {inv.status === 'sent' && <AddPaymentForm invoiceId={inv.id} invoiceNumber={inv.number} owedCents={inv.balanceCents} onDone={onChanged} />}
    </section>
  );
}

/** Paid, waiting for approval, still due: the balance a new payment starts at. */
function Sums({ inv }: { inv: Invoice }) {
  return (
    <dl className="money-sums" aria-label={`${inv.number} balance`}>
      <div>
        <dt>Approved</dt>
        <dd>{formatMoney(inv.paidCents)}</dd>
      </div>
      <div>
        <dt>Pending</dt>
        <dd>{formatMoney(inv.pendingCents)}</dd>
      </div>
      <div className={inv.balanceCents < 0 ? 'over' : undefined}>
        <dt>{inv.balanceCents < 0 ? 'Over by' : 'Balance due'}</dt>
        <dd>{formatMoney(Math.abs(inv.balanceCents))}</dd>
      </div>
    </dl>
  );
}
