// The window's rules, checked in plain Node: no Electron binary needed.
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  appLocation,
  CONTENT_SECURITY_POLICY,
  denyPermissionCheck,
  denyPermissionRequest,
  denyWindowOpen,
  isAllowedNavigation,
  isAllowedRequest,
  META_CONTENT_SECURITY_POLICY,
  secureWebPreferences,
  withSecurityHeaders,
} from '../../electron/shell/security';
import { guardContents, hardenSession, type GuardableContents, type GuardableSession } from '../../electron/shell/hardening';
import { SPLASH_PREFERENCES } from '../../electron/shell/splash';
import { handleInvoke } from '../../electron/shell/ipc';
import { databaseFile, parseShellArgs } from '../../electron/shell/args';
import type { CallRouter } from '../../electron/core/host';

const indexUrl = pathToFileURL('/opt/JobTrail/resources/app/out/renderer/index.html').href;
const app = appLocation(indexUrl);

describe('the window', () => {
  it('isolates the page, sandboxes it and keeps Node out of it', () => {
    const p = secureWebPreferences('/opt/JobTrail/out/preload/preload.cjs');
    expect(p).toMatchObject({
      preload: '/opt/JobTrail/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('has a Content-Security-Policy that allows only its own scripts and origin', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split('; ').map((d) => {
        const [name, ...values] = d.split(' ');
        return [name, values.join(' ')];
      }),
    );
    expect(directives).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'connect-src': "'self'",
      'img-src': "'self' data:",
      'object-src': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(directives['script-src']).not.toContain('unsafe-inline');
    // A <meta> policy cannot carry frame-ancestors; everything else is the same.
    expect(META_CONTENT_SECURITY_POLICY).not.toContain('frame-ancestors');
    expect(META_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
  });

  it('adds the policy to every response, replacing any the response brought', () => {
    const h = withSecurityHeaders({ 'content-security-policy': ['default-src *'], 'Content-Type': 'text/html' });
    expect(h['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(h['X-Content-Type-Options']).toEqual(['nosniff']);
    expect(h['content-security-policy']).toBeUndefined();
    expect(h['Content-Type']).toEqual(['text/html']);
  });

  it('lets the window navigate only to its own page', () => {
    expect(isAllowedNavigation(indexUrl, app)).toBe(true);
    expect(isAllowedNavigation(`${indexUrl}#/bookings/3`, app)).toBe(true);
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:5173/',
      'file:///etc/passwd',
      pathToFileURL('/opt/JobTrail/resources/app/out/renderer/other.html').href,
      'javascript:alert(1)',
      'not a url',
      '',
    ]) {
      expect(isAllowedNavigation(url, app), url).toBe(false);
    }
    const dev = appLocation(indexUrl, 'http://localhost:5173/');
    expect(isAllowedNavigation('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/', dev)).toBe(false);
    expect(isAllowedNavigation(indexUrl, dev)).toBe(false);
  });

  it('opens no pop-ups and grants no permission', () => {
    expect(denyWindowOpen()).toEqual({ action: 'deny' });
    const callback = vi.fn();
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) denyPermissionRequest({}, p, callback);
    expect(callback).toHaveBeenCalledTimes(5);
    expect(callback.mock.calls.every(([granted]) => granted === false)).toBe(true);
    expect(denyPermissionCheck()).toBe(false);
  });

  it('loads nothing from the network: only its own files, and what never leaves the machine', () => {
    const folder = '/opt/JobTrail/resources/app/out/renderer';
    for (const url of [
      indexUrl,
      pathToFileURL(`${folder}/assets/index-3f2a.js`).href,
      pathToFileURL(`${folder}/assets/font.woff2`).href,
      'data:image/png;base64,iVBORw0KGgo=',
      'blob:file:///8c1d-42',
      'devtools://devtools/bundled/inspector.html',
    ]) {
      expect(isAllowedRequest(url, app), url).toBe(true);
    }
    for (const url of [
      'https://cdn.example.com/react.js',
      'http://127.0.0.1:8080/api',
      'ws://evil.example/',
      'file:///etc/passwd',
      pathToFileURL('/opt/JobTrail/resources/app/out/main/main.js').href,
      pathToFileURL(`${folder}-evil/x.js`).href,
      'ftp://x/',
      'not a url',
    ]) {
      expect(isAllowedRequest(url, app), url).toBe(false);
    }
    const dev = appLocation(indexUrl, 'http://localhost:5173/');
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', dev)).toBe(true);
    expect(isAllowedRequest('http://localhost:5174/', dev)).toBe(false);
    expect(isAllowedRequest('https://fonts.example/x.woff2', dev)).toBe(false);
  });

  it('the splash window has no script, no Node and a sandbox', () => {
    expect(SPLASH_PREFERENCES).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, javascript: false, webSecurity: true });
  });
});

