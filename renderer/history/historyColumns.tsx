// The History grid's columns. Each sorts by the text people read in it (the
// time column by the order rows were written, which is the order of time).
import { createColumnHelper } from '@tanstack/react-table';
import { formatWhen, utcTitle } from '../format';
import { routeHref } from '../router';
import type { HistoryRow } from '../types';
import { afterText, beforeText, eventText, fieldText, madeOutside, recordCellText } from './readable';
import { Value } from './values';
import { AS_IT_WAS_OF } from './AsItWasDialog';
import type { historyFeatures } from './HistoryGrid';

export interface HistoryColumnOptions {
  /** The customer's History and the Audit log say which booking or customer each row is about; a booking's does not need to. */
  showRecord?: boolean;
  /** Opens the record a row is about as it was right after that row's change. */
  onAsItWas?: (r: HistoryRow) => void;
}

const col = createColumnHelper<typeof historyFeatures, HistoryRow>();

/** Said on hover: the names are the records' as they are now, where the row's own label is as it was. */
const NAMED_NOW = 'Named as the record is now';

/** The record a row belongs to: its booking, else its customer. */
export const recordHref = (r: HistoryRow) =>
  r.bookingId !== null ? routeHref('bookings', r.bookingId) : r.customerId !== null ? routeHref('customers', r.customerId) : null;

function RecordLink({ r }: { r: HistoryRow }) {
  const text = recordCellText(r, r);
  const href = recordHref(r);
  const title = r.booking ? `${NAMED_NOW}${r.label && !text.includes(r.label) ? `; when this was recorded: ${r.label}` : ''}` : undefined;
  return href ? (
    <a href={href} title={title}>
      {text}
    </a>
  ) : (
    <span title={title}>{text}</span>
  );
}

export function historyColumns({ showRecord = false, onAsItWas }: HistoryColumnOptions) {
  return col.columns([
    col.accessor('id', {
      id: 'at',
      header: 'When',
      size: 196,
      minSize: 190,
      sortFn: 'basic',
      sortDescFirst: true,
      cell: (c) => (
        <span className="nowrap" title={utcTitle(c.row.original.at)}>
          {formatWhen(c.row.original.at, true)}
        </span>
      ),
    }),
    col.accessor('actorName', {
      id: 'actor',
      header: 'Who',
      size: 140,
      minSize: 100,
      sortFn: 'alphanumeric',
      cell: (c) => (
        <span>
          {c.getValue()}
          {madeOutside(c.row.original) && (
            <span className="badge warn" title="Written by a program other than JobTrail">
              outside JobTrail
            </span>
          )}
        </span>
      ),
    }),
    col.accessor((r) => eventText(r), { id: 'event', header: 'Event', size: 160, minSize: 110, sortFn: 'alphanumeric' }),
    // Who asked for a new time, why a booking was cancelled: recorded with the change, beside it.
    col.accessor((r) => r.reason ?? '', {
      id: 'reason',
      header: 'Reason',
      size: 130,
      minSize: 90,
      sortFn: 'alphanumeric',
      cell: (c) => (c.getValue() ? <span className="reason">{c.getValue()}</span> : null),
    }),
    ...(showRecord
      ? [
          col.accessor((r) => recordCellText(r, r), {
            id: 'record',
            header: 'Record',
            size: 260,
            minSize: 150,
            sortFn: 'alphanumeric',
            cell: (c) => <RecordLink r={c.row.original} />,
          }),
        ]
      : []),
    col.accessor((r) => fieldText(r, r), { id: 'field', header: 'Field', size: 180, minSize: 120, sortFn: 'alphanumeric' }),
    // Nothing in a cell that readable.ts leaves empty: an event about the whole record, or before a record existed.
    col.accessor((r) => beforeText(r), {
      id: 'before',
      header: 'Before',
      size: 190,
      minSize: 110,
      sortFn: 'alphanumeric',
      cell: (c) =>
        c.getValue() === '' ? null : c.row.original.erased ? (
          <span className="before erased">{c.getValue()}</span>
        ) : (
          <span className="before">
            <Value field={c.row.original.field} value={c.row.original.oldValue} />
          </span>
        ),
    }),
    col.accessor((r) => afterText(r), {
      id: 'after',
      header: 'After',
      size: 190,
      minSize: 110,
      sortFn: 'alphanumeric',
      cell: (c) =>
        c.getValue() === '' ? null : (
          <span className="after">
            <span className="arrow" aria-hidden="true">
              →{' '}
            </span>
            {c.row.original.erased ? <span className="erased">{c.getValue()}</span> : <Value field={c.row.original.field} value={c.row.original.newValue} />}
          </span>
        ),
    }),
    ...(onAsItWas
      ? [
          col.display({
            id: 'asItWas',
            header: 'As it was',
            size: 104,
            minSize: 104,
            enableSorting: false,
            cell: (c) =>
              AS_IT_WAS_OF.has(c.row.original.entity) ? (
                <button
                  type="button"
                  className="quiet small"
                  onClick={() => onAsItWas(c.row.original)}
                  aria-label={`As it was after this change: ${fieldText(c.row.original, c.row.original) || recordCellText(c.row.original, c.row.original)}`}
                >
                  As it was
                </button>
              ) : null,
          }),
        ]
      : []),
  ]);
}
