// The job card: one booking's details and where it stands (tabs at the top),
// and everything that happened to it (Activity › History, at the foot).
import { useRef } from 'react';
import { Tabs, TabPanel } from '../components/Tabs';
import { StatusBadge } from '../components/StatusBadge';
import { ErrorNote, Loading } from '../components/states';
import { formatWhen, utcTitle } from '../format';
import { routeHref, setParams, type Route } from '../router';
import { useMay } from '../session';
import { filtersFromParams, filtersToParams } from '../history/filters';
import { HistoryGrid } from '../history/HistoryGrid';
import { BookingActions } from './BookingActions';
import { DetailsTab } from './DetailsTab';
import { loggedAgainst, MoneyTab } from './MoneyTab';
import { NotesTab } from './NotesTab';
import { TimelineTab } from './TimelineTab';
import { Summary } from './Summary';
import { useJobCard } from './useJobCard';
import { useWindowTitle } from '../shell/windowTitle';
import { JobReadings } from '../equipment/JobReadings';

type Tab = 'details' | 'timeline';
type Activity = 'history' | 'notes' | 'money';

export function JobCard({ id, route }: { id: number; route: Route }) {
  const may = useMay();
  const card = useJobCard(id);
  const activityRef = useRef<HTMLElement>(null);
  const tab = (route.params.tab === 'timeline' ? 'timeline' : 'details') as Tab;
  const activity = (['notes', 'money'].includes(route.params.act) ? route.params.act : 'history') as Activity;
  const filters = filtersFromParams(route.params);
  const b = card.booking.data;
  useWindowTitle(b ? `Booking #${b.id} · ${b.service}` : null);

  if (!b) {
    return (
      <section>
        <div className="crumbs">
          <a href={routeHref('bookings')}>Bookings</a> › Job card
        </div>
        {card.booking.error ? <ErrorNote message={card.booking.error} /> : <Loading what="Opening the job card" />}
      </section>
    );
  }
  const showReschedules = () => {
    setParams(route, { act: 'history', ...filtersToParams({ ...filters, event: 'rescheduled' }) });
    activityRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };
  const invoice = card.timeline.data?.invoice;
  const logged = invoice ? loggedAgainst(invoice.id, card.payments.data ?? []) : 0;
  const activityTabs = [
    { key: 'history' as const, label: 'History' },
    { key: 'notes' as const, label: 'Notes' },
    ...(may('invoices.list') ? [{ key: 'money' as const, label: 'Invoices & payments' }] : []),
  ];

  return (
    <section className="job-card" aria-labelledby="booking-title">
      <div className="page-head">
        <div>
          <div className="crumbs">
            <a href={routeHref('bookings')}>Bookings</a> › <a href={routeHref('bookings')}>All Bookings</a> › #{b.id}
          </div>
          <h1 id="booking-title">
            {b.service} — <a href={routeHref('customers', b.customerId)}>{b.customerName}</a>
          </h1>
          <div className="subhead">
            <StatusBadge status={b.status} />
            <span title={utcTitle(b.scheduledStart)}>{formatWhen(b.scheduledStart)}</span>
            <span>{b.fieldworkerName ?? 'Unassigned'}</span>
            <span className="muted">{b.address}</span>
          </div>
        </div>
        <BookingActions booking={b} onChanged={card.changed} />
      </div>
      {b.deletedAt && (
        <p className="notice" role="status">
          This booking was deleted on {formatWhen(b.deletedAt)}. It is kept with its whole History;
          {may('bookings.restore') ? ' restore it to change it.' : ' a manager can restore it.'}
        </p>
      )}

      <div className="card">
        <Tabs
          idPrefix="job"
          label="Job card"
          active={tab}
          onChange={(t) => setParams(route, { tab: t === 'details' ? undefined : t })}
          tabs={[
            { key: 'details', label: 'Details' },
            { key: 'timeline', label: 'Timeline' },
          ]}
        />
        <TabPanel idPrefix="job" tab={tab}>
          {tab === 'details' ? (
            <div className="details-layout">
              <DetailsTab booking={b} onChanged={card.changed} />
              <Summary booking={b} timeline={card.timeline.data} loggedCents={logged} />
            </div>
          ) : card.timeline.data ? (
            <TimelineTab
              timeline={card.timeline.data}
              booking={b}
              status={b.status}
              deleted={b.deletedAt !== null}
              loggedCents={logged}
              onChanged={card.changed}
              onShowReschedules={showReschedules}
            />
          ) : (
            <>
              <ErrorNote message={card.timeline.error} />
              {!card.timeline.error && <Loading what="Loading the Timeline" />}
            </>
          )}
        </TabPanel>
      </div>

      <JobReadings booking={b} version={card.version} onChanged={card.changed} />

      <section className="card activity" ref={activityRef} aria-labelledby="activity-title">
        <h2 id="activity-title">Activity</h2>
        <Tabs
          idPrefix="act"
          label="Activity"
          active={activity}
          tabs={activityTabs}
          onChange={(a) => setParams(route, { act: a === 'history' ? undefined : a })}
        />
        <TabPanel idPrefix="act" tab={activity}>
          {activity === 'history' && (
            <HistoryGrid
              scope={{ bookingId: id }}
              filters={filters}
              onFilters={(f) => setParams(route, filtersToParams(f))}
              refreshKey={card.version}
              emptyText="Nothing has happened to this booking yet."
              exportName={`booking-${id}`}
              idPrefix="booking-history"
              maxHeight="460px"
            />
          )}
          {activity === 'notes' && (
            <NotesTab bookingId={id} fieldworkerId={b.fieldworkerId} deleted={b.deletedAt !== null} version={card.version} onChanged={card.changed} />
          )}
          {activity === 'money' && (
            <MoneyTab
              bookingId={id}
              invoices={card.invoices.data}
              payments={card.payments.data ?? []}
              error={card.invoices.error}
              canInvoice={!b.deletedAt && b.status !== 'cancelled'}
              onChanged={card.changed}
            />
          )}
        </TabPanel>
      </section>
    </section>
  );
}
