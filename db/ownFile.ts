// Whether a file may be opened as a JobTrail database for writing: a new or empty
// file, or one JobTrail's migrations made. Asked before the first write (the switch
// to WAL, the migrations), because both would change another program's database
// for good: 25 tables added beside its own, or half of them where a name clashes.
import type Database from 'better-sqlite3';

export class ForeignDatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForeignDatabaseError';
  }
}

const LEFT_AS_IT_WAS = "JobTrail left it as it was: open JobTrail's own database, or give a new file name to start an empty one.";

/** Throws ForeignDatabaseError unless the file is empty or was made by JobTrail (one of `migrationNames` recorded in it). */
export function refuseForeignDatabase(sqlite: Database.Database, file: string, migrationNames: readonly string[]): void {
  let tables: string[];
  try {
    tables = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
      .pluck()
      .all() as string[];
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new ForeignDatabaseError(`${file} is not a SQLite database, so not a JobTrail one. ${LEFT_AS_IT_WAS}`);
    }
    throw e;
  }
  const others = tables.filter((t) => t !== 'schema_migrations');
  if (others.length === 0) return; // new, or a first start that stopped before its first migration
  if (tables.includes('schema_migrations') && recordsOurs(sqlite, migrationNames)) return;
  const shown = others.slice(0, 4).join(', ') + (others.length > 4 ? ` and ${others.length - 4} more` : '');
  throw new ForeignDatabaseError(
    `${file} is not a JobTrail database: it seems to be another program's SQLite database ` +
      `(${others.length === 1 ? 'its table' : `its ${others.length} tables`}: ${shown}). ${LEFT_AS_IT_WAS}`,
  );
}

function recordsOurs(sqlite: Database.Database, migrationNames: readonly string[]): boolean {
  try {
    const names = sqlite.prepare('SELECT name FROM schema_migrations').pluck().all() as unknown[];
    return names.some((n) => typeof n === 'string' && migrationNames.includes(n));
  } catch {
    return false; // a schema_migrations of another shape is someone else's
  }
}
