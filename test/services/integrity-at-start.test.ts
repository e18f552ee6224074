// What the app checks as it starts, and what it keeps of the whole-log checks:
// the whole log at the first start on this PC, the rows since the last check at
// every other, and the last whole check's verdict and date (kept beside the
// witness, never in the audited file) until the next one, due weekly.
import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkedThrough, fullCheckDue, fullCheckResult, lastFullCheck, recordFullCheck } from '../../db/checkRecords';
import { databaseId, keyPlaceOf } from '../../db/chainKeys';
import { checkIntegrity } from '../../db/integrity';
import { flushWitnesses, witnessFile } from '../../db/witness';
import { checkIntegrityAtStart, describeWholeLog, integrityAtStart } from '../../electron/services/integrityAtStart';
import { runStartupTasks } from '../../electron/startup';
import { makeCustomer } from '../helpers/audit';
import { lastAuditId, makeCore, type TestCore } from '../helpers/core';

let core: TestCore;
let keys: string;
let dbId: string;
beforeEach(() => {
  core = makeCore();
  flushWitnesses(core.db.sqlite);
  keys = keyPlaceOf(core.db.sqlite).dir;
  dbId = databaseId(core.db.sqlite)!;
});
afterEach(() => core.dispose());

const DAY = 24 * 60 * 60 * 1000;
const addCustomers = (n: number) => {
  for (let i = 0; i < n; i++) makeCustomer(core, { name: `Customer ${i}` });
  flushWitnesses(core.db.sqlite);
};
/** The first start on this PC: no witness of the log (a copied file, a new PC). */
const forgetWitness = () => rmSync(witnessFile(keyPlaceOf(core.db.sqlite), dbId));

describe('the check at start', () => {
  it('reads the whole log when this PC has no witness of it, says why, and records it as the whole check', async () => {
    forgetWitness();
    const watch = checkIntegrityAtStart(core.db);
    expect(watch.status()).toMatchObject({ state: 'checking', scope: 'whole', whyWhole: expect.stringContaining('first start here') });
    const done = await watch.done;
    expect(done).toMatchObject({ state: 'done', scope: 'whole', summary: { ok: true, since: null, rowsChecked: lastAuditId(core) } });
    // Beside the witness, in the keys folder: the audited file is only read.
    expect(existsSync(join(keys, `${dbId}.checks.json`))).toBe(true);
    expect(done.wholeLog).toMatchObject({ due: false, everyDays: 7, last: { ok: true, rowsChecked: lastAuditId(core), problemCount: 0 } });
    expect(checkedThrough(core.db.sqlite)).toMatchObject({ headId: lastAuditId(core), by: 'whole' });
  });

  it("checks only the rows since the last check at the next start, and keeps the whole check's date and verdict", async () => {
    forgetWitness();
    await checkIntegrityAtStart(core.db).done;
    const whole = lastFullCheck(core.db.sqlite)!;
    const before = lastAuditId(core);
    addCustomers(3);
    const done = await checkIntegrityAtStart(core.db).done;
    expect(done.scope).toBe('since');
    expect(done.state === 'done' && done.summary).toMatchObject({
      ok: true,
      rowsChecked: lastAuditId(core) - before + 1,
      since: { row: before, by: 'whole', rowsAdded: lastAuditId(core) - before },
    });
    expect(done.wholeLog).toEqual({ last: whole, due: false, running: false, everyDays: 7 });
    // The next start begins where this one got to.
    expect(checkedThrough(core.db.sqlite)).toMatchObject({ headId: lastAuditId(core), by: 'start' });
  });

  it('finds a problem again at the next start, though the app wrote on and the witness moved past it', async () => {
    await checkIntegrityAtStart(core.db).done;
    addCustomers(2);
    const broken = lastAuditId(core);
    const tool = new Database(core.file);
    const guard = tool.prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_update'").pluck().get() as string;
    tool.exec('DROP TRIGGER audit_log_no_update');
    tool.prepare("UPDATE audit_log SET new_value = 'Someone Else' WHERE id = ?").run(broken);
    tool.exec(guard);
    tool.close();
    for (let start = 0; start < 2; start++) {
      const done = await checkIntegrityAtStart(core.db).done;
      expect(done.state === 'done' && done.summary.problems[0]).toMatch(`audit row ${broken}: `);
      addCustomers(2);
    }
  });

  it("keeps the warning of a failed whole check while the start's own check passes", async () => {
    // Someone lowered an old row's value behind the guard: the start does not read it, the weekly check did.
    recordFullCheck(
      core.db.sqlite,
      { ok: false, rowsChecked: 5, head: 'a18aa75dae8693df', problems: ['audit row 2: altered'] },
      { startedAt: new Date(Date.now() - DAY).toISOString() },
    );
    const lines: string[] = [];
    // The start's report alone: the whole check it leads to is test/jobs/schedule.test.ts's.
    const tasks = runStartupTasks(
      core.db,
      { info: (l) => lines.push(`info: ${l}`), warn: (l) => lines.push(`warn: ${l}`) },
      { backups: false, wholeChecks: false },
    );
    const done = await tasks.integrity.done;
    await tasks.stop();
    expect(done.state === 'done' && done.summary.ok).toBe(true);
    expect(done.wholeLog).toMatchObject({ due: true, last: { ok: false, problemCount: 1 } });
    expect(lines[0]).toMatch(/^info: Audit trail intact: 0 rows added since row \d+ .*the whole log was last checked on .*, a whole check is due$/);
    expect(lines.slice(1)).toEqual([
      `warn: WARNING: the whole-log integrity check of ${core.file} on ${done.wholeLog.last!.finishedAt} found 1 problem:`,
      'warn:   - audit row 2: altered',
    ]);
    expect(integrityAtStart(core.db)).toBe(done);
  });

  it('does not repeat the whole check it ran itself as a second warning', async () => {
    forgetWitness();
    new Database(core.file).exec('DROP TRIGGER audit_customer_phone').close();
    const done = await checkIntegrityAtStart(core.db).done;
    expect(done.state === 'done' && done.summary.ok).toBe(false);
    expect(done.wholeLog.last).toMatchObject({ ok: false, startedAt: done.startedAt });
    expect(describeWholeLog(done, core.file)).toEqual([]);
  });
});

