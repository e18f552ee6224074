// The audit machinery itself, checked against the migrations: the triggers that
// write and guard the audit rows, the view they write through, and the audit
// tables. The chain proves the rows were not changed; it cannot see a trigger
// that was dropped or weakened, after which changes are simply not recorded.
import Database from 'better-sqlite3';
import { loadMigrations, migrate, type Migration } from './migrate';

export interface SchemaProblem {
  /** 'trigger', 'view' or 'table' */
  type: string;
  name: string;
  problem: 'missing' | 'altered' | 'unexpected' | 'migrations';
  message: string;
}

/** Tables whose definition is part of the audit trail (their CHECKs guard the rows). */
const AUDIT_TABLES = ['audit_log', 'audit_checkpoint', 'session_actor', 'audit_fts'];

interface Definition { type: string; name: string; table: string; sql: string; migration: string }

const expected = new Map<string, Map<string, Definition>>();

/**
 * What the migrations define, found by applying them to an empty in-memory
 * database (so the stored SQL text is exactly what SQLite stores for the real
 * file), remembering which migration created each object.
 */
function definitionsOf(migrations: Migration[]): Map<string, Definition> {
  const key = migrations.map((m) => m.checksum).join(',');
  let defs = expected.get(key);
  if (defs) return defs;
  defs = new Map();
  const mem = new Database(':memory:');
  try {
    for (let i = 0; i < migrations.length; i++) {
      migrate(mem, migrations.slice(0, i + 1));
      const now = guardedObjects(mem);
      // A later migration that drops an object (0009's full-text trigger) means it is no longer expected.
      for (const name of [...defs.keys()]) if (!now.some((d) => d.name === name)) defs.delete(name);
      for (const d of now) {
        const known = defs.get(d.name);
        // A later migration that re-creates an object owns the new text.
        if (!known || known.sql !== d.sql) defs.set(d.name, { ...d, migration: migrations[i].name });
      }
    }
  } finally {
    mem.close();
  }
  expected.set(key, defs);
  return defs;
}

function guardedObjects(sqlite: Database.Database): Omit<Definition, 'migration'>[] {
  return sqlite.prepare(`SELECT type, name, tbl_name AS "table", sql FROM sqlite_master
    WHERE type IN ('trigger', 'view') OR (type = 'table' AND name IN (${AUDIT_TABLES.map(() => '?').join(', ')}))
    ORDER BY type, name`).all(...AUDIT_TABLES) as Omit<Definition, 'migration'>[];
}

/**
 * The migrations this database says it has: the ones to compare it with. A file
 * migrated by an older version is checked against that version's schema (it
 * gets the rest when the app opens it); a list that does not match the files at
 * all is itself the problem.
 */
function appliedMigrations(sqlite: Database.Database, files: Migration[]): Migration[] | SchemaProblem {
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  const applied = hasTable
    ? sqlite.prepare('SELECT name, checksum FROM schema_migrations ORDER BY name').all() as { name: string; checksum: string }[]
    : [];
  for (let i = 0; i < applied.length; i++) {
    if (files[i]?.name !== applied[i].name || files[i].checksum !== applied[i].checksum) {
      return {
        type: 'table', name: 'schema_migrations', problem: 'migrations',
        message: `the recorded migration ${applied[i].name} is not this version's ${files[i]?.name ?? '(none)'}: ` +
          'the schema cannot be checked against the migrations that made it',
      };
    }
  }
  return files.slice(0, applied.length);
}

/** Every audit trigger, guard, view and audit table that is missing, altered, or was added from outside. */
export function checkSchema(sqlite: Database.Database, migrationsDir: string): SchemaProblem[] {
  const migrations = appliedMigrations(sqlite, loadMigrations(migrationsDir));
  if (!Array.isArray(migrations)) return [migrations];
  const want = definitionsOf(migrations);
  const have = new Map(guardedObjects(sqlite).map((d) => [d.name, d]));
  const problems: SchemaProblem[] = [];
  for (const [name, d] of want) {
    const found = have.get(name);
    const on = d.type === 'trigger' ? ` on ${d.table}` : '';
    if (!found || found.type !== d.type) {
      problems.push({ type: d.type, name, problem: 'missing',
        message: `${d.type} ${name}${on} is missing (defined by ${d.migration}): it was dropped` });
    } else if (found.sql !== d.sql) {
      problems.push({ type: d.type, name, problem: 'altered',
        message: `${d.type} ${name}${on} differs from the one ${d.migration} defines: it was altered` });
    }
  }
  for (const [name, d] of have) {
    if (!want.has(name)) {
      problems.push({ type: d.type, name, problem: 'unexpected',
        message: `${d.type} ${name} on ${d.table} is not defined by any JobTrail migration: it was added from outside` });
    }
  }
  return problems;
}

/** How many audit triggers the migrations define: what a clean report counts. */
export function triggerCount(sqlite: Database.Database, migrationsDir: string): number {
  const migrations = appliedMigrations(sqlite, loadMigrations(migrationsDir));
  if (!Array.isArray(migrations)) return 0;
  return [...definitionsOf(migrations).values()].filter((d) => d.type === 'trigger').length;
}
