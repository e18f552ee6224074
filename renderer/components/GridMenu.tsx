// The context menu of a grid's rows, in the app and in a browser tab alike: Copy
// cell, Copy row (its cells separated by tabs, as a spreadsheet pastes them), and
// Open the row's record. Right-click, Shift+F10 or the Menu key on a focused row;
// arrow keys move in the menu, Escape or a click elsewhere closes it.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import '../shell/desktop.css';

interface Shown {
  x: number;
  y: number;
  cell: string;
  row: string;
  open?: () => void;
  from: HTMLElement;
}

const textOf = (el: Element) => (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim();

async function copy(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Without clipboard permission (a page not focused, an older browser): the selection way.
    const area = document.createElement('textarea');
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

export function useGridMenu(): { onRowMenu: (e: MouseEvent<HTMLElement>, open?: () => void) => void; menu: ReactNode } {
  const [shown, setShown] = useState<Shown | null>(null);

  const onRowMenu = (e: MouseEvent<HTMLElement>, open?: () => void) => {
    e.preventDefault();
    const row = e.currentTarget;
    const cell = (e.target as Element).closest('td') ?? row.querySelector('td');
    // From the keyboard the event has no pointer position: the menu opens at the row.
    const box = row.getBoundingClientRect();
    const byKey = e.clientX === 0 && e.clientY === 0;
    setShown({
      x: byKey ? box.left + 24 : e.clientX,
      y: byKey ? box.bottom : e.clientY,
      cell: cell ? textOf(cell) : '',
      row: [...row.querySelectorAll('td')].map(textOf).join('\t'),
      open,
      from: row,
    });
  };

  const close = useCallback(
    (refocus = true) => {
      if (refocus) shown?.from.focus();
      setShown(null);
    },
    [shown],
  );
  const menu = shown && <GridMenuView shown={shown} close={close} />;
  return { onRowMenu, menu };
}

function GridMenuView({ shown, close }: { shown: Shown; close: (refocus?: boolean) => void }) {
  const ref = useRef<HTMLUListElement>(null);
  useEffect(() => {
    ref.current?.querySelector('button')?.focus();
    const away = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) close(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [close]);

  const items: { label: string; run: () => void }[] = [
    { label: 'Copy cell', run: () => void copy(shown.cell) },
    { label: 'Copy row', run: () => void copy(shown.row) },
    ...(shown.open ? [{ label: 'Open', run: shown.open }] : []),
  ];
  const onKey = (e: KeyboardEvent) => {
    const buttons = [...(ref.current?.querySelectorAll('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      close();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      buttons[(at + 1) % buttons.length]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      buttons[(at - 1 + buttons.length) % buttons.length]?.focus();
    }
  };
  // Kept inside the window near its right and bottom edges.
  const left = Math.min(shown.x, window.innerWidth - 180);
  const top = Math.min(shown.y, window.innerHeight - 44 * items.length);
  return (
    <ul ref={ref} className="grid-menu" role="menu" aria-label="Row" style={{ left, top }} onKeyDown={onKey}>
      {items.map((i) => (
        <li key={i.label} role="none">
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            onClick={() => {
              close(i.label !== 'Open');
              i.run();
            }}
          >
            {i.label}
          </button>
        </li>
      ))}
    </ul>
  );
}
