// What a long job looks like from outside: the contract's jobs.* entries answer in
// these shapes, the renderer draws them, the CLI prints them. Types only: the
// renderer imports this file.
import type { DigestCheck } from '../../db/expectedHead';
import type { ArchiveJobRequest, ArchiveOpenOutcome, ArchiveOpenRequest, ArchiveOutcome } from './archiveTypes';
import type { BackupJobOutcome, BackupJobRequest } from './backupTypes';

export type JobKind = JobRequest['kind'];

export type ExportFormat = 'csv' | 'json';

/** What is exported: the History filters the grid shows, and the record it belongs to, if any. */
export interface ExportScope {
  bookingId?: number;
  customerId?: number;
  /** A property's History (electron/services/history.ts, propertyId). */
  propertyId?: number;
  /** A unit's History (electron/services/history.ts, equipmentId). */
  equipmentId?: number;
  entity?: string;
  text?: string;
  from?: string;
  to?: string;
  actorId?: number;
  outside?: boolean;
  category?: 'user_action' | 'financial' | 'data_edit';
  event?: string;
  /** An open archive's rows instead of the log's (its file name: electron/services/archiveViews.ts). */
  archive?: string;
}

/** A chain head copied from a printed report (and the rows printed beside it): the check also says whether the log still holds it. */
export interface PrintedHead {
  digest: string;
  rows?: number;
}

export type JobRequest =
  | { kind: 'verify'; printed?: PrintedHead }
  | { kind: 'export'; format: ExportFormat; scope: ExportScope; /** The file's name stem, e.g. "booking-1042". */ name?: string }
  | ArchiveJobRequest
  | ArchiveOpenRequest
  | BackupJobRequest;

export interface JobProgress {
  /** Units done so far, of total (null while the total is not known yet). */
  done: number;
  total: number | null;
  /** What is counted: "audit rows", "rows". */
  unit: string;
  /** What the job is doing now, in words: "Checking the chain", "Writing rows". */
  phase: string;
  /** Units a second over the job so far; null until there is something to measure. */
  ratePerSecond: number | null;
  /** Seconds left at that rate; null while unknown. */
  secondsLeft: number | null;
}

export interface VerifyOutcome {
  kind: 'verify';
  ok: boolean;
  rowsChecked: number;
  unsealedTail: number;
  head: string;
  firstBroken: { id: number; problem: string } | null;
  problems: string[];
  outsideRows: number;
  /** Custom fields not tracked now, a line each with how many values their History lacks: a note, not a problem. */
  untracked?: string[];
  signing: {
    v1Rows: number;
    v2Rows: number;
    signedThrough: number | null;
    keys: { fingerprint: string; publicKey: string; addedAt: string; trusted: boolean }[];
  } | null;
  /** Asked with a printed head: what the log says of it. */
  printed?: DigestCheck;
}

export interface ExportOutcome {
  kind: 'export';
  /** Where the file was written (exports/ beside the database). */
  file: string;
  /** The name to offer when downloading it. */
  fileName: string;
  rows: number;
  bytes: number;
  head: string;
  /** The audit rows the head covers (as reports print it beside the digest). */
  chainRows: number;
  /** Whether jobs.download hands the text to the window (small enough), or the file must be opened where it is. */
  downloadable: boolean;
}

export type JobOutcome = VerifyOutcome | ExportOutcome | BackupJobOutcome | ArchiveOutcome | ArchiveOpenOutcome;

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobStatus {
  id: string;
  kind: JobKind;
  /** In words, for a list of jobs: "Check of the audit trail", "CSV export of booking 1042's History". */
  title: string;
  state: JobState;
  startedAt: string;
  finishedAt: string | null;
  /** Who started it; null for the app's own scheduled work. */
  startedBy: { id: number; name: string } | null;
  progress: JobProgress;
  outcome: JobOutcome | null;
  /** Why it failed, in words. */
  error: string | null;
  /** A check asked about a printed report's head: which one (so the trail's own check is not mistaken for it). */
  printed?: PrintedHead;
}
