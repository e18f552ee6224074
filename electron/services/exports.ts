// History exports for auditors: CSV or JSON, written row by row so that memory
// stays flat whatever the size, ending with the chain head the rows belong to.
import { closeSync, openSync, renameSync, rmSync } from 'node:fs';
import type { Db } from '../../db/open';
import { currentHead, shortDigest } from '../../db/chain';
import { HISTORY_ROW_KEYS, iterateHistory, iterateHistoryValues, periodStretch, utc, type HistoryFilter, type HistoryRow } from './history';
import { AppError } from './errors';
import { writeLogCsv, type LogRange } from './logCsv';
import { writeAll } from './writeAll';
import { JobCancelled } from '../jobs/cancel';
import type { ExportFormat, ExportScope } from '../jobs/types';

export type { ExportFormat, ExportScope };

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

/** What an export tells whoever waits for it, and asks them, between chunks of rows. */
export interface ExportHooks {
  /** Rows written so far, of total (null where counting them would cost a read of its own). */
  onProgress?(done: number, total: number | null): void;
  /** True stops the export (JobCancelled), leaving no file behind. */
  shouldStop?(): boolean;
}

/** Rows between two calls of the hooks on the row-by-row path: a chunk of logCsv.ts, so both paths report alike. */
const HOOK_EVERY_ROWS = 5_000;

/** Where an export is written until it is whole (its process's id in the name: two exports to one file never share it). */
export const partialFileOf = (outFile: string) => `${outFile}.${process.pid}.partial`;

/**
 * Writes the export beside outFile and moves it into place once whole: an export that
 * fails halfway (a full disk, a database error) or is stopped leaves no half file
 * under the name an auditor will open, and whatever was there before stays as it was.
 */
export function exportHistory(db: Db, scope: ExportScope, format: ExportFormat, outFile: string, hooks: ExportHooks = {}): ExportSummary {
  const partial = partialFileOf(outFile);
  const fd = openSync(partial, 'w');
  let summary: ExportSummary | undefined;
  try {
    summary = writeExport(db, scope, format, fd, hooks);
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

/** The hooks as one call per chunk: stop if asked, else say how far. */
function checkpoint(hooks: ExportHooks, total: number | null): ((rows: number) => void) | null {
  if (!hooks.onProgress && !hooks.shouldStop) return null;
  return (rows) => {
    if (hooks.shouldStop?.()) throw new JobCancelled();
    hooks.onProgress?.(rows, total);
  };
}

function writeExport(db: Db, scope: ExportScope, format: ExportFormat, fd: number, hooks: ExportHooks): ExportSummary {
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
  if (format === 'csv' && isLogOrPeriod(scope)) return exportLogCsv(db, scope, fd, hooks);
  const head = shortDigest(currentHead(db.sqlite));
  const total = rowsToExport(db, scope);
  const at = checkpoint(hooks, total);
  at?.(0);
  // One comparison a row: the hooks run once a chunk, never per row.
  let next = at ? HOOK_EVERY_ROWS : Infinity;
  if (format === 'csv') write(CSV_HEADER);
  else write(`{"scope":${JSON.stringify(scope)},"chainHead":"${head}","rows":[\n`);
  if (format === 'csv') {
    for (const values of iterateHistoryValues(db, scope)) {
      write(csvLineOf(values));
      if (++rows === next) {
        at!(rows);
        next += HOOK_EVERY_ROWS;
      }
    }
  } else {
    for (const row of iterateHistory(db, scope)) {
      write((rows++ ? ',\n' : '') + JSON.stringify(row));
      if (rows === next) {
        at!(rows);
        next += HOOK_EVERY_ROWS;
      }
    }
  }
  if (format === 'json') write('\n]}\n');
  flush();
  hooks.onProgress?.(rows, rows);
  return { rows, head };
}

/** A scope's filters beyond a period: the History's other ways of narrowing (a record, a person, words, a kind...). */
const narrowed = (scope: ExportScope) =>
  Object.entries(scope).some(([key, v]) => key !== 'from' && key !== 'to' && v !== undefined && v !== false && v !== '');

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
    return db.sqlite.prepare(`SELECT count(*) FROM audit_log WHERE ${column} = ?`).pluck().get(bookingId ?? customerId) as number;
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

/** The stored column of each exported key: HistoryRow names columns in camelCase, and renames none of these. */
const STORED = COLUMNS.map((key) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));

/** The whole log, or a period with both ends, and nothing else: the scopes logCsv.ts writes (a record's History is read by its index). */
const isLogOrPeriod = (scope: ExportScope) => !narrowed(scope) && Boolean(scope.from) === Boolean(scope.to);

/**
 * The whole log, or a period of it, as CSV: the same byte for byte as the row-by-row
 * export writes it, but mostly written by SQLite (logCsv.ts). One read transaction
 * makes the head and every chunk one state of the log: rows written meanwhile are
 * all left out.
 */
function exportLogCsv(db: Db, scope: ExportScope, fd: number, hooks: ExportHooks): ExportSummary {
  const sqlite = db.sqlite;
  const ownRead = !sqlite.inTransaction;
  if (ownRead) sqlite.exec('BEGIN');
  try {
    const head = shortDigest(currentHead(sqlite));
    const period = scope.from ? periodStretch(db, scope) : null;
    const range: LogRange = period
      ? { after: period.lo - 1, last: period.hi, period: { from: utc(scope.from)!, to: utc(scope.to)! } }
      : { after: 0, last: sqlite.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number };
    const at = checkpoint(hooks, idSpan(db, range.after, range.last));
    at?.(0);
    writeAll(fd, Buffer.from(CSV_HEADER));
    const rows = writeLogCsv(sqlite, STORED, range, fd, csvCell, at ?? undefined);
    hooks.onProgress?.(rows, rows);
    return { rows, head };
  } finally {
    if (ownRead && sqlite.inTransaction) sqlite.exec('COMMIT');
  }
}

/**
 * The booking or customer a scope names that neither its table nor the History
 * knows ("booking 99999", and the scope's key); null when there is none. A purged
 * record is gone from its table, but its History is still there to export.
 */
export function unknownRecordIn(db: Db, scope: ExportScope): { what: string; key: 'bookingId' | 'customerId' } | null {
  const named = [['booking', 'bookings', 'bookingId'], ['customer', 'customers', 'customerId']] as const;
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
