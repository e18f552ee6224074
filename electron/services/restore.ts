// Putting a backup back in place of the database. The backup is checked before
// anything is touched; a database in use is never replaced; a database whose log
// holds rows the backup lacks is replaced only when told to (those rows would be
// lost); and the replaced file is always kept aside, never deleted.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { checkIntegrity, type IntegrityReport } from '../../db/integrity';
import { closeDatabase, openDatabase, removeDatabase, type Db } from '../../db/open';
import { databaseId } from '../../db/chainKeys';
import { readWitnessFile, writeWitness } from '../../db/witness';
import { backupWitnessFile, decompressFile, isCompressedBackup } from './backups';
import { DatabaseInUseError, holdExclusively } from '../../db/openLock';

export class RestoreRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefused';
  }
}

export interface RestoreSummary {
  /** Where the replaced database was moved; null when there was none. */
  keptAside: string | null;
  /** Migrations applied to bring an older backup up to this version. */
  migrated: string[];
  report: IntegrityReport;
}

interface LogEnd { lastId: number; lastSealed: { id: number; hash: Buffer } | undefined }

function readable(file: string, named = file): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").get()) {
      throw new RestoreRefused(`${named} is not a JobTrail database: it has no audit log`);
    }
    return db;
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code === 'SQLITE_NOTADB') throw new RestoreRefused(`${named} is not a JobTrail database (${(e as Error).message}); nothing was changed`);
    throw e;
  }
}

/**
 * A compressed backup is decompressed beside the database (the same disk, where
 * the restored file will go) and checked there; `done` removes the plain copy.
 */
async function plainCopyOf(dbFile: string, backupFile: string, at: Date): Promise<{ file: string; done: () => void }> {
  if (!existsSync(backupFile)) throw new RestoreRefused(`there is no backup at ${backupFile}`);
  if (!isCompressedBackup(backupFile)) return { file: backupFile, done: () => {} };
  const file = `${dbFile}.from-backup-${at.toISOString().slice(0, 19).replace(/:/g, '-')}Z`;
  removeDatabase(file);
  try {
    await decompressFile(backupFile, file);
  } catch (e) {
    throw new RestoreRefused(`the backup ${backupFile} cannot be read: ${(e as Error).message}; nothing was changed`);
  }
  return { file, done: () => removeDatabase(file) };
}

/** `file`: the plain SQLite copy that is checked and copied in; `named`: the backup as the person named it (a .db.gz). */
interface CheckedBackup { file: string; named: string; lastId: number; migrations: string[] }

/** The backup must verify in full before it may replace anything. */
function checkBackup(file: string, named = file): CheckedBackup {
  const db = readable(file, named);
  try {
    // Its own witness too: a backup that lost its newest rows since it was made still verifies alone.
    const report = checkIntegrity(db, { witness: readWitnessFile(backupWitnessFile(named), databaseId(db)) });
    if (!report.ok) throw new RestoreRefused(`the backup ${named} does not verify (${report.problems[0]}); nothing was changed`);
    return {
      file, named, lastId: logEnd(db).lastId,
      migrations: db.prepare('SELECT name FROM schema_migrations').pluck().all() as string[],
    };
  } finally {
    db.close();
  }
}

/**
 * Takes the database for itself, or refuses: in WAL mode every open connection
 * holds a shared lock, so an exclusive one is only granted when nobody (the app,
 * the web mode, a SQLite tool) has the file open.
 */
function takeExclusively(file: string): Database.Database {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return db;
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new RestoreRefused(`${file} is in use (JobTrail, its web mode or another program has it open): close it first; nothing was changed`);
    }
    throw e;
  }
}

function logEnd(db: Database.Database): LogEnd {
  return {
    lastId: db.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number,
    lastSealed: db.prepare('SELECT id, hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1').get() as LogEnd['lastSealed'],
  };
}

/**
 * Why restoring would lose audit rows the database has and the backup lacks, or
 * null: the database's log must be the backup's or a beginning of it.
 */
function newerThanBackup(current: LogEnd, backup: CheckedBackup): string | null {
  if (current.lastId > backup.lastId) {
    return `it has ${(current.lastId - backup.lastId).toLocaleString('en')} rows newer than the backup ` +
      `(rows ${(backup.lastId + 1).toLocaleString('en')}–${current.lastId.toLocaleString('en')})`;
  }
  if (!current.lastSealed) return null;
  const b = new Database(backup.file, { readonly: true });
  try {
    const there = b.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck().get(current.lastSealed.id) as Buffer | null | undefined;
    return there && there.equals(current.lastSealed.hash) ? null
      : `its log is not the backup's (they differ at row ${current.lastSealed.id.toLocaleString('en')})`;
  } finally {
    b.close();
  }
}

const aside = (file: string, at: Date) => `${file}.replaced-${at.toISOString().slice(0, 19).replace(/:/g, '-')}Z`;

