// The window's only door into the main process: one typed `invoke`, nothing else
// of Electron or Node. Built as CommonJS, because sandboxed preloads cannot be ESM.
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiClient } from './api/contract';
import { INVOKE_CHANNEL } from './shell/channel';

const api: ApiClient = {
  invoke: (name, input) => ipcRenderer.invoke(INVOKE_CHANNEL, name, input),
};

contextBridge.exposeInMainWorld('api', api);
