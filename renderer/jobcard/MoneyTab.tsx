// The job's invoices and the payments logged against each, with the step each one is waiting for.
import { StatusBadge } from '../components/StatusBadge';
import { Empty, ErrorNote, Loading } from '../components/states';
import { formatMoney, formatWhen, humanize, utcTitle } from '../format';
import type { ApiOutput } from '../../electron/api/contract';
import { AddPaymentForm, ApprovePaymentButton, CreateInvoiceButton, RefundPaymentButton, SendInvoiceButton } from './moneyActions';

type Invoice = ApiOutput<'invoices.list'>[number];
type Payment = ApiOutput<'payments.list'>[number];

/** What has been logged against an invoice and not refunded: pending and approved payments. */
export function loggedAgainst(invoiceId: number, payments: Payment[]): number {
  return payments.filter((p) => p.invoiceId === invoiceId && p.status !== 'refunded').reduce((sum, p) => sum + p.amountCents, 0);
}

export function MoneyTab({ bookingId, invoices, payments, error, canInvoice, onChanged }: {
  bookingId: number; invoices: Invoice[] | undefined; payments: Payment[]; error: string | null;
  canInvoice: boolean; onChanged: () => Promise<void>;
}) {
  if (error) return <ErrorNote message={error} />;
  if (!invoices) return <Loading what="Loading invoices" />;
  return (
    <div className="money">
      {invoices.length === 0 && <Empty>No invoice for this booking yet.</Empty>}
      {canInvoice && invoices.length === 0 && <CreateInvoiceButton bookingId={bookingId} onDone={onChanged} />}
      {invoices.map((inv) => (
        <section key={inv.id} className="invoice" aria-label={`Invoice ${inv.number}`}>
          <header>
            <strong>{inv.number}</strong> <StatusBadge status={inv.status} />
            <span className="amount">{formatMoney(inv.amountCents)}</span>
            <span className="muted small" title={utcTitle(inv.sentAt ?? inv.createdAt)}>
              {inv.sentAt ? `sent ${formatWhen(inv.sentAt)}` : `made ${formatWhen(inv.createdAt)}, not sent`}
            </span>
            {inv.status === 'draft' && <SendInvoiceButton invoiceId={inv.id} onDone={onChanged} />}
          </header>
          <table className="grid compact">
            <thead><tr><th>Logged</th><th>Method</th><th>Status</th><th className="num">Amount</th><th /></tr></thead>
            <tbody>
              {payments.filter((p) => p.invoiceId === inv.id).map((p) => (
                <tr key={p.id}>
                  <td title={utcTitle(p.createdAt)}>{formatWhen(p.createdAt)}</td>
                  <td>{humanize(p.method)}</td>
                  <td><StatusBadge status={p.status} /></td>
                  <td className="num">{formatMoney(p.amountCents)}</td>
                  <td>
                    {p.status === 'pending' && <ApprovePaymentButton paymentId={p.id} onDone={onChanged} />}
                    {p.status === 'approved' && <RefundPaymentButton paymentId={p.id} onDone={onChanged} />}
                  </td>
                </tr>
              ))}
              {!payments.some((p) => p.invoiceId === inv.id) && <tr><td colSpan={5} className="muted">No payments logged.</td></tr>}
            </tbody>
          </table>
          {inv.status === 'sent' && (
            <AddPaymentForm invoiceId={inv.id} owedCents={inv.amountCents - loggedAgainst(inv.id, payments)} onDone={onChanged} />
          )}
        </section>
      ))}
    </div>
  );
}