/**
 * Restores `backupFile` as `dbFile`. Refuses (RestoreRefused, nothing changed) when
 * the backup does not verify, when the database is in use, or, unless `force`,
 * when the database has audit rows the backup lacks or cannot be read at all.
 * The restored file is opened (and migrated, for a backup made by an older
 * version) and verified.
 */
export async function restoreBackup(dbFile: string, backupFile: string, options: { force?: boolean; now?: Date } = {}): Promise<RestoreSummary> {
  if (resolve(dbFile) === resolve(backupFile)) throw new RestoreRefused('the backup and the database are the same file; nothing was changed');
  const plain = await plainCopyOf(dbFile, backupFile, options.now ?? new Date());
  try {
    return await restoreChecked(dbFile, checkBackup(plain.file, backupFile), options);
  } finally {
    plain.done();
  }
}

async function restoreChecked(dbFile: string, backup: CheckedBackup, options: { force?: boolean; now?: Date }): Promise<RestoreSummary> {
  // The open lock first: it names whoever has the file open, and keeps everyone who
  // honours it from opening the file until the restored one is in place. SQLite's
  // exclusive lock below is the second line, for programs that do not know the lock.
  const unlock = lockForRestore(dbFile);
  let keptAside: string | null;
  let db: Db;
  try {
    keptAside = await replace(dbFile, backup, options);
    db = openDatabase(dbFile); // migrated before anyone else may open it; verified while they may
    writeWitness(db.sqlite); // going back to the backup's head is this restore's purpose, not a loss to report at the next start
  } finally {
    unlock();
  }
  try {
    return { keptAside, ...afterRestore(db, backup) };
  } finally {
    closeDatabase(db);
  }
}

function lockForRestore(dbFile: string): () => void {
  try {
    return holdExclusively(dbFile);
  } catch (e) {
    if (e instanceof DatabaseInUseError) throw new RestoreRefused(`${e.message}; nothing was changed`);
    throw e;
  }
}

function afterRestore(db: Db, backup: CheckedBackup): Omit<RestoreSummary, 'keptAside'> {
  const applied = db.sqlite.prepare('SELECT name FROM schema_migrations ORDER BY name').pluck().all() as string[];
  return { migrated: applied.filter((m) => !backup.migrations.includes(m)), report: checkIntegrity(db.sqlite) };
}

/** Puts the verified backup in place of dbFile; returns where the replaced file went. */
async function replace(dbFile: string, backup: CheckedBackup, options: { force?: boolean; now?: Date }): Promise<string | null> {
  const backupFile = backup.file;
  const exists = existsSync(dbFile);
  // Held (exclusively) until the copy is ready, so nobody opens the database meanwhile.
  const held = exists ? takeForReplacing(dbFile, backup, options.force ?? false) : null;
  const restoring = `${dbFile}.restoring`;
  try {
    // Copied by SQLite, not by the file system: what was verified is what arrives,
    // even from a backup that still has a -wal beside it.
    removeDatabase(restoring);
    const source = new Database(backupFile, { readonly: true, fileMustExist: true });
    try {
      await source.backup(restoring);
    } finally {
      source.close();
    }
  } catch (e) {
    removeDatabase(restoring);
    throw e;
  } finally {
    held?.close();
  }
  let keptAside: string | null = null;
  if (exists) {
    keptAside = aside(dbFile, options.now ?? new Date());
    renameSync(dbFile, keptAside);
    // The -shm is only an index of the -wal, rebuilt on open; a -wal left (an unreadable file) goes with its database.
    rmSync(`${dbFile}-shm`, { force: true });
    if (existsSync(`${dbFile}-wal`)) renameSync(`${dbFile}-wal`, `${keptAside}-wal`);
  }
  renameSync(restoring, dbFile);
  return keptAside;
}

/**
 * Takes the database for replacing, or throws RestoreRefused: returns the
 * connection holding it exclusively, checkpointed into its main file; or null for
 * an unreadable file replaced with force.
 */
function takeForReplacing(dbFile: string, backup: CheckedBackup, force: boolean): Database.Database | null {
  let current: Database.Database | undefined;
  try {
    current = takeExclusively(dbFile);
    const newer = newerThanBackup(logEnd(current), backup);
    if (newer && !force) {
      throw new RestoreRefused(`restoring over ${dbFile} would lose audit rows: ${newer}. Add --force to restore anyway ` +
        '(the current file is kept aside, not deleted); nothing was changed');
    }
    current.pragma('wal_checkpoint(TRUNCATE)'); // everything into the main file, which is what is kept aside
    return current;
  } catch (e) {
    current?.close();
    if (e instanceof RestoreRefused || !unreadable(e)) throw e;
    // A damaged file is the usual reason to restore; still, replacing it is said out loud.
    if (!force) {
      throw new RestoreRefused(`${dbFile} cannot be read as a JobTrail database (${(e as Error).message}). ` +
        'Add --force to replace it with the backup (it is kept aside, not deleted); nothing was changed');
    }
    return null;
  }
}

function unreadable(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? '';
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT') || /no such table/.test(String(e));
}
