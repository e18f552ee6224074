// The worker's half of the backup jobs. A backup: the copy with SQLite's backup API
// on the job's own connection, then its gzip compression, with progress and a
// cancel between steps. A restore: the backup copied (decompressed) beside the
// database and checked in full, with progress; the swap itself is the core's
// (electron/services/liveRestore.ts), once this half is done.
import Database from 'better-sqlite3';
import { backupDatabase, databaseSize } from '../services/backups';
import { prepareRestore } from '../services/restore';
import { JobCancelled } from './cancel';
import { ProgressMeter } from './progress';
import type { BackupJobOutcome, BackupJobRequest } from './backupTypes';
import type { JobProgress } from './types';
import { checkIntegrityWithProgress } from './verify';

interface Hooks {
  onProgress: (p: JobProgress) => void;
  shouldStop: () => boolean;
}

export async function runBackupJob(dbFile: string, request: BackupJobRequest, outFile: string | null, hooks: Hooks): Promise<BackupJobOutcome> {
  const meter = new ProgressMeter();
  const step = (phase: string, unit: string, done: number, total: number) => {
    if (hooks.shouldStop()) throw new JobCancelled();
    hooks.onProgress(meter.at(phase, unit, done, total));
  };
  if (request.kind === 'backup') {
    const source = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      source.pragma('busy_timeout = 10000');
      const databaseBytes = databaseSize(source);
      const made = await backupDatabase(source, dbFile, { kind: 'manual', onProgress: (p) => step(p.phase, p.unit, p.done, p.total) });
      return { kind: 'backup', file: made.file, bytes: made.bytes, databaseBytes, lastAuditId: made.lastAuditId, headShort: made.headShort };
    } finally {
      source.close();
    }
  }
  if (!outFile) throw new Error('a restore job was started without a place for its copy');
  const prepared = await prepareRestore(dbFile, request.file, {
    copy: outFile,
    onBytes: (done, total) => step('Decompressing the backup', 'bytes', done, total),
    check: (db, options) => checkIntegrityWithProgress(db, options, hooks),
  });
  return {
    kind: 'restore',
    file: request.file,
    keptAside: null,
    lastAuditId: prepared.lastId,
    headShort: prepared.headShort,
    migrated: [],
    copy: prepared.file,
  };
}
