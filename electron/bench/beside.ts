// The figures of the core beside the window: the app as it runs, with its calls
// routed from this thread to the core worker (electron/core/host.ts) and its long
// work on a jobs worker. A booking's History is read, as a person clicking through
// would, while a whole verify runs and while a whole-log CSV export runs; a write
// is sent while another connection holds the write lock; and all the while this
// thread's event loop is watched, since in the app it would be the main process's.
import Database from 'better-sqlite3';
import { fork } from 'node:child_process';
import { PerformanceObserver } from 'node:perf_hooks';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KeyPlace } from '../../db/chainKeys';
import { startCoreWorker, type CoreHost } from '../core/host';
import { DEMO_PASSWORD } from '../cli/seed';
import type { JobRequest, JobStatus } from '../jobs/types';
import { round, type Figure } from './figures';
import { latency, page, sampler } from './reads';

const quiet = { info: () => {}, warn: () => {}, error: (line: string) => console.error(line) };
/** A person reading History while a job runs asks again about this often: what the samples are spaced by. */
const READ_EVERY_MS = 40;
const SESSION = 'bench:beside';

async function value<T>(host: CoreHost, name: string, input: unknown): Promise<T> {
  const r = await host.call(name, input, SESSION);
  if (!r.ok) throw new Error(`${name} refused: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** The first user of a role, read before the watch begins (it reads on this thread). */
function userOf(file: string, role: string): { name: string; bookingIds: number[] } {
  const reader = new Database(file, { readonly: true });
  try {
    const name = reader.prepare('SELECT name FROM users WHERE role = ? AND active = 1 ORDER BY id LIMIT 1').pluck().get(role) as string;
    // The bookings a person opens are mostly recent ones; any of the last 50,000 will do.
    const bookingIds = reader.prepare('SELECT id FROM bookings ORDER BY id DESC LIMIT 50000').pluck().all() as number[];
    return { name, bookingIds };
  } finally {
    reader.close();
  }
}

/**
 * History reads, one after another, from the job's start until its status says it
 * ended (at least a few, so a toy database that verifies at once still gives figures).
 */
async function readsDuring(host: CoreHost, request: JobRequest, bookingIds: number[], seed: number) {
  const rng = sampler(seed);
  let job = await value<JobStatus>(host, 'jobs.start', request);
  const samples: number[] = [];
  let lastPoll = performance.now();
  while (job.state === 'running' || samples.length < 5) {
    const t = performance.now();
    await value(host, 'history.booking', { bookingId: rng.pick(bookingIds), ...page });
    samples.push(performance.now() - t);
    if (job.state === 'running' && performance.now() - lastPoll > 250) {
      job = await value<JobStatus>(host, 'jobs.status', { id: job.id });
      lastPoll = performance.now();
    }
    await sleep(READ_EVERY_MS);
  }
  if (job.state !== 'done') throw new Error(`the ${request.kind} job ended ${job.state}: ${job.error ?? ''}`);
  return { samples, job };
}

export interface BesideOptions {
  /** A copy of the cached database: the jobs run on it (an export is recorded in its History) and the refused write is sent to it. */
  scratch: string;
  /** The scratch copy's keys and witness (run.ts), apart from the cached database's. */
  keys: KeyPlace;
  seed: number;
  say: (line: string) => void;
}

/** besideFigures in a child process that does nothing else (besideChild.ts); its peak memory joins the routing block's detail. */
export function besideFiguresInChild(o: BesideOptions): Promise<Figure[]> {
  const child = fork(fileURLToPath(new URL('./besideChild.ts', import.meta.url)), [JSON.stringify({ ...o, say: undefined })], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    execArgv: ['--import', 'tsx'],
  });
  return new Promise((resolve, reject) => {
    let figures: Figure[] | null = null;
    child.on('message', (m: { say?: string; figures?: Figure[]; peakMiB?: number }) => {
      if (m.say) o.say(m.say);
      if (m.figures) {
        figures = m.figures.map((f) => (f.key === 'mainLoopLongestBlockMs' ? { ...f, detail: { ...f.detail, processPeakMiB: m.peakMiB } } : f));
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => (figures ? resolve(figures) : reject(new Error(`the beside figures' process ended without them (exit ${code})`))));
  });
}

