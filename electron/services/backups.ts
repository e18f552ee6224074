// Backups of the database, taken online with SQLite's backup API while the app
// keeps working: one automatically on the first start of each day (the kept set
// of backupPolicy.ts: the last 7 days and the 4 weeks before this one), and any
// number on request (`cli backup`, Settings › Backups), which are never pruned.
// They go in a `backups` folder beside the database unless told otherwise, gzip-
// compressed as they are written (NAME-<time>[-daily].db.gz); plain .db backups
// made by earlier versions are listed and restored the same. Each has its witness
// beside it (FILE.witness.json: the head it held when made), so a backup that lost
// rows since is refused at restore like a live log would be, and so the list can
// show a compressed backup's head without opening it.
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import Database from 'better-sqlite3';
import { currentHead, shortDigest } from '../../db/chain';
import { checkIntegrity, type IntegrityReport } from '../../db/integrity';
import { removeDatabase } from '../../db/open';
import { readWitnessFile, witnessNow, writeWitnessFile } from '../../db/witness';
import { expiresAt, keptSet } from './backupPolicy';

export type BackupKind = 'daily' | 'manual';

/** A backup found in the folder, from its name alone. */
export interface BackupFile {
  file: string;
  kind: BackupKind;
  /** When it was taken (from its name). */
  at: Date;
  /** gzip (.db.gz), or a plain SQLite file (.db) from an earlier version. */
  compressed: boolean;
}

export interface BackupInfo extends BackupFile {
  bytes: number;
  /** The newest audit row in it, and its chain head: what a restore would bring back. */
  lastAuditId: number;
  headShort: string;
}

/** How far a backup has got: the copy counts pages, the compression bytes. */
export interface BackupProgress {
  phase: 'Copying the database' | 'Compressing';
  done: number;
  total: number;
  unit: 'pages' | 'bytes';
}

/** The database's size as its pages count it: the main file and what its WAL holds beyond it, as one file would. */
export function databaseSize(sqlite: Database.Database): number {
  return (sqlite.pragma('page_count', { simple: true }) as number) * (sqlite.pragma('page_size', { simple: true }) as number);
}

/** Where a backup's witness is kept: beside it. */
export const backupWitnessFile = (backupFile: string) => `${backupFile}.witness.json`;

export function backupFolder(dbFile: string): string {
  return join(dirname(dbFile), 'backups');
}

const baseName = (dbFile: string) => basename(dbFile, extname(dbFile));

/** 2026-01-15T10-30-00Z: sorts by time, and is a valid file name on Windows too. */
const stamp = (at: Date) => `${at.toISOString().slice(0, 19).replace(/:/g, '-')}Z`;

function nameOf(dbFile: string, at: Date, kind: BackupKind, n: number): string {
  return `${baseName(dbFile)}-${stamp(at)}${n > 1 ? `-${n}` : ''}${kind === 'daily' ? '-daily' : ''}.db.gz`;
}

export const isCompressedBackup = (file: string) => file.endsWith('.gz');

/** The backups of this database in a folder, newest first. Other files there (half-made ones included) are not listed and are left alone. */
export function listBackups(dbFile: string, dir = backupFolder(dbFile)): BackupFile[] {
  if (!existsSync(dir)) return [];
  const base = baseName(dbFile).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${base}-(\\d{4}-\\d{2}-\\d{2})T(\\d{2})-(\\d{2})-(\\d{2})Z(?:-\\d+)?(-daily)?\\.db(\\.gz)?$`);
  return readdirSync(dir)
    .flatMap((name) => {
      const m = pattern.exec(name);
      if (!m) return [];
      const at = new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}Z`);
      return Number.isNaN(at.getTime()) ? [] : [{ file: join(dir, name), kind: (m[5] ? 'daily' : 'manual') as BackupKind, at, compressed: Boolean(m[6]) }];
    })
    .sort((a, b) => b.at.getTime() - a.at.getTime() || b.file.localeCompare(a.file));
}

/** What the list shows of a backup: its size, and the head its witness recorded (null for a backup without one). */
export interface BackupListing extends BackupFile {
  bytes: number;
  headShort: string | null;
  headId: number | null;
  /** When an automatic backup leaves the kept set at the latest; null for one made on request. */
  expiresAt: Date | null;
}

export function describeBackups(dbFile: string, dir = backupFolder(dbFile), now = new Date()): BackupListing[] {
  return listBackups(dbFile, dir).flatMap((b) => {
    let bytes: number;
    try {
      bytes = statSync(b.file).size;
    } catch {
      return []; // pruned or moved between the listing and now
    }
    const w = readWitnessFile(backupWitnessFile(b.file), null);
    return [{ ...b, bytes, headShort: w ? w.head.slice(0, 16) : null, headId: w?.headId ?? null, expiresAt: expiresAt(b, now) }];
  });
}

/** Counts the bytes that pass, for a progress line over a stream. */
function counter(onBytes: (n: number) => void): Transform {
  let n = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      n += chunk.length;
      try {
        onBytes(n); // may throw to stop (a cancelled job): the pipeline then fails and its files are removed
      } catch (e) {
        done(e as Error);
        return;
      }
      done(null, chunk);
    },
  });
}

/**
 * gzip-compresses `from` into `to`, streamed: zlib works on libuv's threads in
 * chunks, so the thread that called it goes on answering meanwhile. Written beside
 * `to` and renamed when whole.
 */
