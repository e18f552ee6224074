// The row a restore leaves in the log it restored: who put which backup back,
// and where the database it replaced was kept. Written into the restored file
// once it is open again, so the log itself says where it continues from.
//
// Only when the backup goes back over its own database: a copy restored to
// another place (to look at it, or over a damaged file) is a second file with the
// same log, and a row written there would make the witness of this PC see the
// real database as cut short at its next start.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import Database from 'better-sqlite3';
import { audited, type Actor } from '../../db/actor';
import { databaseId } from '../../db/chainKeys';
import type { Db } from '../../db/open';

/** A restore from the command line has no signed-in person. */
export const COMMAND_LINE = { id: null, name: 'JobTrail (command line)' } as const;

function databaseIdOf(file: string): string | null {
  if (!existsSync(file)) return null;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return databaseId(db);
  } catch {
    return null; // not a database, or not JobTrail's: nothing of this log is being replaced
  } finally {
    db?.close();
  }
}

/** Whether the database at `dbFile` holds the same log as the backup copy: asked before the swap. */
export function replacesItsOwnLog(dbFile: string, backupCopy: string): boolean {
  const id = databaseIdOf(dbFile);
  return id !== null && id === databaseIdOf(backupCopy);
}

export function recordRestore(db: Db, by: Actor, restored: { backup: string; headShort: string; keptAside: string | null }): void {
  audited(db.sqlite, by, () => {
    db.sqlite
      .prepare('INSERT INTO restores (backup, backup_head, kept_aside, restored_at) VALUES (?, ?, ?, ?)')
      .run(basename(restored.backup), restored.headShort, restored.keptAside, new Date().toISOString());
  });
}
