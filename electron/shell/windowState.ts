// The window opens where it was closed: same size, same place, maximised if it was.
// Plain logic over a store and the displays' work areas, so it is tested without
// Electron. A place saved on a monitor that has since been unplugged (or a
// resolution that shrank) is brought back onto a display the person can see.
import type { ShellStore } from './shellState';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SavedWindow {
  bounds: Rect;
  maximized: boolean;
}

/** What BrowserWindow's constructor takes: no x and y means "centred by the OS". */
export interface WindowPlacement {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface WindowSizes {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}

/** What captureWindow reads of a BrowserWindow. */
export interface PlacedWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isFullScreen(): boolean;
}

const KEY = 'window';
/** How much of the title bar must be on a display for the person to grab it. */
const GRAB = { width: 120, height: 40 };

function isRect(v: unknown): v is Rect {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((k) => typeof r[k] === 'number' && Number.isFinite(r[k]));
}

function readSaved(store: ShellStore): SavedWindow | null {
  const v = store.get(KEY) as { bounds?: unknown; maximized?: unknown } | undefined;
  if (!v || typeof v !== 'object' || !isRect(v.bounds)) return null;
  return { bounds: v.bounds, maximized: v.maximized === true };
}

function overlap(a: Rect, b: Rect): Rect {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return { x, y, width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - x), height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - y) };
}

/**
 * Where to open the window, given the work areas of the displays (the first is the
 * primary). Nothing saved: the default size, centred. Saved: its size, no larger than
 * the display it is on, moved fully onto that display; off every display: centred on
 * the primary one.
 */
export function placeWindow(store: ShellStore, displays: readonly Rect[], sizes: WindowSizes): WindowPlacement {
  const saved = readSaved(store);
  const primary = displays[0];
  if (!saved || !primary) return { width: sizes.width, height: sizes.height, maximized: false };
  const { bounds } = saved;
  // The title bar's strip: it is what must be reachable.
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: GRAB.height };
  const visible = displays
    .map((d) => ({ d, o: overlap(titleBar, d) }))
    .filter(({ o }) => o.width >= Math.min(GRAB.width, bounds.width) && o.height >= Math.min(GRAB.height, bounds.height))
    .sort((a, b) => b.o.width * b.o.height - a.o.width * a.o.height)[0];
  const home = visible?.d ?? primary;
  const width = clamp(bounds.width, Math.min(sizes.minWidth, home.width), home.width);
  const height = clamp(bounds.height, Math.min(sizes.minHeight, home.height), home.height);
  if (!visible) {
    return { x: home.x + Math.round((home.width - width) / 2), y: home.y + Math.round((home.height - height) / 2), width, height, maximized: saved.maximized };
  }
  return {
    x: clamp(bounds.x, home.x, home.x + home.width - width),
    y: clamp(bounds.y, home.y, home.y + home.height - height),
    width,
    height,
    maximized: saved.maximized,
  };
}

/** Saves where the window is; its normal bounds when maximised or full screen, so un-maximising later goes back there. */
export function saveWindow(store: ShellStore, window: PlacedWindow): void {
  const saved: SavedWindow = { bounds: window.getNormalBounds(), maximized: window.isMaximized() || window.isFullScreen() };
  store.set(KEY, saved);
}

const clamp = (v: number, lo: number, hi: number) => Math.round(Math.min(Math.max(v, lo), Math.max(lo, hi)));