export async function compressFile(from: string, to: string, onBytes?: (done: number, total: number) => void): Promise<void> {
  const total = statSync(from).size;
  const partial = `${to}.partial`;
  try {
    await pipeline(
      createReadStream(from),
      counter((n) => onBytes?.(n, total)),
      createGzip(),
      createWriteStream(partial),
    );
    renameSync(partial, to);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
}

/** Decompresses a .db.gz backup into `to` (a plain SQLite file), streamed like compressFile. */
export async function decompressFile(from: string, to: string, onBytes?: (done: number, total: number) => void): Promise<void> {
  const total = statSync(from).size;
  try {
    await pipeline(
      createReadStream(from),
      counter((n) => onBytes?.(n, total)),
      createGunzip(),
      createWriteStream(to),
    );
  } catch (e) {
    rmSync(to, { force: true });
    const code = (e as { code?: string }).code;
    throw code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR'
      ? new Error(`${from} is not a whole gzip file (${(e as Error).message}): it was cut short or damaged`)
      : e;
  }
}

/** Connections a backup is copying from: closing one (a restore from the app) would break the copy. */
const copying = new WeakSet<Database.Database>();

export const backupCopying = (sqlite: Database.Database) => copying.has(sqlite);

/**
 * Copies the open database to a new file in `dir` with the backup API: a
 * consistent copy even while the app writes (SQLite restarts the copy if another
 * connection changes the file meanwhile). The copy is switched out of WAL mode
 * (one self-contained file), read for its head, verified when asked (`verify`:
 * what is checked is what is compressed), then compressed to its final name and
 * the plain copy removed. Both steps are written beside the final name and renamed
 * when whole, so a half-made backup never looks like a backup.
 */
export async function backupDatabase(
  source: Database.Database,
  dbFile: string,
  options: { dir?: string; kind?: BackupKind; now?: Date; verify?: boolean; onProgress?: (p: BackupProgress) => void } = {},
): Promise<BackupInfo & { report?: IntegrityReport }> {
  const dir = options.dir ?? backupFolder(dbFile);
  const kind = options.kind ?? 'manual';
  const at = options.now ?? new Date();
  mkdirSync(dir, { recursive: true });
  let n = 1;
  const taken = (name: string) => existsSync(join(dir, name)) || existsSync(join(dir, name.replace(/\.gz$/, '')));
  while (taken(nameOf(dbFile, at, kind, n))) n++;
  const file = join(dir, nameOf(dbFile, at, kind, n));
  const plain = `${file.replace(/\.gz$/, '')}.partial`;
  removeDatabase(plain);
  try {
    copying.add(source);
    await source
      .backup(plain, {
        progress: ({ totalPages, remainingPages }) => {
          options.onProgress?.({ phase: 'Copying the database', done: totalPages - remainingPages, total: totalPages, unit: 'pages' });
          return 1000; // pages a step: small steps between which the core answers calls
        },
      })
      .finally(() => copying.delete(source));
    const copy = new Database(plain);
    let lastAuditId: number;
    let headShort: string;
    let report: IntegrityReport | undefined;
    try {
      copy.pragma('journal_mode = DELETE');
      lastAuditId = copy.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number;
      headShort = shortDigest(currentHead(copy));
      if (options.verify) report = checkIntegrity(copy);
      const seen = witnessNow(copy);
      if (seen) writeWitnessFile(backupWitnessFile(file), seen);
    } finally {
      copy.close();
    }
    await compressFile(plain, file, (done, total) => options.onProgress?.({ phase: 'Compressing', done, total, unit: 'bytes' }));
    removeDatabase(plain);
    return { file, kind, at, compressed: true, bytes: statSync(file).size, lastAuditId, headShort, ...(report ? { report } : {}) };
  } catch (e) {
    removeDatabase(plain);
    rmSync(backupWitnessFile(file), { force: true });
    throw e;
  }
}

/** The local calendar day: "once a day" means once per office day, not per 24 hours. */
const localDay = (d: Date) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;

export interface DailyBackupResult {
  made: BackupInfo | null;
  /** Why none was made: the one already taken today. */
  skipped?: string;
  /** Automatic backups deleted because they left the kept set (backupPolicy.ts). */
  pruned: string[];
}

/** Deletes the automatic backups that are no longer in the kept set at `now`, with their witnesses. */
export function pruneBackups(dbFile: string, dir = backupFolder(dbFile), now = new Date()): string[] {
  const pruned = keptSet(listBackups(dbFile, dir), now).pruned.map((b) => b.file);
  for (const f of pruned) {
    rmSync(f, { force: true });
    rmSync(backupWitnessFile(f), { force: true });
  }
  return pruned;
}

/**
 * The automatic backup at start: made unless one was already made today; then
 * the automatic backups that left the kept set are deleted. Backups made on
 * request are neither counted nor deleted.
 */
export async function dailyBackup(
  source: Database.Database,
  dbFile: string,
  options: { dir?: string; now?: Date; onProgress?: (p: BackupProgress) => void } = {},
): Promise<DailyBackupResult> {
  const now = options.now ?? new Date();
  const dir = options.dir ?? backupFolder(dbFile);
  const today = listBackups(dbFile, dir).find((b) => b.kind === 'daily' && localDay(b.at) === localDay(now));
  if (today) return { made: null, skipped: today.file, pruned: [] };
  const made = await backupDatabase(source, dbFile, { dir, kind: 'daily', now, onProgress: options.onProgress });
  return { made, pruned: pruneBackups(dbFile, dir, now) };
}
