// The drizzle schema (db/schema.ts) and the tables the SQL migrations create
// must never drift: same tables, same columns, types, NOT NULL, keys, defaults.
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/open';
import { schema } from '../../db/schema';
import { tempDir } from '../helpers/core';

let dir: string;
let db: Db;
beforeAll(() => {
  dir = tempDir('jobtrail-schema-');
  db = openDatabase(join(dir, 'schema.db'));
});
afterAll(() => {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

type PragmaColumn = { name: string; type: string; notnull: number; dflt_value: string | null; pk: number };
const tables = Object.values(schema).map((t) => getTableConfig(t as SQLiteTable));

function fromDrizzle(t: ReturnType<typeof getTableConfig>) {
  const compositePk = new Set(t.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name)));
  return t.columns.map((c) => {
    const pk = c.primary || compositePk.has(c.name);
    return {
      name: c.name,
      type: c.getSQLType().toUpperCase(),
      notNull: c.notNull || pk,
      pk,
      // An INTEGER PRIMARY KEY gets its value from the rowid, not from a DEFAULT.
      hasDefault: c.primary && c.getSQLType() === 'integer' ? false : c.hasDefault,
    };
  });
}

function fromSqlite(name: string) {
  const cols = db.sqlite.prepare(`PRAGMA table_info("${name}")`).all() as PragmaColumn[];
  return cols.map((c) => ({ name: c.name, type: c.type.toUpperCase(), notNull: c.notnull === 1 || c.pk > 0, pk: c.pk > 0, hasDefault: c.dflt_value !== null }));
}

describe('drizzle schema and migrated tables', () => {
  it('name the same tables', () => {
    const migrated = db.sqlite
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table'
      AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'audit_fts%' AND name <> 'schema_migrations' ORDER BY name`,
      )
      .pluck()
      .all();
    expect(tables.map((t) => t.name).sort()).toEqual(migrated);
  });

  it.each(tables.map((t) => [t.name, t] as const))('%s has the same columns, types, NOT NULL, keys and defaults', (name, t) => {
    expect(fromDrizzle(t)).toEqual(fromSqlite(name));
  });

  it.each(tables.map((t) => [t.name, t] as const))('%s has the same foreign keys', (name, t) => {
    const drizzleFks = t.foreignKeys
      .map((f) => {
        const r = f.reference();
        return { from: r.columns.map((c) => c.name).join(','), table: getTableConfig(r.foreignTable).name, to: r.foreignColumns.map((c) => c.name).join(',') };
      })
      .sort((a, b) => a.from.localeCompare(b.from));
    const sqliteFks = (db.sqlite.prepare(`PRAGMA foreign_key_list("${name}")`).all() as { from: string; table: string; to: string }[])
      .map((f) => ({ from: f.from, table: f.table, to: f.to }))
      .sort((a, b) => a.from.localeCompare(b.from));
    expect(drizzleFks).toEqual(sqliteFks);
  });
});
