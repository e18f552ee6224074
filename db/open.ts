import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMigrations, migrate } from './migrate';
import { schema } from './schema';

export type Orm = BetterSQLite3Database<typeof schema>;

/** An open JobTrail database: the raw connection (for prepared hot paths) and drizzle over it. */
export interface Db {
  sqlite: Database.Database;
  orm: Orm;
  file: string;
}

/**
 * Where the SQL migrations are. In source (tests, CLI) they sit beside this file;
 * the Electron build copies them next to the bundled main script, which is where
 * import.meta.url points there.
 */
export function migrationsDir(): string {
  if (process.env.JOBTRAIL_MIGRATIONS_DIR) return process.env.JOBTRAIL_MIGRATIONS_DIR;
  return fileURLToPath(new URL('./migrations', import.meta.url));
}

export interface OpenOptions {
  readonly?: boolean;
  /**
   * Opened writable at the file level (SQLite may have to create a WAL file's -shm
   * to read it) but never writing: no migration, no journal switch, query_only.
   * For reading a file that read-only mode cannot open, without upgrading it.
   */
  queryOnly?: boolean;
  /** Milliseconds a writer waits for another writer (the CLI beside the app) before giving up. */
  busyTimeoutMs?: number;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const reading = options.readonly || options.queryOnly;
  if (!reading && file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  if (reading && !existsSync(file)) throw new Error(`No database at ${file}`);
  const sqlite = new Database(file, { readonly: options.readonly ?? false });
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
  sqlite.pragma('foreign_keys = ON');
  if (options.queryOnly) sqlite.pragma('query_only = ON');
  if (!reading) {
    sqlite.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; FULL adds power-loss
    // durability for the last commits at the price of an fsync per transaction. An
    // audit trail wants the last commit to survive a power cut too.
    sqlite.pragma('synchronous = FULL');
    try {
      migrate(sqlite, loadMigrations(migrationsDir()));
    } catch (e) {
      sqlite.close(); // a refused database must not stay locked open (Windows keeps the file busy)
      throw e;
    }
  }
  return { sqlite, orm: drizzle(sqlite, { schema }), file };
}

export function closeDatabase(db: Db): void {
  if (db.sqlite.open) db.sqlite.close();
}
