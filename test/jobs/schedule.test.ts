// The whole-log check on a schedule: the start checks only what changed, so the
// core starts a verify job of its own when the last whole check is a week old (or
// missing, or failed). Its verdict is recorded as a manager's is, and the banner
// hears of a failure it finds.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lastFullCheck, recordFullCheck } from '../../db/checkRecords';
import { flushWitnesses } from '../../db/witness';
import { jobEnded, listJobs, wholeCheckRunning } from '../../electron/jobs/registry';
import { scheduleWholeChecks } from '../../electron/jobs/schedule';
import { integrityAtStart } from '../../electron/services/integrityAtStart';
import { runStartupTasks } from '../../electron/startup';
import { makeCustomer, outsideConnection } from '../helpers/audit';
import { lastAuditId, makeCore, type TestCore } from '../helpers/core';

const DAY = 24 * 60 * 60 * 1000;
let core: TestCore;
const said: string[] = [];
beforeEach(() => {
  core = makeCore();
  for (let i = 0; i < 5; i++) makeCustomer(core, { name: `Customer ${i}` });
  flushWitnesses(core.db.sqlite);
  said.length = 0;
});
afterEach(() => core.dispose());

const verifyJobs = () => listJobs(core.db).filter((j) => j.kind === 'verify');

describe('the scheduled whole-log check', () => {
  it('starts a verify job of its own when none was ever recorded, records its verdict, and starts no second one meanwhile', async () => {
    const schedule = scheduleWholeChecks(core.db, (l) => said.push(l));
    try {
      schedule.askNow();
      const [job] = verifyJobs();
      expect(job).toMatchObject({ state: 'running', startedBy: null, title: 'Check of the audit trail' });
      expect(wholeCheckRunning(core.db)).toBe(true);
      schedule.askNow();
      expect(verifyJobs()).toHaveLength(1);
      expect(await jobEnded(core.db, job.id)).toMatchObject({ state: 'done', error: null, outcome: { ok: true } });
      // Kept as the last whole check, with the full head: the next start can begin there.
      expect(lastFullCheck(core.db.sqlite)).toMatchObject({ ok: true, rowsChecked: lastAuditId(core), headId: lastAuditId(core) });
      expect(said).toEqual([expect.stringMatching(/^The weekly check of the whole audit trail has started/)]);
    } finally {
      schedule.stop();
    }
  });

  it('leaves it until a week has passed since the last whole check', async () => {
    const checked = new Date();
    recordFullCheck(core.db.sqlite, { ok: true, rowsChecked: 10, head: 'abc', problems: [] }, { startedAt: checked.toISOString() });
    let now = new Date(checked.getTime() + 6 * DAY);
    const schedule = scheduleWholeChecks(core.db, (l) => said.push(l), { now: () => now });
    try {
      schedule.askNow();
      expect(verifyJobs()).toEqual([]);
      now = new Date(checked.getTime() + 7 * DAY + 1000);
      schedule.askNow();
      expect(verifyJobs()).toHaveLength(1);
      await jobEnded(core.db, verifyJobs()[0].id);
    } finally {
      schedule.stop();
    }
  });

  it('reads a log that failed again at the next start, but not every hour while the office works', async () => {
    recordFullCheck(
      core.db.sqlite,
      { ok: false, rowsChecked: 10, head: 'abc', problems: ['audit row 2: altered'] },
      { startedAt: new Date(Date.now() - 60_000).toISOString() },
    );
    const schedule = scheduleWholeChecks(core.db, (l) => said.push(l), { askEveryMs: 20 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(verifyJobs()).toEqual([]);
      schedule.askNow();
      expect(verifyJobs()).toHaveLength(1);
      await jobEnded(core.db, verifyJobs()[0].id);
    } finally {
      schedule.stop();
    }
  });

  it("starts after the start-up check, and a failure it finds reaches the banner's answer", async () => {
    // An old row changed in place, its hash left alone: what only a whole check finds.
    const tool = outsideConnection(core.file);
    tool.exec('DROP TRIGGER audit_log_no_update');
    tool.prepare("UPDATE audit_log SET new_value = 'Someone Else' WHERE id = 3").run();
    tool.close();
    const tasks = runStartupTasks(core.db, { info: (l) => said.push(l), warn: (l) => said.push(l) }, { backups: false });
    try {
      const atStart = await tasks.integrity.done;
      expect(atStart).toMatchObject({ state: 'done', scope: 'since' });
      const [job] = verifyJobs();
      expect(job).toMatchObject({ startedBy: null });
      // While it runs the banner's answer says so, so that the window keeps asking.
      expect(integrityAtStart(core.db)?.wholeLog.running).toBe(true);
      await jobEnded(core.db, job.id);
      const banner = integrityAtStart(core.db)!;
      expect(banner.wholeLog).toMatchObject({
        running: false,
        last: { ok: false, problems: expect.arrayContaining([expect.stringMatching(/^audit row 3:/)]) },
      });
    } finally {
      await tasks.stop();
    }
  });

  it('is not started by a start told not to (a second start on the same file, the tests of the start alone)', async () => {
    const tasks = runStartupTasks(core.db, { info: () => {}, warn: () => {} }, { backups: false, wholeChecks: false });
    await tasks.integrity.done;
    await tasks.stop();
    expect(verifyJobs()).toEqual([]);
  });
});
