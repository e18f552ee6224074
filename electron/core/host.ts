// The routing side of the core: what the Electron main process and the web server
// hold instead of a database. Each call becomes a message to the core worker
// (coreWorker.ts) and its answer a settled promise; nothing here touches SQLite,
// so the thread that paints the window (or serves the page) never waits on it.
import type { Worker } from 'node:worker_threads';
import type { KeyPlace } from '../../db/chainKeys';
import { startWorkerReady } from '../../db/workerModule';
import type { Result } from '../api/dispatch';
import type { CoreStart, FromCore, ToCore } from './protocol';
import { serveVault, type ServedVault } from './vaultBridge';

/** What routes a contract call: the IPC handler and the web server need nothing else. */
export interface CallRouter {
  call(name: string, input: unknown, sessionKey: string): Promise<Result<unknown>>;
}

export interface CoreHost extends CallRouter {
  file: string;
  /** Ends the start-up tasks and jobs, closes the database (checkpointing the WAL) and ends the worker. */
  close(): Promise<void>;
}

export interface CoreLog {
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

export interface CoreHostOptions {
  /** Where the signing key lives; its vault, if any, stays on this thread and is asked over a port. */
  keys?: KeyPlace;
  /** Who holds the file, as told to another program that tries to open it. */
  lockHolder: string;
  seedDemo?: boolean;
  /** The start-up integrity check and the day's backup (default on). */
  startupTasks?: boolean;
  busyTimeoutMs?: number;
  log?: CoreLog;
}

/** A write waits this long for another program's lock, then answers "busy": the person hears it within two seconds. */
export const CORE_BUSY_TIMEOUT_MS = 1500;

const consoleLog: CoreLog = { info: console.log, warn: console.warn, error: console.error };

const stopped = (message: string): Result<never> => ({ ok: false, error: { code: 'internal', message } });

/**
 * Starts the core worker on `file` and settles once the database is open (and, with
 * `seedDemo`, the demo made). Rejects with the worker's own words when it cannot open
 * the file, or with the error that kept the worker from starting at all.
 */
export async function startCoreWorker(file: string, o: CoreHostOptions): Promise<CoreHost> {
  const log = o.log ?? consoleLog;
  const vault: ServedVault | null = o.keys?.vault ? serveVault(o.keys.vault) : null;
  const start: CoreStart = {
    file,
    keyDir: o.keys?.dir,
    lockHolder: o.lockHolder,
    seedDemo: o.seedDemo ?? false,
    startupTasks: o.startupTasks ?? true,
    busyTimeoutMs: o.busyTimeoutMs ?? CORE_BUSY_TIMEOUT_MS,
    ...(vault ? { vaultPort: vault.port, vaultControl: vault.control, vaultSuffix: vault.suffix } : {}),
  };
  let worker: Worker;
  // Log lines come before 'ready' too (the demo's progress): listen from the first message.
  const onLog = (m: FromCore) => {
    if (m.t === 'log') log[m.level](m.line);
  };
  try {
    const started = await startWorkerReady<FromCore>('core', {
      workerData: start,
      transferList: vault ? [vault.port] : [],
      onMessage: onLog,
      isFirst: (m) => m.t === 'ready' || m.t === 'failed',
    });
    worker = started.worker;
    if (started.first.t === 'failed') {
      await worker.terminate();
      throw new Error(started.first.message);
    }
  } catch (e) {
    vault?.close();
    throw e;
  }
  return route(worker, file, log, () => vault?.close());
}

function route(worker: Worker, file: string, log: CoreLog, release: () => void): CoreHost {
  const pending = new Map<number, (r: Result<unknown>) => void>();
  let nextId = 1;
  let gone: string | null = null;
  let closed: (() => void) | null = null;

  const end = (why: string) => {
    gone ??= why;
    for (const answer of pending.values()) answer(stopped(why));
    pending.clear();
    release();
  };
  worker.on('message', (m: FromCore) => {
    if (m.t === 'result') {
      pending.get(m.id)?.(m.result);
      pending.delete(m.id);
    } else if (m.t === 'closed') {
      closed?.();
    }
  });
  worker.on('error', (e) => {
    log.error(`The JobTrail core stopped: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    end('The JobTrail core stopped unexpectedly; nothing more can be saved. Please restart JobTrail. The details are in the log.');
  });
  worker.on('exit', () => {
    end('JobTrail is closing, or its core has stopped: please restart JobTrail.');
    closed?.();
  });

  return {
    file,
    call(name, input, session) {
      if (gone) return Promise.resolve(stopped(gone));
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        worker.postMessage({ t: 'call', id, name, input, session } satisfies ToCore);
      });
    },
    close() {
      if (gone) return Promise.resolve();
      return new Promise<void>((resolve) => {
        closed = () => {
          closed = null;
          end('JobTrail has closed.');
          void worker.terminate().then(() => resolve());
        };
        worker.postMessage({ t: 'close' } satisfies ToCore);
      });
    },
  };
}
