// A second start of JobTrail quits and brings the first one's window to the front.
import { describe, expect, it } from 'vitest';
import { claimSingleInstance, focusWindow, type FocusableWindow, type InstanceApp } from '../../electron/shell/singleInstance';

function fakeApp(lockFree: boolean) {
  const calls: string[] = [];
  let onSecond: (() => void) | null = null;
  const app: InstanceApp = {
    requestSingleInstanceLock: () => lockFree,
    quit: () => {
      calls.push('quit');
    },
    on: (_event, listener) => {
      onSecond = listener;
    },
  };
  return { app, calls, secondStart: () => onSecond?.() };
}

function fakeWindow(minimized: boolean, visible: boolean) {
  const calls: string[] = [];
  const window: FocusableWindow = {
    isMinimized: () => minimized,
    isVisible: () => visible,
    restore: () => {
      calls.push('restore');
    },
    show: () => {
      calls.push('show');
    },
    focus: () => {
      calls.push('focus');
    },
  };
  return { window, calls };
}

describe('single instance', () => {
  it('the first start keeps running, and a later start restores and focuses its minimised window', () => {
    const first = fakeApp(true);
    const w = fakeWindow(true, true);
    expect(claimSingleInstance(first.app, () => w.window)).toBe(true);
    expect(first.calls).toEqual([]);
    first.secondStart();
    expect(w.calls).toEqual(['restore', 'focus']);
  });

  it('a second start quits without opening anything', () => {
    const second = fakeApp(false);
    expect(claimSingleInstance(second.app, () => null)).toBe(false);
    expect(second.calls).toEqual(['quit']);
  });

  it('shows a hidden window, and does nothing while there is no window yet', () => {
    const w = fakeWindow(false, false);
    focusWindow(w.window);
    expect(w.calls).toEqual(['show', 'focus']);
    expect(() => focusWindow(null)).not.toThrow();
  });
});
