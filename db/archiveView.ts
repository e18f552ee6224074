// An archive opened to be read: its rows loaded into a database file of their
// own (the "view"), with the log's own table, indexes and search index, so that
// the History's reader, its search, its reports and its exports read an archive
// exactly as they read the log. The archive file stays the record; the view is a
// copy made to read it, checked first and opened read-only afterwards, and can be
// thrown away and made again at any time.
//
// The table definitions are copied from the live database's own schema, so a view
// cannot drift from the log it came from; triggers are not copied (nothing writes
// a view after it is made).
import { renameSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ARCHIVE_COLUMNS, archiveLines, verifyArchive, type ArchiveHeader, type ArchiveReport } from './archiveFile';
import { indexHistoryText } from './historyText';

/** What a view says of the archive it was made from. */
export interface ArchiveViewFacts {
  /** The archive's file name (in the archives folder). */
  fileName: string;
  /** Size and modification time of the file when the view was made: a view of another version of the file is stale. */
  fileBytes: number;
  fileModified: string;
  header: ArchiveHeader;
  /** The archive checked alone, before its rows were loaded. */
  check: Pick<ArchiveReport, 'ok' | 'rowsChecked' | 'firstBroken' | 'signedThrough' | 'erasedRows'>;
  /** The first and last row's time. */
  from: string | null;
  to: string | null;
  openedAt: string;
}

export interface ViewHooks {
  onProgress?(phase: 'Checking the archive' | 'Loading the rows' | 'Indexing the rows for search', done: number, total: number | null): void;
  shouldStop?(): boolean;
}

export class ViewStopped extends Error {
  constructor() {
    super('Opening the archive was cancelled.');
    this.name = 'ViewStopped';
  }
}

/** Rows inserted per transaction while loading. */
const LOAD_ROWS = 20_000;

/**
 * The live log's definitions a view needs: the table and its indexes, the search
 * index, its source view and progress, and the chain's identity and checkpoint
 * (where the chain's own reader, db/chain.ts, finds the head of the rows it holds).
 */
function definitions(live: Database.Database): string[] {
  return live
    .prepare(
      `SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND (
      (tbl_name = 'audit_log' AND type IN ('table', 'index'))
      OR (type = 'table' AND name IN ('audit_fts', 'audit_search_progress', 'chain_meta', 'audit_checkpoint'))
      OR (type = 'view' AND name = 'audit_search_source'))
    ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, name`,
    )
    .pluck()
    .all() as string[];
}

/**
 * Makes the view of `archiveFile` at `viewFile` (through `viewFile.partial`,
 * renamed once whole): checks the archive alone, loads its rows, indexes them for
 * search. The archive is loaded even when it does not verify, so that what is in
 * it can be seen; the facts say it did not, and every screen shows that first.
 */
