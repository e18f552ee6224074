// `archive` and `verify --archive` as an administrator runs them: the History
// before a date leaves for a file, which verifies alone and end to end into the
// log; a spoiled archive fails naming the row.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/core';
import { cli, smallDatabase } from './cli';

let dir: string;
let db: { file: string; copy(name: string): string };
beforeAll(() => {
  dir = tempDir('jobtrail-cli-archive-');
  db = smallDatabase(dir, 3);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run cli -- archive', () => {
  let file: string;
  let out: string;
  beforeAll(() => {
    file = db.copy('office.db');
    out = join(dir, 'history-2025.jtarchive');
  });

  it('moves the History before the date into the file and says how to check it', () => {
    const r = cli(['archive', '--db', file, '--before', '2025-06-01', '--out', out]);
    expect(r.output).toMatch(/^Archived [\d,]+ audit rows \(rows 1–[\d,]+, written before 2025-06-01T00:00:00.000Z\) to .*history-2025\.jtarchive$/m);
    expect(r.stdout).toContain(`npm run cli -- verify --db ${file} --archive ${out}`);
    expect(r.code).toBe(0);
  });

  it('verify --archive checks the file alone', () => {
    const r = cli(['verify', '--archive', out]);
    expect(r.stdout).toMatch(/^Archive intact: [\d,]+ rows \(1–[\d,]+\) checked in /m);
    expect(r.stdout).toMatch(/chains from {2}0{16} \(the start of the log\)/);
    expect(r.code).toBe(0);
  });

  it('verify --db --archive checks the log, then the archive into it end to end', () => {
    const r = cli(['verify', '--db', file, '--archive', out]);
    expect(r.stdout).toContain('Audit chain intact');
    expect(r.stdout).toContain('every one matches its History');
    expect(r.stdout).toContain('the archives run from row 1 into the log without a gap');
    expect(r.code).toBe(0);
  });

  it('a second archive continues the first, and both verify into the log in any order', () => {
    const second = join(dir, 'history-2025b.jtarchive');
    expect(cli(['archive', '--db', file, '--before', '2025-10-01', '--out', second]).code).toBe(0);
    const r = cli(['verify', '--db', file, '--archive', second, '--archive', out]);
    expect(r.stdout).toContain('2 archives and the log are one chain');
    expect(r.code).toBe(0);
    const missing = cli(['verify', '--db', file, '--archive', second]);
    expect(missing.stdout).toMatch(/Archives DO NOT JOIN the log:\n {2}- rows 1–[\d,]+ are in no archive given/);
    expect(missing.code).toBe(1);
  });

  it('a row taken out of the archive fails verify, naming it', () => {
    const lines = gunzipSync(readFileSync(out)).toString('utf8').trimEnd().split('\n');
    const spoiled = join(dir, 'spoiled.jtarchive');
    writeFileSync(spoiled, gzipSync(`${lines.filter((_, i) => i !== 12).join('\n')}\n`));
    const r = cli(['verify', '--archive', spoiled]);
    expect(r.stdout).toContain('Archive BROKEN at row 12: row 12 is missing: removed from the archive');
    expect(r.code).toBe(1);
  });

  it('refuses bad usage before touching anything', () => {
    const bad = cli(['archive', '--db', file, '--before', 'last year', '--out', join(dir, 'x.jtarchive')]);
    expect(bad.stderr).toMatch(/^jobtrail archive: --before must be a date as YYYY-MM-DD/);
    expect(bad.code).toBe(2);
    const taken = cli(['archive', '--db', file, '--before', '2025-06-01', '--out', out]);
    expect(taken.stderr).toMatch(/exists already: an archive is never written over/);
    expect(taken.code).toBe(2);
    const nothing = cli(['archive', '--db', file, '--before', '2020-01-01', '--out', join(dir, 'none.jtarchive')]);
    expect(nothing.stderr).toMatch(/^jobtrail archive: No History written before 2020-01-01 is left in the log: there is nothing to archive\.$/m);
    expect(nothing.code).toBe(1);
  });
});
