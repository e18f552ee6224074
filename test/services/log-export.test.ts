// The whole log's CSV is mostly written by SQLite, a chunk of rows at a time
// (electron/services/logCsv.ts). It must be, byte for byte, what the export writes
// row by row in JavaScript for a filtered History, whatever the cells hold: text a
// spreadsheet would run, quotes, line breaks, the separators SQLite's text uses,
// numbers JavaScript reads otherwise than SQLite writes them, bytes that are not UTF-8.
import Database from 'better-sqlite3';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentHead, sealChain, shortDigest } from '../../db/chain';
import { closeDatabase, openDatabase, type Db } from '../../db/open';
import { seedDemo } from '../../electron/cli/seed';
import { CSV_HEADER, exportHistory, historyCsv, type ExportScope } from '../../electron/services/exports';
import { queryHistory } from '../../electron/services/history';
import { tempDir } from '../helpers/core';

/** Cells an outside tool could have written, one odd thing to a row, so that every check is needed on its own. */
const ODD_ROWS: Record<string, string>[] = [
  { old_value: "'Smith, John'" },
  { new_value: `'He said "no"'` },
  { old_value: "'line one' || char(10) || 'line two'" },
  { new_value: "'a' || char(13, 10) || 'b'" },
  { label: "'ends in CR' || char(13)" },
  { field: "char(13) || 'x'" },
  { old_value: "'=SUM(A1:A9)'" },
  { new_value: "'+1'" },
  { label: "'-5'" },
  { old_value: "'@here'" },
  { new_value: "char(9) || 'tabbed'" },
  { old_value: "''", new_value: 'NULL', label: "''" },
  { label: "'unit' || char(31) || 'separator'" },
  { old_value: "'Café · Zoë'", new_value: "'日本語 🙂'" },
  { actor_id: '-3' },
  { booking_id: '1234567890123456' },
  { actor_id: '1.5' },
  { booking_id: '0.1 + 0.2' },
  { customer_id: '1e20' },
  { entity_id: '3.0' },
  { booking_id: "'n/a'" },
  { booking_id: '9007199254740993' },
  { old_value: "X'E282AC'", new_value: "X'00'" },
];
/** Rows SQLite's text of a chunk cannot stand for: the whole chunk is written in JavaScript. */
const CHUNK_BREAKERS: Record<string, string>[] = [
  { old_value: "'row' || char(13) || char(30) || 'end inside a cell'" },
  { new_value: "CAST(X'C328' AS TEXT)" },
  { label: "X'FF'" },
];

const COPIED = 'at, actor_id, actor_name, entity, entity_id, booking_id, customer_id, field, old_value, new_value, old_ref, new_ref, category, event, label, tx';

function addOddRow(sqlite: Database.Database, cells: Record<string, string>): void {
  const names = COPIED.split(', ');
  const values = names.map((c) => cells[c] ?? c);
  // A copy of row 1, with the odd cells put in.
  sqlite.exec(`INSERT INTO audit_log (${COPIED}) SELECT ${values.join(', ')} FROM audit_log WHERE id = 1`);
}

/** Copies of the rows up to `upTo`: ordinary rows enough to put the odd ones and each chunk breaker in chunks apart. */
function addOrdinaryRows(sqlite: Database.Database, upTo: number): void {
  sqlite.exec(`INSERT INTO audit_log (${COPIED}) SELECT ${COPIED} FROM audit_log WHERE id <= ${upTo} ORDER BY id`);
}

let dir: string;
let file: string;
let db: Db;

beforeAll(() => {
  dir = tempDir('jobtrail-log-export-');
  file = join(dir, 'log.db');
  seedDemo(file, { seed: 4, auditRows: 6_000, now: '2026-01-15T00:00:00Z' });
  const sqlite = new Database(file);
  // Odd rows among ordinary ones, over several chunks of 5,000: one chunk with
  // rows written again, one written wholly in JavaScript for each chunk breaker.
  for (const cells of ODD_ROWS) addOddRow(sqlite, cells);
  addOrdinaryRows(sqlite, 6_000);
  for (const cells of CHUNK_BREAKERS) {
    addOddRow(sqlite, cells);
    addOrdinaryRows(sqlite, 5_500);
  }
  sqlite.transaction(() => sealChain(sqlite, null))();
  // A gap in the ids, then rows not sealed yet (their origin still empty).
  sqlite.exec(`INSERT INTO audit_log (id, ${COPIED}) SELECT 1099511627776, ${COPIED} FROM audit_log WHERE id = 2`);
  for (const cells of ODD_ROWS.slice(0, 4)) addOddRow(sqlite, cells);
  sqlite.close();
  db = openDatabase(file, { readonly: true });
}, 120_000);

