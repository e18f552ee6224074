// The rows of a History grid, loaded a page at a time as someone scrolls: the
// first rows show at once however long the History is, and the whole of it can
// still be read (or loaded, up to a bound, to sort by another column).
import { useCallback, useEffect, useRef, useState } from 'react';
import { call, messageOf } from '../api/client';
import type { HistoryTotal } from '../../electron/services/history';
import type { HistoryRow } from '../types';
import { filterInput, type HistoryFilters } from './filters';

/** Whose History: one booking's, one customer's, one property's, everyone's (the Audit log), or an open archive's. */
export type HistoryScope =
  { bookingId: number } | { customerId: number } | { propertyId: number } | { equipmentId: number } | { archive: string } | Record<string, never>;
export type HistoryOrder = 'newest' | 'oldest';

/** The first page is small so it shows at once; later ones are bigger, since someone scrolling wants to keep going. */
export const FIRST_PAGE = 200;
export const NEXT_PAGE = 1000;
/** Sorting by a column other than the time needs every matching row in the window; past this, narrow the filters. */
export const SORT_ALL_LIMIT = 20_000;

export interface HistoryRows {
  rows: HistoryRow[];
  /** How many rows match (exact, or a lower bound when `atLeast`), and the events among them. */
  total: HistoryTotal | null;
  complete: boolean;
  loading: boolean;
  error: string | null;
  loadMore: () => void;
  /** Loads every remaining row (up to SORT_ALL_LIMIT), reporting progress; false if there are too many. */
  loadAll: (onProgress: (loaded: number) => void) => Promise<boolean>;
}

type Page = { rows: HistoryRow[]; nextBefore: number | null; nextAfter: number | null; total: HistoryRows['total'] };

function fetchPage(scope: HistoryScope, filters: HistoryFilters, order: HistoryOrder, cursor: number | null, limit: number): Promise<Page> {
  const input = { ...filterInput(filters), order, limit, ...(cursor === null ? {} : order === 'newest' ? { before: cursor } : { after: cursor }) };
  if ('bookingId' in scope) return call('history.booking', { ...input, bookingId: scope.bookingId });
  if ('customerId' in scope) return call('history.customer', { ...input, customerId: scope.customerId });
  if ('propertyId' in scope) return call('history.property', { ...input, propertyId: scope.propertyId });
  if ('equipmentId' in scope) return call('history.equipment', { ...input, equipmentId: scope.equipmentId });
  if ('archive' in scope) return call('archives.history', { ...input, fileName: scope.archive });
  return call('history.search', input);
}

export function useHistoryRows(scope: HistoryScope, filters: HistoryFilters, order: HistoryOrder, refreshKey = 0): HistoryRows {
  const key = JSON.stringify([scope, filters, order, refreshKey]);
  const [state, setState] = useState<{ key: string; rows: HistoryRow[]; next: number | null; total: HistoryRows['total']; error: string | null }>({
    key: '',
    rows: [],
    next: null,
    total: null,
    error: null,
  });
  const [loading, setLoading] = useState(true);
  // What is loaded so far for the current key, readable without waiting for a render.
  const live = useRef({ key, rows: [] as HistoryRow[], next: null as number | null, total: null as HistoryRows['total'], busy: false });

  const load = useCallback(
    async (first: boolean, limit = first ? FIRST_PAGE : NEXT_PAGE): Promise<boolean> => {
      const mine = live.current;
      if (mine.busy || (!first && mine.next === null)) return false;
      mine.busy = true;
      setLoading(true);
      try {
        const page = await fetchPage(scope, filters, order, first ? null : mine.next, limit);
        if (live.current !== mine) return false; // the filters changed meanwhile
        mine.rows = first ? page.rows : mine.rows.concat(page.rows);
        mine.next = order === 'newest' ? page.nextBefore : page.nextAfter;
        if (first) mine.total = page.total;
        setState({ key, rows: mine.rows, next: mine.next, total: mine.total, error: null });
        return true;
      } catch (e) {
        if (live.current === mine) setState((s) => ({ ...s, key, error: messageOf(e) }));
        return false;
      } finally {
        mine.busy = false;
        if (live.current === mine) setLoading(false);
      }
    },
    // The key stands for scope, filters and order: the page reader changes only when they do.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );

  useEffect(() => {
    live.current = { key, rows: [], next: null, total: null, busy: false };
    void load(true);
  }, [key, load]);

  const loadMore = useCallback(() => {
    void load(false);
  }, [load]);

  const loadAll = useCallback(
    async (onProgress: (loaded: number) => void) => {
      const mine = live.current;
      while (mine.busy || mine.next !== null) {
        if (live.current !== mine) return false;
        if (mine.busy) {
          await new Promise((r) => setTimeout(r, 30)); // the first page, or one asked for by scrolling, is on its way
          continue;
        }
        if (!mine.total || mine.total.atLeast || mine.total.count > SORT_ALL_LIMIT) return false;
        if (!(await load(false))) return false;
        onProgress(mine.rows.length);
      }
      return true;
    },
    [load],
  );

  const current = state.key === key;
  return {
    rows: current ? state.rows : [],
    total: current ? state.total : null,
    complete: current && !loading && state.next === null,
    loading: loading || !current,
    error: current ? state.error : null,
    loadMore,
    loadAll,
  };
}
