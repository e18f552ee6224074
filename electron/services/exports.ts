// History exports for auditors: CSV or JSON, written row by row so that memory
// stays flat whatever the size. Each row reads as the History grid shows it (the
// same functions, readable.ts), then gives its stored values; the file names the
// chain head its rows belong to and how many rows it holds.
import { closeSync, openSync, renameSync, rmSync } from 'node:fs';
import type { Db } from '../../db/open';
import { currentHeadRow, shortDigest } from '../../db/chain';
import { officeZone } from '../../renderer/officeZone';
import { setOfficeFormats } from '../../renderer/format';
import { officeSettings } from './officeSettings';
import { HISTORY_ROW_KEYS, iterateHistoryValues, periodStretch, type HistoryRow } from './history';
import { recordNamer } from './exportNames';
import { RAW_COLUMNS, READABLE_HEADERS, readableCells, type ReadableCells } from './exportRows';
import { writeAll } from './writeAll';
import { JobCancelled } from '../jobs/cancel';
import type { ExportFormat, ExportScope } from '../jobs/types';

export type { ExportFormat, ExportScope };

const NEEDS_CARE = /^[=+\-@\t\r]|[",\r\n]/;

/** RFC 4180 quoting, and a leading ' on text a spreadsheet would run as a formula. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'string') return String(v);
  if (!NEEDS_CARE.test(v)) return v; // most cells: one test
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_HEADER = [...READABLE_HEADERS.map(([, header]) => header), ...RAW_COLUMNS].join(',') + '\r\n';

function csvLine(cells: ReadableCells, row: HistoryRow): string {
  let line = '';
  for (const [key] of READABLE_HEADERS) {
    const v = cells[key];
    line += (typeof v === 'boolean' ? (v ? 'yes' : '') : csvCell(v)) + ',';
  }
  line += csvCell(row[RAW_COLUMNS[0]]);
  for (let i = 1; i < RAW_COLUMNS.length; i++) line += ',' + csvCell(row[RAW_COLUMNS[i]]);
  return line + '\r\n';
}

export interface ExportSummary {
  /** History rows in the file. */
  rows: number;
  /** The chain head the rows belong to (its short digest, as reports print it). */
  head: string;
  /** The audit rows that head covers (the id of the last sealed row): what "Check a printed report" asks with the digest. */
  chainRows: number;
}

/**
 * The CSV's last line, one cell that a spreadsheet shows in its first column:
 * "End of export · 12 rows · chain head 3f2a9c0d1e2b4a5c over 48213 audit rows".
 * Documented in the README (Exports), where a program reading the file finds its form.
 */
export function csvSummaryLine(s: ExportSummary): string {
  return `End of export · ${s.rows} ${s.rows === 1 ? 'row' : 'rows'} · chain head ${s.head} over ${s.chainRows} audit ${s.chainRows === 1 ? 'row' : 'rows'}\r\n`;
}

/** The summary line read back: null when the line is not one. */
export function parseCsvSummaryLine(line: string): ExportSummary | null {
  const m = /^End of export · (\d+) rows? · chain head ([0-9a-f]{16}) over (\d+) audit rows?$/.exec(line.trimEnd());
  return m ? { rows: Number(m[1]), head: m[2], chainRows: Number(m[3]) } : null;
}

/** What an export tells whoever waits for it, and asks them, between chunks of rows. */
export interface ExportHooks {
  /** Rows written so far, of total (null where counting them would cost a read of its own). */
  onProgress?(done: number, total: number | null): void;
  /** True stops the export (JobCancelled), leaving no file behind. */
  shouldStop?(): boolean;
}

/** Rows between two calls of the hooks: often enough for a bar, seldom enough to cost nothing. */
const HOOK_EVERY_ROWS = 5_000;

/** Where an export is written until it is whole (its process's id in the name: two exports to one file never share it). */
export const partialFileOf = (outFile: string) => `${outFile}.${process.pid}.partial`;

