// `export` writes exactly the History the app shows, as CSV or JSON, with the
// chain head; a scope given wrong is bad usage (exit 2), never a guess.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/open';
import { currentHead, shortDigest } from '../../db/chain';
import { queryHistory } from '../../electron/services/history';
import { CSV_HEADER } from '../../electron/services/exports';
import { tempDir } from '../helpers/core';
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
    booking = db.sqlite.prepare(`SELECT booking_id FROM audit_log WHERE booking_id IS NOT NULL
                                 GROUP BY booking_id ORDER BY count(*) DESC, booking_id LIMIT 1`).pluck().get() as number;
  });
  afterAll(() => {
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });
  // The grid's pages also name invoices and quotes (recordName); the export keeps to the stored columns.
  const history = (f: { bookingId?: number; customerId?: number; from?: string; to?: string }) =>
    queryHistory(db, { ...f, limit: 100_000 }).rows.reverse().map(({ recordName: _, ...stored }) => stored);

  it("writes a booking's History as CSV: the header, then one line per History row, oldest first", () => {
    const out = join(dir, 'booking.csv');
    const r = cli(['export', '--db', file, '--booking', String(booking), '--format', 'csv', '--out', out]);
    expect(r.code).toBe(0);
    const rows = history({ bookingId: booking });
    expect(rows.length).toBeGreaterThan(8);
    const lines = readFileSync(out, 'utf8').split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0] + '\r\n').toBe(CSV_HEADER);
    expect(lines.slice(1, -1).map((l) => Number(l.split(',')[0]))).toEqual(rows.map((x) => x.id));
    expect(r.stdout).toContain(`Exported ${rows.length} History rows of booking ${booking} to ${out} (csv)`);
    expect(r.stdout).toContain(`chain head  ${head}`);
  });

  it("writes a customer's History as JSON that parses, with the chain head", () => {
    const customer = db.sqlite.prepare('SELECT customer_id FROM bookings WHERE id = ?').pluck().get(booking) as number;
    const out = join(dir, 'customer.json');
    const r = cli(['export', '--db', file, '--customer', String(customer), '--format', 'json', '--out', out]);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(readFileSync(out, 'utf8'));
    expect(parsed.chainHead).toBe(head);
    expect(parsed.scope).toEqual({ customerId: customer });
    expect(parsed.rows).toEqual(history({ customerId: customer }));
  });

  it('takes a period of whole days, both included, or exact instants', () => {
    const out = join(dir, 'period.csv');
    const r = cli(['export', '--db', file, '--from', '2025-10-01', '--to', '2025-10-31', '--format', 'csv', '--out', out]);
    expect(r.code).toBe(0);
    const rows = history({ from: '2025-10-01T00:00:00.000Z', to: '2025-11-01T00:00:00.000Z' });
    expect(rows.length).toBeGreaterThan(10);
    expect(readFileSync(out, 'utf8').split('\r\n').length - 2).toBe(rows.length);
    const last = rows.at(-1)!.at;
    const exact = cli(['export', '--db', file, '--from', rows[0].at, '--to', last, '--format', 'json', '--out', out]);
    expect(exact.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).rows.at(-1).at).toBe(last);
  });

  it('writes the whole History with --all: every row, oldest first, and the chain head it belongs to', () => {
    const out = join(dir, 'all.csv');
    const r = cli(['export', '--db', file, '--all', '--format', 'csv', '--out', out]);
    expect(r.code).toBe(0);
    const reader = new Database(file, { readonly: true });
    const ids = reader.prepare('SELECT id FROM audit_log ORDER BY id').pluck().all();
    reader.close();
    const lines = readFileSync(out, 'utf8').split('\r\n');
    expect(lines.slice(1, -1).map((l) => Number(l.split(',')[0]))).toEqual(ids);
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
    const r = spawnSync('bash', ['-c', `trap '' XFSZ; ulimit -f ${limitKiB}; exec node_modules/.bin/tsx electron/cli/main.ts "$@"`, 'export',
      'export', '--db', file, '--all', '--format', 'json', '--out', out], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, JOBTRAIL_DEBUG: '' } });
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
