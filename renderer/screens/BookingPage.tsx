// One booking: its details, where it stands (Timeline), everything that happened to it (History).
import { useCallback, useEffect, useState } from 'react';
import { call, messageOf } from '../api/client';
import { formatMoney, formatWhen, humanize, utcTitle } from '../format';
import type { Booking, HistoryRow, Timeline, User } from '../types';
import { HistoryTable } from './HistoryTable';
import { RescheduleForm } from './RescheduleForm';
import { TimelineList } from './TimelineList';

interface Loaded { booking: Booking; timeline: Timeline; history: HistoryRow[]; nextBefore: number | null }

const mayReschedule = (u: User) => u.role !== 'fieldworker';

export function BookingPage({ id, user, onBack }: { id: number; user: User; onBack: () => void }) {
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [booking, timeline, history] = await Promise.all([
        call('bookings.get', { id }), call('timeline.get', { bookingId: id }), call('history.booking', { bookingId: id, limit: 100 }),
      ]);
      setData({ booking, timeline, history: history.rows, nextBefore: history.nextBefore });
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [id]);

  useEffect(() => { void load(); }, [load]);

  const older = async () => {
    if (!data?.nextBefore) return;
    try {
      const more = await call('history.booking', { bookingId: id, limit: 100, before: data.nextBefore });
      setData({ ...data, history: [...data.history, ...more.rows], nextBefore: more.nextBefore });
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const b = data?.booking;
  return (
    <section aria-labelledby="booking-title">
      <div className="page-head">
        <button type="button" className="quiet" onClick={onBack}>← Bookings</button>
        <h1 id="booking-title">{b ? `${b.service} — ${b.customerName}` : 'Booking'}</h1>
        {b && <span className={`status status-${b.status}`}>{humanize(b.status)}</span>}
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {b && data && (
        <div className="booking-layout">
          <div className="card">
            <h2>Details</h2>
            <dl className="details">
              <dt>Booking</dt><dd>#{b.id}</dd>
              <dt>Customer</dt><dd>{b.customerName}</dd>
              <dt>Address</dt><dd>{b.address}</dd>
              <dt>Start</dt><dd title={utcTitle(b.scheduledStart)}>{formatWhen(b.scheduledStart)}</dd>
              <dt>End</dt><dd title={utcTitle(b.scheduledEnd)}>{formatWhen(b.scheduledEnd)}</dd>
              <dt>Fieldworker</dt><dd>{b.fieldworkerName ?? 'Unassigned'}</dd>
              <dt>Price</dt><dd>{formatMoney(b.priceCents)}</dd>
              {b.quoteNumber && <><dt>Quote</dt><dd>{b.quoteNumber}</dd></>}
              {b.deletedAt && <><dt>Deleted</dt><dd title={utcTitle(b.deletedAt)}>{formatWhen(b.deletedAt)}</dd></>}
            </dl>
            {mayReschedule(user) && !b.deletedAt && <RescheduleForm booking={b} onSaved={load} />}
          </div>
          <div className="card">
            <h2>Timeline</h2>
            <TimelineList timeline={data.timeline} />
          </div>
          <div className="card wide">
            <h2>History</h2>
            <HistoryTable rows={data.history} />
            {data.nextBefore !== null && <button type="button" onClick={older}>Show older changes</button>}
          </div>
        </div>
      )}
    </section>
  );
}
