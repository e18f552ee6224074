// The archive job (electron/services/archive.ts) on a worker of its own: the file
// written and checked there, then the rows moved out of the log in one audited
// transaction on the worker's own connection, as the person who started it. The
// core lends the worker its signing key, already opened (db/chainKeys.ts lendKey):
// the OS's protected storage that wraps it answers the main process only.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { KeyObject } from 'node:crypto';
import { lendKey, useLentKey } from '../../db/chainKeys';
import { flushWitnesses } from '../../db/witness';
import type { Db } from '../../db/open';
import { archiveHistory, type ArchivePhase } from '../services/archive';
import { AppError } from '../services/errors';
import type { ArchiveJobRequest, ArchiveOutcome } from './archiveTypes';
import type { JobProgress } from './types';
import { ProgressMeter } from './progress';

/** What the worker of an archive job needs beside the request. */
export interface ArchiveJobData {
  /** Where the archive goes: archives/ beside the database. */
  file: string;
  actor: { id: number; name: string };
  key: { dir: string; privateKey: KeyObject } | null;
}

export function archiveFolder(dbFile: string): string {
  return join(dirname(dbFile), 'archives');
}

export const archiveTitle = (r: ArchiveJobRequest) => `Archive of the History before ${r.before.slice(0, 10)}`;

/** "history-before-2025-06-01.jtarchive", or "-2", "-3" after it: an archive is never written over. */
function newArchiveFile(dbFile: string, before: string): string {
  const folder = archiveFolder(dbFile);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (e) {
    throw new AppError(
      'conflict',
      `Archives cannot be written to ${folder} (${(e as { code?: string }).code ?? (e as Error).message}): ` +
        'make sure it is a folder this account may write to, then archive again.',
    );
  }
  const stem = `history-before-${before.slice(0, 10)}`;
  for (let i = 1; ; i++) {
    const file = join(folder, `${stem}${i === 1 ? '' : `-${i}`}.jtarchive`);
    if (!existsSync(file) && !existsSync(`${file}.partial`)) return file;
  }
}

/** On the core: the file, the actor and the lent key, once nothing stands in the way. */
export function archiveJobData(db: Db, request: ArchiveJobRequest, startedBy: { id: number; name: string } | null, archiving: boolean): ArchiveJobData {
  if (!startedBy) throw new Error('an archive job was started without a person to record as its actor');
  if (archiving) throw new AppError('conflict', 'An archive is being made already: wait for it to finish, then archive again.');
  return { file: newArchiveFile(db.file, request.before), actor: startedBy, key: lendKey(db.sqlite) };
}

/** On the job's worker. */
export async function runArchiveJob(
  dbFile: string,
  request: ArchiveJobRequest,
  data: ArchiveJobData,
  hooks: { onProgress(p: JobProgress): void; shouldStop(): boolean },
): Promise<ArchiveOutcome> {
  const sqlite = new Database(dbFile, { fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 10000');
    if (data.key) useLentKey(sqlite, data.key);
    const meter = new ProgressMeter();
    const r = await archiveHistory(sqlite, data.actor, {
      before: request.before,
      file: data.file,
      shouldStop: hooks.shouldStop,
      onProgress: (phase: ArchivePhase, done, total) => hooks.onProgress(meter.at(phase, 'rows', done, total)),
    });
    flushWitnesses(sqlite); // this PC's record of the head, before the connection that wrote it closes
    return {
      kind: 'archive',
      file: r.file,
      fileName: basename(r.file),
      bytes: statSync(r.file).size,
      rows: r.rows,
      firstId: r.firstId,
      lastId: r.lastId,
      auditRow: r.auditRow,
    };
  } finally {
    sqlite.close();
  }
}