export async function besideFigures(o: BesideOptions): Promise<Figure[]> {
  const figures: Figure[] = [];
  // Read on this thread before the watch begins: in the app, nothing on the main process reads the database.
  const { name, bookingIds } = userOf(o.scratch, 'manager');
  const staff = userOf(o.scratch, 'staff');
  const other = await lockHolder(o.scratch);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  // Whether a block was this process's own garbage collection, which no message handling causes alone.
  let longestGc = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longestGc = Math.max(longestGc, e.duration);
  });
  gc.observe({ entryTypes: ['gc'] });
  // On the scratch copy: an export is recorded in the History once written, and the cached database is never written to.
  const host = await startCoreWorker(o.scratch, { lockHolder: 'the benchmark', startupTasks: false, log: quiet, keys: o.keys });
  let exportFile: string | null = null;
  try {
    await value(host, 'auth.signIn', { name, password: DEMO_PASSWORD });
    for (let i = 0; i < 20; i++) await value(host, 'history.booking', { bookingId: bookingIds[i], ...page });

    o.say('bench: History while a whole verify runs');
    const verify = await readsDuring(host, { kind: 'verify' }, bookingIds, o.seed);
    figures.push(
      latency('historyDuringVerifyP95', "A booking's History, first page, p95, while a whole verify runs", verify.samples, 20, 95, {
        jobSeconds: secondsOf(verify.job),
      }),
    );

    o.say('bench: History while a whole-log CSV export runs');
    const exported = await readsDuring(host, { kind: 'export', format: 'csv', scope: {}, name: 'bench' }, bookingIds, o.seed + 1);
    exportFile = exported.job.outcome?.kind === 'export' ? exported.job.outcome.file : null;
    figures.push(
      latency('historyDuringExportP95', "A booking's History, first page, p95, while a whole-log CSV export runs", exported.samples, 20, 95, {
        jobSeconds: secondsOf(exported.job),
      }),
    );
    await host.close();
    o.say('bench: a write while another program holds the write lock');
    figures.push(await busyFigure(o.scratch, o.keys, staff, other));
  } finally {
    await host.close();
    await other.release();
  }
  loop.disable();
  gc.disconnect();
  // Gigabytes unlinked take the file system a while: the bench's own tidying, not the app's.
  if (exportFile) rmSync(exportFile, { force: true });
  figures.push({
    key: 'mainLoopLongestBlockMs',
    label: 'Longest event-loop block of the process routing these calls (as the main process)',
    value: round(loop.max / 1e6, 1),
    unit: 'ms',
    target: { op: '<=', value: 50 },
    detail: { p99: round(loop.percentile(99) / 1e6, 1), mean: round(loop.mean / 1e6, 1), longestGcMs: round(longestGc, 1) },
  });
  return figures;
}

const secondsOf = (job: JobStatus) => round((Date.parse(job.finishedAt ?? job.startedAt) - Date.parse(job.startedAt)) / 1000, 1);

/** Another program, started and ready: `lock()` takes `file`'s write lock, `release()` lets go and ends it. */
async function lockHolder(file: string): Promise<{ lock(): Promise<void>; release(): Promise<void> }> {
  const holder = fork(fileURLToPath(new URL('./lockHolder.ts', import.meta.url)), [file], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    execArgv: ['--import', 'tsx'],
  });
  const gone = new Promise<void>((resolve) => holder.once('exit', () => resolve()));
  const said = (what: string) =>
    new Promise<void>((resolve, reject) => {
      holder.on('message', (m) => {
        if (m === what) resolve();
      });
      holder.once('error', reject);
      void gone.then(() => reject(new Error(`the process holding the write lock ended before it said "${what}"`)));
    });
  await said('ready');
  return {
    lock: () => {
      const locked = said('locked');
      holder.send('lock');
      return locked;
    },
    release: async () => {
      if (holder.connected) holder.send('release');
      await gone;
    },
  };
}

/** The slowest of a few writes' answers while another program holds the write lock. */
async function busyFigure(
  file: string,
  keys: KeyPlace,
  { name, bookingIds }: ReturnType<typeof userOf>,
  other: Awaited<ReturnType<typeof lockHolder>>,
): Promise<Figure> {
  const host = await startCoreWorker(file, { lockHolder: 'the benchmark', startupTasks: false, log: quiet, keys });
  try {
    await value(host, 'auth.signIn', { name, password: DEMO_PASSWORD });
    await other.lock();
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const r = await host.call('bookings.update', { id: bookingIds[i], service: `Busy test ${i}` }, SESSION);
      answers.push(performance.now() - t);
      if (r.ok || r.error.code !== 'busy') throw new Error(`a write under another program's lock was not refused as busy: ${JSON.stringify(r)}`);
    }
    return {
      key: 'busyAnswerMs',
      label: "A write's answer while another program holds the write lock (slowest of 5)",
      value: round(Math.max(...answers), 0),
      unit: 'ms',
      target: { op: '<=', value: 2000 },
      detail: { answers: answers.map((a) => round(a, 0)) },
    };
  } finally {
    await other.release();
    await host.close();
  }
}
