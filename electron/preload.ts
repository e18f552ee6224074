// The window's only door into the main process: one typed `invoke` to the core,
// `savePdf` for what only the window's own process can do (print its page), and
// `listen` for the menu's commands; nothing else of Electron or Node. Built as
// CommonJS, because sandboxed preloads cannot be ESM.
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiClient } from './api/contract';
import { EVENT_CHANNELS, INVOKE_CHANNEL, type ShellEventsClient } from './shell/channel';
import { isShellCommand } from './shell/accelerators';
import { SAVE_PDF_CHANNEL, type DesktopClient } from './shell/savePdf';

const api: ApiClient & DesktopClient & ShellEventsClient = {
  invoke: (name, input) => ipcRenderer.invoke(INVOKE_CHANNEL, name, input),
  savePdf: (request) => ipcRenderer.invoke(SAVE_PDF_CHANNEL, request),
  // The menu's commands: only names of the table reach the page.
  listen: (event, listener) => {
    const channel = EVENT_CHANNELS[event];
    const forward = (_e: unknown, payload: unknown) => {
      if (isShellCommand(payload)) listener(payload);
    };
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
