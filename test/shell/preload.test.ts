// The preload's `listen`, run with Electron's ipcRenderer and contextBridge stood in
// for: the window hears the menu's commands, only names from the table, and stops
// hearing them when it unsubscribes.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { ShellEventsClient } from '../../electron/shell/channel';
import { EVENT_CHANNELS } from '../../electron/shell/channel';

const ipc = new EventEmitter();
const exposed: Record<string, unknown> = {};
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => {
      exposed[key] = api;
    },
  },
  ipcRenderer: { on: ipc.on.bind(ipc), removeListener: ipc.removeListener.bind(ipc), invoke: async () => null },
}));

describe('the preload', () => {
  it("passes the menu's commands to the window, drops anything else, and unsubscribes", async () => {
    await import('../../electron/preload');
    const api = exposed.api as ShellEventsClient;
    const heard: string[] = [];
    const stop = api.listen('command', (c) => heard.push(c));
    ipc.emit(EVENT_CHANNELS.command, {}, 'go.customers');
    ipc.emit(EVENT_CHANNELS.command, {}, 'rm -rf');
    ipc.emit(EVENT_CHANNELS.command, {}, { toString: () => 'go.audit' });
    expect(heard).toEqual(['go.customers']);
    stop();
    ipc.emit(EVENT_CHANNELS.command, {}, 'go.reports');
    expect(heard).toEqual(['go.customers']);
    expect(ipc.listenerCount(EVENT_CHANNELS.command)).toBe(0);
  });
});
