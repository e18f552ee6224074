// Errors an office can act on, from the file and its disk: each names the file and
// says what to do, with no stack trace in the person's face and no log flooded by a
// retry loop.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../db/open';
import { explainOpenError } from '../../db/openErrors';
import { startCore } from '../../electron/app';
import { cli } from '../cli/cli';
import { makeCore, tempDir, type TestCore } from '../helpers/core';

let core: TestCore | undefined;
afterEach(() => {
  core?.dispose();
  core = undefined;
});

describe('a damaged schema', () => {
  it('is named at open (the missing column, and to restore a backup), in the web mode too', () => {
    core = makeCore();
    core.close();
    const tool = new Database(core.file);
    tool.exec('ALTER TABLE bookings RENAME COLUMN price_cents TO price');
    tool.close();
    expect(() => openDatabase(core!.file)).toThrow(
      /The schema of .*jobtrail\.db is damaged: bookings\.price_cents is missing \(renamed or dropped outside JobTrail\)\. Restore a backup/,
    );
    const r = cli(['serve', '--db', core.file, '--port', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bookings\.price_cents is missing/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('a full disk', () => {
  it('is answered as a full disk holding the file', () => {
    core = makeCore();
    core.close();
    const logged: unknown[] = [];
    const c = startCore(core.file, (e) => logged.push(e));
    try {
      const signIn = c.dispatcher.call('auth.signIn', { name: 'Ada Admin', password: 'test-password' }, 'full');
      expect(signIn.ok).toBe(true);
      // The file may grow no further: what SQLite says when the disk is full.
      const pages = c.db.sqlite.pragma('page_count', { simple: true }) as number;
      c.db.sqlite.pragma(`max_page_count = ${pages}`);
      let r;
      for (let i = 0; i < 5000 && (r = c.dispatcher.call('customers.create', { name: `Filling ${i}`, address: 'x'.repeat(300) }, 'full')).ok; i++);
      expect(r).toEqual({
        ok: false,
        error: { code: 'internal', message: `The disk holding ${core.file} is full: free some space on it, then try again; nothing was saved.` },
      });
      expect(logged).toEqual([`The disk holding ${core.file} is full: free some space on it, then try again; nothing was saved.`]);
    } finally {
      c.close();
    }
  });
});

describe('a database that can no longer be written', () => {
  it('has the search index say so once, not a stack trace every second', async () => {
    core = makeCore();
    core.close(); // its own idle turns would index the change below
    const logged: unknown[] = [];
    const c = startCore(core.file, (e) => logged.push(e));
    try {
      // A change from outside the app: the idle turns of the search index pick it up...
      const tool = new Database(core.file);
      tool.exec("UPDATE customers SET name = name || ' (edited)'");
      tool.exec("INSERT INTO customers (name, created_at, updated_at) VALUES ('Outside', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')");
      tool.close();
      // ...on a connection that can no longer write, as on a disk gone read-only.
      c.db.sqlite.pragma('query_only = ON');
      await new Promise((resolve) => setTimeout(resolve, 4_500));
      expect(logged).toHaveLength(1);
      expect(String(logged[0])).toMatch(/^The History's search index cannot be updated: .*jobtrail\.db cannot be written: .*read-only/);
    } finally {
      c.close();
    }
  });
});

describe('what SQLite and the disk say, in words', () => {
  const file = join(tempDir(), 'office.db');
  const cases: [string, string, RegExp][] = [
    ['SQLITE_READONLY', 'attempt to write a readonly database', /office\.db cannot be written: its disk or folder is read-only/],
    ['EROFS', 'read-only file system', /office\.db cannot be written: its disk or folder is read-only/],
    ['SQLITE_BUSY', 'database is locked', /office\.db is locked by another program .*: close it, then try again/],
    ['SQLITE_FULL', 'database or disk is full', /The disk holding .*office\.db is full: free some space/],
    ['ENOSPC', 'no space left on device', /The disk holding .*office\.db is full/],
    ['SQLITE_CORRUPT', 'database disk image is malformed', /office\.db is damaged \(database disk image is malformed\): restore a backup/],
  ];
  for (const [code, message, said] of cases) {
    it(`${code} names the file and what to do`, () => {
      const e = Object.assign(new Error(message), { code });
      expect((explainOpenError(e, file) as Error).message).toMatch(said);
    });
  }
  it('leaves other errors as they are', () => {
    const e = new Error('something else');
    expect(explainOpenError(e, file)).toBe(e);
    closeDatabase(openDatabase(join(tempDir(), 'fine.db')));
  });
});
