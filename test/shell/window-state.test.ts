// The window comes back where it was closed, in a real file in a temp dir; a place
// on a display that is gone comes back onto one the person can see.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonFileStore, SHELL_STATE_FILE } from '../../electron/shell/shellState';
import { placeWindow, saveWindow, type Rect } from '../../electron/shell/windowState';
import { memoryStore } from './memoryStore';

const SIZES = { width: 1280, height: 800, minWidth: 900, minHeight: 600 };
const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1050 };
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };

const closedAt = (bounds: Rect, maximized = false) => ({
  getNormalBounds: () => bounds,
  isMaximized: () => maximized,
  isFullScreen: () => false,
});

describe('window state', () => {
  it('opens at the default size, centred by the OS, the first time', () => {
    expect(placeWindow(memoryStore(), [laptop], SIZES)).toEqual({ width: 1280, height: 800, maximized: false });
  });

  it('keeps size, place and maximised in a file across starts, and un-maximises to the place it had', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'jobtrail-shell-')), SHELL_STATE_FILE);
    saveWindow(jsonFileStore(file), closedAt({ x: 2100, y: 80, width: 1500, height: 900 }, true));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ window: { bounds: { x: 2100, y: 80, width: 1500, height: 900 }, maximized: true } });
    expect(placeWindow(jsonFileStore(file), [laptop, rightMonitor], SIZES)).toEqual({ x: 2100, y: 80, width: 1500, height: 900, maximized: true });
  });

  it('brings a window left on an unplugged monitor back to the middle of the primary display', () => {
    const store = memoryStore();
    saveWindow(store, closedAt({ x: 2100, y: 80, width: 1500, height: 900 }));
    expect(placeWindow(store, [laptop], SIZES)).toEqual({ x: 210, y: 75, width: 1500, height: 900, maximized: false });
  });

  it('shrinks a window larger than its display and moves a half-off-screen one fully onto it', () => {
    const store = memoryStore();
    saveWindow(store, closedAt({ x: 1700, y: -30, width: 2400, height: 1300 }));
    expect(placeWindow(store, [laptop], SIZES)).toEqual({ x: 0, y: 0, width: 1920, height: 1050, maximized: false });
    saveWindow(store, closedAt({ x: 1500, y: 600, width: 1000, height: 700 }));
    expect(placeWindow(store, [laptop], SIZES)).toEqual({ x: 920, y: 350, width: 1000, height: 700, maximized: false });
    // Smaller than the least size the window allows: the least size.
    saveWindow(store, closedAt({ x: 10, y: 10, width: 200, height: 100 }));
    expect(placeWindow(store, [laptop], SIZES)).toMatchObject({ width: 900, height: 600 });
  });

  it('reads a damaged or foreign file as nothing saved, and replaces it at the next save', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'jobtrail-shell-')), SHELL_STATE_FILE);
    for (const text of ['{not json', '[1,2]', JSON.stringify({ window: { bounds: { x: 'a' } } })]) {
      writeFileSync(file, text);
      expect(placeWindow(jsonFileStore(file), [laptop], SIZES)).toEqual({ width: 1280, height: 800, maximized: false });
    }
    saveWindow(jsonFileStore(file), closedAt({ x: 5, y: 5, width: 1000, height: 700 }));
    expect(placeWindow(jsonFileStore(file), [laptop], SIZES)).toEqual({ x: 5, y: 5, width: 1000, height: 700, maximized: false });
  });
});
