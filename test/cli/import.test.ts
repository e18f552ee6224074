// `import`: bookings from a CSV file, through the services, as a named user who
// signs in: every booking audited with that actor and chained; a file with any
// bad row imports nothing and names each one; a failure while writing keeps the
// batches before it and says how to continue.
import Database from 'better-sqlite3';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIntegrity } from '../../db/integrity';
import { parseCsv } from '../../electron/services/csvParse';
import { parseMoney } from '../../electron/services/bookingImport';
import { TEST_PASSWORD, USER_NAMES, type TestCore } from '../helpers/core';
import { cli, closedOffice } from './cli';

let core: TestCore;
let file: string;
beforeAll(() => {
  core = closedOffice();
  file = core.file;
});
afterAll(() => rmSync(core.dir, { recursive: true, force: true }));

const csv = (name: string, text: string) => {
  const path = join(core.dir, name);
  writeFileSync(path, text);
  return path;
};
const asManager = { JOBTRAIL_PASSWORD: TEST_PASSWORD };
const query = <T>(sql: string, ...params: unknown[]) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
};
const count = (table: string) => query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)[0].n;

describe('import', () => {
  it('imports every row through the services, as the named user, audited and chained', () => {
    const path = csv(
      'good.csv',
      '\ufeff' +
        [
          'customer,service,start,end,price,address,fieldworker,status',
          'Olive Existing,Boiler service,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z,125.00,,,',
          '"New, Customer Ltd","Gutter clean, front and back",2026-03-03T09:00:00+01:00,2026-03-03T11:00:00+01:00,"$1,250.5",1 New Street,' +
            `${USER_NAMES.fieldworker},accepted`,
          '"new, customer ltd",Gutter check,2026-03-10T09:00:00Z,2026-03-10T09:30:00Z,40,,,pending',
        ].join('\r\n') +
        '\r\n',
    );
    const before = count('audit_log');
    const r = cli(['import', '--db', file, '--csv', path, '--as', USER_NAMES.manager], asManager);
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Imported 3 bookings from ${path} into ${file} as ${USER_NAMES.manager} in [\\d.]+ s\\n  new customers  1\\n`));
    const bookings = query<Record<string, unknown>>(`SELECT c.name AS customer, b.service, b.address, b.scheduled_start, b.price_cents,
      b.status, u.name AS fieldworker FROM bookings b JOIN customers c ON c.id = b.customer_id LEFT JOIN users u ON u.id = b.fieldworker_id ORDER BY b.id`);
    expect(bookings).toEqual([
      {
        customer: 'Olive Existing',
        service: 'Boiler service',
        address: '7 Known Road',
        scheduled_start: '2026-03-02T09:00:00.000Z',
        price_cents: 12500,
        status: 'scheduled',
        fieldworker: null,
      },
      {
        customer: 'New, Customer Ltd',
        service: 'Gutter clean, front and back',
        address: '1 New Street',
        scheduled_start: '2026-03-03T08:00:00.000Z',
        price_cents: 125050,
        status: 'accepted',
        fieldworker: USER_NAMES.fieldworker,
      },
      {
        customer: 'New, Customer Ltd',
        service: 'Gutter check',
        address: '1 New Street',
        scheduled_start: '2026-03-10T09:00:00.000Z',
        price_cents: 4000,
        status: 'pending',
        fieldworker: null,
      },
    ]);
    const rows = query<{ actor_name: string; origin: string; event: string }>('SELECT actor_name, origin, event FROM audit_log WHERE id > ?', before);
    // One customer, three bookings, and the property each customer's first booking made at its address.
    expect(rows.map((x) => x.event)).toEqual(['created', 'created', 'created', 'created', 'created', 'created']);
    expect(rows.every((x) => x.actor_name === USER_NAMES.manager && x.origin === 'app')).toBe(true);
    const db = new Database(file, { readonly: true });
    expect(checkIntegrity(db).problems).toEqual([]);
    db.close();
  });

  it('imports nothing from a file with bad rows, and names each problem by line and column', () => {
    const path = csv(
      'bad.csv',
      [
        'customer,service,start,end,price,fieldworker,status',
        'Olive Existing,Window clean,2026-03-02T09:00:00,2026-03-02T10:00:00Z,-5,,',
        'Olive Existing,,2026-03-05T09:00:00Z,2026-03-04T09:00:00Z,12.345,Nobody Such,',
        'Somebody New,Survey,2026-03-06T09:00:00Z,2026-03-06T10:00:00Z,10,,done',
        'Olive Existing,Fine row,2026-03-07T09:00:00Z,2026-03-07T10:00:00Z,10,,',
        'Olive Existing,Short row',
      ].join('\n'),
    );
    const before = { bookings: count('bookings'), audit: count('audit_log') };
    const r = cli(['import', '--db', file, '--csv', path, '--as', USER_NAMES.manager], asManager);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      [
        'jobtrail import: 4 of 5 rows cannot be imported; nothing was imported',
        '  line 2, start: must be a date and time with its time zone, like 2026-03-01T09:00:00Z',
        '  line 2, price: must not be negative',
        '  line 3, price: "12.345" is not an amount like 125.00',
        '  line 3, fieldworker: there is no active fieldworker called "Nobody Such"',
        '  line 3, service: must not be empty',
        '  line 4, status: must be one of quote, pending, scheduled, accepted, in_progress, completed, cancelled, no_show',
        '  line 4, customer: there is no customer "Somebody New"; to create one, give the booking an address (it becomes the customer\'s too)',
        '  line 6: has 2 fields, the header 7',
        '',
      ].join('\n'),
    );
    expect({ bookings: count('bookings'), audit: count('audit_log') }).toEqual(before);
  });

  it('says what is wrong with the header: an unknown or a missing column', () => {
    const unknown = cli(['import', '--db', file, '--csv', csv('typo.csv', 'customer,service,start,end,prise\n'), '--as', USER_NAMES.manager], asManager);
    expect(unknown.stderr).toBe(
      'jobtrail import: line 1: unknown column "prise": the columns are customer, customer_id, service, ' +
        'address, start, end, price, status, fieldworker, property, unit; nothing was imported\n',
    );
    const missing = cli(['import', '--db', file, '--csv', csv('missing.csv', 'service,price\n'), '--as', USER_NAMES.manager], asManager);
    expect(missing.stderr).toBe('jobtrail import: line 1: missing columns customer, start, end; nothing was imported\n');
  });

  it('puts each booking at the property and unit its row names, finding them by name or address, or adding them, audited', () => {
    const path = csv(
      'places.csv',
      [
        'customer,service,start,end,price,address,property,unit',
        'Olive Existing,Boiler service,2026-04-01T08:00:00Z,2026-04-01T09:00:00Z,125,,,',
        'Olive Existing,Leak check,2026-04-01T09:00:00Z,2026-04-01T10:00:00Z,80,20 Harbour St,Harbour View,Flat 2',
        'Olive Existing,Leak repair,2026-04-02T09:00:00Z,2026-04-02T10:00:00Z,180,,harbour view,FLAT 2',
        'Olive Existing,Gutter clean,2026-04-03T09:00:00Z,2026-04-03T10:00:00Z,60,,7 known road,',
      ].join('\n') + '\n',
    );
    const rows = count('audit_log');
    const r = cli(['import', '--db', file, '--csv', path, '--as', USER_NAMES.manager], asManager);
    expect(r.code, r.output).toBe(0);
    const placed = query<{ service: string; property: string; unit: string | null; address: string }>(`SELECT b.service, p.name AS property,
      u.name AS unit, b.address FROM bookings b JOIN properties p ON p.id = b.property_id LEFT JOIN property_units u ON u.id = b.unit_id
      WHERE b.service IN ('Leak check', 'Leak repair', 'Gutter clean', 'Boiler service') AND b.scheduled_start >= '2026-04' ORDER BY b.id`);
    // A new property at the row's address, its address the booking's after; the unit found again whatever its case;
    // the customer's own property by its address (its name).
    expect(placed).toEqual([
      { service: 'Boiler service', property: '7 Known Road', unit: null, address: '7 Known Road' },
      { service: 'Leak check', property: 'Harbour View', unit: 'Flat 2', address: '20 Harbour St' },
      { service: 'Leak repair', property: 'Harbour View', unit: 'Flat 2', address: '20 Harbour St' },
      { service: 'Gutter clean', property: '7 Known Road', unit: null, address: '7 Known Road' },
    ]);
    // Harbour View and its unit were added once each, as the importing manager, like every booking.
    expect(
      query(
        `SELECT entity, event, actor_name AS actor FROM audit_log WHERE id > ?
      AND (entity = 'unit' OR (entity = 'property' AND new_value LIKE '%Harbour View%')) ORDER BY id`,
        rows,
      ),
    ).toEqual([
      { entity: 'property', event: 'created', actor: USER_NAMES.manager },
      { entity: 'unit', event: 'created', actor: USER_NAMES.manager },
    ]);
    const bad = cli(
      [
        'import',
        '--db',
        file,
        '--csv',
        csv('unit-alone.csv', 'customer,service,start,end,price,unit\n' + 'Olive Existing,Leak check,2026-04-05T09:00:00Z,2026-04-05T10:00:00Z,80,Flat 9\n'),
        '--as',
        USER_NAMES.manager,
      ],
      asManager,
    );
    expect(bad.stderr).toContain('line 2, unit: the unit "Flat 9" needs its property: give the property column too');
    expect(bad.code).not.toBe(0);
  });

  it("needs the user's right password, and a role that may create bookings", () => {
    const path = csv('one.csv', 'customer,service,start,end,price\nOlive Existing,X,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z,1\n');
    const wrong = cli(['import', '--db', file, '--csv', path, '--as', USER_NAMES.manager], { JOBTRAIL_PASSWORD: 'not-the-password' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe('jobtrail import: That name and password do not match an active user.\n');
    const fieldworker = cli(['import', '--db', file, '--csv', path, '--as', USER_NAMES.fieldworker], asManager);
    expect(fieldworker.code).toBe(1);
    expect(fieldworker.stderr).toBe('jobtrail import: Only a staff or above may import bookings; you are signed in as fieldworker.\n');
    const none = cli(['import', '--db', file, '--csv', path, '--as', USER_NAMES.manager], { JOBTRAIL_PASSWORD: '' });
    expect(none.code).toBe(2);
    expect(none.stderr.split('\n')[0]).toBe(
      `jobtrail import: the password of ${USER_NAMES.manager} is needed: set JOBTRAIL_PASSWORD, or run the command in a terminal to be asked`,
    );
  });

  it('keeps the batches written before a failure, names the command that continues, and a plain re-run writes only the rest', () => {
    const lines = ['customer,service,start,end,price'];
    for (let i = 0; i < 7; i++) lines.push(`Olive Existing,Batch job ${i},2026-04-0${i + 1}T09:00:00Z,2026-04-0${i + 1}T10:00:00Z,10`);
    const path = csv('batches.csv', lines.join('\n') + '\n');
    // Something the checks cannot foresee makes the fifth booking fail when written.
    const tool = new Database(file);
    tool.exec("CREATE TRIGGER refuse_job_4 BEFORE INSERT ON bookings WHEN NEW.service = 'Batch job 4' BEGIN SELECT RAISE(ABORT, 'the disk said no'); END;");
    tool.close();
    const before = count('bookings');
    const r = cli(['import', '--db', file, '--csv', path, '--as', USER_NAMES.manager, '--batch', '2'], asManager);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      [
        'jobtrail import: stopped at the row on line 6: the disk said no',
        "  4 bookings before it were imported and stay; that row's batch was not.",
        '  To continue, fix the problem and run the same command with --from-line 6:',
        `  npm run cli -- import --db ${file} --csv ${path} --as '${USER_NAMES.manager}' --batch 2 --from-line 6`,
      ].join('\n'),
    );
    expect(count('bookings')).toBe(before + 4);
    const fix = new Database(file);
    fix.exec('DROP TRIGGER refuse_job_4');
    fix.close();
    // The same command as before, without --from-line: the four rows written are known and skipped.
    const rest = cli(['import', '--db', file, '--csv', path, '--as', USER_NAMES.manager, '--batch', '2'], asManager);
    expect(rest.code, rest.output).toBe(0);
    expect(rest.stdout).toContain('Imported 3 bookings');
    expect(rest.stdout).toContain('  skipped        4 rows of this file were imported before');
    expect(query<{ service: string }>("SELECT service FROM bookings WHERE service LIKE 'Batch job %' ORDER BY id").map((b) => b.service)).toEqual(
      [...Array(7).keys()].map((i) => `Batch job ${i}`),
    );
  });
});

describe('reading CSV and money', () => {
  it('reads quotes, doubled quotes, line breaks in quotes, CRLF, a byte-order mark, and skips blank lines', () => {
    expect(parseCsv('\ufeffa,b\r\n"1, ""one""","two\nlines"\n\n,""\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1, "one"', 'two\nlines'] },
      { line: 5, fields: ['', ''] },
    ]);
    expect(() => parseCsv('a\n"never closed')).toThrow('line 2: a quoted field is not closed');
    expect(() => parseCsv('a\n"x"y')).toThrow('line 2: text follows a closing quote');
  });

  it('reads amounts as people write them, to whole cents', () => {
    expect(['125', '125.5', '125.05', '1,250.00', '$99', '0.01', '-5'].map(parseMoney)).toEqual([12500, 12550, 12505, 125000, 9900, 1, -500]);
    expect(['12.345', '1,25', 'ten', '', '1.2.3', '€5'].map(parseMoney)).toEqual([null, null, null, null, null, null]);
  });
});
