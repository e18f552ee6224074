import type { ApiClient } from '../electron/api/contract';

declare global {
  interface Window {
    /** Set by the preload in the Electron window; absent in web mode. */
    api?: ApiClient;
  }
}

export {};
