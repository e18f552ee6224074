// Bringing the History's full-text index up to date with the log. The index is
// fed after the writing transaction commits, in batches (migration 0009 says
// why): an audit row is complete and chained the moment its change commits, and
// becomes findable by words at the next catch-up, which every search runs first.
import type Database from 'better-sqlite3';

/** Rows indexed per transaction: large enough to amortise the index's segment writes, small enough to hold the write lock briefly. */
export const TEXT_BATCH_ROWS = 20_000;

interface Statements {
  behind: Database.Statement;
  batchEnd: Database.Statement;
  index: Database.Statement;
  advance: Database.Statement;
  batch: (most: number) => number;
}
const statements = new WeakMap<Database.Database, Statements>();

function prepared(sqlite: Database.Database): Statements {
  let s = statements.get(sqlite);
  if (!s) {
    const progress = '(SELECT indexed_to FROM audit_search_progress WHERE id = 1)';
    const made: Omit<Statements, 'batch'> = {
      behind: sqlite.prepare(`SELECT coalesce(max(id), 0) > ${progress} FROM audit_log`).pluck(),
      batchEnd: sqlite.prepare(`SELECT max(id) FROM (SELECT id FROM audit_log WHERE id > ${progress} ORDER BY id LIMIT ?)`).pluck(),
      index: sqlite.prepare(`INSERT INTO audit_fts (rowid, actor_name, event, field, old_value, new_value, label)
        SELECT id, actor_name, event, field, old_value, new_value, label FROM audit_search_source
        WHERE id > ${progress} AND id <= ? ORDER BY id`),
      advance: sqlite.prepare('UPDATE audit_search_progress SET indexed_to = ? WHERE id = 1'),
    };
    // Reading the progress and moving it in one write transaction: two connections catching up never index a row twice.
    const batch = sqlite.transaction((most: number) => {
      const end = made.batchEnd.get(most) as number | null;
      if (end === null) return 0;
      const n = made.index.run(end).changes;
      made.advance.run(end);
      return n;
    });
    s = { ...made, batch: (most) => batch.immediate(most) };
    statements.set(sqlite, s);
  }
  return s;
}

/** Whether some audit rows are not in the full-text index yet: two index look-ups, cheap enough before every search. */
export function textIndexBehind(sqlite: Database.Database): boolean {
  return prepared(sqlite).behind.get() === 1;
}

/**
 * Indexes the rows not in the full-text index yet, oldest first, at most `most`
 * (all of them by default), in transactions of TEXT_BATCH_ROWS. Returns how many.
 */
export function indexHistoryText(sqlite: Database.Database, most = Infinity): number {
  const s = prepared(sqlite);
  if (s.behind.get() !== 1) return 0;
  if (sqlite.readonly) {
    throw new Error('Some History rows are not in the search index yet, and this database is open read-only: open it in JobTrail to search it');
  }
  let done = 0;
  while (done < most) {
    const n = s.batch(Math.min(TEXT_BATCH_ROWS, most - done));
    if (n === 0) break;
    done += n;
  }
  return done;
}

/**
 * As indexHistoryText, but only if the write lock is free now: for the idle turns,
 * which must never hold the app's thread waiting for another writer (an import from
 * the command line holds the lock for half a second at a time). Returns how many.
 */
export function indexHistoryTextIfFree(sqlite: Database.Database, most: number): number {
  const wait = sqlite.pragma('busy_timeout', { simple: true }) as number;
  sqlite.pragma('busy_timeout = 0');
  try {
    return indexHistoryText(sqlite, most);
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) return 0; // the next turn, or the next search, catches up
    throw e;
  } finally {
    sqlite.pragma(`busy_timeout = ${wait}`);
  }
}

/**
 * The search index against the log, in one read: how far the index says it has read,
 * the log's last row, the log's rows up to that point, and the rows the index holds.
 * Rows taken out of the index, or a progress record moved on, would hide rows from
 * search while the History and its chain stay intact: the integrity check compares.
 */
export const TEXT_INDEX_COUNTS_SQL = `SELECT p.indexed_to AS indexedTo, (SELECT coalesce(max(id), 0) FROM audit_log) AS last,
  (SELECT count(*) FROM audit_log) - (SELECT count(*) FROM audit_log WHERE id > p.indexed_to) AS logged,
  (SELECT count(*) FROM audit_fts_docsize) AS held
  FROM (SELECT 1) LEFT JOIN audit_search_progress p ON p.id = 1`;