describe('the whole-log check, weekly', () => {
  const recordAt = (finishedAt: number, ok = true) => {
    const report = checkIntegrity(core.db.sqlite);
    return recordFullCheck(
      core.db.sqlite,
      { ...fullCheckResult(report), ok },
      { startedAt: new Date(finishedAt - 60_000).toISOString(), finishedAt: new Date(finishedAt).toISOString() },
    );
  };

  it('is due when none was recorded, a week after the last, and at once after one that failed', () => {
    const t0 = Date.parse('2026-03-02T09:00:00Z');
    expect(fullCheckDue(core.db.sqlite, new Date(t0))).toBe(true);
    recordAt(t0);
    expect(fullCheckDue(core.db.sqlite, new Date(t0 + 6 * DAY))).toBe(false);
    expect(fullCheckDue(core.db.sqlite, new Date(t0 + 7 * DAY))).toBe(true);
    expect(fullCheckDue(core.db.sqlite, new Date(t0 + DAY), 1)).toBe(true);
    expect(fullCheckDue({ place: keyPlaceOf(core.db.sqlite), databaseId: dbId }, new Date(t0 + DAY))).toBe(false);
    recordAt(t0, false);
    expect(fullCheckDue(core.db.sqlite, new Date(t0 + 60_000))).toBe(true);
  });

  it('takes its interval from JOBTRAIL_FULL_CHECK_DAYS, and the start says when one is due by the clock it is given', async () => {
    const t0 = Date.now();
    recordAt(t0);
    const was = process.env.JOBTRAIL_FULL_CHECK_DAYS;
    process.env.JOBTRAIL_FULL_CHECK_DAYS = '2';
    try {
      expect(fullCheckDue(core.db.sqlite, new Date(t0 + 2 * DAY))).toBe(true);
      expect(fullCheckDue(core.db.sqlite, new Date(t0 + DAY))).toBe(false);
    } finally {
      if (was === undefined) delete process.env.JOBTRAIL_FULL_CHECK_DAYS;
      else process.env.JOBTRAIL_FULL_CHECK_DAYS = was;
    }
    let now = new Date(t0 + DAY);
    const watch = checkIntegrityAtStart(core.db, { now: () => now });
    await watch.done;
    expect(watch.status().wholeLog.due).toBe(false);
    now = new Date(t0 + 8 * DAY);
    expect(watch.status().wholeLog.due).toBe(true);
  });

  it('lets the next start begin at the head a passing whole check reached, and not one that failed', () => {
    recordAt(Date.now(), false);
    expect(checkedThrough(core.db.sqlite)).toBeNull();
    recordAt(Date.now());
    expect(checkedThrough(core.db.sqlite)).toMatchObject({ headId: lastAuditId(core), by: 'whole' });
    // A job that hands over only the short head a report prints is recorded, but cannot be begun from.
    recordFullCheck(core.db.sqlite, { ok: true, rowsChecked: 1, head: 'a18aa75dae8693df', problems: [] }, { startedAt: new Date().toISOString() });
    expect(lastFullCheck(core.db.sqlite)?.ok).toBe(true);
    expect(checkedThrough(core.db.sqlite)).toBeNull();
  });
});
