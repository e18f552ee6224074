// The one History grid: a booking's, a customer's, and the whole Audit log. It
// draws only the rows in view (100,000 rows scroll like 100), loads pages as
// they come into view, and reads each action as one event with its fields.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  columnResizingFeature,
  columnSizingFeature,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
  type SortingState,
} from '@tanstack/react-table';
import { Empty, ErrorNote, Progress } from '../components/states';
import { ArchivedNotice } from './ArchivedNotice';
import { formatCount, plural } from '../format';
import { HistoryExportView, useHistoryExport } from '../jobs/HistoryExport';
import { historyReportHref } from '../reports/reportRoutes';
import { useMay } from '../session';
import { filterInput, hasFilters, type HistoryFilters } from './filters';
import { AsItWasDialog } from './AsItWasDialog';
import { HistoryFilterBar } from './HistoryFilterBar';
import { historyColumns, recordHref, type HistoryColumnOptions } from './historyColumns';
import { useGridMenu } from '../components/GridMenu';
import { useKeepDrawn, useRovingRows } from '../components/useRovingRows';
import { navigate } from '../router';
import { countEvents, madeOutside } from './readable';
import type { HistoryTotal } from '../../electron/services/history';
import type { HistoryRow } from '../types';
import { SORT_ALL_LIMIT, useHistoryRows, type HistoryOrder, type HistoryScope } from './useHistoryRows';
import { useCommand } from '../shell/commands';

export const historyFeatures = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
  columnSizingFeature,
  columnResizingFeature,
});

const NEWEST: SortingState = [{ id: 'at', desc: true }];
/** The least width of a column that does not say its own. */
const MIN_SIZE = 60;

export interface HistoryGridProps extends HistoryColumnOptions {
  scope: HistoryScope;
  filters: HistoryFilters;
  onFilters: (f: HistoryFilters) => void;
  /** Read again when this changes (after a change made on the same screen). */
  refreshKey?: number;
  /** What an empty History says when no filter is set. */
  emptyText: string;
  /** The file name's subject for Export CSV: "booking-12", "audit-log". */
  exportName: string;
  idPrefix: string;
  /** The most the grid grows before it scrolls inside itself; a short History takes only the room it needs. */
  maxHeight?: string;
}

