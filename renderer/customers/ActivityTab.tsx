// Everything linked to the customer: their bookings and invoices (the work and
// the money), their quotes and inquiries (what they asked for). A booking opens
// its job card; the others open their card over the profile.
import { useState } from 'react';
import { StatusBadge } from '../components/StatusBadge';
import { formatDate, formatMoney, formatWhen, utcTitle } from '../format';
import { navigate, routeHref } from '../router';
import { ActivitySection, type ActivityColumn } from './ActivitySection';
import type { CustomerActivity } from './customerDraft';
import { InquiryCard } from './InquiryCard';
import { InvoiceCard } from './InvoiceCard';
import { QuoteCard } from './QuoteCard';
import { channelLabel } from './RecordInquiryDialog';

type Row<K extends keyof CustomerActivity> = CustomerActivity[K][number];
type Card = { kind: 'quote' | 'invoice' | 'inquiry'; id: number };

/** The most bookings customers.activity returns; a longer list says so. */
const BOOKINGS_SHOWN = 500;

const when = (iso: string) => (
  <span className="nowrap" title={utcTitle(iso)}>
    {formatWhen(iso)}
  </span>
);
const day = (iso: string) => (
  <span className="nowrap" title={utcTitle(iso)}>
    {formatDate(iso)}
  </span>
);
const status = (r: { status: string }) => <StatusBadge status={r.status} />;

export function ActivityTab({ customerId, activity, onChanged }: { customerId: number; activity: CustomerActivity; onChanged: () => Promise<void> }) {
  const [card, setCard] = useState<Card | null>(null);
  const bookings = new Map(activity.bookings.map((b) => [b.id, b]));
  const close = () => setCard(null);

  const bookingColumns: ActivityColumn<Row<'bookings'>>[] = [
    { header: 'Service', cell: (b) => b.service },
    { header: 'When', cell: (b) => when(b.scheduledStart) },
    { header: 'Fieldworker', cell: (b) => b.fieldworkerName ?? <span className="muted">Unassigned</span> },
    { header: 'Status', cell: status },
    { header: 'Price', cell: (b) => formatMoney(b.priceCents), numeric: true },
  ];
  const invoiceColumns: ActivityColumn<Row<'invoices'>>[] = [
    { header: 'Invoice', cell: (i) => i.number },
    { header: 'For', cell: (i) => bookings.get(i.bookingId)?.service ?? <span className="muted">Booking #{i.bookingId}</span> },
    { header: 'Sent', cell: (i) => (i.sentAt ? day(i.sentAt) : <span className="muted">Not sent</span>) },
    { header: 'Status', cell: status },
    { header: 'Amount', cell: (i) => formatMoney(i.amountCents), numeric: true },
  ];
  const quoteColumns: ActivityColumn<Row<'quotes'>>[] = [
    { header: 'Quote', cell: (q) => q.number },
    { header: 'For', cell: (q) => q.title },
    { header: 'Status', cell: status },
    { header: 'Amount', cell: (q) => formatMoney(q.amountCents), numeric: true },
  ];
  const inquiryColumns: ActivityColumn<Row<'inquiries'>>[] = [
    { header: 'Subject', cell: (i) => i.subject },
    { header: 'Came by', cell: (i) => channelLabel(i.channel) },
    { header: 'When', cell: (i) => day(i.createdAt) },
  ];

  const quote = card?.kind === 'quote' ? activity.quotes.find((q) => q.id === card.id) : undefined;
  const invoice = card?.kind === 'invoice' ? activity.invoices.find((i) => i.id === card.id) : undefined;
  const inquiry = card?.kind === 'inquiry' ? activity.inquiries.find((i) => i.id === card.id) : undefined;

  return (
    <div className="activity-grid">
      <div className="activity-column">
        <ActivitySection
          id="cust-bookings"
          title="Bookings"
          rows={activity.bookings}
          columns={bookingColumns}
          onOpen={(b) => navigate(routeHref('bookings', b.id))}
          openLabel={(b) => `Open the job card of ${b.service}, ${formatWhen(b.scheduledStart)}`}
          empty="No bookings for this customer yet."
          note={
            activity.bookings.length >= BOOKINGS_SHOWN && (
              <p className="muted small">
                The latest {BOOKINGS_SHOWN}; <a href={routeHref('bookings', null, { cust: customerId })}>see them all in Bookings</a>.
              </p>
            )
          }
        />
        <ActivitySection
          id="cust-invoices"
          title="Invoices"
          rows={activity.invoices}
          columns={invoiceColumns}
          onOpen={(i) => setCard({ kind: 'invoice', id: i.id })}
          openLabel={(i) => `Open invoice ${i.number}`}
          empty="No invoices for this customer yet."
        />
      </div>
      <div className="activity-column">
        <ActivitySection
          id="cust-quotes"
          title="Quotes"
          rows={activity.quotes}
          columns={quoteColumns}
          onOpen={(q) => setCard({ kind: 'quote', id: q.id })}
          openLabel={(q) => `Open quote ${q.number}`}
          empty="No quotes for this customer yet."
        />
        <ActivitySection
          id="cust-inquiries"
          title="Inquiries"
          rows={activity.inquiries}
          columns={inquiryColumns}
          onOpen={(i) => setCard({ kind: 'inquiry', id: i.id })}
          openLabel={(i) => `Open inquiry ${i.subject}`}
          empty="No inquiries recorded for this customer."
        />
      </div>
      {quote && <QuoteCard quote={quote} bookings={activity.bookings.filter((b) => b.quoteId === quote.id)} onClose={close} onChanged={onChanged} />}
      {invoice && <InvoiceCard invoice={invoice} booking={bookings.get(invoice.bookingId)} onClose={close} onChanged={onChanged} />}
      {inquiry && <InquiryCard inquiry={inquiry} onClose={close} />}
    </div>
  );
}