afterAll(() => {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

let exportCount = 0;
function exported(scope: ExportScope) {
  const out = join(dir, `export-${++exportCount}.csv`);
  const summary = exportHistory(db, scope, 'csv', out);
  return { ...summary, bytes: readFileSync(out) };
}

/** The same History written row by row, every cell read into JavaScript (what the History grid exports). */
function rowByRow(scope: ExportScope) {
  const { csv, rows, head } = historyCsv(db, scope);
  return { rows, head, bytes: Buffer.from(csv, 'utf8') };
}

/** Two exports alike, or the first line where they differ: readable, where a diff of megabytes is not. */
function expectSame(got: { rows: number; head: string; bytes: Buffer }, want: { rows: number; head: string; bytes: Buffer }) {
  expect({ rows: got.rows, head: got.head }).toEqual({ rows: want.rows, head: want.head });
  if (got.bytes.equals(want.bytes)) return;
  const a = got.bytes.toString('utf8').split('\r\n'), b = want.bytes.toString('utf8').split('\r\n');
  const at = a.findIndex((line, i) => line !== b[i]);
  expect({ line: at, got: a[at] }).toEqual({ line: at, got: b[at] });
  expect(got.bytes.length).toBe(want.bytes.length);
}

describe('exporting the whole log as CSV', () => {
  it('writes the bytes the row-by-row export writes, over many chunks and odd cells', () => {
    const rows = db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    expect(rows).toBeGreaterThan(4 * 5_000);
    const whole = exported({});
    expect(whole.rows).toBe(rows);
    expectSame(whole, rowByRow({}));
    expect(whole.head).toBe(shortDigest(currentHead(db.sqlite)));
  });

  it('quotes and marks the odd cells as a spreadsheet needs them', () => {
    const text = exported({}).bytes.toString('utf8');
    expect(text.startsWith(CSV_HEADER)).toBe(true);
    for (const cell of ['"Smith, John"', '"He said ""no"""', '"line one\nline two"', '"a\r\nb"', '"ends in CR\r"', `"'\rx"`,
      "'=SUM(A1:A9)", "'+1", "'-5", "'@here", "'\ttabbed", 'unit\x1fseparator', 'Café · Zoë,日本語 🙂', '€']) {
      expect(text).toContain(`,${cell},`);
    }
    // JavaScript's numbers, not SQLite's text of them: 1.5, but 0.30000000000000004 (not 0.3), 1e20 in full, 2^53 + 1 rounded.
    for (const number of ['-3', '1234567890123456', '1.5', '0.30000000000000004', '100000000000000000000', '9007199254740992']) {
      expect(text).toContain(`,${number},`);
    }
    expect(text).not.toContain('9007199254740993');
  });

  it('writes only the header for a log with no rows', () => {
    const empty = join(dir, 'empty.db');
    closeDatabase(openDatabase(empty));
    const emptyDb = openDatabase(empty, { readonly: true });
    try {
      const out = join(dir, 'empty.csv');
      expect(exportHistory(emptyDb, {}, 'csv', out).rows).toBe(0);
      expect(readFileSync(out, 'utf8')).toBe(CSV_HEADER);
    } finally {
      closeDatabase(emptyDb);
    }
  });
});

describe('exporting part of the log as CSV', () => {
  it.each([
    ['a booking', () => ({ bookingId: db.sqlite.prepare(`SELECT booking_id FROM audit_log WHERE typeof(booking_id) = 'integer'
      GROUP BY booking_id ORDER BY count(*) DESC LIMIT 1`).pluck().get() as number })],
    ['a period', () => {
      const at = db.sqlite.prepare('SELECT at FROM audit_log WHERE id IN (2000, 4000) ORDER BY id').pluck().all() as string[];
      return { from: at[0], to: at[1] };
    }],
  ])("writes only %s's rows, oldest first", (_what, scopeOf) => {
    const scope = scopeOf();
    const part = exported(scope);
    expectSame(part, rowByRow(scope));
    const ids = queryHistory(db, { ...scope, limit: 100_000 }).rows.map((r) => r.id).reverse();
    expect(ids.length).toBeGreaterThan(5);
    expect(part.rows).toBe(ids.length);
    expect(part.bytes.toString('utf8').split('\r\n').slice(1, -1).map((line) => Number(line.split(',')[0]))).toEqual(ids);
  });
});
