// Putting a backup back in place of the database. The backup is checked before
// anything is touched; a database in use is never replaced; a database whose log
// holds rows the backup lacks is replaced only when told to (those rows would be
// lost); and the replaced file is always kept aside, never deleted.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { checkIntegrity, type IntegrityOptions, type IntegrityReport } from '../../db/integrity';
import { closeDatabase, openDatabase, removeDatabase, type Db } from '../../db/open';
import { databaseId } from '../../db/chainKeys';
import { currentHead, shortDigest } from '../../db/chain';
import { readWitnessFile, writeWitness } from '../../db/witness';
import { backupWitnessFile, decompressFile, isCompressedBackup } from './backups';
import { DatabaseInUseError, holdExclusively } from '../../db/openLock';
import { eraseAgainAfterRestore, type ErasureAgain } from './erasureAfterRestore';
import { COMMAND_LINE, recordRestore, replacesItsOwnLog } from './restoreRecord';

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
  /** Erasures the replaced database had and the backup predates, made again on it (erasureAfterRestore.ts). */
  erasedAgain: ErasureAgain[];
}

interface LogEnd {
  lastId: number;
  lastSealed: { id: number; hash: Buffer } | undefined;
}

function readable(file: string, named = file): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").get()) {
      throw new RestoreRefused(`${named} is not a JobTrail database: it has no audit log`);
    }
    return db;
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code === 'SQLITE_NOTADB')
      throw new RestoreRefused(`${named} is not a JobTrail database (${(e as Error).message}); nothing was changed`);
    throw e;
  }
}

/** How the backup is checked: in full (checkIntegrity), or the same with progress and a cancel (a job). */
export type IntegrityCheck = (db: Database.Database, options: IntegrityOptions) => IntegrityReport;

/** `file`: the plain SQLite copy that is checked and put in place; `named`: the backup as the person named it (a .db.gz). */
interface CheckedBackup {
  file: string;
  named: string;
  lastId: number;
  headShort: string;
  migrations: string[];
}

