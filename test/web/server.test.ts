// Web mode over a real core: the token, the host check and the body rules guard
// the contract, and the static files stay inside their folder.
import { request } from 'node:http';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRowsAfter, lastAuditId, makeCore, routerOf, tempDir, TEST_PASSWORD, USER_NAMES, type TestCore } from '../helpers/core';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { callerRefusal, isLoopback } from '../../electron/web/guards';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let core: TestCore;
let web: WebServer;
let dir: string;

/** A raw request: node:http sends the path and the Host header exactly as given, unlike fetch. */
function send(method: string, path: string, options: { headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: web.port, method, path, headers: { Host: `127.0.0.1:${web.port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    // The server may close early on an oversized body; the reply still counts.
    req.on('error', reject);
    req.end(options.body);
  });
}

function callApi(name: string, input: unknown, o: { token?: string | null; client?: string; headers?: Record<string, string> } = {}) {
  const token = o.token === undefined ? web.token : o.token;
  return send('POST', `/api/${name}`, {
    headers: {
      'Content-Type': 'application/json',
      'X-JobTrail-Client': o.client ?? 'client-anonymous',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...o.headers,
    },
    body: JSON.stringify(input),
  });
}

const customerCount = () => (core.db.sqlite.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;

beforeAll(async () => {
  core = makeCore();
  dir = tempDir('jobtrail-web-');
  mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>JobTrail test page</title>');
  writeFileSync(join(dir, 'renderer', 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(dir, 'package.json'), '{"secret": "outside the static folder"}');
  web = await startWebServer({ router: routerOf(core.dispatcher), staticDir: join(dir, 'renderer') });
});

afterAll(async () => {
  await web?.close();
  core?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('web server: who may call', () => {
  it('listens on 127.0.0.1 and hands out its token in the fragment', () => {
    expect(web.origin).toBe(`http://127.0.0.1:${web.port}`);
    expect(web.url).toBe(`${web.origin}/#token=${web.token}`);
    expect(web.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });

  it('refuses a call without the token and writes nothing', async () => {
    const before = lastAuditId(core);
    const customers = customerCount();
    await callApi('auth.signIn', { name: USER_NAMES.staff, password: TEST_PASSWORD }, { token: null, client: 'client-no-token' });
    const r = await callApi('customers.create', { name: 'Nobody Asked' }, { token: null, client: 'client-no-token' });
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(lastAuditId(core)).toBe(before);
    expect(customerCount()).toBe(customers);
  });

  it('refuses a wrong token, of the same length or not', async () => {
    const sameLength = web.token.slice(0, -1) + (web.token.endsWith('A') ? 'B' : 'A');
    for (const token of [sameLength, 'short', `${web.token}x`]) {
      const r = await callApi('auth.status', {}, { token });
      expect(r.status).toBe(401);
    }
    const basic = await callApi('auth.status', {}, { token: null, headers: { Authorization: `Basic ${web.token}` } });
    expect(basic.status).toBe(401);
  });

  it('refuses a Host header that is not its own address (DNS rebinding)', async () => {
    for (const host of [`evil.example:${web.port}`, '127.0.0.1', `127.0.0.1:${web.port + 1}`]) {
      expect((await callApi('auth.status', {}, { headers: { Host: host } })).status).toBe(403);
      expect((await send('GET', '/', { headers: { Host: host } })).status).toBe(403);
    }
    expect((await callApi('auth.status', {}, { headers: { Host: `localhost:${web.port}` } })).status).toBe(200);
  });

  it('refuses, before reading the token, any caller not on this computer or not using its own address', () => {
    expect(callerRefusal('127.0.0.1', `127.0.0.1:${web.port}`, web.port)).toBeNull();
    expect(callerRefusal('::ffff:127.0.0.1', `localhost:${web.port}`, web.port)).toBeNull();
    for (const remote of ['192.168.1.20', '10.0.0.7', '::ffff:172.17.0.3', 'fe80::1', undefined]) {
      expect(callerRefusal(remote, `127.0.0.1:${web.port}`, web.port), String(remote)).toBe('JobTrail answers this computer only.\n');
    }
    expect(callerRefusal('127.0.0.1', `jobtrail.example:${web.port}`, web.port)).toMatch(/^Use http:\/\/127\.0\.0\.1:/);
  });

  // Another computer can only reach this one through a non-loopback address.
  const outward = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  it.skipIf(!outward)("is not reachable on this computer's network address, only on 127.0.0.1", async () => {
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect({ host: outward, port: web.port });
      // A firewall may drop the attempt instead of refusing it: no answer is not reaching it either.
      socket.setTimeout(3000, () => {
        socket.destroy();
        resolve('no answer');
      });
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
    expect(['ECONNREFUSED', 'EHOSTUNREACH', 'no answer']).toContain(outcome);
  });

  it('counts only loopback addresses as this computer', () => {
    for (const a of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.1.2.3']) expect(isLoopback(a)).toBe(true);
    for (const a of ['10.0.0.2', '192.168.1.5', '::ffff:10.0.0.1', 'fe80::1', undefined]) expect(isLoopback(a)).toBe(false);
  });
});

describe('web server: the contract over HTTP', () => {
  it('serves the contract to a signed-in client, and the audit row names the actor', async () => {
    const client = 'client-staff-1';
    const signed = await callApi('auth.signIn', { name: USER_NAMES.staff, password: TEST_PASSWORD }, { client });
    expect(signed.status).toBe(200);
    expect(JSON.parse(signed.body)).toMatchObject({ ok: true, value: { name: USER_NAMES.staff, role: 'staff' } });

    const before = lastAuditId(core);
    const made = await callApi('customers.create', { name: 'Rita Web', phone: '555-0101' }, { client });
    expect(made.status).toBe(200);
    expect(made.headers['cache-control']).toBe('no-store');
    const { value } = JSON.parse(made.body) as { value: { id: number; name: string } };
    expect(value.name).toBe('Rita Web');
    const rows = auditRowsAfter(core, before);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.entity === 'customer' && r.entity_id === value.id && r.actor_name === USER_NAMES.staff)).toBe(true);
  });

  it('keeps sessions apart per client id', async () => {
    const r = await callApi('customers.list', {}, { client: 'client-never-signed-in' });
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body).error.code).toBe('unauthenticated');
  });

  it('answers invalid input with 400 and names the field', async () => {
    const client = 'client-staff-2';
    await callApi('auth.signIn', { name: USER_NAMES.staff, password: TEST_PASSWORD }, { client });
    const r = await callApi('customers.create', { name: '   ' }, { client });
    expect(r.status).toBe(400);
    const body = JSON.parse(r.body);
    expect(body).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'name' } });
    expect(body.error.message).toMatch(/name/);
  });

  it('maps refusals to their HTTP status', async () => {
    const client = 'client-field-1';
    await callApi('auth.signIn', { name: USER_NAMES.fieldworker, password: TEST_PASSWORD }, { client });
    expect((await callApi('customers.create', { name: 'Not Allowed' }, { client })).status).toBe(403);
    expect((await callApi('bookings.get', { id: 999_999 }, { client })).status).toBe(404);
    const unknown = await callApi('nothing.here', {}, { client });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe('unknown_call');
  });

  it('refuses bodies that are not JSON, too large, or not POSTed', async () => {
    const headers = { Authorization: `Bearer ${web.token}`, 'X-JobTrail-Client': 'client-bodies', 'Content-Type': 'application/json' };
    expect((await send('POST', '/api/auth.status', { headers, body: '{not json' })).status).toBe(400);
    expect((await send('POST', '/api/auth.status', { headers: { ...headers, 'Content-Type': 'text/plain' }, body: '{}' })).status).toBe(400);
    const big = Buffer.alloc(1024 * 1024 + 10, 'a');
    expect((await send('POST', '/api/auth.status', { headers, body: big })).status).toBe(413);
    const get = await send('GET', '/api/auth.status', { headers });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect((await send('POST', '/api/auth.status', { headers: { ...headers, 'X-JobTrail-Client': '' }, body: '{}' })).status).toBe(400);
  });
});

