// The parts of a property's page below its head: its units, the bookings at it,
// and its quotes waiting for an answer (each opening the quote's card, where the
// customer's answer is recorded).
import { useState } from 'react';
import { StatusBadge } from '../components/StatusBadge';
import { QuoteCard } from '../customers/QuoteCard';
import { formatMoney, formatWhen, utcTitle } from '../format';
import { routeHref } from '../router';
import type { PropertyPageData } from './propertyTypes';

type Booking = PropertyPageData['bookings'][number];
type Unit = PropertyPageData['property']['units'][number];
type Quote = PropertyPageData['pendingQuotes'][number];

export function UnitList({ units, bookings }: { units: Unit[]; bookings: Booking[] }) {
  if (units.length === 0) return <p className="muted">No units: bookings here are for the property as a whole. Add flats or suites with “Add unit”.</p>;
  return (
    <table className="grid compact">
      <thead>
        <tr>
          <th scope="col">Unit</th>
          <th scope="col">Notes</th>
          <th scope="col">Last booking</th>
        </tr>
      </thead>
      <tbody>
        {units.map((u) => {
          const last = bookings.find((b) => b.unitId === u.id);
          return (
            <tr key={u.id}>
              <th scope="row">{u.name}</th>
              <td>{u.notes ?? <span className="muted">—</span>}</td>
              <td>
                {last ? (
                  <a href={routeHref('bookings', last.id)}>
                    {last.service}, {formatWhen(last.scheduledStart)}
                  </a>
                ) : (
                  <span className="muted">None yet</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function PropertyBookings({ bookings, total }: { bookings: Booking[]; total: number }) {
  if (bookings.length === 0) return <p className="muted">No bookings at this property yet.</p>;
  return (
    <>
      <table className="grid compact" aria-label="Bookings at this property, newest first">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Service</th>
            <th scope="col">Unit</th>
            <th scope="col">For</th>
            <th scope="col">Fieldworker</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {bookings.map((b) => (
            <tr key={b.id}>
              <td title={utcTitle(b.scheduledStart)}>{formatWhen(b.scheduledStart)}</td>
              <td>
                <a href={routeHref('bookings', b.id)}>{b.service}</a>
              </td>
              <td>{b.unitName ?? <span className="muted">—</span>}</td>
              <td>{b.customerName}</td>
              <td>{b.fieldworkerName ?? <span className="muted">Unassigned</span>}</td>
              <td>
                <StatusBadge status={b.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > bookings.length && (
        <p className="muted">
          The newest {bookings.length} of {total}.
        </p>
      )}
    </>
  );
}

export function PendingQuotes({ quotes, bookings, onChanged }: { quotes: Quote[]; bookings: Booking[]; onChanged: () => Promise<void> }) {
  const [open, setOpen] = useState<Quote | null>(null);
  if (quotes.length === 0) return <p className="muted">No quote for this property is waiting for an answer.</p>;
  return (
    <>
      <ul className="plain pending-quotes">
        {quotes.map((q) => (
          <li key={q.id}>
            <button type="button" className="link" onClick={() => setOpen(q)}>
              Quote {q.number}
            </button>{' '}
            {q.title}
            <div className="muted">
              {formatMoney(q.amountCents)} · <StatusBadge status={q.status} />
            </div>
          </li>
        ))}
      </ul>
      {open && (
        <QuoteCard
          quote={open}
          bookings={bookings.filter((b) => b.quoteId === open.id)}
          onClose={() => setOpen(null)}
          onChanged={async () => {
            setOpen(null);
            await onChanged();
          }}
        />
      )}
    </>
  );
}
