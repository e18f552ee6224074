// The long jobs of each open database, kept by the core (the thread that runs the
// contract's dispatcher): each runs on a worker thread of its own, and the core
// only records what its worker says, so calls go on being answered meanwhile.
// Ended jobs are kept for an hour, so that a screen opened again finds what it
// started. One check of the audit trail at a time (a second request joins the
// running one); exports beside it, up to a few jobs in all.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { Db } from '../../db/open';
import { recordFullCheck, type FullCheckResult } from '../../db/checkRecords';
import { startWorker } from '../../db/workerModule';
import { AppError } from '../services/errors';
import { partialFileOf } from '../services/exports';
import { cancelFlag, requestCancel, type CancelFlag } from './cancel';
import { exportFolder, exportStem, exportTitle, newExportFile } from './exportFiles';
import { archiveJobData, archiveTitle } from './archiveJob';
import { archiveOpenTitle } from './archiveOpenJob';
import { backupJobTitle } from './backupTitles';
import { restoringCopyOf } from '../services/restore';
import type { JobMessage, JobWorkerData } from './messages';
import type { ExportFormat, JobRequest, JobState, JobStatus } from './types';

/** Jobs running at once per database: each holds a thread and a connection, and they share two or four cores with the window. */
export const MAX_RUNNING_JOBS = 3;
/** How long an ended job is kept, and how many at most (the oldest go first). */
const KEEP_ENDED_MS = 60 * 60 * 1000;
const KEEP_ENDED = 50;
/** After a cancel, how long a worker may take to reach its next step (a statement over the whole log) before it is ended. */
const CANCEL_GRACE_MS = 15_000;

interface Job {
  status: JobStatus;
  cancel: CancelFlag;
  cancelAsked: boolean;
  outFile: string | null;
  /** What the caller does once the job is done (an export is recorded in the History), on the core's thread. */
  onDone?: (status: JobStatus) => void;
  /** Settles once the worker is gone and whatever it left half-written is removed. */
  gone: Promise<void>;
  /** Ends the worker if it has not stopped by itself a while after a cancel. */
  endLater: () => void;
}

const registries = new WeakMap<Database.Database, Map<string, Job>>();

function jobsOf(db: Db): Map<string, Job> {
  let jobs = registries.get(db.sqlite);
  if (!jobs) registries.set(db.sqlite, (jobs = new Map()));
  const now = Date.now();
  const ended = [...jobs.values()].filter((j) => j.status.finishedAt !== null);
  ended.forEach((j, i) => {
    if (i < ended.length - KEEP_ENDED || now - Date.parse(j.status.finishedAt!) > KEEP_ENDED_MS) jobs.delete(j.status.id);
  });
  return jobs;
}

const running = (jobs: Map<string, Job>) => [...jobs.values()].filter((j) => j.status.state === 'running');

/** A copy for the caller: the job's own status goes on changing as its worker reports. */
function snapshot(job: Job): JobStatus {
  const s = job.status;
  const phase = job.cancelAsked && s.state === 'running' ? 'Cancelling' : s.progress.phase;
  return { ...s, startedBy: s.startedBy && { ...s.startedBy }, progress: { ...s.progress, phase } };
}

function find(db: Db, id: string): Job {
  const job = jobsOf(db).get(id);
  if (!job) {
    throw new AppError('not_found', `There is no job ${id.slice(0, 100)}: it ended more than an hour ago, or JobTrail has been restarted since.`, 'id');
  }
  return job;
}

/** Sets a running job's end, once: what comes later (a worker's exit after its last message) changes nothing. */
function end(job: Job, state: Exclude<JobState, 'running'>, error: string | null = null): void {
  if (job.status.state !== 'running') return;
  Object.assign(job.status, { state, error, finishedAt: new Date().toISOString() });
}

function onMessage(db: Db, job: Job, m: JobMessage): void {
  if (job.status.state !== 'running') return;
  if (m.progress) job.status.progress = m.progress;
  if (m.type === 'done') {
    job.status.outcome = m.outcome;
    end(job, 'done');
    if (m.fullCheck) keepWholeCheck(db, job, m.fullCheck);
    afterDone(job);
  } else if (m.type === 'failed') {
    end(job, 'failed', m.error);
  } else if (m.type === 'cancelled') {
    end(job, 'cancelled');
  }
}

