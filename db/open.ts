import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMigrations, migrate } from './migrate';
import { refuseForeignDatabase } from './ownFile';
import { holdOpen } from './openLock';
import { explainOpenError } from './openErrors';
import { assertColumnsPresent } from './columnsCheck';
import { schema } from './schema';
import { useKeys, type KeyPlace } from './chainKeys';
import { flushWitnesses } from './witness';
import { signPasswordsAtUpgrade } from './passwordSignatures';
import { placeBookingsAtUpgrade } from './propertiesAtUpgrade';

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
  /** Where the chain's signing key and witness are kept (default: the user-data folder's keys/, or JOBTRAIL_KEY_DIR). */
  keys?: KeyPlace;
  /** Milliseconds a writer waits for another writer (the CLI beside the app) before giving up. */
  busyTimeoutMs?: number;
  /** Milliseconds a writer waits for a restore of the file to finish before it says so (db/openLock.ts). */
  lockWaitMs?: number;
}

/** Statements one connection keeps compiled for drizzle: more than the services' distinct queries, few enough to stay small. */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * What drizzle is given instead of the connection: the same connection, whose
 * prepare() hands back the statement compiled before for the same SQL text, so a
 * query drizzle builds again is not compiled again (SQLite's compile is a large
 * part of a small query). Only drizzle sees it: its statements live for one call
 * or in one of its prepared queries, and it sets raw mode itself whenever it wants
 * arrays, so a statement is handed out reset to row objects. A statement still
 * iterating is busy and never handed out twice: that caller gets a fresh one.
 * The oldest unused statements drop out once there are STATEMENT_CACHE_SIZE.
 * drizzle calls nothing but prepare() and transaction() on its client.
 */
export function statementReusingClient(sqlite: Database.Database, size = STATEMENT_CACHE_SIZE): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const prepare = (source: string): Database.Statement => {
    let stmt = cache.get(source);
    if (stmt !== undefined && !stmt.busy) {
      cache.delete(source); // to the back of the line: the most recently used leave last
      cache.set(source, stmt);
      return stmt.reader ? stmt.raw(false) : stmt;
    }
    stmt = sqlite.prepare(source);
    cache.set(source, stmt);
    if (cache.size > size) cache.delete(cache.keys().next().value!);
    return stmt;
  };
  return { prepare, transaction: (fn: never) => sqlite.transaction(fn) } as unknown as Database.Database;
}

const releases = new WeakMap<Database.Database, () => void>();

/**
 * Opens a JobTrail database: a reader as it is; a writer only after taking its
 * place in the open lock (db/openLock.ts: never while a restore replaces the file),
 * and only when the file is new, empty or JobTrail's (db/ownFile.ts), and then
 * switched to WAL, migrated and its columns checked. What goes wrong with the file
 * or its disk is said in words (db/openErrors.ts), and nothing is left open.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const reading = options.readonly || options.queryOnly;
  if (reading && !existsSync(file)) throw new Error(`No database at ${file}`);
  let release = () => {};
  let sqlite: Database.Database | undefined;
  try {
    if (!reading && file !== ':memory:') {
      mkdirSync(dirname(file), { recursive: true });
      release = holdOpen(file, options.lockWaitMs);
    }
    sqlite = new Database(file, { readonly: options.readonly ?? false });
    sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
    sqlite.pragma('foreign_keys = ON');
    if (options.queryOnly) sqlite.pragma('query_only = ON');
    if (!reading) {
      const migrations = loadMigrations(migrationsDir());
      if (file !== ':memory:')
        refuseForeignDatabase(
          sqlite,
          file,
          migrations.map((m) => m.name),
        );
      sqlite.pragma('journal_mode = WAL');
      // NORMAL is durable across application crashes in WAL mode; FULL adds power-loss
      // durability for the last commits at the price of an fsync per transaction. An
      // audit trail wants the last commit to survive a power cut too.
      sqlite.pragma('synchronous = FULL');
      if (options.keys) useKeys(sqlite, options.keys);
      const applied = migrate(sqlite, migrations);
      assertColumnsPresent(sqlite, file);
      signPasswordsAtUpgrade(sqlite, applied);
      placeBookingsAtUpgrade(sqlite, applied);
    }
  } catch (e) {
    sqlite?.close(); // a refused database must not stay locked open (Windows keeps the file busy)
    release();
    throw explainOpenError(e, file);
  }
  releases.set(sqlite, release);
  return { sqlite, orm: drizzle(statementReusingClient(sqlite), { schema }), file };
}

/**
 * For a long run of audited changes batched into few transactions (the import, the
 * demo generator): SQLite's statement journals in memory until the returned
 * function puts the setting back. Each change in a batch is a savepoint, and
 * SQLite copies every page a savepoint or statement touches into a sub-journal
 * that, past 64 KiB, moves to a temporary file for the rest of the transaction: a
 * write() per page, a quarter of an import's time. Not for a connection's whole
 * life: the same setting keeps every sort in memory, and the integrity check sorts
 * the whole log. Call it outside a transaction (SQLite refuses the switch inside one).
 */
export function journalsInMemory(sqlite: Database.Database): () => void {
  const before = sqlite.pragma('temp_store', { simple: true }) as number;
  sqlite.pragma('temp_store = MEMORY');
  return () => {
    if (sqlite.open) sqlite.pragma(`temp_store = ${before}`);
  };
}

/** Deletes a database file with its WAL, shared memory and journal (a scratch or half-built one). */
export function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

export function closeDatabase(db: Db): void {
  flushWitnesses(db.sqlite);
  if (db.sqlite.open) db.sqlite.close();
  releases.get(db.sqlite)?.(); // after the close: a restore may take the file only once nothing here has it open
  releases.delete(db.sqlite);
}
