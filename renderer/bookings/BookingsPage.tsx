// Bookings › All Bookings: every booking, searchable and filterable, sorted and
// paged by the main process; a row opens its job card. It opens on today: earliest
// first, at the first booking from today on, with the past on the pages before.
// A fieldworker's list is their own bookings (the main process sees to it), so it
// has no fieldworker to choose and no price to show.
import { useState } from 'react';
import type { SortingState } from '@tanstack/react-table';
import { useApi } from '../api/useApi';
import { CustomerPicker } from '../components/CustomerPicker';
import { PageHead } from '../components/PageHead';
import { PagedGrid } from '../components/PagedGrid';
import { ErrorNote } from '../components/states';
import { humanize, localDay, localDayStart } from '../format';
import { navigate, routeHref, setParams, type Route } from '../router';
import { useMay, useSession } from '../session';
import type { BookingRow } from '../types';
import { bookingColumnsFor } from './bookingColumns';
import { NewBookingDialog } from './NewBookingDialog';
import { SearchBox } from '../components/SearchBox';
import { BOOKING_STATUSES } from './bookingDraft';
import { useCommand } from '../shell/commands';

const PAGE = 50;
type Sort = `${'start' | 'service' | 'customer' | 'status' | 'fieldworker' | 'price'}_${'asc' | 'desc'}`;

export function BookingsPage({ route }: { route: Route }) {
  const may = useMay();
  const { user } = useSession();
  const p = route.params;
  const [creating, setCreating] = useState(false);
  useCommand('file.newBooking', () => setCreating(true), may('bookings.create'));
  const sort = (p.sort ?? 'start_asc') as Sort;
  const opensOnToday = p.at === undefined && sort === 'start_asc';
  const ownOnly = user.role === 'fieldworker';
  // The recycle bin is the managers'; an address asking staff for it gets the live list, and says so.
  const deleted = p.deleted === '1' && may('bookings.restore');
  const fieldworkers = useApi('users.list', { role: 'fieldworker', includeInactive: true }, ownOnly);
  const list = useApi('bookings.list', {
    search: p.q || undefined,
    status: (p.status || undefined) as (typeof BOOKING_STATUSES)[number] | undefined,
    fieldworkerId: p.fw ? Number(p.fw) : undefined,
    customerId: p.cust ? Number(p.cust) : undefined,
    from: (p.from && localDayStart(p.from)) || undefined,
    to: (p.to && localDayStart(p.to, 1)) || undefined,
    deleted,
    sort,
    limit: PAGE,
    offset: Number(p.at ?? 0) || 0,
    openAt: opensOnToday ? (localDayStart(localDay()) ?? undefined) : undefined,
  });
  // Where the page opened: on today, the main process says which offset that is.
  const offset = list.data?.offset ?? (Number(p.at ?? 0) || 0);

  // Any new filter starts again at the first page.
  const filter = (changes: Record<string, string | undefined>) => setParams(route, { ...changes, at: undefined });
  const [key, dir] = sort.split('_');
  const sorting: SortingState = [{ id: key, desc: dir === 'desc' }];
  const open = (b: BookingRow) => navigate(routeHref('bookings', b.id));
  const filtered = ['q', 'status', 'fw', 'cust', 'from', 'to', 'deleted'].some((k) => p[k]);

  return (
    <section aria-labelledby="bookings-title">
      <PageHead id="bookings-title" crumbs="Bookings" title={deleted ? 'Deleted bookings' : ownOnly ? 'My bookings' : 'All Bookings'}>
        {may('bookings.create') && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New booking
          </button>
        )}
      </PageHead>
      <div className="filter-bar" role="search" aria-label="Filter bookings">
        <SearchBox id="booking-search" label="Search" placeholder="Service, customer or address" value={p.q ?? ''} onSearch={(q) => filter({ q })} />
        <div className="field">
          <label htmlFor="booking-status">Status</label>
          <select id="booking-status" value={p.status ?? ''} onChange={(e) => filter({ status: e.target.value })}>
            <option value="">Any status</option>
            {BOOKING_STATUSES.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </div>
        {!ownOnly && (
          <div className="field">
            <label htmlFor="booking-fw">Fieldworker</label>
            <select id="booking-fw" value={p.fw ?? ''} onChange={(e) => filter({ fw: e.target.value })}>
              <option value="">Anyone</option>
              {fieldworkers.data?.map((u) => (
                <option key={u.id} value={String(u.id)}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <CustomerPicker
          label="Customer"
          placeholder="Any customer"
          value={p.cust ? { id: Number(p.cust), name: p.custName ?? `Customer ${p.cust}` } : null}
          onChange={(c) => filter({ cust: c ? String(c.id) : undefined, custName: c?.name })}
        />
        <div className="field">
          <label htmlFor="booking-from">From</label>
          <input id="booking-from" type="date" value={p.from ?? ''} max={p.to || undefined} onChange={(e) => filter({ from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="booking-to">To</label>
          <input id="booking-to" type="date" value={p.to ?? ''} min={p.from || undefined} onChange={(e) => filter({ to: e.target.value })} />
        </div>
        {may('bookings.restore') && (
          <label className="check">
            <input type="checkbox" checked={p.deleted === '1'} onChange={(e) => filter({ deleted: e.target.checked ? '1' : undefined })} />
            Deleted only
          </label>
        )}
        {filtered && (
          <button type="button" className="quiet clear" onClick={() => navigate(routeHref('bookings', null, { sort: p.sort }), true)}>
            Clear filters
          </button>
        )}
      </div>
      {p.deleted === '1' && !deleted && <p className="notice">Deleted bookings are shown to managers; these are the live ones.</p>}
      <ErrorNote message={list.error} />
      <PagedGrid
        columns={bookingColumnsFor(user.role)}
        rows={list.data?.rows}
        loading={list.loading}
        sorting={sorting}
        caption="Bookings"
        onSort={(s) => filter({ sort: `${s[0].id}_${s[0].desc ? 'desc' : 'asc'}` })}
        onOpen={open}
        rowLabel={(b) => `${b.service} for ${b.customerName}`}
        empty={
          filtered
            ? 'No bookings match these filters.'
            : ownOnly
              ? 'No bookings are assigned to you yet.'
              : 'No bookings yet. Create the first one with “New booking”.'
        }
        paging={{ offset, pageSize: PAGE, total: list.data?.total ?? 0, onPage: (at) => setParams(route, { at }, true) }}
      />
      {creating && <NewBookingDialog onClose={() => setCreating(false)} onCreated={(id) => navigate(routeHref('bookings', id))} />}
    </section>
  );
}
