// `export` writes exactly the History the app shows, as CSV or JSON, as the screen
// reads it and with the stored values, ending with its row count and the chain
// head; a scope given wrong is bad usage (exit 2), never a guess.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/open';
import { currentHead, shortDigest } from '../../db/chain';
import { CSV_HEADER } from '../../electron/services/exports';
import { tempDir } from '../helpers/core';
import { asCsvCells, chainHeadOf, historyRows, readCsvExport, screenCells, stored } from '../helpers/exportRead';
import { cli, ROOT, smallDatabase } from './cli';

describe('export', () => {
  let dir: string;
  let file: string;
  let db: Db;
  let booking: number;
  let head: string;
  beforeAll(() => {
    dir = tempDir('jobtrail-export-');
    file = smallDatabase(dir).file;
    db = openDatabase(file, { readonly: true });
    head = shortDigest(currentHead(db.sqlite));
    // A booking with a long story: rescheduled, invoiced and paid.
    booking = db.sqlite
      .prepare(
        `SELECT booking_id FROM audit_log WHERE booking_id IS NOT NULL
                                 GROUP BY booking_id ORDER BY count(*) DESC, booking_id LIMIT 1`,
      )
      .pluck()
      .get() as number;
  });
  afterAll(() => {
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });
  const history = (f: { bookingId?: number; customerId?: number; from?: string; to?: string }) => historyRows(db, f);

  it("writes a booking's History as CSV: the header, one line per History row oldest first as the screen reads it, then the summary", () => {
    const out = join(dir, 'booking.csv');
    const r = cli(['export', '--db', file, '--booking', String(booking), '--format', 'csv', '--out', out]);
    expect(r.code).toBe(0);
    const rows = history({ bookingId: booking });
    expect(rows.length).toBeGreaterThan(8);
    const read = readCsvExport(out);
    expect(read.header.join(',') + '\r\n').toBe(CSV_HEADER);
    expect(read.rows).toEqual(rows.map((x) => asCsvCells(screenCells(db, x), x)));
    expect(read.summary).toEqual({ rows: rows.length, ...chainHeadOf(db) });
    expect(readFileSync(out, 'utf8').endsWith('\r\n')).toBe(true);
    expect(r.stdout).toContain(`Exported ${rows.length} History rows of booking ${booking} to ${out} (csv)`);
    expect(r.stdout).toContain(`chain head  ${head} over ${chainHeadOf(db).chainRows.toLocaleString('en')} audit rows`);
  });

  it('with --out-dir, names the file for what it holds and when', () => {
    const r = cli(['export', '--db', file, '--from', '2025-10-01', '--to', '2025-10-31', '--format', 'json', '--out-dir', dir]);
    expect(r.code).toBe(0);
    const named = readdirSync(dir).filter((f) => /^jobtrail-history-audit-log-2025-10-01-to-2025-10-31-\d{4}-\d\d-\d\d-\d{6}\.json$/.test(f));
    expect(named).toHaveLength(1);
    expect(r.stdout).toContain(join(dir, named[0]));
    expect(cli(['export', '--db', file, '--all', '--format', 'csv', '--out', 'x.csv', '--out-dir', dir]).code).toBe(2);
  });

  it("writes a customer's History as JSON that parses, with the chain head", () => {
    const customer = db.sqlite.prepare('SELECT customer_id FROM bookings WHERE id = ?').pluck().get(booking) as number;
    const out = join(dir, 'customer.json');
    const r = cli(['export', '--db', file, '--customer', String(customer), '--format', 'json', '--out', out]);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(readFileSync(out, 'utf8'));
    expect(parsed.chainHead).toBe(head);
    expect(parsed.scope).toEqual({ customerId: customer });
    const rows = history({ customerId: customer });
    expect(parsed.rows).toEqual(rows.map((x) => ({ ...screenCells(db, x), raw: stored(x) })));
    expect([parsed.rowCount, parsed.chainRows]).toEqual([rows.length, chainHeadOf(db).chainRows]);
  });

  it('takes a period of whole days, both included, or exact instants', () => {
    const out = join(dir, 'period.csv');
    const r = cli(['export', '--db', file, '--from', '2025-10-01', '--to', '2025-10-31', '--format', 'csv', '--out', out]);
    expect(r.code).toBe(0);
    const rows = history({ from: '2025-10-01T00:00:00.000Z', to: '2025-11-01T00:00:00.000Z' });
    expect(rows.length).toBeGreaterThan(10);
    expect(readCsvExport(out).rows.map((x) => Number(x.id))).toEqual(rows.map((x) => x.id));
    const last = rows.at(-1)!.at;
    const exact = cli(['export', '--db', file, '--from', rows[0].at, '--to', last, '--format', 'json', '--out', out]);
    expect(exact.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).rows.at(-1).raw.at).toBe(last);
  });

  it('writes the whole History with --all: every row, oldest first, and the chain head it belongs to', () => {
    const out = join(dir, 'all.csv');
    const r = cli(['export', '--db', file, '--all', '--format', 'csv', '--out', out]);
    expect(r.code).toBe(0);
    const reader = new Database(file, { readonly: true });
    const ids = reader.prepare('SELECT id FROM audit_log ORDER BY id').pluck().all();
    reader.close();
    const read = readCsvExport(out);
    expect(read.rows.map((x) => Number(x.id))).toEqual(ids);
    expect(read.summary).toEqual({ rows: ids.length, ...chainHeadOf(db) });
    expect(r.stdout).toContain(`Exported ${ids.length.toLocaleString('en')} History rows of the whole History`);
    expect(r.stdout).toMatch(/chain head {2}[0-9a-f]{16}/);
  });

  it('an export that fails halfway (the disk full) leaves the file that was there, and no half file', () => {
    const whole = join(dir, 'whole.json');
    expect(cli(['export', '--db', file, '--all', '--format', 'json', '--out', whole]).code).toBe(0);
    const size = statSync(whole).size;
    const limitKiB = 64;
    expect(size).toBeGreaterThan(4 * limitKiB * 1024); // the export cannot fit under the limit below
    const out = join(dir, 'yesterday.json');
    writeFileSync(out, 'the export an auditor was given yesterday\n');
    // A file-size limit makes the write fail partway, as a full disk would (the signal ignored, so the write returns an error).
    const r = spawnSync(
      'bash',
      [
        '-c',
        `trap '' XFSZ; ulimit -f ${limitKiB}; exec node_modules/.bin/tsx electron/cli/main.ts "$@"`,
        'export',
        'export',
        '--db',
        file,
        '--all',
        '--format',
        'json',
        '--out',
        out,
      ],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, JOBTRAIL_DEBUG: '' } },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^jobtrail export: .*(EFBIG|too large)/i);
    expect(readFileSync(out, 'utf8')).toBe('the export an auditor was given yesterday\n');
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('fails in one line for a booking that never existed', () => {
    const r = cli(['export', '--db', file, '--booking', '99999', '--format', 'csv', '--out', join(dir, 'none.csv')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`jobtrail export: booking 99999 does not exist in ${file}`);
  });

  it.each([
    [['--format', 'csv', '--out', 'x.csv'], 'say what to export'],
    [['--booking', '1', '--customer', '2', '--format', 'csv', '--out', 'x.csv'], 'give exactly one of'],
    [['--booking', '1', '--from', '2025-01-01', '--to', '2025-02-01', '--format', 'csv', '--out', 'x.csv'], 'give exactly one of'],
    [['--all', '--customer', '2', '--format', 'csv', '--out', 'x.csv'], 'give exactly one of'],
    [['--from', '2025-01-01', '--format', 'csv', '--out', 'x.csv'], '--from and --to go together'],
    [['--from', '2025-02-30', '--to', '2025-03-01', '--format', 'csv', '--out', 'x.csv'], 'is not a real day'],
    [['--from', '2025-03-01', '--to', '2025-02-01', '--format', 'csv', '--out', 'x.csv'], 'is after --to'],
    [['--from', 'yesterday', '--to', '2025-02-01', '--format', 'csv', '--out', 'x.csv'], '--from must be a day'],
    [['--booking', 'seven', '--format', 'csv', '--out', 'x.csv'], '--booking must be a whole number'],
    [['--booking', '1', '--format', 'xml', '--out', 'x.csv'], '--format must be csv or json'],
    [['--booking', '1', '--format', 'csv'], '--out is required'],
  ])('exits 2 for bad usage: %j', (args, message) => {
    const r = cli(['export', '--db', file, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('Usage: npm run cli -- export');
    expect(r.stdout).toBe('');
  });
});
