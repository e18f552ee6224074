// The commands the menu sends to the window, and the one table of their keys per
// platform (Ctrl on Windows and Linux, Cmd on macOS). The Electron menu takes its
// accelerators from here and the renderer's keydown handler reads the same table,
// so a key works the same in the app and, where the browser lets a page have it,
// in web mode. Plain data and pure functions: the renderer imports this file.

export type Platform = 'darwin' | 'win32' | 'linux';

/** What a menu item or a key asks the window to do. */
export type ShellCommand =
  | 'file.newBooking'
  | 'file.newCustomer'
  | 'file.print'
  | 'file.savePdf'
  | 'file.export'
  | 'file.backUp'
  | 'go.bookings'
  | 'go.customers'
  | 'go.audit'
  | 'go.reports'
  | 'go.settings'
  | 'go.back'
  | 'go.forward'
  | 'help.shortcuts'
  | 'help.about';

export interface CommandInfo {
  /** The menu's words, with "…" where the command asks something before it acts. */
  label: string;
  /** Electron's accelerator syntax ("CmdOrCtrl+N"), per platform; absent: no key. */
  keys: Partial<Record<Platform, string>>;
  /** A browser keeps this key for itself (a new window, a tab): web mode cannot have it. */
  browserKeeps?: boolean;
}

const mod = (key: string) => ({ darwin: `Cmd+${key}`, win32: `Ctrl+${key}`, linux: `Ctrl+${key}` });

export const COMMANDS: Record<ShellCommand, CommandInfo> = {
  'file.newBooking': { label: 'New booking…', keys: mod('N'), browserKeeps: true },
  'file.newCustomer': { label: 'New customer…', keys: mod('Shift+N'), browserKeeps: true },
  'file.print': { label: 'Print…', keys: mod('P') },
  'file.savePdf': { label: 'Save as PDF…', keys: mod('Shift+S') },
  'file.export': { label: 'Export…', keys: mod('Shift+E') },
  'file.backUp': { label: 'Back up now', keys: {} },
  'go.bookings': { label: 'Bookings', keys: mod('1'), browserKeeps: true },
  'go.customers': { label: 'Customers', keys: mod('2'), browserKeeps: true },
  'go.audit': { label: 'Audit log', keys: mod('3'), browserKeeps: true },
  'go.reports': { label: 'Reports', keys: mod('4'), browserKeeps: true },
  'go.settings': { label: 'Settings…', keys: mod(',') },
  // Each OS's own Back and Forward keys; a browser does these itself, the same way.
  'go.back': { label: 'Back', keys: { darwin: 'Cmd+[', win32: 'Alt+Left', linux: 'Alt+Left' }, browserKeeps: true },
  'go.forward': { label: 'Forward', keys: { darwin: 'Cmd+]', win32: 'Alt+Right', linux: 'Alt+Right' }, browserKeeps: true },
  'help.shortcuts': { label: 'Keyboard shortcuts', keys: { darwin: 'Cmd+/', win32: 'F1', linux: 'F1' } },
  'help.about': { label: 'About JobTrail', keys: {} },
};

export const SHELL_COMMANDS = Object.keys(COMMANDS) as ShellCommand[];

export function isShellCommand(value: unknown): value is ShellCommand {
  return typeof value === 'string' && Object.hasOwn(COMMANDS, value);
}

/** The accelerator string Electron's menu takes: "Cmd" and "Ctrl" spelled as Electron wants them. */
export function acceleratorFor(command: ShellCommand, platform: Platform): string | undefined {
  const keys = COMMANDS[command].keys[platform];
  return keys?.replace(/^Cmd\+/, 'Command+').replace(/^Ctrl\+/, 'Control+');
}

/** The key as people read it in a list of shortcuts: "⌘⇧N" on a Mac, "Ctrl+Shift+N" elsewhere. */
export function keyText(command: ShellCommand, platform: Platform): string | null {
  const keys = COMMANDS[command].keys[platform];
  if (!keys) return null;
  if (platform !== 'darwin') return keys.replace('Left', '←').replace('Right', '→');
  const signs: Record<string, string> = { Cmd: '⌘', Shift: '⇧', Alt: '⌥', Ctrl: '⌃' };
  return keys
    .split('+')
    .map((part) => signs[part] ?? part)
    .join('');
}

/** The parts of a KeyboardEvent the table is matched against. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const KEY_NAMES: Record<string, string> = { Left: 'ArrowLeft', Right: 'ArrowRight' };

function matches(accelerator: string, press: KeyPress): boolean {
  const parts = accelerator.split('+');
  const key = parts.pop()!;
  const want = { Cmd: false, Ctrl: false, Shift: false, Alt: false };
  for (const p of parts) want[p as keyof typeof want] = true;
  if (press.metaKey !== want.Cmd || press.ctrlKey !== want.Ctrl || press.altKey !== want.Alt) return false;
  const pressed = press.key.length === 1 ? press.key.toUpperCase() : press.key;
  // A shifted key may arrive as its shifted character ("?" for "/"): compare the unshifted key and the Shift flag.
  if (press.shiftKey !== want.Shift) return false;
  return pressed === (KEY_NAMES[key] ?? key);
}

/**
 * The command a key press asks for in the window, if any. In web mode the keys a
 * browser keeps are left to it (`web`), so Ctrl+N still opens a browser window there.
 */
export function commandForKey(press: KeyPress, platform: Platform, where: 'app' | 'web'): ShellCommand | null {
  for (const command of SHELL_COMMANDS) {
    const info = COMMANDS[command];
    const keys = info.keys[platform];
    if (!keys || (where === 'web' && info.browserKeeps)) continue;
    if (matches(keys, press)) return command;
  }
  return null;
}

/** The platform of a browser's navigator, for the renderer (which has no process.platform). */
export function platformOf(userAgentPlatform: string): Platform {
  if (/mac/i.test(userAgentPlatform)) return 'darwin';
  if (/win/i.test(userAgentPlatform)) return 'win32';
  return 'linux';
}
