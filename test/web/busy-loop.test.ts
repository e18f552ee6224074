// Web mode while its event loop is busy: a long synchronous call (a verify of a
// big log) must delay the other requests, never drop them. The server runs in
// this process, so the test blocks its event loop itself, from inside a call, at
// the moment another request is already on the wire of a kept-alive connection.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../electron/api/dispatch';
import { makeCore, routerOf, type TestCore } from '../helpers/core';
import { startWebServer, type WebServer } from '../../electron/web/server';

/** Longer than the keep-alive timeout Node's server uses by default (5 s): the case the issue measured (a 6.3 s verify). */
const BUSY_MS = 6_500;

interface Reply {
  status: number;
  body: string;
}

/**
 * One raw TCP connection that carries request after request (keep-alive), with
 * no client of its own that might quietly retry: a reset is seen as a reset.
 */
class Connection {
  private buffer = Buffer.alloc(0);
  private waiting: { resolve: (r: Reply) => void; reject: (e: Error) => void } | null = null;
  private ended: Error | null = null;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.deliver();
    });
    socket.on('error', (e) => this.fail(e));
    socket.on('close', () => this.fail(new Error('the server closed the connection without an answer')));
  }

  static open(port: number): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new Connection(socket)));
      socket.once('error', reject);
    });
  }

  /** Writes a contract call and returns whether all of it went to the kernel at once (so the server can read it without us). */
  send(port: number, token: string, name: string, client: string): boolean {
    const body = '{}';
    this.socket.write(
      [
        `POST /api/${name} HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        `Authorization: Bearer ${token}`,
        `X-JobTrail-Client: ${client}`,
        'Content-Type: application/json',
        `Content-Length: ${body.length}`,
        'Connection: keep-alive',
        '',
        body,
      ].join('\r\n'),
    );
    return this.socket.writableLength === 0;
  }

  /** The next whole answer on this connection. */
  reply(): Promise<Reply> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.deliver();
      if (this.waiting && this.ended) this.fail(this.ended);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private deliver(): void {
    if (!this.waiting) return;
    const head = this.buffer.indexOf('\r\n\r\n');
    if (head < 0) return;
    const headers = this.buffer.subarray(0, head).toString('latin1');
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(headers)?.[1] ?? 0);
    if (this.buffer.length < head + 4 + length) return;
    const body = this.buffer.subarray(head + 4, head + 4 + length).toString('utf8');
    this.buffer = this.buffer.subarray(head + 4 + length);
    const { resolve } = this.waiting;
    this.waiting = null;
    resolve({ status: Number(headers.split(' ')[1]), body });
  }

  private fail(e: Error): void {
    this.ended ??= e;
    if (!this.waiting) return;
    const { reject } = this.waiting;
    this.waiting = null;
    reject(e);
  }
}

/** Blocks this thread (and so the server's event loop) without spinning a core. */
function blockEventLoop(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

let core: TestCore;
let web: WebServer;
/** Runs inside the slow client's call, just before the call blocks: what else happens "meanwhile". */
let meanwhile: () => void = () => {};

beforeAll(async () => {
  core = makeCore();
  // The same core, with one client whose calls take long: the stand-in for a big verify, in the test only.
  const slow: Dispatcher = {
    call(name, input, key) {
      if (key === 'http:client-slow-verify') {
        meanwhile();
        blockEventLoop(BUSY_MS);
      }
      return core.dispatcher.call(name, input, key);
    },
  };
  web = await startWebServer({ router: routerOf(slow), staticDir: core.dir });
});

afterAll(async () => {
  await web?.close();
  core?.dispose();
});

describe('web server: a busy event loop delays answers, never drops them', () => {
  it('answers requests sent on a kept-alive and on a new connection while another call holds the event loop', async () => {
    const reader = await Connection.open(web.port);
    const verifier = await Connection.open(web.port);
    // Opened before the long call, its request written during it: its timeouts count from now.
    const newcomer = await Connection.open(web.port);
    try {
      // The reader's connection is kept alive and idle: its keep-alive clock is running.
      reader.send(web.port, web.token, 'auth.status', 'client-reader');
      expect((await reader.reply()).status).toBe(200);

      let sentMeanwhile = false;
      meanwhile = () => {
        sentMeanwhile =
          reader.send(web.port, web.token, 'auth.accounts', 'client-reader') && newcomer.send(web.port, web.token, 'auth.status', 'client-newcomer');
      };
      const started = Date.now();
      verifier.send(web.port, web.token, 'auth.status', 'client-slow-verify');
      const [slowReply, readerReply, newcomerReply] = await Promise.all([verifier.reply(), reader.reply(), newcomer.reply()]);

      expect(sentMeanwhile).toBe(true);
      expect(Date.now() - started).toBeGreaterThanOrEqual(BUSY_MS - 50);
      expect(slowReply.status).toBe(200);
      expect(readerReply.status).toBe(200);
      expect(JSON.parse(readerReply.body)).toMatchObject({ ok: true });
      expect(newcomerReply.status).toBe(200);

      // And the connection is still good for the next call.
      reader.send(web.port, web.token, 'auth.status', 'client-reader');
      expect((await reader.reply()).status).toBe(200);
    } finally {
      meanwhile = () => {};
      reader.close();
      verifier.close();
      newcomer.close();
    }
  });
});
