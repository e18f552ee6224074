// What makes the window answer the menu: the Electron menu's commands (preload's
// `listen`), or in web mode the same keys, where the browser lets a page have them.
// The keyboard shortcuts list is here, on every screen, signed in or not.
import { useCallback, useEffect, useState } from 'react';
import { commandForKey, platformOf, type ShellCommand } from '../../electron/shell/accelerators';
import { runCommand, UNAVAILABLE, useCommand } from './commands';
import { ShortcutsDialog } from './ShortcutsDialog';
import './desktop.css';

/** The platform whose keys the window shows and honours. */
export const PLATFORM = platformOf(navigator.platform || navigator.userAgent);

/** The desktop app's menu sends commands; a browser tab has no menu, so its keys stand in for it. */
const inApp = typeof window.api?.listen === 'function';

export function DesktopShell() {
  const [shortcuts, setShortcuts] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  useCommand('help.shortcuts', () => setShortcuts(true));

  const run = useCallback((command: ShellCommand) => {
    setNotice(null);
    if (!runCommand(command)) setNotice(UNAVAILABLE[command] ?? null);
  }, []);

  useEffect(() => {
    if (inApp) return window.api!.listen!('command', run);
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat) return;
      const command = commandForKey(e, PLATFORM, 'web');
      if (!command) return;
      e.preventDefault();
      run(command);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [run]);

  return (
    <>
      {shortcuts && (
        <ShortcutsDialog
          platform={PLATFORM}
          inApp={inApp}
          onClose={() => setShortcuts(false)}
          onAbout={() => {
            setShortcuts(false);
            run('help.about');
          }}
        />
      )}
      {notice && (
        <div className="shell-notice" role="status">
          {notice}
          <button type="button" className="quiet" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      )}
    </>
  );
}
