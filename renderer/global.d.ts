import type { ApiClient } from '../electron/api/contract';
import type { DesktopClient } from '../electron/shell/savePdf';
import type { ShellEventsClient } from '../electron/shell/channel';

declare global {
  interface Window {
    /** Set by the preload in the Electron window; absent in web mode. */
    api?: ApiClient & Partial<DesktopClient & ShellEventsClient>;
  }
}

export {};
