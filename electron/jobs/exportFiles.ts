// Where export jobs put their files, and what they call them: an `exports` folder
// beside the database (as backups/ is), one file per export, named for what it
// holds and when, never replacing an earlier one.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ExportFormat, ExportScope } from './types';

export function exportFolder(dbFile: string): string {
  return join(dirname(dbFile), 'exports');
}

/** A scope's filters beyond the record it belongs to. */
const filtered = (scope: ExportScope) => Object.entries(scope)
  .some(([key, v]) => key !== 'bookingId' && key !== 'customerId' && v !== undefined && v !== false && v !== '');

/** The name stem for a scope when the caller gave none: "booking-1042", "customer-7", "all", "filtered". */
export function defaultStem(scope: ExportScope): string {
  if (scope.bookingId !== undefined) return `booking-${scope.bookingId}`;
  if (scope.customerId !== undefined) return `customer-${scope.customerId}`;
  return filtered(scope) ? 'filtered' : 'all';
}

/** "CSV export of booking 1042's History", for a list of jobs. */
export function exportTitle(format: ExportFormat, scope: ExportScope): string {
  const whose = scope.bookingId !== undefined ? `booking ${scope.bookingId}'s History`
    : scope.customerId !== undefined ? `customer ${scope.customerId}'s History` : 'the Audit log';
  return `${format.toUpperCase()} export of ${whose}${filtered(scope) ? ', filtered' : ''}`;
}

const two = (n: number) => String(n).padStart(2, '0');

/** 2026-03-01-093005, in the office's own time: what the person who asked saw on the clock. */
const stamp = (at: Date) =>
  `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}`;

/**
 * A new file in the exports folder (created if need be): jobtrail-history-STEM-DATE-TIME.EXT,
 * with -2, -3… when that name is taken, on disk or by a running export (`taken`).
 */
export function newExportFile(dbFile: string, stem: string, format: ExportFormat, at: Date, taken: ReadonlySet<string>): string {
  const dir = exportFolder(dbFile);
  mkdirSync(dir, { recursive: true });
  const base = `jobtrail-history-${stem}-${stamp(at)}`;
  for (let n = 1; ; n++) {
    const file = join(dir, `${base}${n > 1 ? `-${n}` : ''}.${format}`);
    if (!taken.has(file) && !existsSync(file)) return file;
  }
}