export interface TextIndexCounts {
  indexedTo: number | null;
  last: number;
  logged: number | null;
  held: number | null;
}

/**
 * What is wrong with the search index, in one line, from TEXT_INDEX_COUNTS_SQL's row
 * (or the same counts over the rows after `afterId`, for a check of those only);
 * null when it holds every row it should.
 */
export function textIndexProblem(c: TextIndexCounts, afterId = 0): string | null {
  const n = (x: number) => x.toLocaleString('en');
  const repair = 'the History itself is not affected; npm run cli -- reindex --db FILE rebuilds the index';
  if (c.indexedTo === null) return `the search index's progress record is missing: no row written from now on would be searchable (${repair})`;
  if (c.indexedTo > c.last) {
    return (
      `the search index says it has read the log up to row ${n(c.indexedTo)}, but the log ends at row ${n(c.last)}: ` +
      `rows written up to row ${n(c.indexedTo)} would never be searchable (${repair})`
    );
  }
  const [logged, held] = [c.logged ?? 0, c.held ?? 0];
  if (held === logged) return null;
  const effect = held < logged ? `a search would not find ${n(logged - held)} of them` : 'it holds rows the log does not';
  const counted =
    afterId > 0
      ? `${n(held)} of rows ${n(afterId + 1)}–${n(c.indexedTo)} where the log has ${n(logged)}`
      : `${n(held)} rows where the log has ${n(logged)} up to row ${n(c.indexedTo)}`;
  return `the search index holds ${counted}: ${effect} (${repair})`;
}

/** Empties the search index and indexes the whole log again, a batch at a time. Returns the rows indexed. */
export function rebuildHistoryText(sqlite: Database.Database, onBatch?: (done: number) => void): number {
  sqlite
    .transaction(() => {
      sqlite.prepare("INSERT INTO audit_fts (audit_fts) VALUES ('delete-all')").run();
      sqlite.prepare('INSERT OR REPLACE INTO audit_search_progress (id, indexed_to) VALUES (1, 0)').run();
    })
    .immediate();
  let done = 0;
  for (let n; (n = indexHistoryText(sqlite, TEXT_BATCH_ROWS)) > 0;) {
    done += n;
    onBatch?.(done);
  }
  return done;
}

/** A booking's or customer's History up to this many rows is searched in a copy of its own; a larger one through the whole index. */
export const SCOPE_TEXT_ROWS = 20_000;

/**
 * Words searched within one booking's or customer's History. Through the whole
 * index, a word being typed ("sched") gathers the rows of every word it starts
 * across ten years (half a second); the scope's own rows are few. They are put
 * in a temporary index with the same columns and tokenizer, so a word matches
 * exactly as it would in audit_fts. Returns the table to match in, or null when
 * the scope is too large (or the connection cannot write even a temporary table).
 */
export function scopeTextIndex(sqlite: Database.Database, scope: { bookingId?: number; customerId?: number }): string | null {
  const column = scope.bookingId !== undefined ? 'booking_id' : scope.customerId !== undefined ? 'customer_id' : null;
  if (column === null || sqlite.readonly) return null;
  const id = scope.bookingId ?? scope.customerId;
  const rows = sqlite
    .prepare(`SELECT count(*) FROM (SELECT 1 FROM audit_log WHERE ${column} = ? LIMIT ${SCOPE_TEXT_ROWS + 1})`)
    .pluck()
    .get(id) as number;
  if (rows > SCOPE_TEXT_ROWS) return null;
  // audit_fts's own definition, so that its columns and tokenizer cannot drift apart from this copy's.
  const definition = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'audit_fts'").pluck().get() as string;
  sqlite.exec(definition.replace(/^CREATE VIRTUAL TABLE audit_fts\b/i, 'CREATE VIRTUAL TABLE IF NOT EXISTS temp.audit_scope_fts'));
  sqlite.prepare("INSERT INTO temp.audit_scope_fts (audit_scope_fts) VALUES ('delete-all')").run();
  sqlite
    .prepare(
      `INSERT INTO temp.audit_scope_fts (rowid, actor_name, event, field, old_value, new_value, label)
    SELECT id, actor_name, event, field, old_value, new_value, label FROM audit_search_source
    WHERE id IN (SELECT id FROM audit_log WHERE ${column} = ?) ORDER BY id`,
    )
    .run(id);
  return 'audit_scope_fts';
}
