// A list of rows is one Tab stop (the WAI-ARIA grid pattern, focus on rows): the
// active row alone has tabIndex 0, so Tab enters the list at the row last used and
// leaves it for the next control. Inside, Up and Down move a row, Home and End to
// the first and the last, Page Up and Page Down by the rows in view, Enter opens
// the row; Left and Right step through the links and buttons inside the row, which
// Tab skips (else a row with a link is two stops again). A virtualised grid keeps
// the active row drawn (`keepDrawn`), so focus is never left on a row scrolled away.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { defaultRangeExtractor, type Range } from '@tanstack/react-virtual';

const INSIDE = 'a[href], button, input, select, textarea, [tabindex]';

export interface RowProps {
  tabIndex: number;
  'data-row': number;
  onKeyDown: (e: KeyboardEvent<HTMLElement>) => void;
  onFocus: (e: FocusEvent<HTMLElement>) => void;
}

export function useRovingRows({
  count,
  onOpen,
  resetKey,
}: {
  count: number;
  /** What Enter on a row does; absent where a row opens nothing. */
  onOpen?: (index: number) => void;
  /** The rows are new (another page, sort or filter): the first one takes the Tab stop. */
  resetKey?: string;
}) {
  const [state, setState] = useState({ active: 0, resetKey });
  if (state.resetKey !== resetKey) setState({ active: 0, resetKey });
  const active = Math.max(0, Math.min(state.active, count - 1));
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const focusNext = useRef<number | null>(null);

  // Links and buttons inside rows are reached with Left and Right, not Tab.
  useLayoutEffect(() => {
    bodyRef.current?.querySelectorAll<HTMLElement>(INSIDE).forEach((el) => {
      if (!el.hasAttribute('data-row') && el.tabIndex !== -1) el.tabIndex = -1;
    });
  });

  useEffect(() => {
    const at = focusNext.current;
    if (at === null) return;
    focusNext.current = null;
    const row = bodyRef.current?.querySelector<HTMLElement>(`[data-row="${at}"]`);
    row?.focus({ preventScroll: true });
    row?.scrollIntoView({ block: 'nearest' });
  });

  const moveTo = (index: number) => {
    const to = Math.max(0, Math.min(index, count - 1));
    focusNext.current = to;
    setState((s) => ({ ...s, active: to }));
  };

  const rowProps = (index: number): RowProps => ({
    tabIndex: index === active ? 0 : -1,
    'data-row': index,
    onFocus: () => {
      if (index !== state.active) setState((s) => ({ ...s, active: index }));
    },
    onKeyDown: (e) => {
      const row = e.currentTarget;
      const onRow = e.target === row;
      const step = { ArrowDown: 1, ArrowUp: -1, PageDown: rowsInView(row), PageUp: -rowsInView(row) }[e.key];
      if (step !== undefined) moveTo(index + step);
      else if (e.key === 'Home' && onRow) moveTo(0);
      else if (e.key === 'End' && onRow) moveTo(count - 1);
      else if ((e.key === 'Enter' || e.key === ' ') && onRow && onOpen) onOpen(index);
      else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') stepInside(row, e.target as HTMLElement, e.key === 'ArrowRight' ? 1 : -1);
      else if (e.key === 'Escape' && !onRow) row.focus();
      else return;
      e.preventDefault();
    },
  });

  return { active, rowProps, bodyRef };
}

/** A virtualiser's rangeExtractor that draws the active row too, wherever the list is scrolled. */
export function useKeepDrawn(active: number): (range: Range) => number[] {
  return useCallback(
    (range: Range) => {
      const drawn = defaultRangeExtractor(range);
      return active >= range.count || drawn.includes(active) ? drawn : [...drawn, active].sort((a, b) => a - b);
    },
    [active],
  );
}

/** Right from the row goes to its first link or button, Left from the first back to the row. */
function stepInside(row: HTMLElement, from: HTMLElement, by: 1 | -1) {
  const inside = [...row.querySelectorAll<HTMLElement>(INSIDE)].filter((el) => !(el as HTMLButtonElement).disabled);
  const at = from === row ? -1 : inside.indexOf(from);
  const next = at + by;
  if (next < 0) row.focus();
  else inside[Math.min(next, inside.length - 1)]?.focus();
}

/** A page of rows: as many as the scrolling box (or the window) shows, less one kept for context. */
function rowsInView(row: HTMLElement): number {
  let box: HTMLElement | null = row.parentElement;
  while (box && !(box.scrollHeight > box.clientHeight && /auto|scroll/.test(getComputedStyle(box).overflowY))) box = box.parentElement;
  const height = box ? box.clientHeight : window.innerHeight;
  return Math.max(1, Math.floor(height / Math.max(1, row.offsetHeight)) - 1);
}