/**
 * Writes the export beside outFile and moves it into place once whole: an export that
 * fails halfway (a full disk, a database error) or is stopped leaves no half file
 * under the name an auditor will open, and whatever was there before stays as it was.
 * `db` holds the rows (the log, or an open archive's view: services/archiveViews.ts);
 * `names`, the records they are about.
 */
export function exportHistory(db: Db, scope: ExportScope, format: ExportFormat, outFile: string, hooks: ExportHooks = {}, names: Db = db): ExportSummary {
  const partial = partialFileOf(outFile);
  const fd = openSync(partial, 'w');
  let summary: ExportSummary | undefined;
  try {
    summary = inOneRead(db, scope, () => writeExport(db, scope, format, fd, hooks, names));
  } finally {
    closeSync(fd);
    if (!summary) rmSync(partial, { force: true });
  }
  try {
    renameSync(partial, outFile);
  } catch (e) {
    rmSync(partial, { force: true }); // outFile is a folder, or read-only: the whole export must not stay beside it
    throw e;
  }
  return summary;
}

/**
 * Runs the export in one read transaction, so that the chain head and every row
 * are one state of the log: rows written meanwhile are all left out. Not for a
 * search (words or an event): it first brings the search index up to date, a write
 * that must not be held for the length of an export. There the head is read first,
 * and rows written meanwhile come after the rows it covers (chainRows says where).
 */
function inOneRead<T>(db: Db, scope: ExportScope, run: () => T): T {
  const own = !scope.text && !scope.event && !db.sqlite.inTransaction;
  if (own) db.sqlite.exec('BEGIN');
  try {
    return run();
  } finally {
    if (own && db.sqlite.inTransaction) db.sqlite.exec('COMMIT');
  }
}

/** The hooks as one call per chunk: stop if asked, else say how far. */
function checkpoint(hooks: ExportHooks, total: number | null): ((rows: number) => void) | null {
  if (!hooks.onProgress && !hooks.shouldStop) return null;
  return (rows) => {
    if (hooks.shouldStop?.()) throw new JobCancelled();
    hooks.onProgress?.(rows, total);
  };
}

/**
 * Text to a file, fast: lines gather into a string of a few dozen kilobytes, encoded
 * into one reused buffer. An encode per row costs a call each, and a string grown to
 * a megabyte costs more to flatten and encode than the rows cost to read.
 */
function textWriter(fd: number): { write(s: string): void; flush(): void } {
  const buffer = Buffer.allocUnsafe(1 << 20);
  let used = 0;
  let pending = '';
  const encode = () => {
    if (used + pending.length * 3 > buffer.length) {
      writeAll(fd, buffer.subarray(0, used));
      used = 0;
    }
    if (pending.length * 3 > buffer.length)
      writeAll(fd, Buffer.from(pending)); // one row longer than the buffer
    else used += buffer.write(pending, used);
    pending = '';
  };
  return {
    write(s) {
      pending += s;
      if (pending.length >= 1 << 16) encode();
    },
    flush() {
      encode();
      writeAll(fd, buffer.subarray(0, used));
      used = 0;
    },
  };
}

