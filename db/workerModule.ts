// Starts one of JobTrail's worker threads from its own module: the bundled file
// electron-vite writes beside main.js (an entry of its own in electron.vite.config.ts),
// or, when JobTrail runs from its TypeScript sources (the CLI, the tests), the .ts
// module itself through tsx. A worker that cannot start is an error its starter sees,
// never a quiet fall-back to one thread. It lives in db/, the lowest layer, because
// db/ starts workers of its own (the chain check's, the read-only statements').
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type TransferListItem } from 'node:worker_threads';

/** Every worker: its source module (from this folder) and the bundle electron-vite names after the key. */
const SOURCES = {
  core: '../electron/core/coreWorker.ts',
  jobs: '../electron/jobs/jobWorker.ts',
  statement: './workers/statementWorker.ts',
  chunk: './workers/chunkWorker.ts',
} as const;

export type WorkerName = keyof typeof SOURCES;

/** The bundled entries, for electron.vite.config.ts: name → source file. */
export function workerEntries(root: string): Record<string, string> {
  return Object.fromEntries(Object.entries(SOURCES).map(([name, source]) => [`${name}Worker`, join(root, 'db', source)]));
}

const fromSource = import.meta.url.endsWith('.ts');

/** tsx's in-process loader, found from this module so that any caller (vitest, tsx, plain node) can use it. */
function tsxLoader(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  return pathToFileURL(join(dirname(manifest), 'dist', 'esm', 'api', 'index.mjs')).href;
}

function moduleOf(name: WorkerName): URL {
  if (!Object.hasOwn(SOURCES, name)) throw new Error(`there is no worker named "${name}"`);
  // Every bundled chunk sits in out/main beside the workers, so this resolves from whichever holds this code.
  const target = new URL(fromSource ? SOURCES[name] : `./${name}Worker.js`, import.meta.url);
  // Checked here because a missing module otherwise shows only as an 'error' event,
  // which a starter blocked in Atomics.wait (db/syncWorker.ts) never hears.
  if (!existsSync(fileURLToPath(target))) throw new Error(`the ${name} worker's module is missing: ${fileURLToPath(target)}`);
  if (!fromSource) return target;
  // From the sources, a one-line ES module registers tsx in the worker and then loads the
  // worker's .ts module: a worker does not inherit the loader its parent runs under.
  const boot = `import { register } from ${JSON.stringify(tsxLoader())};\nregister();\nawait import(${JSON.stringify(target.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}

export interface StartOptions {
  workerData?: unknown;
  transferList?: TransferListItem[];
  /** Worker name in debuggers and thread lists. */
  name?: string;
}

/** Starts the worker; listen for its 'error' and 'exit' before it may have failed (the same tick). */
export function startWorker(name: WorkerName, o: StartOptions = {}): Worker {
  return new Worker(moduleOf(name), {
    workerData: o.workerData,
    transferList: o.transferList,
    name: o.name ?? `jobtrail-${name}`,
  });
}

export interface ReadyOptions<M> extends StartOptions {
  /** Every message, from the first on (log lines a worker sends while it gets ready, say); stays attached. */
  onMessage?: (m: M) => void;
  /** Which message says the worker is ready (or could not get ready); default: the first. */
  isFirst?: (m: M) => boolean;
}

/**
 * Starts the worker and waits for the message that says it is ready: settles with it,
 * or rejects with the worker's error, or with its exit if it ended before it said so.
 */
export function startWorkerReady<M>(name: WorkerName, o: ReadyOptions<M> = {}): Promise<{ worker: Worker; first: M }> {
  let worker: Worker;
  try {
    worker = startWorker(name, o);
  } catch (e) {
    return Promise.reject(e);
  }
  if (o.onMessage) worker.on('message', o.onMessage);
  return new Promise((resolve, reject) => {
    const fail = (e: Error) => {
      cleanup();
      void worker.terminate();
      reject(e);
    };
    const onError = (e: unknown) => fail(e instanceof Error ? e : new Error(String(e)));
    const onExit = (code: number) => fail(new Error(`the ${name} worker ended before it was ready (exit code ${code})`));
    const onMessage = (m: M) => {
      if (o.isFirst && !o.isFirst(m)) return;
      cleanup();
      resolve({ worker, first: m });
    };
    const cleanup = () => {
      worker.off('error', onError);
      worker.off('exit', onExit);
      worker.off('message', onMessage);
    };
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.on('message', onMessage);
  });
}
