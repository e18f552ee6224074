// Backups and restore: online backups, compressed, that verify even when taken
// mid-work, the daily one pruned to the kept set (backupPolicy.ts), restore from a
// compressed backup and from an uncompressed one of an earlier version, and `cli backup` / `cli restore` with what
// restore refuses. Plus what the app does at start: the integrity check and the
// day's backup, beside the window.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIntegrity } from '../../db/integrity';
import { currentHead } from '../../db/chain';
import { restoreBackup } from '../../electron/services/restore';
import { witnessOf } from '../../db/witness';
import { backupDatabase, dailyBackup, decompressFile, listBackups } from '../../electron/services/backups';
import { integrityAtStart } from '../../electron/services/integrityAtStart';
import { runStartupTasks } from '../../electron/startup';
import { scheduleDailyBackups } from '../../electron/jobs/backupSchedule';
import { makeCore, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer } from '../helpers/audit';
import { cli } from '../cli/cli';

let core: TestCore;
beforeAll(() => {
  core = makeCore();
  for (let i = 0; i < 5; i++) makeBooking(core, makeCustomer(core).id);
});
afterAll(() => core.dispose());

const shortDigestOf = (hex: string) => hex.slice(0, 16);

/** A backup's bytes as SQLite reads them: compressed backups decompressed. */
const plainBytes = (file: string) => (file.endsWith('.gz') ? gunzipSync(readFileSync(file)) : readFileSync(file));

/** A compressed backup is read from its bytes; a database file (which may be in WAL mode) from the file. */
const openBackup = (file: string) => new Database(file.endsWith('.gz') ? plainBytes(file) : file, { readonly: true });

const rowsOf = (file: string) => {
  const db = openBackup(file);
  try {
    return db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
  } finally {
    db.close();
  }
};

/** Changes a compressed backup's contents as someone with a SQLite tool and gzip would. */
function editBackup(file: string, dir: string, change: (db: Database.Database) => void): void {
  const plain = join(dir, 'editing.db');
  writeFileSync(plain, plainBytes(file));
  const db = new Database(plain);
  change(db);
  db.close();
  writeFileSync(file, gzipSync(readFileSync(plain)));
  rmSync(plain);
}

describe('online backup', () => {
  it('copies the database while the app keeps writing, and the copy verifies', async () => {
    const dir = join(core.dir, 'mid-work');
    // Enough pages that the copy takes several steps, with changes made between them.
    for (let i = 0; i < 300; i++) core.as('staff')('customers.create', { name: `Bulk ${i}`, notes: 'x'.repeat(2000) });
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        core.as('staff')('customers.create', { name: `During backup ${written++}` });
        await new Promise((r) => setImmediate(r));
      }
    })();
    const made = await backupDatabase(core.db.sqlite, core.file, { dir });
    writing = false;
    await writer;
    expect(written).toBeGreaterThan(0);
    expect(made.file.endsWith('.db.gz')).toBe(true);
    expect(made.bytes).toBeLessThan(statSync(core.file).size / 2);
    const plain = join(dir, 'plain.db');
    await decompressFile(made.file, plain);
    const copy = new Database(plain, { readonly: true });
    try {
      expect(checkIntegrity(copy).problems).toEqual([]);
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete'); // one self-contained file
      expect(copy.prepare('SELECT max(id) FROM audit_log').pluck().get()).toBe(made.lastAuditId);
    } finally {
      copy.close();
      rmSync(plain);
    }
    // No .partial (plain or compressed) left behind; the backup's witness beside it.
    expect(readdirSync(dir).sort()).toEqual([made.file.split('/').pop(), `${made.file.split('/').pop()}.witness.json`]);
  });

  it('leaves nothing in the folder when stopped while copying or while compressing (a cancelled job)', async () => {
    for (const phase of ['Copying the database', 'Compressing'] as const) {
      const dir = join(core.dir, `stopped-${phase.split(' ')[0]}`);
      const stopping = backupDatabase(core.db.sqlite, core.file, {
        dir,
        onProgress: (p) => {
          if (p.phase === phase) throw new Error('The job was cancelled.');
        },
      });
      await expect(stopping).rejects.toThrow('The job was cancelled.');
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it('makes the daily backup once a day, prunes those that left the kept set, and never touches backups made on request or other files', async () => {
    const dir = join(core.dir, 'daily');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'notes.txt'), 'not a backup');
    const manual = await backupDatabase(core.db.sqlite, core.file, { dir, kind: 'manual', now: new Date('2026-01-01T12:00:00Z') });
    const day = (d: number, hour = 9) => new Date(2026, 0, d, hour);
    const first = await dailyBackup(core.db.sqlite, core.file, { dir, now: day(2) });
    expect(first.made?.kind).toBe('daily');
    const again = await dailyBackup(core.db.sqlite, core.file, { dir, now: day(2, 17) });
    expect(again).toEqual({ made: null, skipped: first.made!.file, pruned: [] });
    // 2026-01-02 is a Friday; by Wednesday 2026-01-28 the kept set is the last 7 days
    // (Jan 22–28) and the newest of each of the 4 weeks before this one (Sundays Jan 25, 18, 11, 4).
    let pruned: string[] = [];
    for (let d = 3; d <= 28; d++) pruned = pruned.concat((await dailyBackup(core.db.sqlite, core.file, { dir, now: day(d) })).pruned);
    const daily = listBackups(core.file, dir).filter((b) => b.kind === 'daily');
    expect(daily.map((b) => b.at.getDate())).toEqual([28, 27, 26, 25, 24, 23, 22, 18, 11, 4]);
    expect(pruned.length).toBe(27 - 10);
    for (const f of pruned) expect(existsSync(`${f}.witness.json`)).toBe(false);
    expect(existsSync(manual.file)).toBe(true);
    expect(existsSync(join(dir, 'notes.txt'))).toBe(true);
  });
});