/** Thrown by a job's onDone when what was to follow the worker's half failed, so the job did not happen (a restore refused at the swap). */
export class JobFailedAfterWorker extends Error {}

function afterDone(job: Job): void {
  try {
    job.onDone?.(job.status);
  } catch (e) {
    if (e instanceof JobFailedAfterWorker) {
      Object.assign(job.status, { state: 'failed', error: e.message });
      return;
    }
    // The job's work stands; what was to follow it did not happen, which the person should hear.
    job.status.error = `Done, but not recorded in the History: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** A whole check, whoever started it, is the last whole-log check the banner shows and the next start begins from. */
function keepWholeCheck(db: Db, job: Job, result: FullCheckResult): void {
  try {
    recordFullCheck(db.sqlite, result, { startedAt: job.status.startedAt, finishedAt: job.status.finishedAt ?? undefined });
  } catch (e) {
    // The verdict stands; only the banner's memory of it is lost, which the person should hear.
    job.status.error = `The check's verdict could not be kept for the start-up banner: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** Runs the job's worker: the job's end is what the worker says, or, if it says nothing, that it ended. */
function launch(db: Db, job: Job, data: JobWorkerData): void {
  let worker: Worker;
  try {
    worker = startWorker('jobs', { workerData: data, name: `jobtrail-job-${data.request.kind}` });
  } catch (e) {
    end(job, 'failed', `The job could not start: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  let grace: ReturnType<typeof setTimeout> | undefined;
  job.endLater = () => {
    grace ??= setTimeout(() => void worker.terminate(), CANCEL_GRACE_MS);
    grace.unref();
  };
  job.gone = new Promise((resolve) => {
    worker.on('message', (m: JobMessage) => onMessage(db, job, m));
    worker.on('error', (e) => end(job, 'failed', `The job stopped on an error: ${e instanceof Error ? e.message : String(e)}`));
    worker.on('exit', (code) => {
      clearTimeout(grace);
      if (job.cancelAsked) end(job, 'cancelled');
      else end(job, 'failed', `The job's worker ended without finishing (exit code ${code}).`);
      // A worker ended from outside (or one that died) could not clean up after itself: only a finished export keeps its file.
      if (job.outFile && job.status.state !== 'done') {
        try {
          rmSync(partialFileOf(job.outFile), { force: true });
          rmSync(job.outFile, { force: true });
        } catch {
          // A folder gone read-only: the job has ended all the same, and its outcome names no file.
        }
      }
      resolve();
    });
  });
}

export type StartedBy = JobStatus['startedBy'];

/** A person's name, for an export's file name ("by-jake-morrison"). */
const personName = (db: Db, id: number) => (db.sqlite.prepare('SELECT name FROM users WHERE id = ?').pluck().get(id) as string | undefined) ?? null;

/** A new export file's name; a folder that cannot be made (a file in its place, no right to write) is said before any job starts. */
function exportFileFor(db: Db, stem: string, format: ExportFormat, at: Date, taken: ReadonlySet<string>): string {
  try {
    return newExportFile(db.file, stem, format, at, taken);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new AppError(
      'conflict',
      `Exports cannot be written to ${exportFolder(db.file)} (${code ?? (e as Error).message}): ` +
        'make sure it is a folder this account may write to, then export again.',
    );
  }
}

/**
 * Starts a job on `db`'s file and answers at once with its status (running, or
 * failed if its worker could not start). A check of the trail while one runs
 * answers with the running one.
 */
