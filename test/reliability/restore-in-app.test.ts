// Settings › Backups through the contract, on a real core: an administrator lists
// the backups (sizes, compressed, head), makes one as a job, and restores the open
// database from it, as `cli restore` would (the backup checked in full first, rows
// made since replaced only when confirmed, the replaced file kept aside); the core
// goes on answering on the restored file. Managers and staff are refused.
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { basename, dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkIntegrity } from '../../db/integrity';
import { verifyChain } from '../../db/chain';
import { jobEnded } from '../../electron/jobs/registry';
import { makeCore, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer } from '../helpers/audit';

let core: TestCore;
beforeEach(() => {
  core = makeCore();
  makeBooking(core, makeCustomer(core, { name: 'Before the backup' }).id);
});
afterEach(() => core.dispose());

const customerNames = () =>
  core
    .as('staff')('customers.list', { limit: 500 })
    .rows.map((c) => c.name);

async function backUp() {
  const started = core.as('administrator')('backups.create');
  expect(started).toMatchObject({ kind: 'backup', title: 'Backup of the database', state: 'running' });
  const ended = await jobEnded(core.db, started.id);
  if (ended.outcome?.kind !== 'backup') throw new Error(`the backup ended ${ended.state}: ${ended.error}`);
  return ended.outcome;
}

describe('backups from Settings', () => {
  it('makes a compressed backup as a job and lists it with its size and head; only administrators may', async () => {
    const made = await backUp();
    expect(made.file.endsWith('.db.gz')).toBe(true);
    expect(made.bytes).toBeLessThan(made.databaseBytes);
    const list = core.as('administrator')('backups.list');
    expect(list.folder).toBe(dirname(made.file));
    expect(list.backups).toEqual([
      expect.objectContaining({
        file: made.file,
        kind: 'manual',
        compressed: true,
        bytes: made.bytes,
        headShort: made.headShort,
        expiresAt: null,
      }),
    ]);
    for (const role of ['manager', 'staff'] as const) {
      expect(core.raw(role, 'backups.list').ok).toBe(false);
      const refused = core.raw(role, 'backups.create');
      expect(refused.ok || refused.error.code).toBe('forbidden');
      const restore = core.raw(role, 'backups.restore', { file: made.file, replaceNewer: true });
      expect(restore.ok || restore.error.message).toMatch(/restore the database from a backup/);
    }
  });

  it('restores the open database: refuses to lose newer rows until confirmed, then the core answers from the backup', async () => {
    const made = await backUp();
    makeCustomer(core, { name: 'After the backup' });
    const rowsBefore = core.db.sqlite.prepare('SELECT max(id) FROM audit_log').pluck().get() as number;

    const refused = await jobEnded(core.db, core.as('administrator')('backups.restore', { file: made.file }).id);
    expect(refused.state).toBe('failed');
    expect(refused.error).toMatch(/would lose audit rows: it has \d+ rows newer than the backup .*Confirm losing them to restore anyway.*nothing was changed/);
    expect(customerNames()).toContain('After the backup');

    const started = core.as('administrator')('backups.restore', { file: made.file, replaceNewer: true });
    expect(started.title).toMatch(/^Restore of the database from jobtrail-.*\.db\.gz$/);
    const ended = await jobEnded(core.db, started.id);
    expect(ended.error).toBeNull();
    expect(ended.outcome).toMatchObject({ kind: 'restore', file: made.file, headShort: made.headShort, lastAuditId: made.lastAuditId });
    if (ended.outcome?.kind !== 'restore') throw new Error('no restore outcome');

    // The open core now answers from the restored file: the later customer is gone, the chain head is the backup's.
    expect(customerNames()).toContain('Before the backup');
    expect(customerNames()).not.toContain('After the backup');
    // The log goes on from the backup's head, with one row saying who restored which backup and where the replaced file went.
    expect(verifyChain(core.db.sqlite, { expectHead: made.headShort }).expectedHeadAt).toBe(made.lastAuditId);
    expect(
      core.db.sqlite
        .prepare('SELECT actor_name AS actor, event, new_value AS backup, old_value AS keptAside FROM audit_log WHERE id > ?')
        .all(made.lastAuditId),
    ).toEqual([
      {
        actor: core.users.administrator.name,
        event: 'restored from a backup',
        backup: `${basename(made.file)} (chain head ${made.headShort})`,
        keptAside: ended.outcome.keptAside,
      },
    ]);
    expect(checkIntegrity(core.db.sqlite).problems).toEqual([]);
    // What was replaced is kept aside with the rows the backup lacked; no copy is left behind.
    const aside = new Database(ended.outcome.keptAside!, { readonly: true });
    expect(aside.prepare('SELECT max(id) FROM audit_log').pluck().get()).toBe(rowsBefore);
    aside.close();
    expect(readdirSync(core.dir).filter((f) => f.includes('.restoring-'))).toEqual([]);
    // And the office works on: a change is saved, audited and sealed on the restored file.
    makeCustomer(core, { name: 'After the restore' });
    expect(customerNames()).toContain('After the restore');
    expect(checkIntegrity(core.db.sqlite).problems).toEqual([]);
  });

  it('refuses to start a restore while another job reads the database', async () => {
    const made = await backUp();
    const check = core.as('manager')('jobs.start', { kind: 'verify' });
    // Asked in the same turn: the check's worker cannot have ended yet.
    const refused = core.raw('administrator', 'backups.restore', { file: made.file, replaceNewer: true });
    expect(refused.ok || refused.error).toMatchObject({
      code: 'conflict',
      message: 'Check of the audit trail is running: a restore would replace the database under it. Restore once it is done.',
    });
    await jobEnded(core.db, check.id);
  });

  it('refuses a backup that is not in the folder, and one that does not verify, leaving the database as it was', async () => {
    const missing = core.raw('administrator', 'backups.restore', { file: '/etc/passwd', replaceNewer: true });
    expect(missing.ok || missing.error).toMatchObject({ code: 'not_found', field: 'file' });
    const made = await backUp();
    const plain = `${core.dir}/edit.db`;
    writeFileSync(plain, gunzipSync(readFileSync(made.file)));
    const edit = new Database(plain);
    edit.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET new_value = 'forged' WHERE id = 2;");
    edit.close();
    writeFileSync(made.file, gzipSync(readFileSync(plain)));
    const ended = await jobEnded(core.db, core.as('administrator')('backups.restore', { file: made.file, replaceNewer: true }).id);
    expect(ended.state).toBe('failed');
    expect(ended.error).toMatch(/does not verify \(audit row 2: .*\); nothing was changed/);
    expect(customerNames()).toContain('Before the backup');
    expect(existsSync(core.file)).toBe(true);
    expect(readdirSync(core.dir).filter((f) => f.includes('.restoring-'))).toEqual([]);
  });
});