export async function makeArchiveView(
  live: Database.Database,
  archiveFile: string,
  viewFile: string,
  hooks: ViewHooks = {},
  now: () => Date = () => new Date(),
): Promise<ArchiveViewFacts> {
  const erased = live.prepare('SELECT customer_id FROM erasures').pluck().all() as number[];
  const stop = () => {
    if (hooks.shouldStop?.()) throw new ViewStopped();
  };
  const stat = statSync(archiveFile);
  const report = await verifyArchive(archiveFile, {
    shouldStop: hooks.shouldStop,
    onRows: (done, total) => hooks.onProgress?.('Checking the archive', done, total),
  });
  if (!report.header) throw new Error(`${archiveFile} holds no archive header`);
  stop();
  const partial = `${viewFile}.partial`;
  rmSync(partial, { force: true });
  const view = new Database(partial);
  try {
    view.pragma('journal_mode = OFF');
    view.pragma('synchronous = OFF');
    for (const sql of definitions(live)) view.exec(sql);
    const h = report.header;
    view.exec('INSERT INTO audit_search_progress (id, indexed_to) VALUES (1, 0)');
    view.prepare('INSERT INTO chain_meta (id, database_id, v2_from) VALUES (1, ?, ?)').run(h.databaseId, h.v2From);
    if (h.firstId > 1) {
      view
        .prepare('INSERT INTO audit_checkpoint (id, last_id, last_hash, at) VALUES (1, ?, ?, ?)')
        .run(h.firstId - 1, Buffer.from(h.fromHash, 'hex'), h.createdAt);
    }
    await loadRows(view, archiveFile, h.rows, hooks, stop);
    hideErased(view, erased);
    hooks.onProgress?.('Indexing the rows for search', 0, report.header.rows);
    indexHistoryText(view);
    const span = view.prepare('SELECT min(at) AS "from", max(at) AS "to" FROM audit_log').get() as { from: string | null; to: string | null };
    const facts: ArchiveViewFacts = {
      fileName: archiveFile.split(/[\\/]/).pop()!,
      fileBytes: stat.size,
      fileModified: stat.mtime.toISOString(),
      header: report.header,
      check: {
        ok: report.ok,
        rowsChecked: report.rowsChecked,
        firstBroken: report.firstBroken,
        signedThrough: report.signedThrough,
        erasedRows: report.erasedRows,
      },
      ...span,
      openedAt: now().toISOString(),
    };
    view.exec('CREATE TABLE archive_view (id INTEGER PRIMARY KEY CHECK (id = 1), facts TEXT NOT NULL)');
    view.prepare('INSERT INTO archive_view (id, facts) VALUES (1, ?)').run(JSON.stringify(facts));
    view.close();
    renameSync(partial, viewFile);
    return facts;
  } catch (e) {
    if (view.open) view.close();
    rmSync(partial, { force: true });
    throw e;
  }
}

async function loadRows(view: Database.Database, archiveFile: string, total: number, hooks: ViewHooks, stop: () => void): Promise<void> {
  const cols = ARCHIVE_COLUMNS as readonly string[];
  const blobs = new Set(['hash', 'salt', 'vdigest', 'sig']);
  // OR IGNORE: a row written twice into a damaged archive is shown once (the check has named it already).
  const insert = view.prepare(`INSERT OR IGNORE INTO audit_log (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  const cast = cols.map((c) => (blobs.has(c) ? (v: unknown) => (v === null ? null : Buffer.from(String(v), 'hex')) : (v: unknown) => v));
  const batch = view.transaction((rows: unknown[][]) => {
    for (const r of rows) insert.run(r.map((v, i) => cast[i](v)));
  });
  let rows: unknown[][] = [];
  let done = 0;
  for await (const item of archiveLines(archiveFile)) {
    if (!Array.isArray(item)) continue;
    rows.push(item);
    if (rows.length === LOAD_ROWS) {
      batch(rows);
      done += rows.length;
      rows = [];
      stop();
      hooks.onProgress?.('Loading the rows', done, total);
    }
  }
  batch(rows);
  hooks.onProgress?.('Loading the rows', done + rows.length, total);
}

/**
 * An archive made before a customer was erased still holds their values (the file
 * is the record, and the erasure lists what still holds them): the view, a copy made
 * to read, shows those rows as erased, as the log does (db/erasedRows.ts).
 */
function hideErased(view: Database.Database, customers: readonly number[]): void {
  if (customers.length === 0) return;
  view
    .prepare(
      `UPDATE audit_log SET old_value = NULL, new_value = NULL, label = NULL, reason = NULL, salt = NULL,
      vdigest = coalesce(vdigest, zeroblob(32))
    WHERE customer_id IN (SELECT value FROM json_each(?))`,
    )
    .run(JSON.stringify(customers));
}

/** The facts a view holds; null when the file is not a whole view (a partial one, or something else). */
export function viewFacts(view: Database.Database): ArchiveViewFacts | null {
  try {
    const text = view.prepare('SELECT facts FROM archive_view WHERE id = 1').pluck().get() as string | undefined;
    return text ? (JSON.parse(text) as ArchiveViewFacts) : null;
  } catch {
    return null;
  }
}
