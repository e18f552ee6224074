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
const filtered = (scope: ExportScope) =>
  Object.entries(scope).some(([key, v]) => key !== 'bookingId' && key !== 'customerId' && v !== undefined && v !== false && v !== '');

/** Any text as a part of a file name every file system takes: "Jake Morrison" → "jake-morrison". */
export const namePart = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();

/** What the History is of: "booking-1042", "customer-7", "audit-log", "archive-history-before-2025-01-01". */
export function subjectStem(scope: ExportScope): string {
  if (scope.archive !== undefined) return `archive-${scope.archive.replace(/\.jtarchive$/, '')}`;
  if (scope.bookingId !== undefined) return `booking-${scope.bookingId}`;
  if (scope.customerId !== undefined) return `customer-${scope.customerId}`;
  return 'audit-log';
}

/**
 * The day an instant filter means, as it was typed: the date it was given with (the
 * grid sends a local day's start with its offset, the CLI a UTC day's); a "to" at a
 * midnight is the end of the day before, as "to" filters end after the last day.
 */
function dayOf(instant: string, edge: 'from' | 'to'): string {
  const day = instant.slice(0, 10);
  if (edge === 'from' || !/T00:00(:00(\.0+)?)?(Z|[+-]\d\d:\d\d)$/.test(instant)) return day;
  const before = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000);
  return Number.isNaN(before.getTime()) ? day : before.toISOString().slice(0, 10);
}

/**
 * The filters of a scope as parts of a file name, in the order the filter bar
 * shows them: kind, event, record kind, person, outside, words, period.
 * `personName` names a person by id (null when there is none).
 */
export function filterStem(scope: ExportScope, personName: (id: number) => string | null = () => null): string[] {
  const parts: string[] = [];
  if (scope.category) parts.push(namePart(scope.category));
  if (scope.event) parts.push(namePart(scope.event));
  if (scope.entity) parts.push(namePart(scope.entity));
  if (scope.actorId !== undefined) parts.push(`by-${namePart(personName(scope.actorId) ?? '') || `person-${scope.actorId}`}`);
  if (scope.outside) parts.push('outside-jobtrail');
  if (scope.text && namePart(scope.text)) parts.push(`search-${namePart(scope.text).slice(0, 24).replace(/-+$/, '')}`);
  if (scope.from && scope.to) parts.push(`${dayOf(scope.from, 'from')}-to-${dayOf(scope.to, 'to')}`);
  else if (scope.from) parts.push(`from-${dayOf(scope.from, 'from')}`);
  else if (scope.to) parts.push(`to-${dayOf(scope.to, 'to')}`);
  return parts;
}

/** The name stem: the subject (or the caller's name for it), then its filters: "booking-1042-financial-2026-01-01-to-2026-01-31". */
export function exportStem(scope: ExportScope, subject?: string, personName?: (id: number) => string | null): string {
  return [subject ?? subjectStem(scope), ...filterStem(scope, personName)].join('-');
}

/** "CSV export of booking 1042's History", for a list of jobs. */
export function exportTitle(format: ExportFormat, scope: ExportScope): string {
  const whose =
    scope.archive !== undefined
      ? `the archive ${scope.archive}`
      : scope.bookingId !== undefined
        ? `booking ${scope.bookingId}'s History`
        : scope.customerId !== undefined
          ? `customer ${scope.customerId}'s History`
          : 'the Audit log';
  return `${format.toUpperCase()} export of ${whose}${filtered(scope) ? ', filtered' : ''}`;
}

const two = (n: number) => String(n).padStart(2, '0');

/** 2026-03-01-093005, in the office's own time: what the person who asked saw on the clock. */
const stamp = (at: Date) =>
  `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}`;

/**
 * A new file in the exports folder (created if need be): jobtrail-history-STEM-DATE-TIME.EXT
 * (STEM: exportStem), with -2, -3… when that name is taken, on disk or by a running
 * export (`taken`).
 */
export function newExportFile(dbFile: string, stem: string, format: ExportFormat, at: Date, taken: ReadonlySet<string>): string {
  return newFileIn(exportFolder(dbFile), stem, format, at, taken);
}

/** As newExportFile, in any folder (the CLI's --out-dir). */
export function newFileIn(dir: string, stem: string, format: ExportFormat, at: Date, taken: ReadonlySet<string>): string {
  mkdirSync(dir, { recursive: true });
  const base = `jobtrail-history-${stem}-${stamp(at)}`;
  for (let n = 1; ; n++) {
    const file = join(dir, `${base}${n > 1 ? `-${n}` : ''}.${format}`);
    if (!taken.has(file) && !existsSync(file)) return file;
  }
}
