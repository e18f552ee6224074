// What the window may do, as plain data and pure functions: main.ts hands these to
// Electron, the web server sends the same policy, and the tests read them without
// an Electron binary.

/** The renderer loads its own bundled script and style and talks only to its own origin. */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  // React sets style attributes; inline styles cannot run code.
  'style-src': "'self' 'unsafe-inline'",
  'connect-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
};

const policy = (skip: string[] = []) =>
  Object.entries(CSP_DIRECTIVES)
    .filter(([name]) => !skip.includes(name))
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');

export const CONTENT_SECURITY_POLICY = policy();

/** For a <meta> tag, where browsers ignore (and warn about) frame-ancestors. */
export const META_CONTENT_SECURITY_POLICY = policy(['frame-ancestors']);

/** BrowserWindow webPreferences: an isolated, sandboxed page with no Node in it. */
export function secureWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  } as const;
}

/** Where the window's page comes from: the built index.html, or electron-vite's dev server. */
export type AppLocation = { kind: 'file'; indexUrl: string } | { kind: 'dev'; origin: string };

export function appLocation(indexFileUrl: string, devServerUrl?: string): AppLocation {
  return devServerUrl ? { kind: 'dev', origin: new URL(devServerUrl).origin } : { kind: 'file', indexUrl: indexFileUrl };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for our own page only: the built index.html file (any hash), or the dev server's origin. */
export function isAppUrl(url: string | null | undefined, app: AppLocation): boolean {
  const u = url ? parse(url) : null;
  if (!u) return false;
  if (app.kind === 'dev') return u.origin === app.origin;
  const index = new URL(app.indexUrl);
  return u.protocol === 'file:' && index.protocol === 'file:' && u.host === index.host && decodeURIComponent(u.pathname) === decodeURIComponent(index.pathname);
}

/**
 * The app is one page: any navigation elsewhere (a link in a note, a dropped file,
 * a script gone wrong) would load foreign content next to the preload's API.
 */
export function isAllowedNavigation(url: string, app: AppLocation): boolean {
  return isAppUrl(url, app);
}

/**
 * Whether the window may load a URL at all (session.webRequest.onBeforeRequest):
 * its own files, the dev server in development, and content that never leaves
 * the machine (data:, blob:, DevTools). No remote content: a script, image or
 * frame from the network would run next to the preload's API or leak what it shows.
 */
export function isAllowedRequest(url: string, app: AppLocation): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'devtools:') return true;
  if (app.kind === 'dev') {
    const dev = new URL(app.origin);
    return (u.protocol === dev.protocol || u.protocol === (dev.protocol === 'https:' ? 'wss:' : 'ws:')) && u.host === dev.host;
  }
  const index = new URL(app.indexUrl);
  if (u.protocol !== 'file:' || u.host !== index.host) return false;
  const folder = decodeURIComponent(index.pathname).replace(/[^/]*$/, '');
  const path = decodeURIComponent(u.pathname);
  return path.startsWith(folder) && !path.split('/').includes('..');
}

/** setWindowOpenHandler: no pop-ups, ever. */
export const denyWindowOpen = () => ({ action: 'deny' as const });

/** setPermissionRequestHandler: no camera, location, notifications, … JobTrail needs none. */
export function denyPermissionRequest(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

/** setPermissionCheckHandler. */
export const denyPermissionCheck = (): boolean => false;

/** Response headers with our policy added, for session.webRequest.onHeadersReceived. */
export function withSecurityHeaders(headers: Record<string, string[] | string> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    const lower = k.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'x-content-type-options') continue;
    out[k] = Array.isArray(v) ? v : [v];
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  out['X-Content-Type-Options'] = ['nosniff'];
  return out;
}
