// A quote's card: what was offered and for how much, where it stands (staff move
// it along: sent, accepted, declined) and the bookings that carry it out.
import { useState, type FormEvent } from 'react';
import type { ApiInput } from '../../electron/api/contract';
import { call } from '../api/client';
import { useAction } from '../api/useApi';
import { Dialog } from '../components/Dialog';
import { StatusBadge } from '../components/StatusBadge';
import { formatMoney, formatWhen, humanize, utcTitle } from '../format';
import { routeHref } from '../router';
import { useMay } from '../session';
import type { CustomerActivity } from './customerDraft';

type Quote = CustomerActivity['quotes'][number];
type Booking = CustomerActivity['bookings'][number];
type QuoteStatus = ApiInput<'quotes.setStatus'>['status'];
type Channel = NonNullable<ApiInput<'quotes.setStatus'>['decision']>['channel'];
const QUOTE_STATUSES: QuoteStatus[] = ['draft', 'sent', 'accepted', 'declined'];
const CHANNELS: [Channel, string][] = [
  ['phone', 'By phone'],
  ['email', 'By email'],
  ['in_person', 'In person'],
];
const decided = (s: QuoteStatus) => s === 'accepted' || s === 'declined';

export function QuoteCard({
  quote: q,
  bookings,
  onClose,
  onChanged,
}: {
  quote: Quote;
  bookings: Booking[];
  onClose: () => void;
  onChanged: () => Promise<void>;
}) {
  const may = useMay();
  return (
    <Dialog title={`Quote ${q.number}`} onClose={onClose} wide>
      <dl className="details">
        <dt>For</dt>
        <dd className="strong">{q.title}</dd>
        <dt>Amount</dt>
        <dd>{formatMoney(q.amountCents)}</dd>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={q.status} />
        </dd>
        <dt>Created</dt>
        <dd title={utcTitle(q.createdAt)}>{formatWhen(q.createdAt)}</dd>
        {q.decisionChannel && (
          <>
            <dt>{q.status === 'declined' ? 'Declined' : 'Accepted'}</dt>
            <dd>
              {CHANNELS.find(([c]) => c === q.decisionChannel)?.[1]} by {q.decidedBy}
              {q.decidedAt && (
                <>
                  , <span title={utcTitle(q.decidedAt)}>{formatWhen(q.decidedAt)}</span>
                </>
              )}
              {q.decisionTakenBy && <span className="muted"> · taken by {q.decisionTakenBy}</span>}
            </dd>
          </>
        )}
      </dl>
      {may('quotes.setStatus') && <QuoteStatusForm quote={q} onChanged={onChanged} />}
      <section aria-labelledby="quote-bookings">
        <h3 id="quote-bookings">Linked bookings</h3>
        {bookings.length === 0 ? (
          <p className="muted">No booking carries out this quote yet; link one from its job card.</p>
        ) : (
          <ul className="plain">
            {bookings.map((b) => (
              <li key={b.id}>
                <a href={routeHref('bookings', b.id)}>{b.service}</a> <StatusBadge status={b.status} />{' '}
                <span className="muted" title={utcTitle(b.scheduledStart)}>
                  {formatWhen(b.scheduledStart)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Dialog>
  );
}

function QuoteStatusForm({ quote: q, onChanged }: { quote: Quote; onChanged: () => Promise<void> }) {
  const others = QUOTE_STATUSES.filter((s) => s !== q.status);
  const [to, setTo] = useState<QuoteStatus>(others[0]);
  const [done, setDone] = useState<string | null>(null);
  const [channel, setChannel] = useState<Channel>('phone');
  const [from, setFrom] = useState('');
  const change = useAction(async () => {
    // Accepted or declined: how the customer answered and who did; who took it is the one signed in.
    await call('quotes.setStatus', { id: q.id, status: to, ...(decided(to) ? { decision: { channel, decidedBy: from.trim() || null } } : {}) });
    await onChanged();
    setDone(`Marked ${humanize(to).toLowerCase()}.`);
  });
  // Once the status moved, offer the next move, not the one just made.
  if (to === q.status) setTo(others[0]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    void change.go();
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Change the quote’s status">
      <div className="field">
        <label htmlFor="quote-status">Change status to</label>
        <select id="quote-status" value={to} onChange={(e) => setTo(e.target.value as QuoteStatus)}>
          {others.map((s) => (
            <option key={s} value={s}>
              {humanize(s)}
            </option>
          ))}
        </select>
      </div>
      {decided(to) && (
        <>
          <div className="field">
            <label htmlFor="quote-channel">Customer’s answer</label>
            <select id="quote-channel" value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
              {CHANNELS.map(([c, label]) => (
                <option key={c} value={c}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="quote-from">Answer from</label>
            <input id="quote-from" value={from} onChange={(e) => setFrom(e.target.value)} maxLength={120} placeholder="The customer" />
          </div>
        </>
      )}
      <button type="submit" disabled={change.busy}>
        {change.busy ? 'Saving…' : 'Change status'}
      </button>
      {change.refusal && (
        <span className="field-error" role="alert">
          {change.refusal.message}
        </span>
      )}
      {done && (
        <span className="ok" role="status">
          {done}
        </span>
      )}
    </form>
  );
}
