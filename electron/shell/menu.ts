// The application menu, as plain data: main.ts turns it into Electron's Menu,
// giving each `command` item a click that sends the command to the window, and
// each `action` item what only the main process can do. Each OS's own conventions:
// on macOS the app menu holds About, Settings and Quit and there is a Window menu;
// on Windows and Linux they sit in File and Help, and Windows says "Exit".
import { acceleratorFor, COMMANDS, type Platform, type ShellCommand } from './accelerators';

/** What the main process does itself, without the window. */
export type MainAction = 'openDataFolder';

/** Electron's built-in menu roles that we use. */
export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'windowMenu'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'reload'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'toggleDevTools'
  | 'help';

export interface MenuItem {
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  accelerator?: string;
  command?: ShellCommand;
  action?: MainAction;
  submenu?: MenuItem[];
}

export interface MenuState {
  productName: string;
  /** The developer tools only in a development build. */
  devTools: boolean;
}

const separator: MenuItem = { type: 'separator' };

function commandItem(command: ShellCommand, platform: Platform): MenuItem {
  const accelerator = acceleratorFor(command, platform);
  return { label: COMMANDS[command].label, command, ...(accelerator ? { accelerator } : {}) };
}

export function menuTemplate(platform: Platform, state: MenuState): MenuItem[] {
  const mac = platform === 'darwin';
  const item = (command: ShellCommand) => commandItem(command, platform);
  const about: MenuItem = { ...item('help.about'), label: `About ${state.productName}` };

  const appMenu: MenuItem = {
    label: state.productName,
    submenu: [
      about,
      separator,
      item('go.settings'),
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit', label: `Quit ${state.productName}` },
    ],
  };
  const file: MenuItem = {
    label: mac ? 'File' : '&File',
    submenu: [
      item('file.newBooking'),
      item('file.newCustomer'),
      separator,
      item('file.print'),
      item('file.savePdf'),
      item('file.export'),
      separator,
      item('file.backUp'),
      separator,
      ...(mac
        ? [{ role: 'close' } as MenuItem]
        : [
            item('go.settings'),
            separator,
            { role: 'quit', label: platform === 'win32' ? 'E&xit' : '&Quit', ...(platform === 'linux' ? { accelerator: 'Control+Q' } : {}) } as MenuItem,
          ]),
    ],
  };
  const edit: MenuItem = {
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as MenuItem] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  };
  const view: MenuItem = {
    label: mac ? 'View' : '&View',
    submenu: [
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { role: 'resetZoom', label: 'Actual Size' },
      separator,
      { role: 'reload' },
      separator,
      { role: 'togglefullscreen' },
      ...(state.devTools ? [separator, { role: 'toggleDevTools' } as MenuItem] : []),
    ],
  };
  const go: MenuItem = {
    label: mac ? 'Go' : '&Go',
    submenu: [item('go.bookings'), item('go.customers'), item('go.audit'), item('go.reports'), separator, item('go.back'), item('go.forward')],
  };
  const help: MenuItem = {
    label: mac ? 'Help' : '&Help',
    ...(mac ? { role: 'help' as const } : {}),
    submenu: [item('help.shortcuts'), { label: 'Open the data folder', action: 'openDataFolder' }, ...(mac ? [] : [separator, about])],
  };
  const windowMenu: MenuItem = { role: 'windowMenu' };
  return mac ? [appMenu, file, edit, view, go, windowMenu, help] : [file, edit, view, go, help];
}

/** Every item of a template, depth first: what a test or a walk over the menu wants. */
export function menuItems(template: MenuItem[]): MenuItem[] {
  return template.flatMap((m) => [m, ...menuItems(m.submenu ?? [])]);
}

/** What a chosen item does: a command goes to the window, an action stays in the main process. */
export interface MenuHandlers {
  command(command: ShellCommand): void;
  action(action: MainAction): void;
}

/** Electron's template entry: our item with its click, and its submenu bound the same way. */
export type BoundMenuItem = Omit<MenuItem, 'command' | 'action' | 'submenu'> & { click?: () => void; submenu?: BoundMenuItem[] };

/** The template with clicks, as Menu.buildFromTemplate takes it. */
export function bindMenu(template: MenuItem[], handlers: MenuHandlers): BoundMenuItem[] {
  return template.map(({ command, action, submenu, ...rest }) => ({
    ...rest,
    ...(command ? { click: () => handlers.command(command) } : {}),
    ...(action ? { click: () => handlers.action(action) } : {}),
    ...(submenu ? { submenu: bindMenu(submenu, handlers) } : {}),
  }));
}

/** Our platforms; any other Unix is treated as Linux. */
export function menuPlatform(platform: string): Platform {
  return platform === 'darwin' || platform === 'win32' ? platform : 'linux';
}
