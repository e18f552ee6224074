// Errors people can act on: a CSV that is not UTF-8 is refused with the encoding it
// looks like and how to convert it (never imported as mojibake); a path that is a
// folder where a file is expected, or missing where an input is, is bad usage
// (exit 2) named before anything is opened or written. One line, no stack trace,
// no partial file.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, USER_NAMES, type TestCore } from '../helpers/core';
import { cli, closedOffice } from './cli';

let core: TestCore;
let file: string;
let dir: string;
beforeAll(() => {
  core = closedOffice();
  file = core.file;
  dir = core.dir;
});
afterAll(() => rmSync(core.dir, { recursive: true, force: true }));

const env = { JOBTRAIL_PASSWORD: TEST_PASSWORD };
const bookings = () => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM bookings').pluck().get() as number;
  } finally {
    db.close();
  }
};
const TEXT =
  [
    'customer,service,start,end,price,address',
    'Olive Existing,Boiler service,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z,125.00,',
    'José Müller,Gutter clean – front,2026-03-03T09:00:00Z,2026-03-03T10:00:00Z,80.00,3 Straße',
  ].join('\r\n') + '\r\n';

describe('a CSV file that is not UTF-8', () => {
  const swapped = (b: Buffer) => Buffer.from(b).swap16();
  it.each([
    [
      'Windows-1252, as Excel saves plain "CSV"',
      'latin1.csv',
      Buffer.from(TEXT.replace('–', '-'), 'latin1'),
      'it looks like Windows-1252 (Latin-1, what Excel saves as plain "CSV" on Windows): line 3 reads "José Müller,Gutter clean - front,',
      'WINDOWS-1252',
    ],
    [
      'UTF-16 LE with its byte-order mark',
      'utf16le.csv',
      Buffer.from(`\ufeff${TEXT}`, 'utf16le'),
      'it looks like UTF-16 LE (it starts with its byte-order mark; Excel\'s "Unicode Text")',
      'UTF-16LE',
    ],
    [
      'UTF-16 BE without a byte-order mark',
      'utf16be.csv',
      swapped(Buffer.from(TEXT, 'utf16le')),
      'it looks like UTF-16 BE (a NUL byte before each letter)',
      'UTF-16BE',
    ],
  ])('%s is refused, saying what it looks like and how to convert it; nothing is imported', (_, name, bytes, looks, iconv) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    const before = bookings();
    const r = cli(['import', '--db', file, '--csv', path, '--as', USER_NAMES.manager], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`jobtrail import: ${path} is not UTF-8: ${looks}`);
    expect(r.stderr).toContain('; nothing was imported\n');
    expect(r.stderr).toContain('In Excel: File › Save As › "CSV UTF-8 (Comma delimited) (*.csv)"');
    expect(r.stderr).toContain(`Or convert it: iconv -f ${iconv} -t UTF-8 ${path} > ${path.replace(/\.csv$/, '-utf8.csv')}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(bookings()).toBe(before);
  });

  it('a workbook saved as .csv is named as one', () => {
    const path = join(dir, 'workbook.csv');
    writeFileSync(path, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]));
    const r = cli(['import', '--db', file, '--csv', path, '--as', USER_NAMES.manager], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('it looks like a workbook (.xlsx, a ZIP file), not CSV text');
  });

  it('the same text in UTF-8 (with or without a byte-order mark) imports, accents intact', () => {
    const path = join(dir, 'utf8.csv');
    writeFileSync(path, `\ufeff${TEXT}`, 'utf8');
    const r = cli(['import', '--db', file, '--csv', path, '--as', USER_NAMES.manager], env);
    expect(r.code, r.output).toBe(0);
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT name FROM customers WHERE name LIKE 'Jos%'").pluck().get()).toBe('José Müller');
    db.close();
  });
});

describe('a folder where a file is expected, or no file where one is read', () => {
  let folder: string;
  beforeAll(() => {
    folder = join(dir, 'a-folder');
    mkdirSync(folder);
  });

  it.each([
    ['verify --db (missing)', () => ['verify', '--db', join(dir, 'nothing.db')], () => `there is no database at ${join(dir, 'nothing.db')} (--db)`],
    ['verify --db (a folder)', () => ['verify', '--db', folder], () => `${folder} is a folder (a directory), not a database: --db needs a file`],
    [
      'import --csv (missing)',
      () => ['import', '--db', file, '--csv', join(dir, 'gone.csv'), '--as', 'X'],
      () => `there is no CSV file at ${join(dir, 'gone.csv')} (--csv)`,
    ],
    [
      'import --csv (a folder)',
      () => ['import', '--db', file, '--csv', folder, '--as', 'X'],
      () => `${folder} is a folder (a directory), not a CSV file: --csv needs a file`,
    ],
    [
      'import --db (a folder)',
      () => ['import', '--db', folder, '--csv', join(dir, 'utf8.csv'), '--as', 'X'],
      () => `${folder} is a folder (a directory), not a database: --db needs a file`,
    ],
    [
      'restore --from (a folder)',
      () => ['restore', '--db', file, '--from', folder],
      () => `${folder} is a folder (a directory), not a backup file: --from needs a file`,
    ],
    [
      'restore --from (missing)',
      () => ['restore', '--db', file, '--from', join(dir, 'no-backup.db')],
      () => `there is no backup file at ${join(dir, 'no-backup.db')} (--from)`,
    ],
    [
      'restore --db (a folder)',
      () => ['restore', '--db', folder, '--from', file],
      () => `${folder} is a folder (a directory), not a database: --db needs a file`,
    ],
    ['backup --db (missing)', () => ['backup', '--db', join(dir, 'nothing.db')], () => `there is no database at ${join(dir, 'nothing.db')} (--db)`],
    ['backup --to (a file)', () => ['backup', '--db', file, '--to', file], () => `${file} is a file, not a folder: --to needs a folder`],
    [
      'seed --db (a folder)',
      () => ['seed', '--db', folder, '--customers', '2', '--bookings', '2'],
      () => `${folder} is a folder (a directory), not a database: --db needs a file`,
    ],
    ['reindex --db (a folder)', () => ['reindex', '--db', folder], () => `${folder} is a folder (a directory), not a database: --db needs a file`],
    ['serve --db (a folder)', () => ['serve', '--db', folder], () => `${folder} is a folder (a directory), not a database: --db needs a file`],
    [
      'export --out (a folder)',
      () => ['export', '--db', file, '--all', '--format', 'csv', '--out', folder],
      () => `${folder} is a folder (a directory), not an export file: --out needs a file`,
    ],
    [
      'export --out (in a missing folder)',
      () => ['export', '--db', file, '--all', '--format', 'csv', '--out', join(dir, 'nope', 'h.csv')],
      () => `--out ${join(dir, 'nope', 'h.csv')}: there is no folder ${join(dir, 'nope')} to write it in`,
    ],
  ])('%s: exit 2 naming the path and what is expected, nothing written', (_, args, message) => {
    const before = { files: readdirSync(dir).sort(), inFolder: readdirSync(folder), db: readFileSync(file) };
    const r = cli(args(), env);
    expect(r.code, r.output).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`jobtrail ${args()[0]}: ${message()}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
    // No partial export, no kept-aside copy, no backup folder: the folder and the database are as they were.
    expect({ files: readdirSync(dir).sort(), inFolder: readdirSync(folder), db: readFileSync(file) }).toEqual(before);
  });
});
