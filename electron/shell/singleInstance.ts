// One JobTrail per person: a second start hands over to the first, which comes to
// the front. Two processes on one database would each believe they hold the chain
// head; the file lock refuses the second anyway, but the person should see their
// open window, not an error.

/** What this uses of Electron's app. */
export interface InstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: () => void): unknown;
}

/** What focusWindow uses of a BrowserWindow. */
export interface FocusableWindow {
  isMinimized(): boolean;
  restore(): void;
  isVisible(): boolean;
  show(): void;
  focus(): void;
}

/** Brings the window back: out of the taskbar or Dock if minimised, shown if hidden, then focused. */
export function focusWindow(window: FocusableWindow | null): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}

/**
 * True when this process is the one JobTrail: later starts focus its window
 * (whatever `currentWindow` gives then). False: another is running, and this
 * one quits without opening anything.
 */
export function claimSingleInstance(app: InstanceApp, currentWindow: () => FocusableWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => focusWindow(currentWindow()));
  return true;
}
