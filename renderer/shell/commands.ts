// The menu's commands inside the window: the Electron menu sends them (preload's
// `listen`), and in web mode the same keys do (DesktopShell). A screen that can do a
// command says so with useCommand while it is shown; the one shown last answers.
// A command no screen on view answers opens the screen that does ("New booking"
// from the Audit log opens Bookings, then its dialog), once.
import { useEffect, useRef } from 'react';
import type { ShellCommand } from '../../electron/shell/accelerators';
import { navigate, routeHref } from '../router';

type Handler = () => void;

const handlers = new Map<ShellCommand, Handler[]>();

/** Where a command is done when no screen on view does it. */
const HOMES: Partial<Record<ShellCommand, string>> = {
  'file.newBooking': routeHref('bookings'),
  'file.newCustomer': routeHref('customers'),
  'file.export': routeHref('audit'),
};

/** A command on its way to the screen it opened; dropped once the person goes elsewhere first. */
let pending: { command: ShellCommand; hash: string } | null = null;

window.addEventListener('hashchange', () => {
  if (pending && location.hash !== pending.hash) pending = null;
});

/** What to say when nothing on view can do a command and it has no screen of its own to open. */
export const UNAVAILABLE: Partial<Record<ShellCommand, string>> = {
  'file.savePdf': 'Save as PDF saves a report: open one in Reports first.',
  'help.about': 'Sign in to see which database this is and its chain head.',
  'file.backUp': 'Backups on request are made by an administrator.',
};

/**
 * Does `command`: the screen on view that answers it, else its home screen, which
 * does it once it is shown. False when nothing could (the caller says why).
 */
export function runCommand(command: ShellCommand): boolean {
  pending = null;
  const answer = handlers.get(command)?.at(-1);
  if (answer) {
    answer();
    return true;
  }
  const home = HOMES[command];
  if (!home) return false;
  pending = { command, hash: home };
  navigate(home);
  return true;
}

/** While the calling screen is shown (and `enabled`), it answers `command` with `handler`. */
export function useCommand(command: ShellCommand, handler: Handler, enabled = true): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!enabled) return;
    const answer: Handler = () => latest.current();
    const list = handlers.get(command) ?? [];
    handlers.set(command, [...list, answer]);
    if (pending?.command === command && location.hash === pending.hash) {
      pending = null;
      answer();
    }
    return () => {
      const now = handlers.get(command) ?? [];
      handlers.set(
        command,
        now.filter((h) => h !== answer),
      );
    };
  }, [command, enabled]);
}
