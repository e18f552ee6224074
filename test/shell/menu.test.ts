// The application menu per OS, as the person finds it: the menus in each OS's
// order, macOS's app menu holding About, Settings and Quit, Windows saying Exit,
// and every item that asks the window for something carrying the same key the
// renderer honours (one table, electron/shell/accelerators.ts).
import { describe, expect, it } from 'vitest';
import { acceleratorFor, commandForKey, COMMANDS, keyText, SHELL_COMMANDS, type KeyPress, type Platform } from '../../electron/shell/accelerators';
import { bindMenu, menuItems, menuPlatform, menuTemplate, type MenuItem } from '../../electron/shell/menu';

const state = { productName: 'JobTrail', devTools: false };
const labels = (items: MenuItem[] | undefined) => (items ?? []).map((i) => (i.type === 'separator' ? '—' : (i.label ?? `(${i.role})`)));
const top = (platform: Platform) => menuTemplate(platform, state);
const menu = (platform: Platform, label: string) => top(platform).find((m) => m.label?.replace('&', '') === label)!.submenu;
const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('the application menu', () => {
  it('on macOS: the app menu first with About, Settings and Quit, then File, Edit, View, Go, Window, Help', () => {
    expect(top('darwin').map((m) => m.label ?? m.role)).toEqual(['JobTrail', 'File', 'Edit', 'View', 'Go', 'windowMenu', 'Help']);
    expect(labels(menu('darwin', 'JobTrail'))).toEqual([
      'About JobTrail',
      '—',
      'Settings…',
      '—',
      '(services)',
      '—',
      '(hide)',
      '(hideOthers)',
      '(unhide)',
      '—',
      'Quit JobTrail',
    ]);
    expect(menu('darwin', 'JobTrail')!.find((i) => i.label === 'Settings…')).toMatchObject({ command: 'go.settings', accelerator: 'Command+,' });
    expect(labels(menu('darwin', 'File'))).toEqual([
      'New booking…',
      'New customer…',
      '—',
      'Print…',
      'Save as PDF…',
      'Export…',
      '—',
      'Back up now',
      '—',
      '(close)',
    ]);
    expect(labels(menu('darwin', 'Help'))).toEqual(['Keyboard shortcuts', 'Open the data folder']);
    expect(labels(menu('darwin', 'Edit'))).toContain('(pasteAndMatchStyle)');
  });

  it.each(['win32', 'linux'] as const)('on %s: File, Edit, View, Go, Help with access keys; Settings and Quit in File, About in Help', (platform) => {
    expect(top(platform).map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Go', '&Help']);
    expect(labels(menu(platform, 'File'))).toEqual([
      'New booking…',
      'New customer…',
      '—',
      'Print…',
      'Save as PDF…',
      'Export…',
      '—',
      'Back up now',
      '—',
      'Settings…',
      '—',
      platform === 'win32' ? 'E&xit' : '&Quit',
    ]);
    expect(labels(menu(platform, 'Help'))).toEqual(['Keyboard shortcuts', 'Open the data folder', '—', 'About JobTrail']);
    expect(menu(platform, 'File')!.at(-1)).toMatchObject({ role: 'quit' });
    // Windows closes with Alt+F4; Linux desktops expect Ctrl+Q.
    expect(menu(platform, 'File')!.at(-1)!.accelerator).toBe(platform === 'linux' ? 'Control+Q' : undefined);
    expect(menuItems(top(platform)).filter((i) => i.role === 'windowMenu' || i.role === 'services')).toEqual([]);
  });

  it.each(['darwin', 'win32', 'linux'] as const)(
    "on %s: Edit and View are the usual roles, Go names the sections, Open the data folder is the main process's",
    (platform) => {
      expect(
        menu(platform, 'Edit')!
          .filter((i) => i.role)
          .map((i) => i.role),
      ).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll']));
      expect(
        menu(platform, 'View')!
          .filter((i) => i.role)
          .map((i) => i.role),
      ).toEqual(['zoomIn', 'zoomOut', 'resetZoom', 'reload', 'togglefullscreen']);
      expect(labels(menu(platform, 'Go'))).toEqual(['Bookings', 'Customers', 'Audit log', 'Reports', '—', 'Back', 'Forward']);
      const all = menuItems(top(platform));
      expect(all.filter((i) => i.action)).toEqual([{ label: 'Open the data folder', action: 'openDataFolder' }]);
      // Every command is somewhere in the menu, once (About once on each OS), with the table's key.
      const commands = all.filter((i) => i.command);
      expect(commands.map((i) => i.command).sort()).toEqual([...SHELL_COMMANDS].sort());
      for (const i of commands) expect(i.accelerator).toBe(acceleratorFor(i.command!, platform));
      // No two items share a key.
      const keys = all.map((i) => i.accelerator).filter(Boolean);
      expect(new Set(keys).size).toBe(keys.length);
    },
  );

  it('offers the developer tools only in a development build', () => {
    expect(menuItems(menuTemplate('linux', state)).some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(menuItems(menuTemplate('linux', { ...state, devTools: true })).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});

describe('the accelerator table', () => {
  it("uses Cmd on macOS and Ctrl on Windows and Linux, with each OS's Back and Forward", () => {
    expect(acceleratorFor('file.newBooking', 'darwin')).toBe('Command+N');
    expect(acceleratorFor('file.newBooking', 'win32')).toBe('Control+N');
    expect(acceleratorFor('file.savePdf', 'linux')).toBe('Control+Shift+S');
    expect(acceleratorFor('go.back', 'darwin')).toBe('Command+[');
    expect(acceleratorFor('go.back', 'win32')).toBe('Alt+Left');
    expect(acceleratorFor('help.shortcuts', 'win32')).toBe('F1');
    expect(acceleratorFor('file.backUp', 'darwin')).toBeUndefined();
    expect(keyText('file.newCustomer', 'darwin')).toBe('⌘⇧N');
    expect(keyText('file.newCustomer', 'linux')).toBe('Ctrl+Shift+N');
    expect(keyText('go.forward', 'win32')).toBe('Alt+→');
  });

  it('maps a key press to the same command the menu item sends, on each platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      for (const command of SHELL_COMMANDS) {
        const keys = COMMANDS[command].keys[platform];
        if (!keys) continue;
        const parts = keys.split('+');
        const key = parts.pop()!;
        const pressed = press(key === 'Left' ? 'ArrowLeft' : key === 'Right' ? 'ArrowRight' : key.length === 1 ? key.toLowerCase() : key, {
          metaKey: parts.includes('Cmd'),
          ctrlKey: parts.includes('Ctrl'),
          shiftKey: parts.includes('Shift'),
          altKey: parts.includes('Alt'),
        });
        expect(commandForKey(pressed, platform, 'app'), `${platform} ${keys}`).toBe(command);
      }
    }
  });

  it('leaves a browser the keys it keeps (new window, tabs, Back) in web mode, and takes the others', () => {
    expect(commandForKey(press('n', { ctrlKey: true }), 'linux', 'web')).toBeNull();
    expect(commandForKey(press('1', { ctrlKey: true }), 'linux', 'web')).toBeNull();
    expect(commandForKey(press('ArrowLeft', { altKey: true }), 'linux', 'web')).toBeNull();
    expect(commandForKey(press('p', { ctrlKey: true }), 'linux', 'web')).toBe('file.print');
    expect(commandForKey(press('S', { ctrlKey: true, shiftKey: true }), 'win32', 'web')).toBe('file.savePdf');
    expect(commandForKey(press('F1'), 'linux', 'web')).toBe('help.shortcuts');
    // The other platform's modifier, or an extra one, is not the shortcut.
    expect(commandForKey(press('p', { metaKey: true }), 'linux', 'web')).toBeNull();
    expect(commandForKey(press('p', { ctrlKey: true }), 'darwin', 'web')).toBeNull();
    expect(commandForKey(press('p', { ctrlKey: true, altKey: true }), 'linux', 'web')).toBeNull();
    expect(commandForKey(press('p'), 'linux', 'web')).toBeNull();
  });
});

describe('the bound menu', () => {
  it("sends a command item's command to the window and runs an action item in the main process", () => {
    const sent: string[] = [];
    const bound = bindMenu(menuTemplate('win32', state), { command: (c) => sent.push(`window:${c}`), action: (a) => sent.push(`main:${a}`) });
    const find = (label: string) => bound.flatMap((m) => m.submenu ?? []).find((i) => i.label === label)!;
    find('New booking…').click!();
    find('Open the data folder').click!();
    find('About JobTrail').click!();
    expect(sent).toEqual(['window:file.newBooking', 'main:openDataFolder', 'window:help.about']);
    // Electron's own roles keep no click of ours, and nothing of our data leaks into Electron's template.
    expect(bound.flatMap((m) => m.submenu ?? []).find((i) => i.role === 'copy')).toEqual({ role: 'copy' });
    expect(JSON.stringify(bound)).not.toMatch(/"command"|"action"/);
    expect(menuPlatform('freebsd')).toBe('linux');
  });
});
