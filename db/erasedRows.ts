// Erasing audit rows' values (an erasure, electron/services/erasure.ts): the
// chain-level part. A v2 row's values enter its link only through its salted
// digest (db/chain.ts), so storing the digest and removing the values, the reason
// and the salt leaves the chain verifying; migration 0021 lets exactly that update
// through. The search index holds the values' words too: they are taken out of it,
// and the file's freed space and WAL are cleared, so the values cannot be read
// back from the database file either.
import type Database from 'better-sqlite3';
import { READ_COLUMNS, valueDigest } from './chain';
import { v2From } from './chainKeys';
import { scrubPages, walPages } from './scrubPages';

/** SQL over an audit row `a`: its values were erased (the digest kept, the salt gone). */
export const ERASED_ROW_SQL = '(a.salt IS NULL AND a.vdigest IS NOT NULL)';

type Cell = string | number | bigint | null;

/** The rows among `ids` that can only be erased by archiving them first: sealed as v1, whose hash covers the values. */
export function firstFormatRows(sqlite: Database.Database, ids: readonly number[]): { count: number; from: string | null; to: string | null } {
  const limit = v2From(sqlite);
  const old = ids.filter((id) => id <= limit);
  if (old.length === 0) return { count: 0, from: null, to: null };
  const span = sqlite
    .prepare('SELECT min(at) AS "from", max(at) AS "to" FROM audit_log WHERE id IN (SELECT value FROM json_each(?))')
    .get(JSON.stringify(old)) as { from: string; to: string };
  return { count: old.length, ...span };
}

/**
 * Erases the values of the sealed v2 rows among `ids` that still have them, inside
 * the caller's transaction, and takes their words out of the search index.
 * Returns the ids erased. Unsealed rows are left: seal them first (sealChain).
 */
export function eraseAuditRows(sqlite: Database.Database, ids: readonly number[]): number[] {
  if (ids.length === 0) return [];
  const read = sqlite
    .prepare(
      `SELECT ${READ_COLUMNS.join(', ')}, salt FROM audit_log
    WHERE id IN (SELECT value FROM json_each(?)) AND hash IS NOT NULL AND salt IS NOT NULL AND id > ? ORDER BY id`,
    )
    .raw();
  const erase = sqlite.prepare(`UPDATE audit_log SET old_value = NULL, new_value = NULL, label = NULL, reason = NULL,
    salt = NULL, vdigest = ? WHERE id = ?`);
  const rows = read.all(JSON.stringify(ids), v2From(sqlite)) as Cell[][];
  const erased: number[] = [];
  for (const row of rows) {
    const salt = row[READ_COLUMNS.length] as unknown as Buffer;
    const id = Number(row[0]);
    erase.run(valueDigest(salt, row.slice(0, READ_COLUMNS.length)), id);
    erased.push(id);
  }
  reindexErased(sqlite, erased);
  return erased;
}

/**
 * The index is contentless: a row is taken out by its id (a tombstone until its
 * segment is merged), then what is left of it (actor, event, field) put back, so
 * the index still holds one entry per row as the integrity check counts. Rows the
 * index has not read yet are read later, erased.
 */
function reindexErased(sqlite: Database.Database, ids: readonly number[]): void {
  const indexedTo = sqlite.prepare('SELECT indexed_to FROM audit_search_progress WHERE id = 1').pluck().get() as number | undefined;
  const held = ids.filter((id) => indexedTo !== undefined && id <= indexedTo);
  if (held.length === 0) return;
  const list = JSON.stringify(held);
  sqlite.prepare('DELETE FROM audit_fts WHERE rowid IN (SELECT value FROM json_each(?))').run(list);
  sqlite
    .prepare(
      `INSERT INTO audit_fts (rowid, actor_name, event, field, old_value, new_value, label)
    SELECT id, actor_name, event, field, old_value, new_value, label FROM audit_search_source
    WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
    )
    .run(list);
}

/**
 * The rows, other than the customer's own, whose values or reason contain any of
 * `texts` (the customer's name, email, phone number, address): found through the
 * search index as a phrase, then confirmed by the text itself (any case). A row
 * of another customer who has the same name, email, phone or address is theirs,
 * not a mention of this one, and is left alone; so are labels, which name the
 * record a row is about. Rows the index has not read yet are read directly: a
 * short tail.
 */
export function rowsHolding(sqlite: Database.Database, customerId: number, texts: readonly string[]): number[] {
  const wanted = [...new Set(texts.map((t) => t.trim()).filter((t) => /[\p{L}\p{N}]/u.test(t)))];
  if (wanted.length === 0) return [];
  const holds = `customer_id IS NOT @customer AND instr(lower(coalesce(old_value, '') || char(31) || coalesce(new_value, '')
    || char(31) || coalesce(reason, '')), lower(@text)) > 0
    AND NOT EXISTS (SELECT 1 FROM customers o WHERE o.id = audit_log.customer_id
      AND lower(@text) IN (lower(o.name), lower(o.email), lower(o.phone), lower(o.address)))`;
  const indexedTo = (sqlite.prepare('SELECT indexed_to FROM audit_search_progress WHERE id = 1').pluck().get() as number | undefined) ?? 0;
  const viaIndex = sqlite
    .prepare(
      `SELECT id FROM audit_log WHERE id IN (SELECT rowid FROM audit_fts WHERE audit_fts MATCH @phrase)
    AND ${holds}`,
    )
    .pluck();
  const tail = sqlite.prepare(`SELECT id FROM audit_log WHERE id > @indexedTo AND ${holds}`).pluck();
  const found = new Set<number>();
  for (const text of wanted) {
    const phrase = `"${text.replace(/"/g, '""')}"`;
    for (const id of viaIndex.all({ phrase, text, customer: customerId }) as number[]) found.add(id);
    for (const id of tail.all({ indexedTo, text, customer: customerId }) as number[]) found.add(id);
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * The tables scrubbed whole, with their indexes: customers (their name index holds
 * names) and custom values (keyed by field and record, not by rowid). Small beside
 * the log; the customer's rows of the other tables are found by rowid.
 */