export function startJob(db: Db, request: JobRequest, startedBy: StartedBy, onDone?: (status: JobStatus) => void): JobStatus {
  const jobs = jobsOf(db);
  const now = running(jobs);
  // A second plain check joins the running one; a check for a printed head runs its own (it answers about that head).
  const verifying =
    request.kind === 'verify' && !request.printed ? now.find((j) => j.status.kind === 'verify' && !j.status.printed && !j.cancelAsked) : undefined;
  if (verifying) return snapshot(verifying);
  if (now.length >= MAX_RUNNING_JOBS) {
    throw new AppError('conflict', `${MAX_RUNNING_JOBS} jobs are running already: wait for one to finish, or cancel one, then start this one again.`);
  }
  const startedAt = new Date();
  const outFile =
    request.kind === 'export'
      ? exportFileFor(
          db,
          exportStem(request.scope, request.name, (uid) => personName(db, uid)),
          request.format,
          startedAt,
          new Set(now.map((j) => j.outFile).filter((f) => f !== null)),
        )
      : request.kind === 'restore'
        ? restoringCopyOf(db.file, startedAt)
        : null;
  // An archive's file is not the job's to remove: once its rows have left the log it is where they are.
  const archive =
    request.kind === 'archive'
      ? archiveJobData(
          db,
          request,
          startedBy,
          now.some((j) => j.status.kind === 'archive'),
        )
      : undefined;
  const id = randomUUID();
  const job: Job = {
    status: {
      id,
      kind: request.kind,
      title:
        request.kind === 'verify'
          ? request.printed
            ? `Check of a printed report's chain head ${request.printed.digest.slice(0, 16)}`
            : 'Check of the audit trail'
          : request.kind === 'archive'
            ? archiveTitle(request)
            : request.kind === 'archiveOpen'
              ? archiveOpenTitle(request)
              : request.kind === 'backup' || request.kind === 'restore'
                ? backupJobTitle(request)
                : exportTitle(request.format, request.scope),
      state: 'running',
      startedAt: startedAt.toISOString(),
      finishedAt: null,
      startedBy,
      progress: { done: 0, total: null, unit: request.kind === 'verify' ? 'audit rows' : 'rows', phase: 'Starting', ratePerSecond: null, secondsLeft: null },
      outcome: null,
      error: null,
      ...(request.kind === 'verify' && request.printed ? { printed: request.printed } : {}),
    },
    cancel: cancelFlag(),
    cancelAsked: false,
    outFile,
    onDone,
    gone: Promise.resolve(),
    endLater: () => {},
  };
  jobs.set(id, job);
  launch(db, job, { file: db.file, request, outFile, cancel: job.cancel, ...(archive ? { archive } : {}) });
  return snapshot(job);
}

export function jobStatus(db: Db, id: string): JobStatus {
  return snapshot(find(db, id));
}

/** The jobs of this database, running and recently ended, newest first. */
export function listJobs(db: Db): JobStatus[] {
  return [...jobsOf(db).values()].reverse().map(snapshot);
}

/** Whether a whole check of the audit trail is running (a manager's, or the scheduled one). */
export function wholeCheckRunning(db: Db): boolean {
  return running(jobsOf(db)).some((j) => j.status.kind === 'verify' && !j.status.printed);
}

/**
 * Asks a running job to stop: its worker stops at its next step and removes what
 * it had begun to write; the job is cancelled once it has (its phase says
 * "Cancelling" until then). A job that has ended stays as it ended.
 */
export function cancelJob(db: Db, id: string): JobStatus {
  const job = find(db, id);
  if (job.status.state === 'running' && !job.cancelAsked) {
    job.cancelAsked = true;
    requestCancel(job.cancel);
    // An archive stops between pages until its rows move; ending its worker during the move would leave a file for rows still in the log.
    if (job.status.kind !== 'archive') job.endLater();
  }
  return snapshot(job);
}

/** Settles with the job's last status once its worker is gone (for tests, and for whoever must wait for a file). */
export async function jobEnded(db: Db, id: string): Promise<JobStatus> {
  const job = find(db, id);
  await job.gone;
  return snapshot(job);
}

/** The core's connection was replaced (a restore from the app): its jobs, the restore's own among them, go on being known. */
export function carryJobsOver(from: Database.Database, to: Database.Database): void {
  const jobs = registries.get(from);
  if (jobs) registries.set(to, jobs);
}

/** Cancels every running job of `db` and waits for their workers to end: before the database is closed. */
export async function stopJobs(db: Db): Promise<void> {
  const jobs = registries.get(db.sqlite);
  if (!jobs) return;
  const left = running(jobs);
  for (const j of left) cancelJob(db, j.status.id);
  await Promise.all([...jobs.values()].map((j) => j.gone));
}
