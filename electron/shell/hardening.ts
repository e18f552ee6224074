// Electron's security checklist, applied: main.ts hands every webContents and the
// session to these two functions. They are written against the few methods they
// use, not against Electron's types, so the tests can give them stand-ins and
// check that each guard is really installed and really refuses.
import {
  denyPermissionCheck,
  denyPermissionRequest,
  denyWindowOpen,
  isAllowedNavigation,
  isAllowedRequest,
  withSecurityHeaders,
  type AppLocation,
} from './security';

type Preventable = { preventDefault(): void };

/** What guardContents uses of a webContents. */
export interface GuardableContents {
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: Preventable, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Preventable) => void): unknown;
}

/** What hardenSession uses of a session. */
export interface GuardableSession {
  setPermissionRequestHandler(handler: typeof denyPermissionRequest): void;
  setPermissionCheckHandler(handler: typeof denyPermissionCheck): void;
  webRequest: {
    onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void): void;
    onHeadersReceived(
      listener: (details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders: Record<string, string[]> }) => void) => void,
    ): void;
  };
}

/** Every page (the window, the splash, anything a bug might create): no pop-ups, no navigation or redirect away, no <webview>. */
export function guardContents(contents: GuardableContents, app: AppLocation): void {
  contents.setWindowOpenHandler(denyWindowOpen);
  const stayHome = (event: Preventable, url: string) => {
    if (!isAllowedNavigation(url, app)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The session: no permission granted, nothing loaded from the network, our policy on every response. */
export function hardenSession(session: GuardableSession, app: AppLocation): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, app) }));
  // The dev server's React refresh needs an inline script; the built page gets the policy here and in its <meta>.
  if (app.kind === 'file') {
    session.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: withSecurityHeaders(details.responseHeaders) });
    });
  }
}