describe('cli backup and cli restore', () => {
  it('backs up, refuses to restore over newer work, restores with --force keeping the old file aside', () => {
    const office = makeCore();
    try {
      makeBooking(office, makeCustomer(office).id);
      const made = cli(['backup', '--db', office.file]);
      expect(made.code, made.output).toBe(0);
      const backup = /Backed up .* to (\S+) \(/.exec(made.stdout)![1];
      expect(backup.startsWith(join(office.dir, 'backups', 'jobtrail-'))).toBe(true);
      expect(made.stdout).toContain('verified: chain, triggers and records intact');
      const backedUp = rowsOf(backup);

      // More work after the backup; then the app is closed (restore will not touch an open database).
      office.as('staff')('customers.create', { name: 'After the backup' });
      const before = rowsOf(office.file);
      office.close();
      const refused = cli(['restore', '--db', office.file, '--from', backup]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`would lose audit rows: it has ${before - backedUp} rows newer than the backup`);
      expect(rowsOf(office.file)).toBe(before);

      const forced = cli(['restore', '--db', office.file, '--from', backup, '--force']);
      expect(forced.code, forced.output).toBe(0);
      const aside = /kept as (\S+)/.exec(forced.stdout)![1];
      expect(rowsOf(aside)).toBe(before);
      // The backup's rows, and the one its restore adds saying so.
      expect(rowsOf(office.file)).toBe(backedUp + 1);
      expect(forced.stdout).toContain('verified: chain, triggers and records intact');
    } finally {
      office.dispose();
    }
  });

  it('refuses to restore over a database in use, or from a backup that does not verify', async () => {
    const dir = join(core.dir, 'refusals');
    const made = await backupDatabase(core.db.sqlite, core.file, { dir });
    // core holds the database open, as the running app would.
    const busy = cli(['restore', '--db', core.file, '--from', made.file, '--force']);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain('is open in JobTrail (process ');

    const tampered = join(dir, 'tampered.db.gz');
    writeFileSync(tampered, readFileSync(made.file));
    editBackup(tampered, dir, (tool) => tool.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET new_value = 'x' WHERE id = 3;"));
    const r = cli(['restore', '--db', join(dir, 'new.db'), '--from', tampered]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the backup .*tampered\.db\.gz does not verify \(audit row 3: .*\); nothing was changed/);
    expect(existsSync(join(dir, 'new.db'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('from-backup'))).toEqual([]); // the decompressed copy is gone too

    const cut = join(dir, 'cut.db.gz');
    writeFileSync(cut, readFileSync(made.file).subarray(0, 2000));
    const short = cli(['restore', '--db', join(dir, 'new.db'), '--from', cut]);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('cut.db.gz cannot be read: ');
    expect(short.stderr).toContain('it was cut short or damaged; nothing was changed');
    expect(existsSync(join(dir, 'new.db'))).toBe(false);
  });

  it('refuses a backup that lost its newest rows since it was made (it still verifies alone); after a restore the next start finds the log as last seen', async () => {
    const office = makeCore();
    try {
      makeBooking(office, makeCustomer(office).id);
      const made = await backupDatabase(office.db.sqlite, office.file, { dir: join(office.dir, 'kept') });
      // Someone cuts the backup's last rows, guards dropped and put back: the chain that is left verifies.
      editBackup(made.file, office.dir, (cut) => {
        const guard = cut.prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_delete'").pluck().get() as string;
        cut.exec('DROP TRIGGER audit_log_no_delete');
        cut.prepare('DELETE FROM audit_log WHERE id > ?').run(made.lastAuditId - 2);
        cut.exec(guard);
      });
      const r = cli(['restore', '--db', join(office.dir, 'elsewhere.db'), '--from', made.file]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/does not verify \(the log ends at row \d+, but JobTrail saw row \d+ .*2 rows are gone/);

      const good = await backupDatabase(office.db.sqlite, office.file, { dir: join(office.dir, 'kept') });
      office.as('staff')('customers.create', { name: 'After the good backup' });
      office.close();
      expect(cli(['restore', '--db', office.file, '--from', good.file, '--force']).code).toBe(0);
      // The witness went back with the restore: going back was the point, not a loss.
      const restarted = new Database(office.file, { readonly: true });
      const report = checkIntegrity(restarted, { witness: witnessOf(restarted) });
      restarted.close();
      expect(report.problems).toEqual([]);
    } finally {
      office.dispose();
    }
  });
});

describe('restore from a compressed backup, and from a plain one of an earlier version', () => {
  const headOf = (file: string) => {
    const db = openBackup(file);
    try {
      return {
        rows: db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number,
        head: currentHead(db).toString('hex'),
        names: db.prepare('SELECT name FROM customers ORDER BY id').pluck().all(),
      };
    } finally {
      db.close();
    }
  };

  /** A restored file as its backup held it: the log up to the row the restore added last, naming who restored it. */
  const restoredOf = (file: string) => {
    const db = openBackup(file);
    try {
      const last = db.prepare('SELECT id, event, actor_name AS actor FROM audit_log ORDER BY id DESC LIMIT 1').get() as {
        id: number;
        event: string;
        actor: string;
      };
      expect(last).toMatchObject({ event: 'restored from a backup', actor: 'JobTrail (command line)' });
      const head = db.prepare('SELECT hash FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT 1').pluck().get(last.id) as Buffer;
      return {
        rows: (db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number) - 1,
        head: head.toString('hex'),
        names: db.prepare('SELECT name FROM customers ORDER BY id').pluck().all(),
      };
    } finally {
      db.close();
    }
  };

  it('brings back the audit rows and chain head the compressed backup holds, and removes its decompressed copy', async () => {
    const office = makeCore();
    try {
      makeBooking(office, makeCustomer(office).id);
      const made = await backupDatabase(office.db.sqlite, office.file, { dir: join(office.dir, 'kept') });
      expect(made.compressed).toBe(true);
      const inBackup = headOf(made.file);
      expect(shortDigestOf(inBackup.head)).toBe(made.headShort);
      office.as('staff')('customers.create', { name: 'After the backup' });
      office.close();
      const r = await restoreBackup(office.file, made.file, { force: true });
      expect(r.report.ok).toBe(true);
      const restored = restoredOf(office.file);
      expect(restored).toEqual(inBackup);
      expect(restored.names).not.toContain('After the backup');
      expect(readdirSync(office.dir).filter((f) => f.includes('from-backup'))).toEqual([]);
    } finally {
      office.dispose();
    }
  });

  it('lists a plain .db backup made before backups were compressed, and restores it', async () => {
    const office = makeCore();
    try {
      makeBooking(office, makeCustomer(office).id);
      const dir = join(office.dir, 'backups');
      const made = await backupDatabase(office.db.sqlite, office.file, { dir, now: new Date('2026-03-01T08:00:00Z') });
      const old = join(dir, 'jobtrail-2026-02-01T08-00-00Z-daily.db');
      writeFileSync(old, plainBytes(made.file));
      const listed = listBackups(office.file, dir);
      expect(listed.map((b) => [b.file, b.kind, b.compressed])).toEqual([
        [made.file, 'manual', true],
        [old, 'daily', false],
      ]);
      office.close();
      const r = cli(['restore', '--db', join(office.dir, 'elsewhere.db'), '--from', old]);
      expect(r.code, r.output).toBe(0);
      // Restored to another place, a copy to look at: its log as the backup held it, and no row that would make the office's own look cut.
      expect(headOf(join(office.dir, 'elsewhere.db'))).toEqual(headOf(old));
    } finally {
      office.dispose();
    }
  });
});

describe('restore onto a damaged file', () => {
  it('replaces a file that is not a database only with --force, keeping it aside', async () => {
    const dir = join(core.dir, 'damaged');
    const made = await backupDatabase(core.db.sqlite, core.file, { dir });
    const damaged = join(dir, 'office.db');
    writeFileSync(damaged, 'these bytes were a database before the disk failed'.repeat(200));
    const refused = cli(['restore', '--db', damaged, '--from', made.file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/office\.db cannot be read as a JobTrail database \(.*\)\. Add --force to replace it/);
    const forced = cli(['restore', '--db', damaged, '--from', made.file, '--force']);
    expect(forced.code, forced.output).toBe(0);
    const aside = /kept as (\S+)/.exec(forced.stdout)![1];
    expect(readFileSync(aside, 'utf8')).toContain('before the disk failed');
    // Put over bytes that were no log of its own: no restore row, the backup's rows as they were.
    expect(rowsOf(damaged)).toBe(made.lastAuditId);
    expect(cli(['restore', '--db', made.file, '--from', made.file]).stderr).toContain('the backup and the database are the same file');
    // Another office's database, shorter than the backup: still not the backup's log.
    const other = makeCore();
    other.close();
    const foreign = cli(['restore', '--db', other.file, '--from', made.file]);
    other.dispose();
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toMatch(/would lose audit rows: its log is not the backup's \(they differ at row \d+\)/);
  });
});

describe('at start', () => {
  it("checks the audit trail beside the app and keeps the result; takes the day's backup once", async () => {
    const lines: string[] = [];
    const log = { info: (l: string) => lines.push(`info: ${l}`), warn: (l: string) => lines.push(`warn: ${l}`) };
    const tasks = runStartupTasks(core.db, log);
    expect(integrityAtStart(core.db)?.state).toBe('checking');
    const done = await tasks.integrity.done;
    expect(done).toMatchObject({ state: 'done', summary: { ok: true, problems: [], problemCount: 0 } });
    expect(integrityAtStart(core.db)).toMatchObject({ state: 'done', summary: done.state === 'done' ? done.summary : null });
    const backup = await tasks.backup;
    expect(backup?.made?.file).toContain(join(core.dir, 'backups'));
    await tasks.stop();
    expect(lines).toContain(`info: Backup made: ${backup!.made!.file}`);
    expect(lines.some((l) => l.startsWith('info: Audit trail intact: '))).toBe(true);
    const second = runStartupTasks(core.db, log);
    expect((await second.backup)?.made).toBeNull();
    await second.stop();
  });

  it("takes each new day's backup while the app stays open, and prunes to the kept set then too", async () => {
    const office = makeCore();
    try {
      let clock = new Date(2026, 2, 2, 9); // a Monday
      const lines: string[] = [];
      const schedule = scheduleDailyBackups(office.db, { info: (l) => lines.push(l), warn: (l) => lines.push(l) }, { askEveryMs: 20, now: () => clock });
      expect((await schedule.first)?.made?.at).toEqual(clock);
      // Past midnight, without a restart: the new day's backup comes at the next ask.
      clock = new Date(2026, 2, 3, 0, 30);
      await expect.poll(() => listBackups(office.file).length, { timeout: 30_000 }).toBe(2);
      await schedule.stop();
      // Asked every 20 ms all along, yet one backup a day.
      expect(lines.filter((l) => l.startsWith('Backup made: '))).toHaveLength(2);
      expect(listBackups(office.file).map((b) => b.at)).toEqual([clock, new Date(2026, 2, 2, 9)]);
    } finally {
      office.dispose();
    }
  });

  it('warns, naming what is wrong, when the audit trail fails its check', async () => {
    const tool = new Database(core.file);
    tool.exec('DROP TRIGGER audit_customer_phone');
    tool.close();
    const lines: string[] = [];
    const tasks = runStartupTasks(core.db, { info: (l) => lines.push(`info: ${l}`), warn: (l) => lines.push(`warn: ${l}`) }, { backups: false });
    const done = await tasks.integrity.done;
    await tasks.stop();
    expect(done).toMatchObject({
      state: 'done',
      summary: {
        ok: false,
        problemCount: 1,
        problems: ['trigger audit_customer_phone on customers is missing (defined by 0004_audit_customers.sql): it was dropped'],
      },
    });
    expect(lines).toEqual([
      `warn: WARNING: the audit trail of ${core.file} failed its integrity check (1 problem):`,
      'warn:   - trigger audit_customer_phone on customers is missing (defined by 0004_audit_customers.sql): it was dropped',
      `warn:   The full report: npm run cli -- verify --db ${core.file}`,
    ]);
  });
});
