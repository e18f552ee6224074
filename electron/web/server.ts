// Web mode: the same contract the window calls over IPC, served over HTTP on
// 127.0.0.1 with a token that only the person who started it sees, next to the
// built renderer. It is not a second implementation: every call is routed to the
// core worker's dispatcher, exactly like IPC, and nothing here touches the database.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CallRouter } from '../core/host';
import type { ApiError, Result } from '../api/dispatch';
import { CONTENT_SECURITY_POLICY } from '../shell/security';
import { webSessionKey } from '../api/sessions';
import { BodyError, callerRefusal, clientId, readJson, tokenMatches } from './guards';
import { resolveStatic, sendFile } from './static';

export interface WebServerOptions {
  /** Where calls go: the core worker (electron/core/host.ts). */
  router: CallRouter;
  /** 0 or undefined: a random free port. */
  port?: number;
  /** The built renderer; default <repo>/out/renderer. */
  staticDir?: string;
}

export interface WebServer {
  /** http://127.0.0.1:PORT/#token=TOKEN: the fragment never leaves the browser, so it is not in any log. */
  url: string;
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const BODY_LIMIT = 1024 * 1024;

const STATUS: Record<ApiError['code'], number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  unknown_call: 404,
  conflict: 409,
  busy: 503,
  internal: 500,
};

export function defaultStaticDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'out', 'renderer');
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store', ...extra });
  res.end(text);
}

const failure = (code: ApiError['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });

export function startWebServer(o: WebServerOptions): Promise<WebServer> {
  const token = randomBytes(32).toString('base64url');
  const staticDir = resolve(o.staticDir ?? defaultStaticDir());
  let port = 0;

  async function api(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, failure('invalid_input', 'Contract calls are POST requests.'), { Allow: 'POST' });
      return;
    }
    if (!tokenMatches(req.headers.authorization, token)) {
      sendJson(
        res,
        401,
        failure('unauthenticated', 'The web-mode token is missing or wrong: open the address JobTrail printed when it started, including its #token=….'),
      );
      return;
    }
    const client = clientId(req.headers['x-jobtrail-client']);
    if (!client) {
      sendJson(res, 400, failure('invalid_input', 'The X-JobTrail-Client header is missing or malformed.'));
      return;
    }
    let input: unknown;
    try {
      input = await readJson(req, BODY_LIMIT);
    } catch (e) {
      if (!(e instanceof BodyError)) throw e;
      // Close rather than drain what is left of an oversized body.
      sendJson(res, e.status, failure('invalid_input', e.message), e.status === 413 ? { Connection: 'close' } : {});
      return;
    }
    let name = '';
    try {
      name = decodeURIComponent(pathname.slice('/api/'.length));
    } catch {
      /* an undecodable name is an unknown call */
    }
    const result = await o.router.call(name, input, webSessionKey(client));
    sendJson(res, result.ok ? 200 : (STATUS[result.error.code] ?? 500), result);
  }

  function page(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed.\n', { Allow: 'GET, HEAD' });
      return;
    }
    if (pathname === '/' && !existsSync(join(staticDir, 'index.html'))) {
      sendText(res, 503, `The JobTrail screens are not built yet: run \`npm run build\` (looked in ${staticDir}).\n`);
      return;
    }
    const file = resolveStatic(staticDir, pathname);
    if (!file) {
      sendText(res, 404, 'Not found.\n');
      return;
    }
    sendFile(res, file, req.method === 'HEAD');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    const refusal = callerRefusal(req.socket.remoteAddress, req.headers.host, port);
    if (refusal) {
      sendText(res, 403, refusal);
      return;
    }
    let pathname: string;
    try {
      // Concatenated, not resolved against a base: "//x" must stay a path, not become a host.
      pathname = new URL(`http://127.0.0.1${(req.url ?? '/').startsWith('/') ? req.url : '/'}`).pathname;
    } catch {
      sendText(res, 400, 'Bad request.\n');
      return;
    }
    if (pathname === '/api' || pathname.startsWith('/api/')) await api(req, res, pathname);
    else page(req, res, pathname);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error(e);
      if (!res.headersSent) sendJson(res, 500, failure('internal', 'Something went wrong inside JobTrail; nothing was saved.'));
      else res.destroy();
    });
  });
  // The server never closes an idle kept-alive connection: the client, which knows
  // when it is about to send, does. A server-side idle timer races with the client's
  // next request, and loses for sure when the event loop was busy (a long call): the
  // timer fires before the request already waiting on the socket is read, and
  // closing a socket with unread bytes resets it. Idle connections come from this
  // computer only and cost a socket each.
  server.keepAliveTimeout = 0;
  // These only stop a local client that trickles a request forever. Node counts them
  // in wall time from when the connection was taken (or the request began), a busy
  // event loop included: a connection opened just before a long call, whose request
  // is read after it, would be answered 408. So they leave a wide margin over the
  // longest call.
  server.headersTimeout = 60_000;
  server.requestTimeout = 120_000;

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      port = (server.address() as AddressInfo).port;
      const origin = `http://127.0.0.1:${port}`;
      resolvePromise({
        url: `${origin}/#token=${token}`,
        origin,
        token,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
