// History exports for auditors: CSV or JSON, written row by row so that memory
// stays flat whatever the size, ending with the chain head the rows belong to.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Db } from '../../db/open';
import { currentHead, shortDigest } from '../../db/chain';
import { iterateHistory, type HistoryFilter, type HistoryRow } from './history';
import { AppError } from './errors';

export type ExportFormat = 'csv' | 'json';
export type ExportScope = Pick<HistoryFilter, 'bookingId' | 'customerId' | 'from' | 'to'>;

const COLUMNS: (keyof HistoryRow)[] = [
  'id', 'at', 'actorId', 'actorName', 'entity', 'entityId', 'bookingId', 'customerId', 'field',
  'oldValue', 'newValue', 'category', 'event', 'label', 'origin',
];

/** RFC 4180 quoting, and a leading ' on text a spreadsheet would run as a formula. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(row: HistoryRow): string {
  return COLUMNS.map((c) => csvCell(row[c])).join(',') + '\r\n';
}

export const CSV_HEADER = COLUMNS.join(',') + '\r\n';

export interface ExportSummary { rows: number; head: string }

export function exportHistory(db: Db, scope: ExportScope, format: ExportFormat, outFile: string): ExportSummary {
  const fd = openSync(outFile, 'w');
  let buffer = '';
  const write = (s: string) => {
    buffer += s;
    if (buffer.length > 1 << 20) { writeSync(fd, buffer); buffer = ''; }
  };
  let rows = 0;
  try {
    const head = shortDigest(currentHead(db.sqlite));
    if (format === 'csv') write(CSV_HEADER);
    else write(`{"scope":${JSON.stringify(scope)},"chainHead":"${head}","rows":[\n`);
    for (const row of iterateHistory(db, scope)) {
      if (format === 'csv') write(csvLine(row));
      else write((rows ? ',\n' : '') + JSON.stringify(row));
      rows++;
    }
    if (format === 'json') write('\n]}\n');
    writeSync(fd, buffer);
    return { rows, head };
  } finally {
    closeSync(fd);
  }
}

/** The most rows the app hands the window as one CSV; more goes through the CLI export to a file. */
export const CSV_IN_APP_LIMIT = 200_000;

/** The filtered History as CSV text, for the History grid's "Export CSV". */
export function historyCsv(db: Db, filter: Omit<HistoryFilter, 'limit' | 'before' | 'after' | 'order'>): { csv: string; rows: number; head: string } {
  const parts = [CSV_HEADER];
  for (const row of iterateHistory(db, filter)) {
    if (parts.length > CSV_IN_APP_LIMIT) {
      throw new AppError('conflict', `More than ${CSV_IN_APP_LIMIT.toLocaleString('en')} rows match: narrow the filter, or export to a file with "npm run cli -- export".`);
    }
    parts.push(csvLine(row));
  }
  return { csv: parts.join(''), rows: parts.length - 1, head: shortDigest(currentHead(db.sqlite)) };
}
