// The columns of All Bookings; each id is the server's sort key.
import { createColumnHelper } from '@tanstack/react-table';
import type { listFeatures, ListColumn } from '../components/PagedGrid';
import { StatusBadge } from '../components/StatusBadge';
import { formatMoney, formatWhen, utcTitle } from '../format';
import { seesMoney, type Role } from '../roles';
import type { BookingRow } from '../types';

const col = createColumnHelper<typeof listFeatures, BookingRow>();

export const bookingColumns = col.columns([
  col.accessor('scheduledStart', {
    id: 'start',
    header: 'When',
    sortDescFirst: true,
    cell: (c) => (
      <span className="nowrap" title={utcTitle(c.getValue())}>
        {formatWhen(c.getValue())}
      </span>
    ),
  }),
  col.accessor('service', { id: 'service', header: 'Service', cell: (c) => <span className="strong">{c.getValue()}</span> }),
  col.accessor('customerName', { id: 'customer', header: 'Customer' }),
  col.accessor('address', { id: 'address', header: 'Address', enableSorting: false, cell: (c) => <span className="muted">{c.getValue()}</span> }),
  col.accessor('fieldworkerName', {
    id: 'fieldworker',
    header: 'Fieldworker',
    cell: (c) => c.getValue() ?? <span className="muted">Unassigned</span>,
  }),
  col.accessor('status', { id: 'status', header: 'Status', cell: (c) => <StatusBadge status={c.getValue()} /> }),
  col.accessor('priceCents', {
    id: 'price',
    header: 'Price',
    meta: { numeric: true },
    sortDescFirst: true,
    cell: (c) => formatMoney(c.getValue()),
  }),
]);

/**
 * The columns a role reads: without the price for those who do not see money, and
 * without the fieldworker in a fieldworker's list, which is their own bookings.
 */
export function bookingColumnsFor(role: Role): ListColumn<BookingRow>[] {
  const hidden = [...(seesMoney(role) ? [] : ['price']), ...(role === 'fieldworker' ? ['fieldworker'] : [])];
  return hidden.length === 0 ? bookingColumns : (forRole[role] ??= bookingColumns.filter((c) => !hidden.includes(c.id ?? '')));
}
const forRole: Partial<Record<Role, ListColumn<BookingRow>[]>> = {};
