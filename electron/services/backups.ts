// Backups of the database, taken online with SQLite's backup API while the app
// keeps working: one automatically on the first start of each day (the last 14
// kept), and any number on request (`cli backup`), which are never pruned.
// They go in a `backups` folder beside the database unless told otherwise. Each
// has its witness beside it (FILE.witness.json: the head it held when made), so a
// backup that lost rows since is refused at restore like a live log would be.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import Database from 'better-sqlite3';
import { currentHead, shortDigest } from '../../db/chain';
import { removeDatabase } from '../../db/open';
import { witnessNow, writeWitnessFile } from '../../db/witness';

export type BackupKind = 'daily' | 'manual';

export interface BackupInfo {
  file: string;
  kind: BackupKind;
  /** When it was taken (from its name). */
  at: Date;
  bytes: number;
  /** The newest audit row in it, and its chain head: what a restore would bring back. */
  lastAuditId: number;
  headShort: string;
}

/** Automatic backups kept; older ones are deleted after a new one is made. */
export const DAILY_BACKUPS_KEPT = 14;

/** Where a backup's witness is kept: beside it. */
export const backupWitnessFile = (backupFile: string) => `${backupFile}.witness.json`;

export function backupFolder(dbFile: string): string {
  return join(dirname(dbFile), 'backups');
}

const baseName = (dbFile: string) => basename(dbFile, extname(dbFile));

/** 2026-01-15T10-30-00Z: sorts by time, and is a valid file name on Windows too. */
const stamp = (at: Date) => `${at.toISOString().slice(0, 19).replace(/:/g, '-')}Z`;

function nameOf(dbFile: string, at: Date, kind: BackupKind, n: number): string {
  return `${baseName(dbFile)}-${stamp(at)}${n > 1 ? `-${n}` : ''}${kind === 'daily' ? '-daily' : ''}.db`;
}

/** The backups of this database in a folder, newest first. Other files there are not ours and are left alone. */
export function listBackups(dbFile: string, dir = backupFolder(dbFile)): { file: string; kind: BackupKind; at: Date }[] {
  if (!existsSync(dir)) return [];
  const base = baseName(dbFile).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${base}-(\\d{4}-\\d{2}-\\d{2})T(\\d{2})-(\\d{2})-(\\d{2})Z(?:-\\d+)?(-daily)?\\.db$`);
  return readdirSync(dir).flatMap((name) => {
    const m = pattern.exec(name);
    if (!m) return [];
    const at = new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}Z`);
    return Number.isNaN(at.getTime()) ? [] : [{ file: join(dir, name), kind: (m[5] ? 'daily' : 'manual') as BackupKind, at }];
  }).sort((a, b) => b.at.getTime() - a.at.getTime() || b.file.localeCompare(a.file));
}

/**
 * Copies the open database to a new file in `dir` with the backup API: a
 * consistent copy even while the app writes (SQLite restarts the copy if another
 * connection changes the file meanwhile). It is written beside its final name and
 * renamed when complete, so a half-made backup never looks like a backup. The
 * copy is switched out of WAL mode: one self-contained file.
 */
export async function backupDatabase(source: Database.Database, dbFile: string,
  options: { dir?: string; kind?: BackupKind; now?: Date } = {}): Promise<BackupInfo> {
  const dir = options.dir ?? backupFolder(dbFile);
  const kind = options.kind ?? 'manual';
  const at = options.now ?? new Date();
  mkdirSync(dir, { recursive: true });
  let n = 1;
  while (existsSync(join(dir, nameOf(dbFile, at, kind, n)))) n++;
  const file = join(dir, nameOf(dbFile, at, kind, n));
  const partial = `${file}.partial`;
  removeDatabase(partial);
  try {
    await source.backup(partial);
    const copy = new Database(partial);
    let lastAuditId: number;
    let headShort: string;
    try {
      copy.pragma('journal_mode = DELETE');
      lastAuditId = copy.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number;
      headShort = shortDigest(currentHead(copy));
      const seen = witnessNow(copy);
      if (seen) writeWitnessFile(backupWitnessFile(file), seen);
    } finally {
      copy.close();
    }
    renameSync(partial, file);
    return { file, kind, at, bytes: statSync(file).size, lastAuditId, headShort };
  } catch (e) {
    removeDatabase(partial);
    throw e;
  }
}

/** The local calendar day: "once a day" means once per office day, not per 24 hours. */
const localDay = (d: Date) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;

export interface DailyBackupResult {
  made: BackupInfo | null;
  /** Why none was made: the one already taken today. */
  skipped?: string;
  /** Older automatic backups deleted to keep the last DAILY_BACKUPS_KEPT. */
  pruned: string[];
}

/**
 * The automatic backup at start: made unless one was already made today, then
 * the automatic backups beyond the newest `keep` are deleted. Backups made on
 * request are neither counted nor deleted.
 */
export async function dailyBackup(source: Database.Database, dbFile: string,
  options: { dir?: string; now?: Date; keep?: number } = {}): Promise<DailyBackupResult> {
  const now = options.now ?? new Date();
  const dir = options.dir ?? backupFolder(dbFile);
  const today = listBackups(dbFile, dir).find((b) => b.kind === 'daily' && localDay(b.at) === localDay(now));
  if (today) return { made: null, skipped: today.file, pruned: [] };
  const made = await backupDatabase(source, dbFile, { dir, kind: 'daily', now });
  const pruned = listBackups(dbFile, dir).filter((b) => b.kind === 'daily').slice(options.keep ?? DAILY_BACKUPS_KEPT)
    .map((b) => b.file);
  for (const f of pruned) {
    rmSync(f, { force: true });
    rmSync(backupWitnessFile(f), { force: true });
  }
  return { made, pruned };
}
