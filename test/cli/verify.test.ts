// `verify` on a real file: intact, an altered row, a cut tail, rows written behind
// the app's back. The attacks drop the append-only triggers first, in the test's
// own connection, as someone with a SQLite tool would.
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentHead } from '../../db/chain';
import { tempDir } from '../helpers/core';
import { cli, smallDatabase } from './cli';

describe('verify', () => {
  let dir: string;
  let db: ReturnType<typeof smallDatabase>;
  beforeAll(() => {
    dir = tempDir('jobtrail-verify-');
    db = smallDatabase(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const tamper = (file: string, sql: string) => {
    const raw = new Database(file);
    try {
      raw.exec(sql);
    } finally {
      raw.close();
    }
  };
  const headOf = (file: string) => {
    const raw = new Database(file, { readonly: true });
    try {
      const rows = raw.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
      return { rows, head: currentHead(raw).toString('hex') };
    } finally {
      raw.close();
    }
  };

  it('passes an intact chain, printing the rows checked and the head, short and full', () => {
    const { rows, head } = headOf(db.file);
    const r = cli(['verify', '--db', db.file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Audit chain intact: ${rows.toLocaleString('en')} rows checked`);
    expect(r.stdout).toContain(head.slice(0, 16));
    expect(r.stdout).toContain(head);
  });

  it('fails naming the row whose content was altered', () => {
    const file = db.copy('altered.db');
    tamper(file, `DROP TRIGGER audit_log_no_update;
                  UPDATE audit_log SET new_value = 'completed' WHERE id = 57;`);
    const r = cli(['verify', '--db', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/BROKEN at row 57: its content or hash does not match/);
    expect(r.stdout).toContain('56 rows before it are intact');
  });

  it('fails with --expect-head when the tail was cut after the digest was printed', () => {
    const file = db.copy('cut.db');
    const printed = headOf(file).head.slice(0, 16);
    tamper(file, `DROP TRIGGER audit_log_no_delete;
                  DELETE FROM audit_log WHERE id > (SELECT max(id) - 5 FROM audit_log);`);
    // What is left is a valid chain: only the digest printed earlier can tell.
    expect(cli(['verify', '--db', file]).code).toBe(0);
    const r = cli(['verify', '--db', file, '--expect-head', printed]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`the expected head ${printed} is not in this log`);
  });

  it('accepts an earlier digest when rows were only added after it', () => {
    const file = db.copy('grown.db');
    const { rows, head } = headOf(file);
    expect(cli(['verify', '--db', file, '--expect-head', head]).stdout).toContain('ends at the expected head');
    const earlier = new Database(file, { readonly: true });
    const old = (earlier.prepare('SELECT hex(hash) FROM audit_log WHERE id = ?').pluck().get(rows - 10) as string).toLowerCase();
    earlier.close();
    const r = cli(['verify', '--db', file, '--expect-head', old.slice(0, 16)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`contains the expected head at row ${(rows - 10).toLocaleString('en')}; 10 rows were added after it`);
  });

  it('mentions rows written outside the app that are not sealed yet', () => {
    const file = db.copy('outside.db');
    tamper(file, "UPDATE customers SET phone = 'set with a SQLite tool' WHERE id = 3;");
    const r = cli(['verify', '--db', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/the newest 1 rows were written outside JobTrail and are not sealed yet/);
  });

  it('fails in one line for a file that is not there, or not a JobTrail database', () => {
    const missing = cli(['verify', '--db', `${dir}/nothing.db`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(`jobtrail verify: there is no database at ${dir}/nothing.db`);
    const other = `${dir}/other.db`;
    tamper(other, 'CREATE TABLE t (x)');
    const r = cli(['verify', '--db', other]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`jobtrail verify: ${other} is not a JobTrail database: it has no audit log`);
  });

  it('refuses an --expect-head that is not a digest', () => {
    const r = cli(['verify', '--db', db.file, '--expect-head', 'abc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--expect-head must be 16 to 64 hex digits');
  });
});
