// The archive job as the contract's jobs.* entries show it (types only: the
// renderer imports this file): the History before a date moved out of the log
// into an archive file, by a manager (electron/services/archive.ts).

export interface ArchiveJobRequest {
  kind: 'archive';
  /** Rows written before this instant (ISO) leave the log. */
  before: string;
}

export interface ArchiveOutcome {
  kind: 'archive';
  /** Where the archive was written (archives/ beside the database), and its name. */
  file: string;
  fileName: string;
  bytes: number;
  rows: number;
  firstId: number;
  lastId: number;
  /** The "archived" audit row that records it. */
  auditRow: number;
}

/** An archive file opened to be read in the app: checked whole, then loaded into a view (db/archiveView.ts). */
export interface ArchiveOpenRequest {
  kind: 'archiveOpen';
  /** The archive's file name in the archives folder. */
  fileName: string;
}

export interface ArchiveOpenOutcome {
  kind: 'archiveOpen';
  fileName: string;
  rows: number;
  /** The archive checked alone; when not, problem names the first row that does not fit. */
  verified: boolean;
  problem: string | null;
}
