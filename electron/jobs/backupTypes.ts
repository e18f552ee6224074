// The backup jobs as the contract's jobs.* entries show them (types only: the
// renderer imports this file): a backup made on request, and a restore from the
// app, whose slow half (copy, check) runs on the job's worker and whose quick half
// (the swap) on the core's thread (electron/services/liveRestore.ts).
import type { ErasureAgain } from '../services/erasureAfterRestore';

export type BackupJobRequest =
  | { kind: 'backup' }
  /** `file`: a backup's path as backups.list gave it; `replaceNewer`: the person confirmed losing the rows made since. */
  | { kind: 'restore'; file: string; replaceNewer: boolean };

export interface BackupOutcome {
  kind: 'backup';
  file: string;
  /** The compressed backup's size, and the database's when it was copied. */
  bytes: number;
  databaseBytes: number;
  lastAuditId: number;
  headShort: string;
}

export interface RestoreOutcome {
  kind: 'restore';
  /** The backup restored, and where the replaced database was moved. */
  file: string;
  keptAside: string | null;
  /** The newest audit row and the chain head the database holds now: the backup's. */
  lastAuditId: number;
  headShort: string;
  /** Migrations applied to bring an older backup up to this version. */
  migrated: string[];
  /** The checked copy the worker made beside the database, which the core puts in its place. */
  copy: string;
  /** Erasures the backup predates, made again on the restored database (set once it is in place). */
  erasedAgain?: ErasureAgain[];
}

export type BackupJobOutcome = BackupOutcome | RestoreOutcome;
