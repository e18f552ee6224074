import type { ShellCommand } from './accelerators';

/** The contract's IPC channel between the preload and the main process. */
export const INVOKE_CHANNEL = 'jobtrail:invoke';

/** What the main process tells the window, unasked: one typed map, one channel each. */
export interface ShellEvents {
  /** A menu item was chosen: the window does what it names (renderer/shell/commands.ts). */
  command: ShellCommand;
}

export const EVENT_CHANNELS: { [K in keyof ShellEvents]: string } = { command: 'jobtrail:command' };

/** The preload's listen: the window subscribes to one event, and gets a function that unsubscribes. */
export interface ShellEventsClient {
  listen<K extends keyof ShellEvents>(event: K, listener: (payload: ShellEvents[K]) => void): () => void;
}
