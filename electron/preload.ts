// The window's only door into the main process: one typed `invoke` to the core,
// and `savePdf` for what only the window's own process can do (print its page);
// nothing else of Electron or Node. Built as CommonJS, because sandboxed preloads
// cannot be ESM.
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiClient } from './api/contract';
import { INVOKE_CHANNEL } from './shell/channel';
import { SAVE_PDF_CHANNEL, type DesktopClient } from './shell/savePdf';

const api: ApiClient & DesktopClient = {
  invoke: (name, input) => ipcRenderer.invoke(INVOKE_CHANNEL, name, input),
  savePdf: (request) => ipcRenderer.invoke(SAVE_PDF_CHANNEL, request),
};

contextBridge.exposeInMainWorld('api', api);