export function HistoryGrid(p: HistoryGridProps) {
  const may = useMay();
  const [sorting, setSorting] = useState<SortingState>(NEWEST);
  const order: HistoryOrder = sorting[0]?.id === 'at' && !sorting[0].desc ? 'oldest' : 'newest';
  const data = useHistoryRows(p.scope, p.filters, order, p.refreshKey);
  const [sortProgress, setSortProgress] = useState<{ column: string; loaded: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const mayExport = may('jobs.start');
  const exp = useHistoryExport({ scope: { ...filterInput(p.filters), ...p.scope }, name: p.exportName, enabled: mayExport });
  const exporting = exp.looking || exp.starting || exp.running;
  useCommand(
    'file.export',
    () => {
      setNotice(null);
      exp.exportCsv();
    },
    mayExport && !exporting,
  );
  const byTime = sorting[0]?.id === 'at';
  // A new filter starts again in time order: the column sort was over the old rows.
  const filterKey = JSON.stringify([p.scope, p.filters]);
  const [sortedFor, setSortedFor] = useState(filterKey);
  if (sortedFor !== filterKey) {
    setSortedFor(filterKey);
    if (!byTime) setSorting(NEWEST);
  }

  const [asItWas, setAsItWas] = useState<HistoryRow | null>(null);
  const { onRowMenu, menu } = useGridMenu();
  // An archive's rows are not in the log that "as it was" rebuilds records from; nor is a note that rows are archived news there.
  const inArchive = 'archive' in p.scope;
  const columns = useMemo(() => historyColumns({ showRecord: p.showRecord, onAsItWas: inArchive ? undefined : setAsItWas }), [p.showRecord, inArchive]);
  const table = useTable({
    features: historyFeatures,
    columns,
    data: data.rows,
    enableSortingRemoval: false,
    columnResizeMode: 'onChange',
    defaultColumn: { minSize: MIN_SIZE, maxSize: 900 },
    state: { sorting },
    onSortingChange: (u) => void sortBy(typeof u === 'function' ? u(sorting) : u),
    getRowId: (r) => String(r.id),
  });

  /** Time order is the server's; any other column needs every matching row here first. */
  async function sortBy(next: SortingState) {
    setNotice(null);
    const column = next[0]?.id;
    if (!column || column === 'at' || data.complete) {
      setSorting(next);
      return;
    }
    const label = String(table.getColumn(column)?.columnDef.header ?? column);
    setSortProgress({ column: label, loaded: data.rows.length });
    const ok = await data.loadAll((loaded) => setSortProgress({ column: label, loaded }));
    setSortProgress(null);
    if (ok) setSorting(next);
    else
      setNotice(
        `Sorting by ${label} needs every matching row, and ${data.total?.atLeast ? 'more than ' : ''}${formatCount(data.total?.count ?? 0)} match: narrow the filters to at most ${formatCount(SORT_ALL_LIMIT)} rows, or sort by When.`,
      );
  }

  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  // Where rows are about other records (a customer's, the Audit log), Enter opens the row's record, as the menu's Open does.
  const openAt = useCallback((i: number) => openRecord(rows[i].original)?.(), [rows]);
  const roving = useRovingRows({ count: rows.length, onOpen: p.showRecord ? openAt : undefined, resetKey: `${filterKey} ${JSON.stringify(sorting)}` });
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 33,
    overscan: 12,
    getItemKey: (i) => rows[i]?.id ?? i,
    rangeExtractor: useKeepDrawn(roving.active),
  });
  const items = virtualizer.getVirtualItems();
  // The rows scrolled to, not the focused row kept drawn below them, say when to load more.
  const lastShown = virtualizer.range?.endIndex ?? 0;
  const nearEnd = byTime && !data.loading && !data.complete && lastShown >= rows.length - 40;
  const { loadMore } = data;
  useEffect(() => {
    if (nearEnd) loadMore();
  }, [nearEnd, loadMore]);

  // Once every row is here, the count is exact whatever the first page could say.
  const total = useMemo(
    () => (data.complete ? { count: data.rows.length, atLeast: false, events: countEvents(data.rows) } : data.total),
    [data.complete, data.rows, data.total],
  );
  const filtered = hasFilters(p.filters);
  return (
    <div className="history-grid">
      <HistoryFilterBar filters={p.filters} onChange={p.onFilters} idPrefix={p.idPrefix} />
      <div className="grid-toolbar">
        <span className="muted" role="status" aria-live="polite">
          {total === null ? 'Loading…' : countText(total, filtered, data.rows.length)}
        </span>
        {sortProgress && (
          <Progress
            done={sortProgress.loaded}
            total={total?.count ?? sortProgress.loaded}
            label={`Loading ${formatCount(sortProgress.loaded)} of ${formatCount(total?.count ?? 0)} rows to sort by ${sortProgress.column}…`}
          />
        )}
        {may('reports.history') && (
          <a
            className="button"
            href={historyReportHref(p.scope, p.filters)}
            title="The rows as filtered here, on paper or as a PDF, with the chain head on every page"
          >
            Print…
          </a>
        )}
        {mayExport && (
          <button
            type="button"
            onClick={() => {
              setNotice(null);
              exp.exportCsv();
            }}
            disabled={exporting || total?.count === 0}
          >
            {exp.starting || exp.running ? 'Exporting…' : 'Export CSV'}
          </button>
        )}
      </div>
      <HistoryExportView exp={exp} />
      {!inArchive && <ArchivedNotice />}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorNote message={data.error} />
      <div className="history-scroll" ref={scrollRef} style={{ maxHeight: p.maxHeight ?? '480px' }}>
        <table
          className="grid history"
          role="grid"
          aria-readonly="true"
          aria-label="History"
          style={{ minWidth: leastWidth(table.getAllLeafColumns()) }}
          aria-rowcount={total ? total.count + 1 : undefined}
        >
          <thead>
            {table.getHeaderGroups().map((g) => (
              <tr key={g.id}>
                {g.headers.map((h, i) => {
                  const sorted = h.column.getIsSorted();
                  return (
                    <th
                      key={h.id}
                      style={cellStyle(h.column, i === g.headers.length - 1)}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    >
                      {h.column.getCanSort() ? (
                        <button type="button" className="sort" onClick={h.column.getToggleSortingHandler()} disabled={sortProgress !== null}>
                          <table.FlexRender header={h} />
                          <span className="sort-mark" aria-hidden="true">
                            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                          </span>
                        </button>
                      ) : (
                        // A column of buttons that say what they do (As it was): named for screen readers, not shown twice.
                        <span className="sr-only">
                          <table.FlexRender header={h} />
                        </span>
                      )}
                      {/* A mouse convenience (drag to widen, double-click to reset): a cell's whole text is in the page either way. */}
                      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
                      <span
                        role="separator"
                        aria-orientation="vertical"
                        aria-label={`Resize ${String(h.column.columnDef.header)}`}
                        className={h.column.getIsResizing() ? 'resizer resizing' : 'resizer'}
                        onMouseDown={h.getResizeHandler()}
                        onTouchStart={h.getResizeHandler()}
                        onDoubleClick={() => h.column.resetSize()}
                      />
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody ref={roving.bodyRef} style={{ height: virtualizer.getTotalSize() }}>
            {items.map((v) => {
              const row = rows[v.index];
              const r = row.original;
              const prev = v.index > 0 ? rows[v.index - 1].original : null;
              // Rows one action wrote read as one event: the when and who are not repeated.
              const continued = byTime && prev !== null && r.action !== null && prev.action === r.action;
              const cls = [continued ? 'continued' : '', madeOutside(r) ? 'outside' : ''].filter(Boolean).join(' ');
              return (
                <tr
                  key={row.id}
                  data-index={v.index}
                  ref={virtualizer.measureElement}
                  className={cls || undefined}
                  aria-rowindex={v.index + 2 /* the header row is 1 */}
                  {...roving.rowProps(v.index)}
                  style={{ transform: `translateY(${v.start}px)` }}
                  onContextMenu={(e) => onRowMenu(e, openRecord(r))}
                >
                  {row.getAllCells().map((c, i, all) => (
                    <td key={c.id} style={cellStyle(c.column, i === all.length - 1)} data-column={c.column.id}>
                      {continued && repeats(c.column.id, r, prev!) ? null : <table.FlexRender cell={c} />}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
        {!data.loading && data.rows.length === 0 && !data.error && <Empty>{filtered ? 'No changes match these filters.' : p.emptyText}</Empty>}
        {data.loading && data.rows.length > 0 && <p className="loading-more muted">Loading more…</p>}
      </div>
      {asItWas && <AsItWasDialog row={asItWas} onClose={() => setAsItWas(null)} />}
      {menu}
    </div>
  );
}

/**
 * How much matches: changes as people count them (one reschedule is one, though it
 * wrote its start and its end), then the rows when they are more, and how many are
 * here; only the rows where there are too many to count the changes among them.
 */
export function countText(total: HistoryTotal, filtered: boolean, loaded: number): string {
  const match = filtered ? ' match' : '';
  const head =
    total.atLeast || total.events === null
      ? `${total.atLeast ? 'More than ' : ''}${plural(total.count, 'row')}${match}`
      : `${plural(total.events, 'change')}${match}${total.events === total.count ? '' : ` (${plural(total.count, 'row')})`}`;
  return head + (total.count > loaded || total.atLeast ? ` · ${formatCount(loaded)} loaded` : '');
}

/** The context menu's Open: the booking or customer the row belongs to, if it has one. */
function openRecord(r: HistoryRow): (() => void) | undefined {
  const href = recordHref(r);
  return href ? () => navigate(href) : undefined;
}

/** In the later rows of one action, what the first row already said: when, who, and the same event, reason or record. */
function repeats(column: string, r: HistoryRow, prev: HistoryRow): boolean {
  if (column === 'at' || column === 'actor') return true;
  if (column === 'event') return prev.event === r.event;
  if (column === 'reason') return prev.reason === r.reason;
  if (column === 'asItWas') return prev.entity === r.entity && prev.entityId === r.entityId;
  if (column === 'record') return prev.label === r.label && prev.bookingId === r.bookingId && prev.customerId === r.customerId;
  return false;
}

interface SizedColumn {
  getSize(): number;
  columnDef: { minSize?: number };
}

/**
 * Each column at its size where the grid has room, the last taking what is left;
 * where it has not, they all give some up, down to their least width, and wrap
 * their text: a record's name cut off could be another record's. Narrower than
 * their least widths together, the grid scrolls sideways.
 */
function cellStyle(column: SizedColumn, last: boolean) {
  return { flex: `${last ? 1 : 0} 1 ${column.getSize()}px`, minWidth: column.columnDef.minSize ?? MIN_SIZE };
}

const leastWidth = (columns: SizedColumn[]) => columns.reduce((n, c) => n + (c.columnDef.minSize ?? MIN_SIZE), 0);
