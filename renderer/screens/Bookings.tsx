// The Bookings page: a searchable, paged table; a row opens the booking.
import { useEffect, useState, type FormEvent } from 'react';
import { call, messageOf } from '../api/client';
import { formatMoney, formatWhen, humanize, utcTitle } from '../format';
import type { BookingRow } from '../types';

export interface BookingsQuery { search: string; offset: number }

const PAGE = 25;

export function Bookings({ query, onQuery, onOpen }: {
  query: BookingsQuery; onQuery: (q: BookingsQuery) => void; onOpen: (id: number) => void;
}) {
  const [data, setData] = useState<{ rows: BookingRow[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState(query.search);

  useEffect(() => {
    let live = true;
    call('bookings.list', { search: query.search || undefined, limit: PAGE, offset: query.offset })
      .then((d) => { if (live) { setData(d); setError(null); } })
      .catch((e: unknown) => { if (live) setError(messageOf(e)); });
    return () => { live = false; };
  }, [query]);

  const search = (e: FormEvent) => {
    e.preventDefault();
    onQuery({ search: draft.trim(), offset: 0 });
  };
  const total = data?.total ?? 0;
  const first = total === 0 ? 0 : query.offset + 1;
  const last = Math.min(query.offset + PAGE, total);

  return (
    <section aria-labelledby="bookings-title">
      <div className="page-head">
        <h1 id="bookings-title">Bookings</h1>
        <form className="search" role="search" onSubmit={search}>
          <label className="sr-only" htmlFor="booking-search">Search bookings</label>
          <input id="booking-search" type="search" placeholder="Service, customer or address" value={draft}
            onChange={(e) => setDraft(e.target.value)} />
          <button type="submit">Search</button>
        </form>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      <table className="grid">
        <thead>
          <tr><th>Service</th><th>Customer</th><th>Start</th><th>Status</th><th>Fieldworker</th><th className="num">Price</th></tr>
        </thead>
        <tbody>
          {data?.rows.map((b) => (
            <tr key={b.id} className="clickable" onClick={() => onOpen(b.id)}>
              <td><button type="button" className="link" onClick={(e) => { e.stopPropagation(); onOpen(b.id); }}>{b.service}</button></td>
              <td>{b.customerName}</td>
              <td title={utcTitle(b.scheduledStart)}>{formatWhen(b.scheduledStart)}</td>
              <td><span className={`status status-${b.status}`}>{humanize(b.status)}</span></td>
              <td>{b.fieldworkerName ?? <span className="muted">Unassigned</span>}</td>
              <td className="num">{formatMoney(b.priceCents)}</td>
            </tr>
          ))}
          {data && data.rows.length === 0 && (
            <tr><td colSpan={6} className="empty">{query.search ? `No booking matches “${query.search}”.` : 'No bookings yet.'}</td></tr>
          )}
        </tbody>
      </table>
      <div className="pager">
        <span className="muted">{data ? `${first}–${last} of ${total}` : 'Loading…'}</span>
        <button type="button" disabled={query.offset === 0} onClick={() => onQuery({ ...query, offset: Math.max(0, query.offset - PAGE) })}>Previous</button>
        <button type="button" disabled={last >= total} onClick={() => onQuery({ ...query, offset: query.offset + PAGE })}>Next</button>
      </div>
    </section>
  );
}
