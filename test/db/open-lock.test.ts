// The open lock beside a database (db/openLock.ts): openers share it, a restore
// takes it alone, each refusal names who holds it, and a holder whose process is
// gone is taken over.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../db/open';
import { holdExclusively, holdOpen } from '../../db/openLock';
import { tempDir } from '../helpers/core';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A pid that was alive a moment ago and is not now. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;
const holder = (what: string, pid: number, host = hostname()) => JSON.stringify({ what, pid, host, since: '2026-01-02T03:04:05.000Z' });

describe('the open lock', () => {
  it('is held by an open database and let go when it closes', () => {
    const file = join(dir, 'a.db');
    const db = openDatabase(file);
    expect(readdirSync(`${file}.lock`)).toHaveLength(1);
    const again = openDatabase(file); // a second connection of the same process shares its entry
    closeDatabase(db);
    expect(readdirSync(`${file}.lock`)).toHaveLength(1);
    closeDatabase(again);
    expect(existsSync(`${file}.lock`)).toBe(false); // the folder goes with its last holder
  });

  it('refuses a restore while another process has the file open, naming it', () => {
    const file = join(dir, 'b.db');
    mkdirSync(`${file}.lock`);
    writeFileSync(join(`${file}.lock`, 'open-elsewhere-1'), holder('the JobTrail web mode', 1, 'front-desk-pc'));
    expect(() => holdExclusively(file)).toThrow(
      /b\.db is open in the JobTrail web mode \(process 1 on front-desk-pc, since 2026-01-02 03:04:05 UTC\): close it first/,
    );
    expect(existsSync(join(`${file}.lock`, 'exclusive'))).toBe(false);
  });

  it('makes an opener wait for a restore, then say who is restoring', () => {
    const file = join(dir, 'c.db');
    mkdirSync(`${file}.lock`);
    writeFileSync(join(`${file}.lock`, 'exclusive'), holder('the JobTrail command "restore"', process.ppid));
    const started = Date.now();
    expect(() => holdOpen(file, 300)).toThrow(/c\.db is being replaced by the JobTrail command "restore" \(process \d+ on .*\); JobTrail waited 0 s/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(readdirSync(`${file}.lock`)).toEqual(['exclusive']); // the opener left no entry behind
  });

  it('takes over a lock whose process is gone', () => {
    const file = join(dir, 'd.db');
    mkdirSync(`${file}.lock`);
    writeFileSync(join(`${file}.lock`, 'exclusive'), holder('a restore that was killed', deadPid()));
    writeFileSync(join(`${file}.lock`, `open-${hostname()}-1`), holder('an app that was killed', deadPid()));
    const release = holdExclusively(file);
    expect(readdirSync(`${file}.lock`)).toEqual(['exclusive']);
    release();
    closeDatabase(openDatabase(file));
  });
});
