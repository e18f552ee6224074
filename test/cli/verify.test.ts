// `verify` on a real file: intact, an altered row, a cut tail, rows written behind
// the app's back. The attacks drop the append-only triggers first, in the test's
// own connection, as someone with a SQLite tool would.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentHead } from '../../db/chain';
import { audited } from '../../db/actor';
import { flushWitnesses } from '../../db/witness';
import { tempDir } from '../helpers/core';
import { cli, smallDatabase, tamper } from './cli';

describe('verify', () => {
  let dir: string;
  let db: ReturnType<typeof smallDatabase>;
  beforeAll(() => {
    dir = tempDir('jobtrail-verify-');
    db = smallDatabase(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const headOf = (file: string) => {
    const raw = new Database(file, { readonly: true });
    try {
      const rows = raw.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
      return { rows, head: currentHead(raw).toString('hex') };
    } finally {
      raw.close();
    }
  };

  it('checks a compressed backup as it would be restored, and names one that is damaged', () => {
    const { rows, head } = headOf(db.file);
    const gz = join(dir, 'backup.db.gz');
    writeFileSync(gz, gzipSync(readFileSync(db.copy('to-compress.db'))));
    const r = cli(['verify', '--db', gz]);
    expect(r.stdout).toContain(`Audit chain intact: ${rows.toLocaleString('en')} rows checked`);
    expect(r.stdout).toContain(head);
    expect(r.code).toBe(0);
    const damaged = join(dir, 'damaged.db.gz');
    writeFileSync(damaged, readFileSync(gz).subarray(0, 4000));
    const bad = cli(['verify', '--db', damaged]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain(`${damaged} cannot be decompressed`);
  });

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
    tamper(
      file,
      `DROP TRIGGER audit_log_no_update;
                  UPDATE audit_log SET new_value = 'completed' WHERE id = 57;`,
    );
    const r = cli(['verify', '--db', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/BROKEN at row 57: its content or hash does not match/);
    expect(r.stdout).toContain('56 rows before it are intact');
  });

  it('fails with --expect-head when the tail was cut after the digest was printed', () => {
    const file = db.copy('cut.db');
    // A phone number changed and changed back the app's way, then a report printed...
    const raw = new Database(file);
    const phone = raw.prepare('SELECT phone FROM customers WHERE id = 1').pluck().get();
    for (const value of ['555-0199', phone]) {
      audited(raw, { id: 1, name: 'Dana Whitfield' }, () => raw.prepare('UPDATE customers SET phone = ? WHERE id = 1').run(value));
    }
    raw.close();
    const printed = headOf(file).head.slice(0, 16);
    // ...then those two audit rows cut off, and the guard put back word for word: the records
    // still agree with what is left of the log.
    const guard = new Database(file);
    const definition = guard.prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_delete'").pluck().get() as string;
    guard.exec(`DROP TRIGGER audit_log_no_delete;
                DELETE FROM audit_log WHERE id > (SELECT max(id) - 2 FROM audit_log);`);
    guard.exec(definition);
    guard.close();
    // What is left is a valid chain: only the digest printed earlier can tell.
    expect(cli(['verify', '--db', file]).code).toBe(0);
    const r = cli(['verify', '--db', file, '--expect-head', printed]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`the expected head ${printed} is not in this log`);
  });

  it('fails naming a dropped trigger, and a record changed while it was gone', () => {
    const file = db.copy('trigger.db');
    tamper(
      file,
      `DROP TRIGGER audit_booking_price;
                  UPDATE bookings SET price_cents = 1 WHERE id = 4;
                  DROP TRIGGER audit_booking_status;
                  UPDATE bookings SET status = 'no_show' WHERE id = 5;`,
    );
    const r = cli(['verify', '--db', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Audit chain intact');
    expect(r.stdout).toContain('Schema TAMPERED: 2 objects (triggers, tables, indexes, views) not as the migrations define them');
    expect(r.stdout).toContain('  - trigger audit_booking_price on bookings is missing (defined by 0003_audit_bookings.sql): it was dropped');
    expect(r.stdout).toContain('  - trigger audit_booking_status on bookings is missing');
    // Booking 4's price was never changed before: its "created" row carries the price it was made with (migration 0014).
    expect(r.stdout).toMatch(
      new RegExp(
        'Records CHANGED WITHOUT AUDIT ROWS: 2 do not match their History\n' +
          '  - booking 4: price is "1" but its History records no change since it was created "\\d+": changed without an audit row\n' +
          // Demo data is made around today: booking 5 may or may not have moved since it was booked.
          '  - booking 5: status is "no_show" but its History (ends at|records no change since it was created) "\\w+"',
      ),
    );
  });

  it('fails naming a trigger altered to record nothing, and one added from outside', () => {
    const file = db.copy('altered-trigger.db');
    tamper(
      file,
      `DROP TRIGGER audit_customer_phone;
                  CREATE TRIGGER audit_customer_phone AFTER UPDATE OF phone ON customers WHEN 0 BEGIN SELECT 1; END;
                  CREATE TRIGGER quiet_cleanup AFTER INSERT ON notes BEGIN DELETE FROM notes WHERE id = NEW.id; END;`,
    );
    const r = cli(['verify', '--db', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  - trigger audit_customer_phone on customers differs from the one 0004_audit_customers.sql defines: it was altered');
    expect(r.stdout).toContain('  - trigger quiet_cleanup on notes is not defined by any JobTrail migration: it was added from outside');
  });

  it('fails naming a checkpoint that no archive accounts for, put in to hide the first rows', () => {
    const file = db.copy('checkpoint.db');
    tamper(
      file,
      `DROP TRIGGER audit_log_no_delete;
                  INSERT INTO audit_checkpoint VALUES (1, 20, (SELECT hash FROM audit_log WHERE id = 20), '2026-01-01T00:00:00.000Z');
                  DELETE FROM audit_log WHERE id <= 20;`,
    );
    const r = cli(['verify', '--db', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Audit log CUT AT THE START: the chain starts after row 20 (a checkpoint), but no "archived" audit row accounts for it');
  });

  it('prints how many schema objects it checked when all are as the migrations define them', () => {
    const r = cli(['verify', '--db', db.file]);
    expect(r.stdout).toMatch(/^ {2}schema {7}all \d+ objects as the migrations define them \(\d+ triggers, \d+ tables, \d+ indexes, \d+ views\)$/m);
    expect(r.stdout).toContain('  records      every one matches its History');
  });

  it('accepts an earlier digest when rows were only added after it', () => {
    const file = db.copy('grown.db');
    const { rows, head } = headOf(file);
    expect(cli(['verify', '--db', file, '--expect-head', head]).stdout).toContain('ends at the expected head');
    const earlier = new Database(file, { readonly: true });
    const old = (
      earlier
        .prepare('SELECT hex(hash) FROM audit_log WHERE id = ?')
        .pluck()
        .get(rows - 10) as string
    ).toLowerCase();
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

  it('refuses a file that is not there as bad usage (exit 2), and fails in one line for one that is not a JobTrail database', () => {
    const missing = cli(['verify', '--db', `${dir}/nothing.db`]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.split('\n')[0]).toBe(`jobtrail verify: there is no database at ${dir}/nothing.db (--db)`);
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

  const publicKeyOf = (file: string) => {
    const raw = new Database(file, { readonly: true });
    try {
      return (raw.prepare('SELECT public_key FROM chain_keys ORDER BY id LIMIT 1').pluck().get() as Buffer).toString('hex');
    } finally {
      raw.close();
    }
  };

  it('prints the formats, how far the log is signed and by which key, and checks against a key an auditor was given', () => {
    const key = publicKeyOf(db.file);
    const r = cli(['verify', '--db', db.file, '--public-key', key]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}formats {6}0 rows v1 \(before chain v2\), [\d,]+ rows v2 \(salted, signed\)$/m);
    expect(r.stdout).toMatch(/^ {2}signed {7}through row [\d,]+$/m);
    expect(r.stdout).toContain(`  signing key  ${key} (${key.slice(0, 16)}), added `);
    const other = cli(['verify', '--db', db.file, '--public-key', 'ab'.repeat(32)]);
    expect(other.code).toBe(1);
    expect(other.stdout).toMatch(/signed by a key that is not among the keys this check was told to trust/);
    expect(cli(['verify', '--db', db.file, '--public-key', 'xyz']).code).toBe(2);
  });

  it('with --witness names the rows gone when an older copy of the database is put back', () => {
    const file = db.copy('witnessed.db');
    const older = db.copy('witnessed-older.db');
    // A change made the app's way on this PC, whose witness then holds the newer head.
    const live = new Database(file);
    audited(live, { id: 1, name: 'Dana Whitfield' }, () => live.prepare("UPDATE customers SET phone = '555-0123' WHERE id = 1").run());
    flushWitnesses(live);
    live.close();
    expect(cli(['verify', '--db', file, '--witness']).stdout).toMatch(/^ {2}witness {6}still holds row [\d,]+ as JobTrail saw it on /m);
    const r = cli(['verify', '--db', older, '--witness']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Audit log NOT AS LAST SEEN: the log ends at row [\d,]+, but JobTrail saw row [\d,]+ .*: 1 row is gone/m);
  });
});
