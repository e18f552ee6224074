// The lists of bookings and customers: the server sorts and pages (so 100,000
// rows cost what 50 do), the table draws one page. The list is one Tab stop
// (useRovingRows: arrows, Home, End, Page Up and Down); a row opens its record by
// click, Enter or Space; its context menu copies a cell or the row, or opens it (GridMenu).
import type { ReactNode } from 'react';
import { rowSortingFeature, tableFeatures, useTable, type ColumnDef, type RowData, type SortingState } from '@tanstack/react-table';
import { Empty, Loading } from './states';
import { useGridMenu } from './GridMenu';
import { useRovingRows } from './useRovingRows';

export const listFeatures = tableFeatures({ rowSortingFeature });
export type ListColumn<T extends RowData> = ColumnDef<typeof listFeatures, T, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Paging {
  offset: number;
  pageSize: number;
  total: number;
  onPage: (offset: number) => void;
}

export function PagedGrid<T extends RowData & { id: number }>({
  columns,
  rows,
  sorting,
  onSort,
  onOpen,
  rowLabel,
  loading,
  empty,
  paging,
  caption,
}: {
  columns: ListColumn<T>[];
  rows: T[] | undefined;
  sorting: SortingState;
  onSort: (s: SortingState) => void;
  onOpen: (row: T) => void;
  rowLabel: (row: T) => string;
  loading: boolean;
  empty: ReactNode;
  paging: Paging;
  caption: string;
}) {
  const table = useTable({
    features: listFeatures,
    columns,
    data: rows ?? NO_ROWS,
    manualSorting: true,
    enableSortingRemoval: false,
    state: { sorting },
    onSortingChange: (u) => onSort(typeof u === 'function' ? u(sorting) : u),
    getRowId: (r) => String(r.id),
  });

  const { onRowMenu, menu } = useGridMenu();

  const pageRows = table.getRowModel().rows;
  const roving = useRovingRows({
    count: pageRows.length,
    onOpen: (i) => onOpen(pageRows[i].original),
    resetKey: `${paging.offset} ${JSON.stringify(sorting)}`,
  });

  return (
    <div className="grid-wrap">
      <table className="grid list" role="grid" aria-readonly="true" aria-busy={loading}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((g) => (
            <tr key={g.id}>
              {g.headers.map((h) => {
                const sorted = h.column.getIsSorted();
                const meta = h.column.columnDef.meta as { numeric?: boolean } | undefined;
                return (
                  <th
                    key={h.id}
                    className={meta?.numeric ? 'num' : undefined}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                  >
                    {h.column.getCanSort() ? (
                      <button type="button" className="sort" onClick={h.column.getToggleSortingHandler()}>
                        <table.FlexRender header={h} />
                        <span className="sort-mark" aria-hidden="true">
                          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                        </span>
                      </button>
                    ) : (
                      <table.FlexRender header={h} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody ref={roving.bodyRef}>
          {pageRows.map((r, i) => (
            <tr
              key={r.id}
              className="clickable"
              aria-label={rowLabel(r.original)}
              {...roving.rowProps(i)}
              onClick={() => onOpen(r.original)}
              onContextMenu={(e) => onRowMenu(e, () => onOpen(r.original))}
            >
              {r.getAllCells().map((c) => {
                const meta = c.column.columnDef.meta as { numeric?: boolean } | undefined;
                return (
                  <td key={c.id} className={meta?.numeric ? 'num' : undefined}>
                    <table.FlexRender cell={c} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {rows === undefined && loading && <Loading />}
      {rows !== undefined && rows.length === 0 && <Empty>{empty}</Empty>}
      <Pager {...paging} loading={loading} />
      {menu}
    </div>
  );
}

const NO_ROWS: never[] = [];

function Pager({ offset, pageSize, total, onPage, loading }: Paging & { loading: boolean }) {
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + pageSize, total);
  const page = Math.floor(offset / pageSize) + 1;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const fmt = (n: number) => n.toLocaleString();
  return (
    <nav className="pager" aria-label="Pages">
      <span className="muted" role="status">
        {loading ? 'Loading…' : `${fmt(first)}–${fmt(last)} of ${fmt(total)}`}
      </span>
      <button type="button" disabled={offset === 0} onClick={() => onPage(0)} aria-label="First page">
        «
      </button>
      <button type="button" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - pageSize))}>
        Previous
      </button>
      <span className="page-of">
        Page {fmt(page)} of {fmt(pages)}
      </span>
      <button type="button" disabled={last >= total} onClick={() => onPage(offset + pageSize)}>
        Next
      </button>
      <button type="button" disabled={last >= total} onClick={() => onPage((pages - 1) * pageSize)} aria-label="Last page">
        »
      </button>
    </nav>
  );
}