/** A stand-in for a webContents that keeps the handlers it is given, to call them as Electron would. */
function fakeContents() {
  const on: Record<string, ((event: { preventDefault(): void }, url: string) => void)[]> = {};
  let windowOpen: (() => { action: string }) | undefined;
  const contents: GuardableContents = {
    setWindowOpenHandler: (h) => {
      windowOpen = h;
    },
    on: (event: string, listener: (event: { preventDefault(): void }, url: string) => void) => {
      (on[event] ??= []).push(listener);
    },
  };
  /** Emits an event; true when some handler prevented it. */
  const emit = (event: string, url = '') => {
    let prevented = false;
    for (const l of on[event] ?? [])
      l(
        {
          preventDefault: () => {
            prevented = true;
          },
        },
        url,
      );
    return prevented;
  };
  return { contents, emit, on, windowOpen: () => windowOpen?.() };
}

function fakeSession() {
  const handlers: {
    request?: Parameters<GuardableSession['setPermissionRequestHandler']>[0];
    check?: Parameters<GuardableSession['setPermissionCheckHandler']>[0];
    before?: Parameters<GuardableSession['webRequest']['onBeforeRequest']>[0];
    headers?: Parameters<GuardableSession['webRequest']['onHeadersReceived']>[0];
  } = {};
  const session: GuardableSession = {
    setPermissionRequestHandler: (h) => {
      handlers.request = h;
    },
    setPermissionCheckHandler: (h) => {
      handlers.check = h;
    },
    webRequest: {
      onBeforeRequest: (l) => {
        handlers.before = l;
      },
      onHeadersReceived: (l) => {
        handlers.headers = l;
      },
    },
  };
  return { session, handlers };
}

