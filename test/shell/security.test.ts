// The window's rules, checked in plain Node: no Electron binary needed.
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  appLocation, CONTENT_SECURITY_POLICY, denyPermissionCheck, denyPermissionRequest, denyWindowOpen, isAllowedNavigation,
  META_CONTENT_SECURITY_POLICY, secureWebPreferences, withSecurityHeaders,
} from '../../electron/shell/security';
import { handleInvoke } from '../../electron/shell/ipc';
import { databaseFile, parseShellArgs } from '../../electron/shell/args';
import type { Dispatcher } from '../../electron/api/dispatch';

const indexUrl = pathToFileURL('/opt/JobTrail/resources/app/out/renderer/index.html').href;
const app = appLocation(indexUrl);

describe('the window', () => {
  it('isolates the page, sandboxes it and keeps Node out of it', () => {
    const p = secureWebPreferences('/opt/JobTrail/out/preload/preload.cjs');
    expect(p).toMatchObject({
      preload: '/opt/JobTrail/out/preload/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false,
      nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true,
      allowRunningInsecureContent: false, webviewTag: false,
    });
  });

  it('has a Content-Security-Policy that allows only its own scripts and origin', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => {
      const [name, ...values] = d.split(' ');
      return [name, values.join(' ')];
    }));
    expect(directives).toMatchObject({
      'default-src': "'self'", 'script-src': "'self'", 'connect-src': "'self'", 'img-src': "'self' data:",
      'object-src': "'none'", 'frame-ancestors': "'none'",
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
    for (const url of ['https://evil.example/', 'http://127.0.0.1:5173/', 'file:///etc/passwd',
      pathToFileURL('/opt/JobTrail/resources/app/out/renderer/other.html').href, 'javascript:alert(1)', 'not a url', '']) {
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

  it('keeps electron out of everything but main.ts and preload.ts', () => {
    for (const f of ['shell/security.ts', 'shell/ipc.ts', 'shell/args.ts', 'shell/channel.ts', 'web/server.ts', 'app.ts']) {
      const source = readFileSync(new URL(`../../electron/${f}`, import.meta.url), 'utf8');
      expect(source, f).not.toMatch(/from ['"]electron['"]/);
    }
  });
});

describe('IPC', () => {
  const calls: [string, unknown, string][] = [];
  const dispatcher: Dispatcher = {
    call(name, input, key) {
      calls.push([name, input, key]);
      return { ok: true, value: 'done' };
    },
  };

  it('forwards a call from our page with the window as the session', () => {
    const r = handleInvoke(dispatcher, app, { frameUrl: indexUrl, webContentsId: 7 }, 'bookings.list', { limit: 5 });
    expect(r).toEqual({ ok: true, value: 'done' });
    expect(calls.at(-1)).toEqual(['bookings.list', { limit: 5 }, 'ipc:7']);
  });

  it('refuses a call from a foreign frame, or a frame that is gone', () => {
    const before = calls.length;
    for (const frameUrl of ['https://evil.example/', 'file:///tmp/evil.html', null]) {
      const r = handleInvoke(dispatcher, app, { frameUrl, webContentsId: 7 }, 'users.create', {});
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(calls.length).toBe(before);
  });

  it('refuses an operation name that is not text', () => {
    const r = handleInvoke(dispatcher, app, { frameUrl: indexUrl, webContentsId: 7 }, { toString: () => 'x' }, {});
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
