// Long read-only statements on a worker thread, so that the thread that asked
// stays free while SQLite works. The app checks its records against their History
// at every start (reconcile.ts): each table's check is one statement over the whole
// log, up to 11 s at ten million rows, and the main process, which serves the
// window, could do nothing else meanwhile. Steps that run such a statement yield
// a Pending while the worker reads; a driver with an event loop awaits it, one
// without blocks on it. Without a worker (no threads, a database in memory) the
// statement runs where it was asked, as before.
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { startReader } from './readerWorker';

/** Atomics.waitAsync (Node 16 on), which TypeScript's ES2023 library (the renderer's too) does not declare yet. */
const waitAsync = (Atomics as unknown as {
  waitAsync(a: Int32Array, index: number, value: number, timeoutMs: number): { async: boolean; value: unknown };
}).waitAsync;

/** What a step yields while its statement runs elsewhere. */
export class Pending {
  constructor(private readonly control: Int32Array, private readonly seen: number) {}

  /**
   * Settles when the worker has answered (or at once if it already has), or a moment
   * has passed. The timer also keeps the process alive while it waits: a waitAsync
   * alone does not, and a process with nothing else to do would end in the middle.
   */
  get done(): Promise<unknown> {
    const w = waitAsync(this.control, 0, this.seen, 100);
    if (!w.async) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, 100);
      (w.value as Promise<unknown>).then(() => {
        clearTimeout(timer);
        resolve(undefined);
      });
    });
  }

  /** Blocks this thread until the worker has answered, or a moment has passed. */
  wait(): void {
    Atomics.wait(this.control, 0, this.seen, 100);
  }
}

/** Where a check's statements run: here, or on a worker. */
export interface StatementRunner {
  /** The rows of a read-only statement (plucked: the first column only). */
  all(sql: string, params: unknown[], pluck?: boolean): Generator<Pending, unknown[]>;
  /** Ends the worker, which closes its connection. */
  close(): void;
  /** Settles once the worker's connection is closed: before the last connection closes, or SQLite leaves the WAL behind. */
  readonly closed: Promise<void>;
}

/** The caller's own connection. */
export function here(sqlite: Database.Database): StatementRunner {
  return {
    // eslint-disable-next-line require-yield
    *all(sql, params, pluck = false) {
      const stmt = sqlite.prepare(sql);
      return (pluck ? stmt.pluck() : stmt).all(...params);
    },
    close() {},
    closed: Promise.resolve(),
  };
}

/**
 * A worker thread with a read-only connection of its own to `sqlite`'s file; the
 * caller's connection when that cannot be (each statement is one consistent read
 * either way). Close it when done: the worker, which keeps the process alive while
 * it reads, ends with it.
 */
export function offThread(sqlite: Database.Database): StatementRunner {
  if (sqlite.memory || sqlite.name === '') return here(sqlite);
  const control = new Int32Array(new SharedArrayBuffer(4)); // answers posted
  let port: MessagePort;
  let closed: Promise<void>;
  let gone = false;
  try {
    const channel = new MessageChannel();
    port = channel.port1;
    const worker = startReader(`
      post(0, { ready: db !== null });
      if (!db) job.port.close();
      job.port.on('message', ({ sql, params, pluck }) => {
        try {
          const stmt = db.prepare(sql);
          post(0, { rows: (pluck ? stmt.pluck() : stmt).all(...params) });
        } catch (e) {
          post(0, { error: e instanceof Error ? e.message : String(e) });
        }
      });
      job.port.on('close', () => db?.close());`, { file: sqlite.name, control, port: channel.port2 });
    // A worker that ended (or never started) wakes whoever waits for its answer, which then reads here.
    closed = new Promise((resolve) => worker.once('exit', () => {
      gone = true;
      Atomics.add(control, 0, 1);
      Atomics.notify(control, 0);
      resolve();
    }));
  } catch {
    return here(sqlite);
  }
  const fallback = here(sqlite);
  /**
   * The worker's next message, yielding until it comes; null if the worker is gone,
   * or has been silent for ten minutes (blocked without an event loop, its end goes unseen).
   */
  function* answer(): Generator<Pending, Record<string, unknown> | null> {
    for (let waits = 0; waits < 6_000; waits++) {
      const seen = Atomics.load(control, 0);
      const m = receiveMessageOnPort(port);
      if (m) return m.message as Record<string, unknown>;
      if (gone) return null;
      yield new Pending(control, seen);
    }
    return null;
  }
  let ready: boolean | undefined;
  return {
    *all(sql, params, pluck = false) {
      ready ??= (yield* answer())?.ready === true;
      if (!ready) return yield* fallback.all(sql, params, pluck);
      port.postMessage({ sql, params, pluck });
      const reply = yield* answer();
      if (reply === null) {
        ready = false;
        return yield* fallback.all(sql, params, pluck);
      }
      if (typeof reply.error === 'string') throw new Error(reply.error);
      return reply.rows as unknown[];
    },
    close() {
      port.close();
    },
    closed,
  };
}

/** Runs a stepwise check to its end without an event loop: blocking while a statement runs elsewhere. */
export function runSteps<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (r.value instanceof Pending) r.value.wait();
  }
}
