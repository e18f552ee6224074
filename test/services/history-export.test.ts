// A History export reads as the History grid does: each row's words are the screen's
// own functions' (readable.ts), then its stored values; the file names the chain
// head it belongs to and how many rows it holds, and a spreadsheet cannot be made
// to run a cell or split one, whatever an outside tool wrote into the log.
import Database from 'better-sqlite3';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealChain } from '../../db/chain';
import { closeDatabase, openDatabase, type Db } from '../../db/open';
import { seedDemo } from '../../electron/cli/seed';
import { CSV_HEADER, csvSummaryLine, exportHistory, type ExportScope } from '../../electron/services/exports';
import { tempDir } from '../helpers/core';
import { asCsvCells, chainHeadOf, historyRows, readCsvExport, screenCells, stored } from '../helpers/exportRead';

/** Cells an outside tool could have written, one odd thing to a row. */
const ODD_ROWS: Record<string, string>[] = [
  { old_value: "'Smith, John'" },
  { new_value: `'He said "no"'` },
  { old_value: "'line one' || char(10) || 'line two'" },
  { new_value: "'a' || char(13, 10) || 'b'" },
  { label: '\'=HYPERLINK("http://x")\'' },
  { old_value: "'=SUM(A1:A9)'" },
  { new_value: "'+1'" },
  { old_value: "'@here'" },
  { old_value: "'Café · Zoë'", new_value: "'日本語 🙂'" },
  { actor_name: "'-Mallory'" },
  { booking_id: '0.1 + 0.2' },
  { field: "'price'", old_value: "'abc'", new_value: "'12000'" },
  { field: "'*'", new_value: "'not json {'" },
  { new_value: "printf('%.400000c', 'x')" }, // one line longer than the export's buffer
];

const COPIED =
  'at, actor_id, actor_name, entity, entity_id, booking_id, customer_id, field, old_value, new_value, old_ref, new_ref, category, event, label, tx';

let dir: string;
let file: string;
let db: Db;

beforeAll(() => {
  dir = tempDir('jobtrail-history-export-');
  file = join(dir, 'log.db');
  seedDemo(file, { seed: 4, auditRows: 3_000, now: '2026-01-15T00:00:00Z' });
  const sqlite = new Database(file);
  const names = COPIED.split(', ');
  // Copies of the last row, with the odd cells put in, as a SQLite tool would write them.
  for (const cells of ODD_ROWS) {
    sqlite.exec(`INSERT INTO audit_log (${COPIED}) SELECT ${names.map((c) => cells[c] ?? c).join(', ')}
      FROM audit_log WHERE id = (SELECT max(id) FROM audit_log WHERE booking_id IS NOT NULL)`);
  }
  sqlite.transaction(() => sealChain(sqlite, null))();
  sqlite.close();
  db = openDatabase(file, { readonly: true });
}, 120_000);

