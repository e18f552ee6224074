// The menu's Go commands and About, for whoever is signed in: Go opens a section
// the person's role is offered (the same as the top bar's links), Back and Forward
// walk the window's own history.
import { useState } from 'react';
import { call, messageOf } from '../api/client';
import type { ShellCommand } from '../../electron/shell/accelerators';
import { navigate, routeHref, SECTIONS, type Section } from '../router';
import { useMay } from '../session';
import { useCommand } from './commands';

/** Opens `section` when the person's role is offered it (as the top bar's links are). */
function useGo(command: ShellCommand, section: Section): void {
  const may = useMay();
  const offered = SECTIONS.some((s) => s.key === section && s.for.some(may));
  useCommand(command, () => navigate(routeHref(section)), offered);
}

/** Installs the office's commands; returns whether About is open, and a backup's refusal, if any. */
export function useOfficeCommands(): { about: boolean; closeAbout: () => void; problem: string | null } {
  const may = useMay();
  const [about, setAbout] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useGo('go.bookings', 'bookings');
  useGo('go.customers', 'customers');
  useGo('go.audit', 'audit');
  useGo('go.reports', 'reports');
  useGo('go.settings', 'settings');
  useCommand('go.back', () => history.back());
  useCommand('go.forward', () => history.forward());
  // The page as shown; a report prints with its own page rules and the chain head on every page.
  useCommand('file.print', () => window.print());
  useCommand('help.about', () => setAbout(true));
  // The backup runs as a job; Settings › Backups shows it running (or the one already running) and its end.
  useCommand(
    'file.backUp',
    () => {
      setProblem(null);
      void call('backups.create', {}).then(
        () => navigate(routeHref('settings', null, { tab: 'backups' })),
        (e: unknown) => setProblem(messageOf(e)),
      );
    },
    may('backups.create'),
  );
  return { about, closeAbout: () => setAbout(false), problem };
}
