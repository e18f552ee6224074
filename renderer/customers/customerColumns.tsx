// The columns of All Customers. The main process lists customers by name only,
// so no column offers a sort of its own.
import { createColumnHelper } from '@tanstack/react-table';
import type { listFeatures } from '../components/PagedGrid';
import { formatDate, formatWhen, utcTitle } from '../format';
import type { ApiOutput } from '../../electron/api/contract';

export type CustomerRow = ApiOutput<'customers.list'>['rows'][number];

const col = createColumnHelper<typeof listFeatures, CustomerRow>();
const orDash = (v: string | null) => v ?? <span className="muted">—</span>;

const common = [
  col.accessor('name', { id: 'name', header: 'Name', enableSorting: false, cell: (c) => <span className="strong">{c.getValue()}</span> }),
  col.accessor('phone', { id: 'phone', header: 'Phone', enableSorting: false, cell: (c) => <span className="nowrap">{orDash(c.getValue())}</span> }),
  col.accessor('email', { id: 'email', header: 'Email', enableSorting: false, cell: (c) => orDash(c.getValue()) }),
  col.accessor('address', { id: 'address', header: 'Address', enableSorting: false, cell: (c) => <span className="muted">{c.getValue()}</span> }),
  col.accessor('bookingCount', { id: 'bookings', header: 'Bookings', enableSorting: false, meta: { numeric: true } }),
];

export const customerColumns = col.columns([
  ...common,
  col.accessor('createdAt', {
    id: 'since',
    header: 'Customer since',
    enableSorting: false,
    cell: (c) => (
      <span className="nowrap" title={utcTitle(c.getValue())}>
        {formatDate(c.getValue())}
      </span>
    ),
  }),
]);

export const deletedCustomerColumns = col.columns([
  ...common,
  col.accessor('deletedAt', {
    id: 'deleted',
    header: 'Deleted',
    enableSorting: false,
    cell: (c) => (
      <span className="nowrap" title={utcTitle(c.getValue())}>
        {formatWhen(c.getValue())}
      </span>
    ),
  }),
]);