describe('web server: the renderer files', () => {
  it('serves index.html at / with a strict Content-Security-Policy', async () => {
    const r = await send('GET', '/');
    expect(r.status).toBe(200);
    expect(r.body).toContain('JobTrail test page');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    const csp = String(r.headers['content-security-policy']);
    for (const d of ["default-src 'self'", "script-src 'self'", "connect-src 'self'", "object-src 'none'", "frame-ancestors 'none'"]) {
      expect(csp).toContain(d);
    }
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('serves assets with their content type, without a token', async () => {
    const r = await send('GET', '/assets/app.js');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await send('GET', '/assets/missing.js')).status).toBe(404);
  });

  it('never serves a file outside its folder, however the path is spelled', async () => {
    const paths = [
      '/../package.json',
      '/%2e%2e/package.json',
      '/..%2fpackage.json',
      '/%2e%2e%2fpackage.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/..%5cpackage.json',
      '/%00/../package.json',
      '//package.json',
      '/assets/../../package.json',
    ];
    for (const p of paths) {
      const r = await send('GET', p);
      expect(r.body, p).not.toContain('outside the static folder');
      expect([400, 404], p).toContain(r.status);
    }
  });

  it('answers 503 with what to do when the renderer was never built', async () => {
    const empty = tempDir('jobtrail-web-empty-');
    const other = await startWebServer({ router: routerOf(core.dispatcher), staticDir: empty });
    try {
      const r = await new Promise<Reply>((resolve, reject) => {
        request({ host: '127.0.0.1', port: other.port, path: '/' }, (res) => {
          let body = '';
          res.on('data', (c) => {
            body += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        })
          .on('error', reject)
          .end();
      });
      expect(r.status).toBe(503);
      expect(r.body).toContain('npm run build');
      expect(other.token).not.toBe(web.token);
    } finally {
      await other.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