function writeExport(db: Db, scope: ExportScope, format: ExportFormat, fd: number, hooks: ExportHooks, namesFrom: Db): ExportSummary {
  const { write, flush } = textWriter(fd);
  const headRow = currentHeadRow(db.sqlite);
  const head = shortDigest(headRow.hash);
  const chainRows = headRow.id;
  const names = recordNamer(namesFrom);
  setOfficeFormats(officeSettings(namesFrom)); // amounts and dates as the office's screens show them, times in its zone
  const at = checkpoint(hooks, rowsToExport(db, scope));
  at?.(0);
  // One comparison a row: the hooks run once a chunk, never per row.
  let next = at ? HOOK_EVERY_ROWS : Infinity;
  let rows = 0;
  if (format === 'csv') write(CSV_HEADER);
  else {
    write(
      `{"exportedAt":${JSON.stringify(new Date().toISOString())},"timeZone":${JSON.stringify(officeZone())},` +
        `"scope":${JSON.stringify(scope)},"chainHead":"${head}","chainRows":${chainRows},"rows":[\n`,
    );
  }
  // One row object, refilled for each row: millions of rows read as arrays make no garbage to collect.
  const filling: Record<string, unknown> = {};
  const row = filling as unknown as HistoryRow;
  for (const values of iterateHistoryValues(db, scope)) {
    for (let i = 0; i < HISTORY_ROW_KEYS.length; i++) filling[HISTORY_ROW_KEYS[i]] = values[i];
    const cells = readableCells(row, names(row));
    if (format === 'csv') write(csvLine(cells, row));
    else write((rows ? ',\n' : '') + JSON.stringify({ ...cells, raw: row }));
    if (++rows === next) {
      at!(rows);
      next += HOOK_EVERY_ROWS;
    }
  }
  const summary = { rows, head, chainRows };
  // The count can only follow the rows it counts: a stream knows it at the end.
  write(format === 'csv' ? csvSummaryLine(summary) : `\n],"rowCount":${rows}}\n`);
  flush();
  hooks.onProgress?.(rows, rows);
  return summary;
}

/** A scope's filters beyond a period: the History's other ways of narrowing (a record, a person, words, a kind...). */
const narrowed = (scope: ExportScope) => Object.entries(scope).some(([key, v]) => key !== 'from' && key !== 'to' && v !== undefined && v !== false && v !== '');

/** The log's first row: rows before it were archived, and from it on ids run without a gap (verify names a gap as a removed row). */
const firstId = (db: Db) => db.sqlite.prepare('SELECT min(id) FROM audit_log').pluck().get() as number | null;

/**
 * How many rows an export of `scope` writes, where that is known without reading
 * them: the whole log and a period from their ids (a period's stretch may hold a
 * few rows stamped outside it, so that is at most), a record's History from its
 * index. Null for the rest: counting a search would cost as much as the export.
 */
function rowsToExport(db: Db, scope: ExportScope): number | null {
  const { bookingId, customerId, ...rest } = scope;
  const oneRecord = (bookingId === undefined) !== (customerId === undefined) && !narrowed(rest) && !rest.from && !rest.to;
  if (oneRecord) {
    const column = bookingId !== undefined ? 'booking_id' : 'customer_id';
    return db.sqlite
      .prepare(`SELECT count(*) FROM audit_log WHERE ${column} = ?`)
      .pluck()
      .get(bookingId ?? customerId) as number;
  }
  if (narrowed(scope) || Boolean(scope.from) !== Boolean(scope.to)) return null;
  if (scope.from) {
    const stretch = periodStretch(db, scope)!;
    return Math.max(0, stretch.hi - stretch.lo + 1);
  }
  const last = db.sqlite.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number;
  return idSpan(db, 0, last);
}

/** Rows with ids in (after, last]. */
function idSpan(db: Db, after: number, last: number): number {
  return Math.max(0, last - Math.max(after, (firstId(db) ?? last + 1) - 1));
}

/**
 * The booking or customer a scope names that neither its table nor the History
 * knows ("booking 99999", and the scope's key); null when there is none. A purged
 * record is gone from its table, but its History is still there to export.
 */
export function unknownRecordIn(db: Db, scope: ExportScope): { what: string; key: 'bookingId' | 'customerId' } | null {
  const named = [
    ['booking', 'bookings', 'bookingId'],
    ['customer', 'customers', 'customerId'],
  ] as const;
  for (const [what, table, key] of named) {
    const id = scope[key];
    if (id === undefined) continue;
    const known = db.sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = ? UNION ALL SELECT 1 FROM audit_log WHERE ${what}_id = ? LIMIT 1`).get(id, id);
    if (!known) return { what: `${what} ${id}`, key };
  }
  return null;
}

/** The most rows the app hands the window as one CSV; more goes through the CLI export to a file. */
export const CSV_IN_APP_LIMIT = 200_000;
