// The connection drizzle is given compiles each SQL text once and hands the
// statement back for the next query of that text, as a statement fresh from
// prepare() would be: in row-object mode, never while it is still iterating, and
// never more than its bound of texts. And the switch for batches of changes
// puts the connection back as it found it.
import Database from 'better-sqlite3';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { journalsInMemory, statementReusingClient } from '../../db/open';
import { users } from '../../db/schema';

let sqlite: Database.Database;
let compiled: string[];

beforeEach(() => {
  sqlite = new Database(':memory:');
  sqlite.exec(
    'CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, password_hash TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL)',
  );
  sqlite.exec("INSERT INTO users (name, role, password_hash, created_at) VALUES ('Ann', 'staff', 'x', 'now'), ('Bo', 'manager', 'x', 'now')");
  compiled = [];
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    compiled.push(source);
    return prepare(source);
  }) as typeof sqlite.prepare;
});
afterEach(() => sqlite.close());

describe('the statements drizzle prepares', () => {
  it('are compiled once per SQL text, however often drizzle builds the query again', () => {
    const orm = drizzle(statementReusingClient(sqlite));
    for (const id of [1, 2, 1, 2]) orm.select({ name: users.name }).from(users).where(eq(users.id, id)).get();
    expect(compiled).toHaveLength(1);
  });

  it('come back as row objects after drizzle used the same text for arrays', () => {
    const orm = drizzle(statementReusingClient(sqlite));
    const text = sql`SELECT name FROM users WHERE id = ${1}`;
    expect(orm.values(text)).toEqual([['Ann']]);
    expect(orm.get(text)).toEqual({ name: 'Ann' });
    expect(compiled).toHaveLength(1);
  });

  it('are not handed out again while they iterate: that query gets a statement of its own', () => {
    const client = statementReusingClient(sqlite);
    const text = 'SELECT name FROM users ORDER BY id';
    const iterating = client.prepare(text).iterate();
    expect((iterating.next().value as { name: string }).name).toBe('Ann');
    expect(client.prepare(text).all()).toEqual([{ name: 'Ann' }, { name: 'Bo' }]);
    expect((iterating.next().value as { name: string }).name).toBe('Bo');
    expect(iterating.next().done).toBe(true);
    expect(compiled).toHaveLength(2);
  });

  it('keep at most the bound, dropping the least recently used text first', () => {
    const client = statementReusingClient(sqlite, 2);
    const texts = ['SELECT 1', 'SELECT 2', 'SELECT 1', 'SELECT 3', 'SELECT 1', 'SELECT 2'];
    for (const t of texts) client.prepare(t).get();
    // SELECT 2 was the least recently used when SELECT 3 came, so it is compiled again; SELECT 1 never is.
    expect(compiled).toEqual(['SELECT 1', 'SELECT 2', 'SELECT 3', 'SELECT 2']);
  });
});

describe('journalsInMemory', () => {
  it('keeps temporary storage in memory until it puts the setting back', () => {
    sqlite.pragma('temp_store = FILE');
    const restore = journalsInMemory(sqlite);
    expect(sqlite.pragma('temp_store', { simple: true })).toBe(2);
    restore();
    expect(sqlite.pragma('temp_store', { simple: true })).toBe(1);
  });
});
