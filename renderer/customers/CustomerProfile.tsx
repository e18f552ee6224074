// Customers › All Customers › a customer: who they are (Details), everything that
// happened to them and their bookings (History), and everything linked to them
// (Activity). The tab and the History's filters live in the address.
import { Tabs, TabPanel } from '../components/Tabs';
import { useWindowTitle } from '../shell/windowTitle';
import { ErrorNote, Loading } from '../components/states';
import { formatDate } from '../format';
import { routeHref, setParams, type Route } from '../router';
import { useMay } from '../session';
import { filtersFromParams, filtersToParams } from '../history/filters';
import { HistoryGrid } from '../history/HistoryGrid';
import { ActivityTab } from './ActivityTab';
import { DetailsTab } from './DetailsTab';
import { ProfileActions } from './ProfileActions';
import { useCustomer } from './useCustomer';
import { CustomerProperties } from '../properties/CustomerProperties';

type Tab = 'details' | 'properties' | 'history' | 'activity';

export function CustomerProfile({ id, route }: { id: number; route: Route }) {
  const may = useMay();
  const { customer, activity, version, changed } = useCustomer(id);
  const c = customer.data;
  useWindowTitle(c ? `Customer #${c.id} · ${c.name}` : null);
  const a = activity.data;
  const tabs = [
    { key: 'details' as const, label: 'Details' },
    ...(may('properties.list') ? [{ key: 'properties' as const, label: 'Properties' }] : []),
    ...(may('history.customer') ? [{ key: 'history' as const, label: 'History' }] : []),
    ...(may('customers.activity')
      ? [
          {
            key: 'activity' as const,
            label: <>Activity{a && <span className="tab-count">{a.quotes.length + a.bookings.length + a.invoices.length + a.inquiries.length}</span>}</>,
          },
        ]
      : []),
  ];
  const asked = route.params.tab as Tab | undefined;
  const tab: Tab = tabs.some((t) => t.key === asked) ? asked! : 'details';
  const show = (t: Tab) => setParams(route, { tab: t === 'details' ? undefined : t });
  const crumbs = (
    <>
      <a href={routeHref('customers')}>Customers</a> › <a href={routeHref('customers')}>All Customers</a>
    </>
  );

  if (!c) {
    return (
      <section>
        <div className="crumbs">{crumbs} › Profile</div>
        {customer.error ? <ErrorNote message={customer.error} /> : <Loading what="Opening the profile" />}
      </section>
    );
  }
  const details = <DetailsTab customer={c} activity={a} onChanged={changed} />;
  return (
    <section className="customer-profile" aria-labelledby="customer-title">
      <div className="page-head">
        <div>
          <div className="crumbs">
            {crumbs} › #{c.id}
          </div>
          <h1 id="customer-title">
            {c.name}
            {c.deletedAt && <span className="status status-cancelled title-badge">Deleted</span>}
          </h1>
          <div className="subhead">
            {c.phone && <a href={`tel:${c.phone}`}>{c.phone}</a>}
            {c.email && <a href={`mailto:${c.email}`}>{c.email}</a>}
            {c.address && <span className="muted">{c.address}</span>}
            <span className="muted">Customer since {formatDate(c.createdAt)}</span>
          </div>
        </div>
        <ProfileActions customer={c} onChanged={changed} onShowActivity={() => show('activity')} />
      </div>
      {c.deletedAt && (
        <p className="notice" role="status">
          This customer was deleted on {formatDate(c.deletedAt)}. The profile is kept with its whole History;
          {may('customers.restore') ? ' restore it to change it or book new work.' : ' a manager can restore it.'}
        </p>
      )}

      <div className="card">
        {/* Those who may read neither History nor Activity (fieldworkers) get the details without a row of one tab. */}
        {tabs.length === 1 ? (
          details
        ) : (
          <>
            <Tabs idPrefix="customer" label="Customer profile" active={tab} tabs={tabs} onChange={show} />
            <TabPanel idPrefix="customer" tab={tab}>
              {tab === 'details' && details}
              {tab === 'properties' && <CustomerProperties customer={c} />}
              {tab === 'history' && (
                <HistoryGrid
                  scope={{ customerId: id }}
                  showRecord
                  filters={filtersFromParams(route.params)}
                  onFilters={(f) => setParams(route, filtersToParams(f))}
                  refreshKey={version}
                  emptyText="Nothing has happened to this customer yet."
                  exportName={`customer-${id}`}
                  idPrefix="customer-history"
                />
              )}
              {tab === 'activity' &&
                (a ? (
                  <ActivityTab customerId={id} activity={a} onChanged={changed} />
                ) : (
                  <>
                    <ErrorNote message={activity.error} />
                    {!activity.error && <Loading what="Loading the activity" />}
                  </>
                ))}
            </TabPanel>
          </>
        )}
      </div>
    </section>
  );
}
