// Opening a database the CLI only reads (verify, export, backup): read-only where
// the file allows it, else query-only; never migrated, so checking an audit trail
// (perhaps one made by an older version) can never change it. A command that
// writes (reindex, purge-expired) opens it the same way first.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { closeDatabase, openDatabase, type Db } from '../../db/open';
import { decompressFile, isCompressedBackup } from '../services/backups';

/**
 * A compressed backup (.db.gz) is checked as it would be restored: decompressed to
 * a temporary folder first, removed afterwards. A plain file is read where it is.
 */
export async function uncompressed(file: string): Promise<{ file: string; remove(): void }> {
  if (!isCompressedBackup(file) || !existsSync(file)) return { file, remove: () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'jobtrail-verify-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const copy = join(dir, basename(file).replace(/\.gz$/, ''));
    await decompressFile(file, copy);
    return { file: copy, remove };
  } catch (e) {
    remove();
    throw new Error(`${file} cannot be decompressed (${(e as Error).message}): it is damaged, or not a JobTrail backup`);
  }
}

export function openForReading(file: string): Db {
  if (!existsSync(file)) throw new Error(`there is no database at ${file}`);
  const db = openReadonly(file) ?? openDatabase(file, { queryOnly: true });
  const audited = db.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").get();
  if (!audited) {
    closeDatabase(db);
    throw new Error(`${file} is not a JobTrail database: it has no audit log`);
  }
  return db;
}

/** Opened to write and migrated, once a read-only look found it: a missing file, or one that is not JobTrail's, is refused before anything is written. */
export function openForWriting(file: string): Db {
  closeDatabase(openForReading(file));
  return openDatabase(file);
}

/** Null when SQLite cannot read the file read-only (a WAL file whose -shm it may not create). */
function openReadonly(file: string): Db | null {
  let db: Db | undefined;
  try {
    db = openDatabase(file, { readonly: true });
    db.sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (e) {
    if (db) closeDatabase(db);
    if ((e as { code?: string }).code === 'SQLITE_NOTADB') throw new Error(`${file} is not a SQLite database`);
    return null;
  }
}
