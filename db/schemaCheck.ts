// The schema, checked against the migrations: every row of sqlite_master, since
// every row is SQL that SQLite runs when it opens the file. The chain proves the
// audit rows were not changed; it cannot see a trigger dropped, weakened or
// added (one that rewrites who made later changes), nor a table whose CHECK was
// removed, after which changes are recorded wrongly or not at all.
//
// SQLite loads a row by running its sql; it does not care how the row's type is
// spelt, and it matches names without regard to ASCII case. So nothing is filtered
// by type or name before comparing: an extra row is unexpected whatever it calls
// itself. Each row's type, name, table and sql must be exactly what SQLite itself
// writes for the migrations, because nothing else ever writes them: any other
// spelling was written into sqlite_master by hand (PRAGMA writable_schema).
import Database from 'better-sqlite3';
import { loadMigrations, migrate, type Migration } from './migrate';

export interface SchemaProblem {
  /** What the object is, in lower case: 'table', 'index', 'view' or 'trigger' (as stored, if it is none of them). */
  type: string;
  name: string;
  problem: 'missing' | 'altered' | 'unexpected' | 'duplicate' | 'migrations';
  message: string;
}

interface SchemaObject {
  type: string;
  name: string;
  table: string;
  sql: string | null;
}
interface Definition extends SchemaObject {
  migration: string;
}
interface Expected {
  defs: Map<string, Definition>;
  /**
   * May be there or not, but only exactly so. ANALYZE (or PRAGMA optimize), run
   * by anyone with a SQLite tool, creates sqlite_stat1 and sqlite_stat4: planner
   * statistics that change no row and no trigger, so their presence is no sign of
   * tampering; a payload stored under their names is, so their SQL is compared too.
   */
  optional: Map<string, Definition>;
}

/** SQLite folds ASCII letters only when it compares names; so does the check. */
const nameKey = (name: string) => name.replace(/[A-Z]/g, (c) => c.toLowerCase());
/**
 * Triggers have names of their own: one may share its name with an index (0003's
 * trigger audit_booking_status and 0008's index do). Tables, views and indexes
 * share the other space.
 */
const objectKey = (o: SchemaObject) => `${nameKey(o.type) === 'trigger' ? 'trigger' : 'table'} ${nameKey(o.name)}`;

const RUNNER = 'db/migrate.ts';

const cache = new Map<string, Expected>();

function objectsOf(sqlite: Database.Database): SchemaObject[] {
  return sqlite.prepare('SELECT type, name, tbl_name AS "table", sql FROM sqlite_master ORDER BY rowid').all() as SchemaObject[];
}

/**
 * What the migrations make, found by applying them to an empty in-memory
 * database: SQLite stores exactly the text it was given (the FTS5 index's shadow
 * tables included, as this SQLite writes them), so the real file must hold the
 * same. Remembers which migration made each object, for the messages.
 */
function expectedOf(migrations: Migration[]): Expected {
  const key = migrations.map((m) => m.checksum).join(',');
  const known = cache.get(key);
  if (known) return known;
  const defs = new Map<string, Definition>();
  const mem = new Database(':memory:');
  try {
    const record = (migration: string) => {
      const now = new Map(objectsOf(mem).map((o) => [objectKey(o), o]));
      // A later migration that drops an object (0009's full-text trigger) means it is no longer expected.
      for (const k of [...defs.keys()]) if (!now.has(k)) defs.delete(k);
      for (const [k, o] of now) {
        const d = defs.get(k);
        // A later migration that re-creates or alters an object owns the new text.
        if (!d || !same(d, o)) defs.set(k, { ...o, migration });
      }
    };
    migrate(mem, []);
    record(RUNNER);
    for (let i = 0; i < migrations.length; i++) {
      migrate(mem, migrations.slice(0, i + 1));
      record(migrations[i].name);
    }
    mem.exec('ANALYZE');
    const optional = new Map(
      objectsOf(mem)
        .filter((o) => !defs.has(objectKey(o)))
        .map((o) => [objectKey(o), { ...o, migration: 'ANALYZE' }]),
    );
    const expected = { defs, optional };
    cache.set(key, expected);
    return expected;
  } finally {
    mem.close();
  }
}

const same = (a: SchemaObject, b: SchemaObject) => a.type === b.type && a.name === b.name && a.table === b.table && a.sql === b.sql;