afterAll(() => {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

let count = 0;
const exported = (scope: ExportScope, format: 'csv' | 'json') => {
  const out = join(dir, `export-${++count}.${format}`);
  return { out, summary: exportHistory(db, scope, format, out) };
};

const busiest = (column: 'booking_id' | 'customer_id') =>
  db.sqlite
    .prepare(
      `SELECT ${column} FROM audit_log
  WHERE typeof(${column}) = 'integer' GROUP BY ${column} ORDER BY count(*) DESC LIMIT 1`,
    )
    .pluck()
    .get() as number;

const SCOPES: [string, () => ExportScope][] = [
  ['a booking', () => ({ bookingId: busiest('booking_id') })],
  ['a customer', () => ({ customerId: busiest('customer_id') })],
  [
    'a period',
    () => {
      const at = db.sqlite.prepare('SELECT at FROM audit_log WHERE id IN (1000, 2000) ORDER BY id').pluck().all() as string[];
      return { from: at[0], to: at[1] };
    },
  ],
  ['the financial rows of the whole log', () => ({ category: 'financial' })],
  [
    'one person',
    () => ({
      actorId: db.sqlite.prepare('SELECT actor_id FROM audit_log WHERE actor_id IS NOT NULL GROUP BY actor_id ORDER BY count(*) DESC').pluck().get() as number,
    }),
  ],
  ['the whole log', () => ({})],
];

describe('a History export, parsed back', () => {
  it.each(SCOPES)('as CSV, holds %s as the screen reads it, the stored values, and the chain head with the count', (_what, scopeOf) => {
    const scope = scopeOf();
    const { out, summary } = exported(scope, 'csv');
    const rows = historyRows(db, scope);
    expect(rows.length).toBeGreaterThan(5);
    const file = readCsvExport(out);
    expect(file.header.join(',') + '\r\n').toBe(CSV_HEADER);
    expect(file.rows).toEqual(rows.map((r) => asCsvCells(screenCells(db, r), r)));
    expect(file.summary).toEqual({ rows: rows.length, ...chainHeadOf(db) });
    expect(summary).toEqual(file.summary);
  });

  it.each(SCOPES)('as JSON, holds %s as the screen reads it, the stored values, and the chain head with the count', (_what, scopeOf) => {
    const scope = scopeOf();
    const { out, summary } = exported(scope, 'json');
    const rows = historyRows(db, scope);
    const parsed = JSON.parse(readFileSync(out, 'utf8'));
    expect(parsed.rows).toEqual(rows.map((r) => ({ ...screenCells(db, r), raw: stored(r) })));
    const { head, chainRows } = chainHeadOf(db);
    expect(parsed).toMatchObject({ scope, chainHead: head, chainRows, rowCount: rows.length, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
    expect(Date.parse(parsed.exportedAt)).not.toBeNaN();
    expect(summary).toEqual({ rows: rows.length, head: parsed.chainHead, chainRows: parsed.chainRows });
  });
});

describe('what a History export reads like', () => {
  const whole = () => readCsvExport(exported({}, 'csv').out);

  it('ends with one cell a spreadsheet shows: the rows, the chain head and the audit rows it covers', () => {
    const file = whole();
    const { head, chainRows } = chainHeadOf(db);
    expect(file.lastLine).toBe(`End of export · ${file.rows.length} rows · chain head ${head} over ${chainRows} audit rows`);
    expect(csvSummaryLine({ rows: 1, head, chainRows: 1 })).toBe(`End of export · 1 row · chain head ${head} over 1 audit row\r\n`);
  });

  it('names times with their zone, money as money, created records by their fields, and bookings by number, date, service and customer', () => {
    const rows = whole().rows;
    const zone = new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' })
      .formatToParts(new Date(rows[0].at))
      .find((p) => p.type === 'timeZoneName')!.value;
    expect(rows[0].When.endsWith(` ${zone}`)).toBe(true);
    expect(rows[0]['When (UTC)']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    // The demo office changes no price: the one price row is the odd row copied in above.
    const price = rows.find((r) => r.field === 'price' && /^\d+$/.test(r.newValue))!;
    expect(price.After).toMatch(/^\$[\d,]+\.\d\d$/);
    const created = rows.find((r) => r.entity === 'booking' && r.field === '*')!;
    expect(created).toBeDefined();
    expect(created.Before).toBe('');
    expect(created.After).toMatch(/^Status: [A-Z].* · Start: /);
    expect(created.After).not.toMatch(/_ref|\{/);
    // Number, service, day with its weekday, customer: "Booking #12 · Furnace repair · Tue, Dec 15, 2026 · John King".
    expect(created.Record).toMatch(/^Booking #\d+ · .+ · [A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}, \d{4} · .+$/);
    const payment = rows.find((r) => r.entity === 'payment')!;
    expect(payment.Record).toMatch(/^Payment #\d+ · \$[\d,]+\.\d\d [a-z ]+ · \S+ — Booking #\d+ · /);
    expect(payment.Field.startsWith(payment.Record.split(' — ')[0])).toBe(true); // which payment, in the Field too, as the grid shows it
    const invoice = rows.find((r) => r.entity === 'invoice')!;
    expect(invoice.Record).toMatch(/^Invoice \S+ — Booking #\d+ · /);
  });

  it('gives each row the reason recorded with it, beside its event, and reads an old "payment received" row as logged', () => {
    const file = whole();
    expect(file.header.slice(4, 7)).toEqual(['Event', 'Reason', 'Kind']);
    const moved = file.rows.filter((r) => r.event === 'rescheduled');
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.every((r) => /^Asked by the (customer|office|fieldworker)/.test(r.Reason) && r.Reason === r.reason)).toBe(true);
    expect(file.rows.filter((r) => r.reason === '').every((r) => r.Reason === '')).toBe(true);
    const paid = file.rows.filter((r) => /^payment (received|logged) \(/.test(r.event));
    expect(paid.length).toBeGreaterThan(0);
    expect(paid.every((r) => /^Payment logged \(/.test(r.Event))).toBe(true);
  });

  it('keeps an odd cell whole and inert: quoted, and a formula marked as text', () => {
    const text = readFileSync(exported({}, 'csv').out, 'utf8');
    for (const cell of ['"Smith, John"', '"He said ""no"""', '"line one\nline two"', '"a\r\nb"', "'=SUM(A1:A9)", "'+1", "'@here", "'-Mallory"]) {
      expect(text).toContain(`,${cell},`);
    }
    const rows = whole().rows;
    const notJson = rows.find((r) => r.newValue === 'not json {')!;
    expect(notJson.After).toBe('not json {');
    const notMoney = rows.find((r) => r.oldValue === 'abc' && r.field === 'price')!;
    expect(notMoney.Before).toBe('abc');
  });

  it('of a log with no rows is its header and the summary line', () => {
    const empty = join(dir, 'empty.db');
    closeDatabase(openDatabase(empty));
    const emptyDb = openDatabase(empty, { readonly: true });
    try {
      const out = join(dir, 'empty.csv');
      const summary = exportHistory(emptyDb, {}, 'csv', out);
      expect(summary.rows).toBe(0);
      expect(readFileSync(out, 'utf8')).toBe(CSV_HEADER + csvSummaryLine(summary));
    } finally {
      closeDatabase(emptyDb);
    }
  });
});
