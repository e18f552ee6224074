// Exports read back, and the History as the screen's own functions (readable.ts)
// render it, from the History's page query (not the export's reading of it), so a
// test can say "the file reads as the screen does".
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Db } from '../../db/open';
import { currentHeadRow, shortDigest } from '../../db/chain';
import { formatWhen, utcTitle } from '../../renderer/format';
import {
  afterText,
  beforeText,
  eventText,
  fieldText,
  kindText,
  madeOutside,
  reasonText,
  recordFullText,
  type BookingFacts,
  type PaymentFacts,
  type RecordFacts,
} from '../../renderer/history/readable';
import { parseCsv } from '../../electron/services/csvParse';
import { parseCsvSummaryLine, type ExportScope, type ExportSummary } from '../../electron/services/exports';
import { queryHistory, type HistoryPageRow, type HistoryRow } from '../../electron/services/history';
import type { ReadableCells } from '../../electron/services/exportRows';

/** Intl itself, beside the export's templated formatter, for the local time with the zone. */
const zoned = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'long' });

/** The History of a scope, oldest first, with the grid's record names. */
export function historyRows(db: Db, scope: ExportScope): HistoryPageRow[] {
  return queryHistory(db, { ...scope, limit: 1_000_000 }).rows.reverse();
}

/**
 * A row as the screen's functions render it, with its records' facts read from the
 * tables as they are (not by the page's look-up, which they are then compared with).
 */
export function screenCells(db: Db, r: HistoryPageRow): ReadableCells {
  const booking =
    (Number.isSafeInteger(r.bookingId) &&
      (db.sqlite
        .prepare(
          `SELECT b.id, b.scheduled_start AS scheduledStart, b.service,
      c.name AS customer FROM bookings b JOIN customers c ON c.id = b.customer_id WHERE b.id = ?`,
        )
        .get(r.bookingId) as BookingFacts)) ||
    null;
  const invoice =
    r.entity === 'invoice' ? (db.sqlite.prepare('SELECT number FROM invoices WHERE id = ?').pluck().get(r.entityId) as string | undefined) : undefined;
  const payment =
    (r.entity === 'payment' &&
      (db.sqlite
        .prepare(
          `SELECT p.id, p.amount_cents AS amountCents, p.method, i.number AS invoice
      FROM payments p LEFT JOIN invoices i ON i.id = p.invoice_id WHERE p.id = ?`,
        )
        .get(r.entityId) as PaymentFacts)) ||
    null;
  const facts: RecordFacts = { booking, payment, recordName: invoice ?? (r.entity === 'payment' ? null : r.recordName) };
  expect(facts, `the page's facts of row ${r.id}`).toEqual({ booking: r.booking, payment: r.payment, recordName: r.recordName });
  const when = zoned.format(new Date(r.at));
  if (!when.startsWith(formatWhen(r.at, true))) throw new Error(`the zoned time ${when} does not begin with the screen's ${formatWhen(r.at, true)}`);
  return {
    when,
    whenUtc: utcTitle(r.at)!,
    who: r.actorName,
    outsideJobTrail: madeOutside(r),
    event: eventText(r),
    reason: reasonText(r),
    kind: kindText(r.category),
    record: recordFullText(r, facts),
    field: fieldText(r, facts),
    before: beforeText(r),
    after: afterText(r),
  };
}

/** A stored row without the page's record facts: what an export's raw columns hold. */
export const stored = ({ recordName: _n, booking: _b, payment: _p, ...row }: HistoryPageRow): HistoryRow => row;

export interface ReadCsv {
  header: string[];
  /** Each row's cells by header. */
  rows: Record<string, string>[];
  summary: ExportSummary | null;
  /** The last line as written. */
  lastLine: string;
}

export function readCsvExport(file: string): ReadCsv {
  const text = readFileSync(file, 'utf8');
  const records = parseCsv(text).map((r) => r.fields);
  const [header, ...body] = records;
  const lastLine = text.trimEnd().split('\r\n').at(-1)!;
  const summary = parseCsvSummaryLine(lastLine);
  const rows = (summary ? body.slice(0, -1) : body).map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
  return { header, rows, summary, lastLine };
}

/** A screen row as its CSV line's cells read back: the readable ones by header, then the stored values as text. */
export function asCsvCells(cells: ReadableCells, row: HistoryRow): Record<string, string> {
  const text = (v: unknown) => (v === null || v === undefined ? '' : /^[=+\-@\t\r]/.test(String(v)) && typeof v === 'string' ? `'${v}` : String(v));
  return {
    When: text(cells.when),
    'When (UTC)': cells.whenUtc,
    Who: text(cells.who),
    'Outside JobTrail': cells.outsideJobTrail ? 'yes' : '',
    Event: text(cells.event),
    Reason: text(cells.reason),
    Kind: cells.kind,
    Record: text(cells.record),
    Field: text(cells.field),
    Before: text(cells.before),
    After: text(cells.after),
    id: text(row.id),
    at: text(row.at),
    actorId: text(row.actorId),
    actorName: text(row.actorName),
    entity: text(row.entity),
    entityId: text(row.entityId),
    bookingId: text(row.bookingId),
    customerId: text(row.customerId),
    field: text(row.field),
    oldValue: text(row.oldValue),
    newValue: text(row.newValue),
    category: text(row.category),
    event: text(row.event),
    label: text(row.label),
    origin: text(row.origin),
    reason: text(row.reason),
  };
}

/** The database's chain head as an export names it. */
export function chainHeadOf(db: Db): { head: string; chainRows: number } {
  const h = currentHeadRow(db.sqlite);
  return { head: shortDigest(h.hash), chainRows: h.id };
}