/** What the row's SQL would make, when it is not what the row says it is. */
function makes(o: SchemaObject): string {
  const m = /^\s*create\s+(?:(?:temp|temporary|unique|virtual)\s+)?(\w+)/i.exec(o.sql ?? '');
  const kind = m ? nameKey(m[1]) : null;
  return kind && kind !== nameKey(o.type) ? `, but its SQL creates a ${kind}` : '';
}

/** How a found row differs from its definition, beyond the SQL text. */
function differences(d: Definition, o: SchemaObject): string {
  const said: string[] = [];
  if (o.type !== d.type) said.push(`its type is stored as "${o.type}"`);
  if (o.name !== d.name) said.push(`its name is stored as "${o.name}"`);
  if (o.table !== d.table) said.push(`its table is stored as "${o.table}"`);
  if (o.sql !== d.sql) said.push('its SQL is different');
  return said.join(', ');
}

const on = (o: SchemaObject) => (nameKey(o.table) !== nameKey(o.name) ? ` on ${o.table}` : '');

/**
 * The migrations this database says it has: the ones to compare it with. A file
 * migrated by an older version is checked against that version's schema (it
 * gets the rest when the app opens it); a list that does not match the files at
 * all is itself the problem.
 */
function appliedMigrations(sqlite: Database.Database, files: Migration[]): Migration[] | SchemaProblem {
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  const applied = hasTable ? (sqlite.prepare('SELECT name, checksum FROM schema_migrations ORDER BY name').all() as { name: string; checksum: string }[]) : [];
  for (let i = 0; i < applied.length; i++) {
    if (files[i]?.name !== applied[i].name || files[i].checksum !== applied[i].checksum) {
      return {
        type: 'table',
        name: 'schema_migrations',
        problem: 'migrations',
        message:
          `the recorded migration ${applied[i].name} is not this version's ${files[i]?.name ?? '(none)'}: ` +
          'the schema cannot be checked against the migrations that made it',
      };
    }
  }
  return files.slice(0, applied.length);
}

/** Every table, index, view and trigger that is missing, altered, or was added from outside. */
export function checkSchema(sqlite: Database.Database, migrationsDir: string): SchemaProblem[] {
  const migrations = appliedMigrations(sqlite, loadMigrations(migrationsDir));
  if (!Array.isArray(migrations)) return [migrations];
  const { defs, optional } = expectedOf(migrations);
  const problems: SchemaProblem[] = [];
  const found = new Map<string, SchemaObject>();
  for (const o of objectsOf(sqlite)) {
    const k = objectKey(o);
    const first = found.get(k);
    if (first) {
      problems.push({
        type: nameKey(o.type),
        name: o.name,
        problem: 'duplicate',
        message:
          `${o.type} ${o.name}${on(o)} has the name of ${first.type} ${first.name} but for case, which SQLite takes for the same name: ` +
          'it was written into the schema by hand',
      });
    } else {
      found.set(k, o);
    }
  }
  for (const [k, d] of defs) {
    const o = found.get(k);
    if (!o) {
      problems.push({
        type: d.type,
        name: d.name,
        problem: 'missing',
        message: `${d.type} ${d.name}${on(d)} is missing (defined by ${d.migration}): it was dropped`,
      });
    } else if (!same(d, o)) {
      problems.push({
        type: d.type,
        name: d.name,
        problem: 'altered',
        message: `${d.type} ${d.name}${on(d)} differs from the one ${d.migration} defines: it was altered (${differences(d, o)}${makes(o)})`,
      });
    }
  }
  for (const [k, o] of found) {
    if (defs.has(k)) continue;
    const allowed = optional.get(k);
    if (allowed && same(allowed, o)) continue;
    problems.push({
      type: nameKey(o.type),
      name: o.name,
      problem: 'unexpected',
      message: `${o.type} ${o.name}${on(o)} is not defined by any JobTrail migration${makes(o)}: it was added from outside`,
    });
  }
  return problems;
}

/** How many objects of each type (table, index, view, trigger) the migrations define: what a clean report can count. */
export function schemaObjectCount(sqlite: Database.Database, migrationsDir: string): Record<string, number> {
  const migrations = appliedMigrations(sqlite, loadMigrations(migrationsDir));
  const counts: Record<string, number> = {};
  if (!Array.isArray(migrations)) return counts;
  for (const d of expectedOf(migrations).defs.values()) counts[d.type] = (counts[d.type] ?? 0) + 1;
  return counts;
}
