// Where a customer stands with the office, read off their Activity: what is
// still to be done for them, what they still owe, and when they last asked.
import { StatusBadge } from '../components/StatusBadge';
import { formatDate, formatMoney, formatWhen, plural, utcTitle } from '../format';
import { routeHref } from '../router';
import type { Customer, CustomerActivity } from './customerDraft';

/** Bookings still to be worked, the ones the main process will not delete a customer from under. */
export const OPEN_STATUSES = new Set(['quote', 'pending', 'scheduled', 'accepted', 'in_progress']);

export function AtAGlance({ customer: c, activity: a }: { customer: Customer; activity: CustomerActivity }) {
  const open = a.bookings.filter((b) => OPEN_STATUSES.has(b.status)).sort((x, y) => x.scheduledStart.localeCompare(y.scheduledStart));
  const unpaid = a.invoices.filter((i) => i.status === 'sent');
  const unsent = a.invoices.filter((i) => i.status === 'draft');
  const lastInquiry = a.inquiries[0];
  return (
    <aside className="glance" aria-labelledby="glance-title">
      <h2 id="glance-title">At a glance</h2>
      <dl className="details">
        <dt>Bookings</dt>
        <dd>
          {plural(a.bookings.length, 'booking')}
          {open.length > 0 && `, ${open.length} open`}
        </dd>
        <dt>Awaiting payment</dt>
        <dd>{unpaid.length ? `${formatMoney(sum(unpaid))} on ${plural(unpaid.length, 'invoice')}` : <span className="muted">Nothing</span>}</dd>
        {unsent.length > 0 && (
          <>
            <dt>Not sent</dt>
            <dd className="warn-text">
              {plural(unsent.length, 'draft invoice')}, {formatMoney(sum(unsent))}
            </dd>
          </>
        )}
        <dt>Last inquiry</dt>
        <dd>
          {lastInquiry ? (
            <>
              {formatDate(lastInquiry.createdAt)} · {lastInquiry.subject}
            </>
          ) : (
            <span className="muted">None</span>
          )}
        </dd>
        <dt>Profile changed</dt>
        <dd title={utcTitle(c.updatedAt)}>{formatWhen(c.updatedAt)}</dd>
      </dl>
      {open.length > 0 && (
        <>
          <h3>Open bookings</h3>
          <ul className="plain open-bookings">
            {open.map((b) => (
              <li key={b.id}>
                <a href={routeHref('bookings', b.id)}>{b.service}</a> <StatusBadge status={b.status} />
                <div className="muted small" title={utcTitle(b.scheduledStart)}>
                  {formatWhen(b.scheduledStart)}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}

const sum = (rows: { amountCents: number }[]) => rows.reduce((n, r) => n + r.amountCents, 0);
