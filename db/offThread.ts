// Long read-only statements on a worker thread, so that the thread that asked
// stays free while SQLite works. The app checks its records against their History
// at every start (reconcile.ts): each table's check is one statement over the whole
// log, up to 11 s at ten million rows, and the core, which answers the window's
// calls, could do nothing else meanwhile. Steps that run such a statement yield
// a Pending while the worker reads; a driver with an event loop awaits it, one
// without blocks on it.
import type Database from 'better-sqlite3';
import { SyncWorker, type SyncJob } from './syncWorker';

/** Atomics.waitAsync (Node 16 on), which TypeScript's ES2023 library (the renderer's too) does not declare yet. */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(a: Int32Array, index: number, value: number, timeoutMs: number): { async: boolean; value: unknown };
  }
).waitAsync;

/** What a step yields while its statement runs elsewhere. */
export class Pending {
  constructor(
    private readonly control: Int32Array,
    private readonly seen: number,
  ) {}

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

/** What the statement worker (db/workers/statementWorker.ts) is given. */
export interface StatementJob extends SyncJob {
  file: string;
}

/** One statement for it to run. */
export interface StatementRequest {
  sql: string;
  params: unknown[];
  pluck: boolean;
}

/** How long a statement may take on the worker before the caller gives up on it. */
const STATEMENT_TIMEOUT_MS = 10 * 60_000;

/**
 * A worker thread with a read-only connection of its own to `sqlite`'s file (each
 * statement is one consistent read). A worker that cannot start, or cannot open the
 * file, makes all() throw why; a database in memory, which no worker can open, runs
 * its statements on the caller's connection. Close it when done: the worker, which
 * keeps the process alive while it reads, ends with it.
 */
export function offThread(sqlite: Database.Database): StatementRunner {
  if (sqlite.memory || sqlite.name === '') return here(sqlite);
  const control = new Int32Array(new SharedArrayBuffer(4)); // answers posted
  const job: Omit<StatementJob, 'answers'> = { file: sqlite.name };
  const worker = new SyncWorker('statement', 'The off-thread reader', job, control, 0);
  /** The worker's answer, yielding until it comes; throws if the worker failed, ended, or stayed silent too long. */
  function* reply(): Generator<Pending, Record<string, unknown>> {
    const since = Date.now();
    for (;;) {
      const seen = Atomics.load(control, 0);
      const m = worker.receive();
      if (m !== undefined) return m as Record<string, unknown>;
      if (worker.ended) throw new Error("The off-thread reader's worker ended without answering");
      if (Date.now() - since > STATEMENT_TIMEOUT_MS) {
        throw new Error(`The off-thread reader's worker has not answered in ${STATEMENT_TIMEOUT_MS / 60_000} minutes`);
      }
      yield new Pending(control, seen);
    }
  }
  return {
    *all(sql, params, pluck = false) {
      worker.send({ sql, params, pluck } satisfies StatementRequest);
      const answer = yield* reply();
      if (typeof answer.error === 'string') throw new Error(answer.error);
      return answer.rows as unknown[];
    },
    close() {
      worker.close();
    },
    closed: worker.exited,
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
