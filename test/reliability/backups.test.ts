// Backups and restore: online backups that verify even when taken mid-work, the
// daily one kept to the last 14, and `cli backup` / `cli restore` with what
// restore refuses. Plus what the app does at start: the integrity check and the
// day's backup, beside the window.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIntegrity } from '../../db/integrity';
import { witnessOf } from '../../db/witness';
import { backupDatabase, dailyBackup, listBackups } from '../../electron/services/backups';
import { integrityAtStart } from '../../electron/services/integrityAtStart';
import { runStartupTasks } from '../../electron/startup';
import { makeCore, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer } from '../helpers/audit';
import { cli } from '../cli/cli';

let core: TestCore;
beforeAll(() => {
  core = makeCore();
  for (let i = 0; i < 5; i++) makeBooking(core, makeCustomer(core).id);
});
afterAll(() => core.dispose());

const rowsOf = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
  } finally {
    db.close();
  }
};

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
    const copy = new Database(made.file, { readonly: true });
    try {
      expect(checkIntegrity(copy).problems).toEqual([]);
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete'); // one self-contained file
      expect(copy.prepare('SELECT max(id) FROM audit_log').pluck().get()).toBe(made.lastAuditId);
    } finally {
      copy.close();
    }
    // No .partial left behind; the backup's witness beside it.
    expect(readdirSync(dir).sort()).toEqual([made.file.split('/').pop(), `${made.file.split('/').pop()}.witness.json`]);
  });

  it('makes the daily backup once a day, keeps the last 14, and never touches backups made on request or other files', async () => {
    const dir = join(core.dir, 'daily');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'notes.txt'), 'not a backup');
    const manual = await backupDatabase(core.db.sqlite, core.file, { dir, kind: 'manual', now: new Date('2026-01-01T12:00:00Z') });
    const day = (d: number, hour = 9) => new Date(2026, 0, d, hour);
    const first = await dailyBackup(core.db.sqlite, core.file, { dir, now: day(2) });
    expect(first.made?.kind).toBe('daily');
    const again = await dailyBackup(core.db.sqlite, core.file, { dir, now: day(2, 17) });
    expect(again).toEqual({ made: null, skipped: first.made!.file, pruned: [] });
    for (let d = 3; d <= 17; d++) await dailyBackup(core.db.sqlite, core.file, { dir, now: day(d) });
    const daily = listBackups(core.file, dir).filter((b) => b.kind === 'daily');
    expect(daily.length).toBe(14);
    expect(daily.map((b) => b.at.getTime())).toEqual([...Array(14).keys()].map((i) => day(17 - i).getTime()));
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
      expect(rowsOf(office.file)).toBe(backedUp);
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

    const tampered = join(dir, 'tampered.db');
    const copy = new Database(made.file, { readonly: true });
    await copy.backup(tampered);
    copy.close();
    const tool = new Database(tampered);
    tool.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET new_value = 'x' WHERE id = 3;");
    tool.close();
    const r = cli(['restore', '--db', join(dir, 'new.db'), '--from', tampered]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the backup .*tampered\.db does not verify \(audit row 3: .*\); nothing was changed/);
    expect(existsSync(join(dir, 'new.db'))).toBe(false);
  });

  it('refuses a backup that lost its newest rows since it was made (it still verifies alone); after a restore the next start finds the log as last seen', async () => {
    const office = makeCore();
    try {
      makeBooking(office, makeCustomer(office).id);
      const made = await backupDatabase(office.db.sqlite, office.file, { dir: join(office.dir, 'kept') });
      // Someone cuts the backup's last rows, guards dropped and put back: the chain that is left verifies.
      const cut = new Database(made.file);
      const guard = cut.prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_delete'").pluck().get() as string;
      cut.exec('DROP TRIGGER audit_log_no_delete');
      cut.prepare('DELETE FROM audit_log WHERE id > ?').run(made.lastAuditId - 2);
      cut.exec(guard);
      cut.close();
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
  it('checks the audit trail beside the app and keeps the result; takes the day\'s backup once', async () => {
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

  it('warns, naming what is wrong, when the audit trail fails its check', async () => {
    const tool = new Database(core.file);
    tool.exec('DROP TRIGGER audit_customer_phone');
    tool.close();
    const lines: string[] = [];
    const tasks = runStartupTasks(core.db, { info: (l) => lines.push(`info: ${l}`), warn: (l) => lines.push(`warn: ${l}`) }, { backups: false });
    const done = await tasks.integrity.done;
    await tasks.stop();
    expect(done).toMatchObject({ state: 'done', summary: { ok: false, problemCount: 1,
      problems: ['trigger audit_customer_phone on customers is missing (defined by 0004_audit_customers.sql): it was dropped'] } });
    expect(lines).toEqual([
      `warn: WARNING: the audit trail of ${core.file} failed its integrity check (1 problem):`,
      'warn:   - trigger audit_customer_phone on customers is missing (defined by 0004_audit_customers.sql): it was dropped',
      `warn:   The full report: npm run cli -- verify --db ${core.file}`,
    ]);
  });
});