const WHOLE_TABLES = ['customers', 'custom_field_values'];

/** A customer's rows in the rowid tables that hold their data: the pages to scrub there. */
export function customerRows(sqlite: Database.Database, customerId: number): Record<string, number[]> {
  const ids = (sql: string) => sqlite.prepare(sql).pluck().all(customerId) as number[];
  return {
    bookings: ids('SELECT id FROM bookings WHERE customer_id = ?'),
    notes: ids('SELECT id FROM notes WHERE customer_id = ?'),
    inquiries: ids('SELECT id FROM inquiries WHERE customer_id = ?'),
    quotes: ids('SELECT id FROM quotes WHERE customer_id = ?'),
    reports_issued: ids('SELECT id FROM reports_issued WHERE customer_id = ?'),
  };
}

/**
 * Around an erasure: secure_delete on, so that SQLite zeroes what it frees, and
 * no automatic checkpoint, so that every page the erasure writes stays listed in
 * the WAL until scrubFreedSpace has zeroed what those pages keep of old rows.
 */
export function whileErasing<T>(sqlite: Database.Database, erase: () => T): T {
  const secure = sqlite.pragma('secure_delete', { simple: true });
  const auto = sqlite.pragma('wal_autocheckpoint', { simple: true });
  sqlite.pragma('secure_delete = ON');
  sqlite.pragma('wal_autocheckpoint = 0');
  try {
    return erase();
  } finally {
    sqlite.pragma(`secure_delete = ${Number(secure) ? 'ON' : 'OFF'}`);
    sqlite.pragma(`wal_autocheckpoint = ${Number(auto)}`);
  }
}

/**
 * After the erasure has committed (inside whileErasing): the WAL written back
 * into the file and emptied, and the unused bytes of every page the erasure wrote,
 * and of every free page, zeroed (scrubPages.ts). With `mergeIndex`, first the
 * search index's segments are rewritten without the erased entries: a contentless
 * index keeps a deleted row's words in its segment until a merge, and the merge
 * rewrites the whole index (seconds per hundred thousand rows). Returns whether
 * the WAL could be emptied: another connection still reading an older state keeps
 * its pages until it ends, and the file's unused bytes are then left for the next
 * scrub.
 */
export function scrubFreedSpace(sqlite: Database.Database, rows: Record<string, number[]>, mergeIndex = true): { walCleared: boolean; indexMerged: boolean } {
  if (mergeIndex) sqlite.prepare("INSERT INTO audit_fts (audit_fts) VALUES ('optimize')").run();
  return { ...scrubFile(sqlite, rows), indexMerged: mergeIndex };
}

function scrubFile(sqlite: Database.Database, rows: Record<string, number[]>): { walCleared: boolean } {
  if (sqlite.memory || sqlite.pragma('journal_mode', { simple: true }) !== 'wal') return { walCleared: true };
  const pages = walPages(`${sqlite.name}-wal`);
  const emptied = () => {
    const [r] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number }[];
    return r.busy === 0 && r.log <= 0;
  };
  if (!emptied()) return { walCleared: false };
  scrubPages(sqlite, pages, WHOLE_TABLES, rows);
  // This connection's own copies of those pages, which it would write back as they were.
  sqlite.pragma('shrink_memory');
  return { walCleared: emptied() };
}

/**
 * ERASED_ROW_SQL over the alias `a`, for a check that compares records with their
 * History: a value whose newest row was erased has nothing left to compare with.
 * '0' on a file from before chain v2 (verify reads such files as they are), which has no erased rows.
 */
export function erasedRowSql(sqlite: Database.Database): string {
  const columns = (sqlite.prepare('PRAGMA table_info(audit_log)').all() as { name: string }[]).map((c) => c.name);
  return columns.includes('vdigest') ? ERASED_ROW_SQL : '0';
}
