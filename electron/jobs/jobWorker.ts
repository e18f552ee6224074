// One long job on a thread of its own, beside the core's: the check of the audit
// trail, or an export of History, on a connection of its own to the database file,
// so that the core goes on answering calls meanwhile. It says how far it has got
// (at most ten times a second), stops between steps once its cancel flag is set,
// and ends with one message: done with the outcome, failed with why, or cancelled.
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Db } from '../../db/open';
import { fileProblem } from '../../db/openErrors';
import { fullCheckResult, type FullCheckResult } from '../../db/checkRecords';
import { schema } from '../../db/schema';
import { CSV_IN_APP_LIMIT, exportHistory } from '../services/exports';
import { cancelRequested, JobCancelled } from './cancel';
import type { JobMessage, JobWorkerData } from './messages';
import { ProgressMeter, throttled } from './progress';
import type { ExportOutcome, JobOutcome, JobProgress, JobRequest, VerifyOutcome } from './types';
import { checkIntegrityWithProgress, verifyOutcome } from './verify';
import { runArchiveJob } from './archiveJob';
import { runArchiveOpenJob } from './archiveOpenJob';
import { viewFileOf } from '../services/archiveViews';
import { runBackupJob } from './backupJobs';
import { digestVerdict } from '../../db/expectedHead';

const job = workerData as JobWorkerData;
const stopAsked = () => cancelRequested(job.cancel);
const post = (m: JobMessage) => parentPort!.postMessage(m);

let latest: JobProgress | null = null;
const postProgress = throttled((progress) => post({ type: 'progress', progress }));
const onProgress = (p: JobProgress) => {
  latest = p;
  postProgress(p);
};

/**
 * The job's own connection: read-only, unless an export searches words. Then the
 * search index may first have to take in the newest rows, as every search does,
 * which a read-only connection refuses: the export would fail, or miss them.
 */
function openJobDb(file: string, writable: boolean): Db {
  const sqlite = new Database(file, { readonly: !writable, fileMustExist: true });
  sqlite.pragma('busy_timeout = 10000');
  return { sqlite, orm: drizzle(sqlite, { schema }), file };
}

/** What a whole check found, with the full head: the core records it as the last whole-log check. */
let fullCheck: FullCheckResult | undefined;

function runVerify(request: Extract<JobRequest, { kind: 'verify' }>): VerifyOutcome {
  const { sqlite } = openJobDb(job.file, false);
  try {
    // The long statements run here, on this connection: this thread is already off the core's.
    const printed = request.printed;
    const report = checkIntegrityWithProgress(sqlite, { expectHead: printed?.digest }, { onProgress, shouldStop: stopAsked });
    // A head that is not in the log fails the chain's check, not the log: the whole check is recorded only without one.
    if (!printed) fullCheck = fullCheckResult(report);
    const outcome = verifyOutcome(report);
    return printed ? { ...outcome, printed: digestVerdict(report.chain, printed.digest, printed.rows) } : outcome;
  } finally {
    sqlite.close();
  }
}

function runExport(request: Extract<JobRequest, { kind: 'export' }>, file: string): ExportOutcome {
  const { archive, ...scope } = request.scope;
  const db = openJobDb(job.file, !archive && Boolean(scope.text || scope.event));
  // An open archive's rows come from its view (indexed for search when it was made), named by the log's records.
  const rows = archive ? openJobDb(viewFileOf(job.file, archive), false) : db;
  try {
    const meter = new ProgressMeter();
    const summary = exportHistory(
      rows,
      scope,
      request.format,
      file,
      {
        onProgress: (done, total) => onProgress(meter.at('Writing rows', 'rows', done, total)),
        shouldStop: stopAsked,
      },
      db,
    );
    return {
      kind: 'export',
      file,
      fileName: basename(file),
      rows: summary.rows,
      bytes: statSync(file).size,
      head: summary.head,
      chainRows: summary.chainRows,
      downloadable: summary.rows <= CSV_IN_APP_LIMIT,
    };
  } finally {
    db.sqlite.close();
    if (rows !== db) rows.sqlite.close();
  }
}

/** Why the job failed, in one sentence naming the file it is about. */
function describe(e: unknown): string {
  const code = String((e as { code?: unknown })?.code ?? '');
  if (code === 'SQLITE_CANTOPEN' && !existsSync(job.file)) return `The database ${job.file} is no longer there.`;
  const about = code.startsWith('SQLITE') ? job.file : (job.outFile ?? job.file);
  if (code === 'ENOENT') return `The folder of ${about} is no longer there (moved or deleted while the job ran): nothing was written.`;
  return fileProblem(e, about) ?? (e instanceof Error ? e.message : String(e));
}

async function run(): Promise<JobOutcome> {
  if (stopAsked()) throw new JobCancelled();
  if (job.request.kind === 'verify') return runVerify(job.request);
  if (job.request.kind === 'archive') {
    if (!job.archive) throw new Error('an archive job was started without its file, actor and key');
    return runArchiveJob(job.file, job.request, job.archive, { onProgress, shouldStop: stopAsked });
  }
  if (job.request.kind === 'archiveOpen') return runArchiveOpenJob(job.file, job.request, { onProgress, shouldStop: stopAsked });
  if (job.request.kind === 'backup' || job.request.kind === 'restore') {
    return runBackupJob(job.file, job.request, job.outFile, { onProgress, shouldStop: stopAsked });
  }
  if (!job.outFile) throw new Error('an export job was started without a file to write');
  return runExport(job.request, job.outFile);
}

run().then(
  (outcome) => {
    post({ type: 'done', progress: latest!, outcome, ...(fullCheck ? { fullCheck } : {}) });
  },
  (e: unknown) => {
    post(e instanceof JobCancelled || stopAsked() ? { type: 'cancelled', progress: latest } : { type: 'failed', progress: latest, error: describe(e) });
  },
);
