import type Database from 'better-sqlite3';

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * The statement for this SQL on this connection, compiled once: the History and
 * Timeline reads run on every screen, and SQLite's compile is a large part of a
 * small query. Not for iterate(): an iterating statement is busy until it ends.
 */
export function cachedStatement(sqlite: Database.Database, sql: string): Database.Statement {
  let m = cache.get(sqlite);
  if (!m) cache.set(sqlite, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = sqlite.prepare(sql)));
  return s;
}
