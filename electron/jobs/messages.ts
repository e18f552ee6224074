// What the core hands a job's worker, and what the worker says back: a few
// progress messages, then exactly one ending. The worker's exit without an ending
// is an ending too (the registry calls the job failed).
import type { CancelFlag } from './cancel';
import type { FullCheckResult } from '../../db/checkRecords';
import type { JobOutcome, JobProgress, JobRequest } from './types';
import type { ArchiveJobData } from './archiveJob';

export interface JobWorkerData {
  /** The database file: the worker opens a connection of its own. */
  file: string;
  request: JobRequest;
  /** Where an export goes (it is written beside it until whole). */
  outFile: string | null;
  cancel: CancelFlag;
  /** An archive job's file, actor and lent signing key. */
  archive?: ArchiveJobData;
}

export type JobMessage =
  | { type: 'progress'; progress: JobProgress }
  /** A verify's `fullCheck`: its verdict with the full head, recorded by the core as the last whole-log check. */
  | { type: 'done'; progress: JobProgress; outcome: JobOutcome; fullCheck?: FullCheckResult }
  | { type: 'failed'; progress: JobProgress | null; error: string }
  | { type: 'cancelled'; progress: JobProgress | null };
