// Customers › All Customers: every customer by name, searchable by name, phone,
// email or address, paged by the main process; a row opens the profile.
import { useState } from 'react';
import { useApi } from '../api/useApi';
import { PageHead } from '../components/PageHead';
import { PagedGrid } from '../components/PagedGrid';
import { SearchBox } from '../components/SearchBox';
import { ErrorNote } from '../components/states';
import { navigate, routeHref, setParams, type Route } from '../router';
import { useMay } from '../session';
import { customerColumns, deletedCustomerColumns } from './customerColumns';
import { NewCustomerDialog } from './NewCustomerDialog';
import { useCommand } from '../shell/commands';

const PAGE = 50;
const BY_NAME = [{ id: 'name', desc: false }];
/** A fieldworker's list is the customers of their bookings, given without email (electron/services/fieldworkerScope.ts). */
const noEmailColumns = customerColumns.filter((c) => c.id !== 'email');

export function CustomersPage({ route }: { route: Route }) {
  const may = useMay();
  const p = route.params;
  // The recycle bin is the managers' (the main process refuses it to others).
  const deleted = p.deleted === '1' && may('customers.restore');
  const offset = Number(p.at ?? 0) || 0;
  const [creating, setCreating] = useState(false);
  useCommand('file.newCustomer', () => setCreating(true), may('customers.create'));
  const list = useApi('customers.list', { search: p.q || undefined, deleted, limit: PAGE, offset });
  // Any new filter starts again at the first page.
  const filter = (changes: Record<string, string | undefined>) => setParams(route, { ...changes, at: undefined });
  const filtered = Boolean(p.q) || deleted;
  // A fieldworker reads only the customers of their own bookings, without email.
  const ownOnly = !may('customers.update');
  const columns = deleted ? deletedCustomerColumns : ownOnly ? noEmailColumns : customerColumns;

  return (
    <section aria-labelledby="customers-title">
      <PageHead id="customers-title" crumbs="Customers" title={deleted ? 'Deleted customers' : ownOnly ? 'My customers' : 'All Customers'}>
        {may('customers.create') && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New customer
          </button>
        )}
      </PageHead>
      <div className="filter-bar" role="search" aria-label="Filter customers">
        <SearchBox
          id="customer-search"
          label="Search"
          placeholder={ownOnly ? 'Name, phone or address' : 'Name, phone, email or address'}
          value={p.q ?? ''}
          onSearch={(q) => filter({ q })}
          autoFocus
        />
        {may('customers.restore') && (
          <label className="check">
            <input type="checkbox" checked={deleted} onChange={(e) => filter({ deleted: e.target.checked ? '1' : undefined })} />
            Deleted only
          </label>
        )}
        {filtered && (
          <button type="button" className="quiet clear" onClick={() => navigate(routeHref('customers'), true)}>
            Clear filters
          </button>
        )}
      </div>
      <ErrorNote message={list.error} />
      <PagedGrid
        columns={columns}
        rows={list.data?.rows}
        loading={list.loading}
        sorting={BY_NAME}
        onSort={() => {}}
        caption="Customers, by name"
        onOpen={(c) => navigate(routeHref('customers', c.id))}
        rowLabel={(c) => c.name}
        empty={
          p.q
            ? `No ${deleted ? 'deleted ' : ''}customer matches “${p.q}”.`
            : deleted
              ? 'No deleted customers.'
              : 'No customers yet. Add the first one with “New customer”.'
        }
        paging={{ offset, pageSize: PAGE, total: list.data?.total ?? 0, onPage: (at) => setParams(route, { at }, true) }}
      />
      {creating && <NewCustomerDialog onClose={() => setCreating(false)} onCreated={(id) => navigate(routeHref('customers', id))} />}
    </section>
  );
}
