// An invoice's card: what it is for, where it stands, the payments logged against
// it and the next money step (send, log a payment, approve, refund), the same
// steps as on its job card.
import { useApi } from '../api/useApi';
import { Dialog } from '../components/Dialog';
import { Loading } from '../components/states';
import { formatWhen, utcTitle } from '../format';
import { MoneyTab } from '../jobcard/MoneyTab';
import { routeHref } from '../router';
import { useMay } from '../session';
import type { CustomerActivity } from './customerDraft';

type Invoice = CustomerActivity['invoices'][number];
type Booking = CustomerActivity['bookings'][number];

export function InvoiceCard({
  invoice: inv,
  booking,
  onClose,
  onChanged,
}: {
  invoice: Invoice;
  booking: Booking | undefined;
  onClose: () => void;
  onChanged: () => Promise<void>;
}) {
  const may = useMay();
  const payments = useApi('payments.list', { bookingId: inv.bookingId }, !may('payments.list'));
  const changed = async () => {
    await Promise.all([payments.reload(), onChanged()]);
  };
  return (
    <Dialog title={`Invoice ${inv.number}`} onClose={onClose} wide>
      <dl className="details">
        <dt>For</dt>
        <dd>
          <a href={routeHref('bookings', inv.bookingId)} title="Open the job card">
            {booking?.service ?? `Booking #${inv.bookingId}`}
          </a>
          {booking && (
            <span className="muted" title={utcTitle(booking.scheduledStart)}>
              {' '}
              · {formatWhen(booking.scheduledStart)}
            </span>
          )}
        </dd>
        <dt>Created</dt>
        <dd title={utcTitle(inv.createdAt)}>{formatWhen(inv.createdAt)}</dd>
      </dl>
      {payments.data === undefined && payments.loading ? (
        <Loading what="Loading the payments" />
      ) : (
        <MoneyTab
          bookingId={inv.bookingId}
          invoices={[inv]}
          payments={(payments.data ?? []).filter((p) => p.invoiceId === inv.id)}
          error={payments.error}
          canInvoice={false}
          onChanged={changed}
        />
      )}
    </Dialog>
  );
}
