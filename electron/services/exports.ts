// History exports for auditors: CSV or JSON, written row by row so that memory
// stays flat whatever the size, ending with the chain head the rows belong to.
import { closeSync, openSync, renameSync, rmSync } from 'node:fs';
import type { Db } from '../../db/open';
import { currentHead, shortDigest } from '../../db/chain';
import { HISTORY_ROW_KEYS, iterateHistory, iterateHistoryValues, periodStretch, utc, type HistoryFilter, type HistoryRow } from './history';
import { AppError } from './errors';
import { writeLogCsv, type LogRange } from './logCsv';
import { writeAll } from './writeAll';

export type ExportFormat = 'csv' | 'json';
export type ExportScope = Pick<HistoryFilter, 'bookingId' | 'customerId' | 'from' | 'to'>;

const COLUMNS: (keyof HistoryRow)[] = [
  'id', 'at', 'actorId', 'actorName', 'entity', 'entityId', 'bookingId', 'customerId', 'field',
  'oldValue', 'newValue', 'category', 'event', 'label', 'origin',
];

/** RFC 4180 quoting, and a leading ' on text a spreadsheet would run as a formula. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'string') return String(v);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Where each exported column sits in a raw History row (iterateHistoryValues). */
const AT = COLUMNS.map((c) => HISTORY_ROW_KEYS.indexOf(c));

/** csvLine of a raw row: the export's loop, run millions of times, builds no object per row. */
function csvLineOf(values: unknown[]): string {
  let line = csvCell(values[AT[0]]);
  for (let i = 1; i < AT.length; i++) line += ',' + csvCell(values[AT[i]]);
  return line + '\r\n';
}

export const CSV_HEADER = COLUMNS.join(',') + '\r\n';

export interface ExportSummary { rows: number; head: string }

/**
 * Writes the export beside outFile and moves it into place once whole: an export that
 * fails halfway (a full disk, a database error) leaves no half file under the name an
 * auditor will open, and whatever was there before stays as it was.
 */
export function exportHistory(db: Db, scope: ExportScope, format: ExportFormat, outFile: string): ExportSummary {
  const partial = `${outFile}.${process.pid}.partial`;
  const fd = openSync(partial, 'w');
  let summary: ExportSummary | undefined;
  try {
    summary = writeExport(db, scope, format, fd);
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

function writeExport(db: Db, scope: ExportScope, format: ExportFormat, fd: number): ExportSummary {
  // Lines are encoded straight into one reused buffer: a string grown by += to a megabyte
  // and then written costs more to flatten and encode than the rows cost to read.
  const buffer = Buffer.allocUnsafe(1 << 20);
  let used = 0;
  const flush = () => { writeAll(fd, buffer.subarray(0, used)); used = 0; };
  const write = (s: string) => {
    if (used + s.length * 3 > buffer.length) {
      flush();
      if (s.length * 3 > buffer.length) { writeAll(fd, Buffer.from(s)); return; }
    }
    used += buffer.write(s, used);
  };
  let rows = 0;
  if (format === 'csv' && isLogOrPeriod(scope)) return exportLogCsv(db, scope, fd);
  const head = shortDigest(currentHead(db.sqlite));
  if (format === 'csv') write(CSV_HEADER);
  else write(`{"scope":${JSON.stringify(scope)},"chainHead":"${head}","rows":[\n`);
  if (format === 'csv') {
    for (const values of iterateHistoryValues(db, scope)) {
      write(csvLineOf(values));
      rows++;
    }
  } else {
    for (const row of iterateHistory(db, scope)) write((rows++ ? ',\n' : '') + JSON.stringify(row));
  }
  if (format === 'json') write('\n]}\n');
  flush();
  return { rows, head };
}

/** The stored column of each exported key: HistoryRow names columns in camelCase, and renames none of these. */
const STORED = COLUMNS.map((key) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));

/** The whole log, or a period with both ends: the scopes logCsv.ts writes (a record's History is read by its index). */
const isLogOrPeriod = (scope: ExportScope) => !scope.bookingId && !scope.customerId && Boolean(scope.from) === Boolean(scope.to);

/**
 * The whole log, or a period of it, as CSV: the same byte for byte as the row-by-row
 * export writes it, but mostly written by SQLite (logCsv.ts). One read transaction
 * makes the head and every chunk one state of the log: rows written meanwhile are
 * all left out.
 */
function exportLogCsv(db: Db, scope: ExportScope, fd: number): ExportSummary {
  const sqlite = db.sqlite;
  const ownRead = !sqlite.inTransaction;
  if (ownRead) sqlite.exec('BEGIN');
  try {
    const head = shortDigest(currentHead(sqlite));
    const period = scope.from ? periodStretch(db, scope) : null;
    const range: LogRange = period
      ? { after: period.lo - 1, last: period.hi, period: { from: utc(scope.from)!, to: utc(scope.to)! } }
      : { after: 0, last: sqlite.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number };
    writeAll(fd, Buffer.from(CSV_HEADER));
    return { rows: writeLogCsv(sqlite, STORED, range, fd, csvCell), head };
  } finally {
    if (ownRead && sqlite.inTransaction) sqlite.exec('COMMIT');
  }
}

/** The most rows the app hands the window as one CSV; more goes through the CLI export to a file. */
export const CSV_IN_APP_LIMIT = 200_000;

/** The filtered History as CSV text, for the History grid's "Export CSV". */
export function historyCsv(db: Db, filter: Omit<HistoryFilter, 'limit' | 'before' | 'after' | 'order'>): { csv: string; rows: number; head: string } {
  const parts = [CSV_HEADER];
  for (const values of iterateHistoryValues(db, filter)) {
    if (parts.length > CSV_IN_APP_LIMIT) {
      throw new AppError('conflict', `More than ${CSV_IN_APP_LIMIT.toLocaleString('en')} rows match: narrow the filter, or export to a file with "npm run cli -- export".`);
    }
    parts.push(csvLineOf(values));
  }
  return { csv: parts.join(''), rows: parts.length - 1, head: shortDigest(currentHead(db.sqlite)) };
}
