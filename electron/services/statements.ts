import type Database from 'better-sqlite3';
import { eq, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/open';

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * The statement for this SQL on this connection, compiled once: the History and
 * Timeline reads run on every screen, and SQLite's compile is a large part of a
 * small query. Not for iterate(): an iterating statement is busy until it ends.
 */
export function cachedStatement(sqlite: Database.Database, source: string): Database.Statement {
  let m = cache.get(sqlite);
  if (!m) cache.set(sqlite, (m = new Map()));
  let s = m.get(source);
  if (!s) m.set(source, (s = sqlite.prepare(source)));
  return s;
}

/**
 * A drizzle query built once per connection and reused: drizzle turns a query's
 * objects into SQL text on every call, and for the small queries every change
 * makes (a booking by id, an insert, an update) that cost more than SQLite running
 * them. `build` writes the query with sql.placeholder() for its values and ends
 * with .prepare(); the caller passes the values to get/all/run. Where a query's
 * shape varies (the columns an edit sets), `key` names the shape, and each shape is
 * built once. Keep drizzle's usual one-off form for queries whose shape varies with
 * every call and that are not on a write path (lists, filters).
 */
export function perConnection<Q>(build: (db: Db) => Q): (db: Db) => Q;
export function perConnection<Q, K>(build: (db: Db, key: K) => Q): (db: Db, key: K) => Q;
export function perConnection<Q, K>(build: (db: Db, key?: K) => Q): (db: Db, key?: K) => Q {
  const built = new WeakMap<Database.Database, Map<K | undefined, Q>>();
  return (db, key) => {
    let shapes = built.get(db.sqlite);
    if (!shapes) built.set(db.sqlite, (shapes = new Map()));
    let q = shapes.get(key);
    if (q === undefined) shapes.set(key, (q = build(db, key)));
    return q;
  };
}

type TableWithId = SQLiteTable & { id: SQLiteColumn };
/** Per connection and table: the prepared update of each set of columns. */
const updatesOf = perConnection((_db: Db, _table: TableWithId) => new Map<string, { run(values: Record<string, unknown>): unknown }>());

/**
 * Sets these columns of the row with this id (an edit form's changed fields): one
 * prepared update per table and set of columns. The update names exactly the
 * columns given, so only their audit triggers fire, as with drizzle's own update.
 */
export function updateById<T extends TableWithId>(db: Db, table: T, id: number, values: Partial<T['$inferInsert']>): void {
  const shapes = updatesOf(db, table);
  const columns = Object.keys(values)
    .filter((c) => values[c as keyof typeof values] !== undefined)
    .sort();
  const key = columns.join(',');
  let update = shapes.get(key);
  if (!update) {
    const set = Object.fromEntries(columns.map((c) => [c, sql.placeholder(c)]));
    update = db.orm
      .update(table)
      .set(set as never)
      .where(eq(table.id, sql.placeholder('id')))
      .prepare();
    shapes.set(key, update);
  }
  update.run({ ...values, id });
}