/** The backup must verify in full before it may replace anything. */
function checkBackup(file: string, named = file, check: IntegrityCheck = checkIntegrity): CheckedBackup {
  const db = readable(file, named);
  try {
    // Its own witness too: a backup that lost its newest rows since it was made still verifies alone.
    const report = check(db, { witness: readWitnessFile(backupWitnessFile(named), databaseId(db)) });
    if (!report.ok) throw new RestoreRefused(`the backup ${named} does not verify (${report.problems[0]}); nothing was changed`);
    return { file, named, lastId: logEnd(db).lastId, headShort: report.chain.headShort, migrations: migrationsOf(db) };
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
    return (
      `it has ${(current.lastId - backup.lastId).toLocaleString('en')} rows newer than the backup ` +
      `(rows ${(backup.lastId + 1).toLocaleString('en')}–${current.lastId.toLocaleString('en')})`
    );
  }
  if (!current.lastSealed) return null;
  const b = new Database(backup.file, { readonly: true });
  try {
    const there = b.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck().get(current.lastSealed.id) as Buffer | null | undefined;
    return there && there.equals(current.lastSealed.hash)
      ? null
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
  const prepared = await prepareRestore(dbFile, backupFile, options);
  const ownLog = replacesItsOwnLog(dbFile, prepared.file);
  let keptAside: string | null;
  let db: Db;
  try {
    // The open lock first: it names whoever has the file open, and keeps everyone who
    // honours it from opening the file until the restored one is in place. SQLite's
    // exclusive lock (takeForReplacing) is the second line, for programs that do not know the lock.
    const unlock = lockForRestore(dbFile);
    try {
      keptAside = putInPlace(dbFile, prepared, options);
      db = openDatabase(dbFile); // migrated before anyone else may open it; verified while they may
      writeWitness(db.sqlite); // going back to the backup's head is this restore's purpose, not a loss to report at the next start
    } finally {
      unlock();
    }
  } finally {
    discardPrepared(prepared);
  }
  try {
    const { migrated } = afterRestore(db, prepared, false);
    if (ownLog) recordRestore(db, COMMAND_LINE, { backup: prepared.named, headShort: prepared.headShort, keptAside });
    // Another database's customers are other people: only a backup of this one can bring an erased customer back.
    const erasedAgain = ownLog ? eraseAgainAfterRestore(db, keptAside, COMMAND_LINE, options.now) : [];
    return { keptAside, migrated, report: checkIntegrity(db.sqlite), erasedAgain };
  } finally {
    closeDatabase(db);
  }
}

/** A backup made ready to take a database's place: a plain copy beside it, verified. */
export type PreparedRestore = CheckedBackup;

/** Where a backup is copied to be checked before it takes the database's place: beside it, on the same disk. */
export const restoringCopyOf = (dbFile: string, at: Date) => `${dbFile}.restoring-${at.toISOString().slice(0, 23).replace(/[:.]/g, '-')}Z`;

/** A copy prepareRestore made and checked (on a job's worker), as the core finds it to put in place. */
export function preparedCopy(file: string, named: string): PreparedRestore {
  const db = readable(file, named);
  try {
    return { file, named, lastId: logEnd(db).lastId, headShort: shortDigest(currentHead(db)), migrations: migrationsOf(db) };
  } finally {
    db.close();
  }
}

const migrationsOf = (db: Database.Database) => db.prepare('SELECT name FROM schema_migrations').pluck().all() as string[];

/**
 * The slow half of a restore, which touches nothing of the database: the backup is
 * copied beside the database (decompressed, if it is a .db.gz; by SQLite, if plain,
 * so that what is verified is what arrives, even from a backup with a -wal beside
 * it) and the copy checked in full. Throws RestoreRefused when it does not verify.
 */
export async function prepareRestore(
  dbFile: string,
  backupFile: string,
  options: { now?: Date; copy?: string; check?: IntegrityCheck; onBytes?: (done: number, total: number) => void } = {},
): Promise<PreparedRestore> {
  if (resolve(dbFile) === resolve(backupFile)) throw new RestoreRefused('the backup and the database are the same file; nothing was changed');
  if (!existsSync(backupFile)) throw new RestoreRefused(`there is no backup at ${backupFile}`);
  const copy = options.copy ?? restoringCopyOf(dbFile, options.now ?? new Date());
  removeDatabase(copy);
  try {
    if (isCompressedBackup(backupFile)) {
      try {
        await decompressFile(backupFile, copy, options.onBytes);
      } catch (e) {
        throw new RestoreRefused(`the backup ${backupFile} cannot be read: ${(e as Error).message}; nothing was changed`);
      }
    } else {
      const source = readable(backupFile);
      try {
        await source.backup(copy);
      } finally {
        source.close();
      }
    }
    return checkBackup(copy, backupFile, options.check);
  } catch (e) {
    removeDatabase(copy);
    throw e;
  }
}

/** Removes what prepareRestore made, if it was not put in place. */
export function discardPrepared(prepared: Pick<PreparedRestore, 'file'>): void {
  removeDatabase(prepared.file);
}

/**
 * The quick half, without waiting on anything: takes the database exclusively,
 * checks it against the backup (refusing, unless `force`, a database with audit
 * rows the backup lacks), moves it aside and puts the prepared copy in its place.
 * The caller holds the open lock (lockForRestore) around it. Returns where the
 * replaced file went, or null when there was none.
 */
function putInPlace(dbFile: string, prepared: PreparedRestore, options: { force?: boolean; now?: Date }): string | null {
  if (!existsSync(dbFile)) {
    renameSync(prepared.file, dbFile);
    return null;
  }
  takeForReplacing(dbFile, prepared, options.force ?? false)?.close();
  const keptAside = aside(dbFile, options.now ?? new Date());
  renameSync(dbFile, keptAside);
  // The -shm is only an index of the -wal, rebuilt on open; a -wal left (an unreadable file) goes with its database.
  rmSync(`${dbFile}-shm`, { force: true });
  if (existsSync(`${dbFile}-wal`)) renameSync(`${dbFile}-wal`, `${keptAside}-wal`);
  renameSync(prepared.file, dbFile);
  return keptAside;
}

/**
 * putInPlace under the open lock, for a database whose own connection the caller
 * has just closed (the app restoring the file it runs on): the caller opens it
 * again afterwards, whether this succeeded or refused.
 */
export function putPreparedInPlace(dbFile: string, prepared: PreparedRestore, options: { force?: boolean; now?: Date } = {}): string | null {
  const unlock = lockForRestore(dbFile);
  try {
    return putInPlace(dbFile, prepared, options);
  } finally {
    unlock();
  }
}

/** What the restored database holds beside the backup: the migrations this version added to it, and its check. */
export function afterRestore(
  db: Db,
  backup: PreparedRestore,
  check = true,
): Omit<RestoreSummary, 'keptAside' | 'report' | 'erasedAgain'> & { report: IntegrityReport | null } {
  const applied = db.sqlite.prepare('SELECT name FROM schema_migrations ORDER BY name').pluck().all() as string[];
  return { migrated: applied.filter((m) => !backup.migrations.includes(m)), report: check ? checkIntegrity(db.sqlite) : null };
}

function lockForRestore(dbFile: string): () => void {
  try {
    return holdExclusively(dbFile);
  } catch (e) {
    if (e instanceof DatabaseInUseError) throw new RestoreRefused(`${e.message}; nothing was changed`);
    throw e;
  }
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
      throw new RestoreRefused(
        `restoring over ${dbFile} would lose audit rows: ${newer}. Add --force to restore anyway ` +
          '(the current file is kept aside, not deleted); nothing was changed',
      );
    }
    current.pragma('wal_checkpoint(TRUNCATE)'); // everything into the main file, which is what is kept aside
    return current;
  } catch (e) {
    current?.close();
    if (e instanceof RestoreRefused || !unreadable(e)) throw e;
    // A damaged file is the usual reason to restore; still, replacing it is said out loud.
    if (!force) {
      throw new RestoreRefused(
        `${dbFile} cannot be read as a JobTrail database (${(e as Error).message}). ` +
          'Add --force to replace it with the backup (it is kept aside, not deleted); nothing was changed',
      );
    }
    return null;
  }
}

function unreadable(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? '';
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT') || /no such table/.test(String(e));
}