describe('the guards main.ts installs', () => {
  it('on every page: no pop-up, no navigation or redirect away from the app, no <webview>', () => {
    const f = fakeContents();
    guardContents(f.contents, app);
    expect(f.windowOpen()).toEqual({ action: 'deny' });
    expect(f.emit('will-navigate', 'https://evil.example/')).toBe(true);
    expect(f.emit('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(f.emit('will-navigate', `${indexUrl}#/bookings`)).toBe(false);
    expect(f.emit('will-redirect', 'https://evil.example/')).toBe(true);
    expect(f.emit('will-attach-webview')).toBe(true);
  });

  it('on the session: every permission denied, remote requests cancelled, the policy on every response', () => {
    const f = fakeSession();
    hardenSession(f.session, app);
    const granted: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen']) {
      f.handlers.request!({}, p, (g) => granted.push(g));
    }
    expect(granted).toEqual([false, false, false, false, false, false]);
    expect(f.handlers.check!()).toBe(false);
    const cancelled = (url: string) => {
      let answer: boolean | undefined;
      f.handlers.before!({ url }, (r) => {
        answer = r.cancel;
      });
      return answer;
    };
    expect(cancelled('https://tracker.example/pixel.gif')).toBe(true);
    expect(cancelled(indexUrl)).toBe(false);
    let headers: Record<string, string[]> = {};
    f.handlers.headers!({ responseHeaders: { 'Content-Security-Policy': ['default-src *'] } }, (r) => {
      headers = r.responseHeaders;
    });
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it('main.ts wires them all in, and nothing that would undo them', () => {
    const main = readFileSync(new URL('../../electron/main.ts', import.meta.url), 'utf8');
    expect(main).toContain('app.enableSandbox();');
    expect(main).toContain("app.on('web-contents-created', (_event, contents) => guardContents(contents, location));");
    expect(main).toContain('hardenSession(session.defaultSession, location);');
    expect(main).toMatch(/webPreferences: secureWebPreferences\(/);
    expect(main).toMatch(/webPreferences: SPLASH_PREFERENCES/);
    expect(main.match(/new BrowserWindow\(/g)).toHaveLength(2);
    // IPC: two channels, one handler each, and the sender's frame handed to the check.
    expect(main.match(/ipcMain\.\w+\(/g)).toEqual(['ipcMain.handle(', 'ipcMain.handle(']);
    expect(main).toContain('ipcMain.handle(SAVE_PDF_CHANNEL, (event, input: unknown) => savePdf(event.sender, event.senderFrame?.url ?? null, input));');
    expect(main).toMatch(
      /ipcMain\.handle\(INVOKE_CHANNEL, \(event, name: unknown, input: unknown\) =>\s+handleInvoke\(started, location, \{ frameUrl: event\.senderFrame\?\.url \?\? null/,
    );
    // The main process routes calls to the core worker and holds no database of its own: a
    // long statement or a locked file can never freeze the window (its imports are held
    // to that by eslint.config.js, test/lint/layers.test.ts).
    expect(main).toContain('startCoreWorker(');
    // Nothing that turns a protection off, opens outside content, or reaches Node from the page.
    for (const undo of [
      /nodeIntegration:\s*true/,
      /contextIsolation:\s*false/,
      /sandbox:\s*false/,
      /webSecurity:\s*false/,
      /allowRunningInsecureContent:\s*true/,
      /openExternal/,
      /@electron\/remote/,
      /enableRemoteModule/,
      /webviewTag:\s*true/,
      /--no-sandbox/,
      /setPermissionRequestHandler\(null\)/,
    ]) {
      expect(main, String(undo)).not.toMatch(undo);
    }
    // Pages come only from the built file or, in development, the dev server.
    expect([...main.matchAll(/\.load(?:URL|File)\((\w+)/g)].map((m) => m[1])).toEqual(['splashPage', 'devServerUrl', 'indexFile']);
  });

  it('the preload exposes three functions, invoke, savePdf and listen, on their own channels, and nothing of Electron itself', () => {
    const preload = readFileSync(new URL('../../electron/preload.ts', import.meta.url), 'utf8');
    expect(preload.match(/contextBridge\.exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toContain("contextBridge.exposeInMainWorld('api', api);");
    expect(preload).toMatch(
      /const api: ApiClient & DesktopClient & ShellEventsClient = \{\s+invoke: \(name, input\) => ipcRenderer\.invoke\(INVOKE_CHANNEL, name, input\),\s+savePdf: \(request\) => ipcRenderer\.invoke\(SAVE_PDF_CHANNEL, request\),/,
    );
    // listen (test/shell/preload.test.ts) subscribes to one channel and removes only its own listener.
    expect(preload.match(/ipcRenderer\.\w+/g)).toEqual(['ipcRenderer.invoke', 'ipcRenderer.invoke', 'ipcRenderer.on', 'ipcRenderer.removeListener']);
  });
});

describe('IPC', () => {
  const calls: [string, unknown, string][] = [];
  const router: CallRouter = {
    async call(name, input, key) {
      calls.push([name, input, key]);
      return { ok: true, value: 'done' };
    },
  };

  it('forwards a call from our page with the window as the session', async () => {
    const r = await handleInvoke(router, app, { frameUrl: indexUrl, webContentsId: 7 }, 'bookings.list', { limit: 5 });
    expect(r).toEqual({ ok: true, value: 'done' });
    expect(calls.at(-1)).toEqual(['bookings.list', { limit: 5 }, 'ipc:7']);
  });

  it('refuses a call from a foreign frame, or a frame that is gone', async () => {
    const before = calls.length;
    for (const frameUrl of ['https://evil.example/', 'file:///tmp/evil.html', null]) {
      const r = await handleInvoke(router, app, { frameUrl, webContentsId: 7 }, 'users.create', {});
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(calls.length).toBe(before);
  });

  it('refuses an operation name that is not text', async () => {
    const r = await handleInvoke(router, app, { frameUrl: indexUrl, webContentsId: 7 }, { toString: () => 'x' }, {});
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
  });
});

describe('command line', () => {
  it('reads --db and --demo, and keeps the demo in its own file', () => {
    expect(parseShellArgs(['.', '--demo'])).toEqual({ db: null, demo: true });
    expect(parseShellArgs(['--db', '/data/office.db'])).toEqual({ db: '/data/office.db', demo: false });
    expect(parseShellArgs(['--db=/data/x.db', '--demo'])).toEqual({ db: '/data/x.db', demo: true });
    expect(databaseFile({ db: null, demo: false }, '/home/a/.config/JobTrail')).toBe(join('/home/a/.config/JobTrail', 'jobtrail.db'));
    expect(databaseFile({ db: null, demo: true }, '/home/a/.config/JobTrail')).toBe(join('/home/a/.config/JobTrail', 'demo.db'));
    expect(databaseFile({ db: '/x.db', demo: true }, '/home/a')).toBe('/x.db');
  });
});
