// Beside the details: who the customer is and how to reach them, who booked the
// job, and where its money stands, so a phone call can be answered from one screen.
import { useApi } from '../api/useApi';
import { StatusBadge } from '../components/StatusBadge';
import { formatMoney, formatWhen, plural, utcTitle } from '../format';
import { routeHref } from '../router';
import type { Booking, Timeline } from '../types';

export function Summary({ booking: b, timeline, loggedCents }: { booking: Booking; timeline: Timeline | undefined; loggedCents: number }) {
  const customer = useApi('customers.get', { id: b.customerId });
  const created = timeline?.steps.find((s) => s.key === 'created');
  const invoice = timeline?.invoice;
  const c = customer.data;
  return (
    <aside className="summary" aria-label="At a glance">
      <h3>Customer</h3>
      <p>
        <a href={routeHref('customers', b.customerId)}>{b.customerName}</a>
      </p>
      {c && (
        <dl className="details compact">
          {c.phone && (
            <>
              <dt>Phone</dt>
              <dd>{c.phone}</dd>
            </>
          )}
          {c.email && (
            <>
              <dt>Email</dt>
              <dd>{c.email}</dd>
            </>
          )}
          {c.address && c.address !== b.address && (
            <>
              <dt>Home</dt>
              <dd>{c.address}</dd>
            </>
          )}
        </dl>
      )}
      <h3>Booked</h3>
      <p className="muted" title={utcTitle(created?.at)}>
        {created?.at ? `${formatWhen(created.at)} by ${created.actorName}` : formatWhen(b.createdAt)}
      </p>
      {timeline && timeline.rescheduleCount > 0 && <p className="muted">Moved {plural(timeline.rescheduleCount, 'time')}</p>}
      {invoice && (
        <>
          <h3>Invoice</h3>
          <p>
            {invoice.number} <StatusBadge status={invoice.status} /> {formatMoney(invoice.amountCents)}
          </p>
          {invoice.status !== 'paid' && loggedCents > 0 && <p className="muted">{formatMoney(loggedCents)} logged</p>}
        </>
      )}
    </aside>
  );
}
