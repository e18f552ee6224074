// The start-up check's long statements run on a worker thread (db/offThread.ts):
// the same report as on the caller's connection, with the caller free meanwhile.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { copyFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealChain } from '../../db/chain';
import { checkIntegrity, checkIntegrityInSteps, type IntegrityReport } from '../../db/integrity';
import { offThread, Pending, runSteps } from '../../db/offThread';
import { seedDemo } from '../../electron/cli/seed';
import { tempDir } from '../helpers/core';

let dir: string;
let file: string;
beforeAll(() => {
  dir = tempDir('jobtrail-off-thread-');
  file = join(dir, 'office.db');
  seedDemo(file, { seed: 3, now: '2026-01-15T00:00:00Z', customers: 10, bookings: 40 });
  // Records changed behind the log's back: what the statements that go off the thread find.
  const tool = new Database(file);
  tool.exec('DROP TRIGGER audit_booking_start');
  tool
    .prepare(
      `UPDATE bookings SET scheduled_start = '2000-01-01T09:00:00.000Z'
    WHERE id = (SELECT min(booking_id) FROM audit_log WHERE field = 'scheduled_start')`,
    )
    .run();
  tool.prepare('DELETE FROM payments WHERE id = (SELECT min(id) FROM payments)').run();
  tool.prepare("UPDATE customers SET phone = '555-0199' WHERE id = 2").run();
  sealChain(tool, null); // as the app's next transaction would: sealed as made outside JobTrail
  tool.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The check stepped by hand, as the app's start steps it: how many times it waited for the worker. */
function stepped(db: Database.Database): { report: IntegrityReport; waits: number } {
  const statements = offThread(db);
  const steps = checkIntegrityInSteps(db, { statements });
  let waits = 0;
  for (;;) {
    const r = steps.next();
    if (r.done) {
      statements.close();
      return { report: r.value, waits };
    }
    if (r.value instanceof Pending) {
      waits++;
      r.value.wait();
    }
  }
}

describe('the integrity check off the main thread', () => {
  it("reports exactly what the check on the caller's connection reports, having waited for the worker", () => {
    const db = new Database(file, { readonly: true });
    try {
      const { report, waits } = stepped(db);
      const direct = checkIntegrity(db);
      expect(report.problems).toEqual(direct.problems);
      expect(report.state).toEqual(direct.state);
      expect(report.outsideRows).toBe(direct.outsideRows);
      expect(report.problems.some((p) => /^booking \d+: scheduled_start is "2000-01-01T09:00:00.000Z"/.test(p))).toBe(true);
      expect(report.problems.some((p) => /trigger audit_booking_start/.test(p))).toBe(true);
      expect(report.outsideRows).toBeGreaterThan(0);
      expect(waits).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  it("passes a statement's error on to the caller", () => {
    const db = new Database(file, { readonly: true });
    const run = offThread(db);
    try {
      expect(() => runSteps(run.all('SELECT x FROM nowhere', []))).toThrow(/no such table: nowhere/);
      expect(runSteps(run.all('SELECT count(*) FROM bookings WHERE id <= ?', [5], true))).toEqual([5]);
    } finally {
      run.close();
      db.close();
    }
  });

  it("throws why when its worker cannot open the file, instead of reading on the caller's connection", () => {
    const gone = join(dir, 'gone.db');
    copyFileSync(file, gone);
    const db = new Database(gone, { readonly: true });
    rmSync(gone); // the caller's connection holds the file open; the worker finds no file to open
    const run = offThread(db);
    try {
      expect(() => runSteps(run.all('SELECT count(*) FROM bookings', [], true))).toThrow(
        /^The off-thread reader could not start its worker: unable to open database file/,
      );
      // And again for the next statement: no quiet second try on the caller's connection.
      expect(() => runSteps(run.all('SELECT 1', [], true))).toThrow(/could not start its worker/);
    } finally {
      run.close();
      db.close();
    }
  });

  it('throws why to a driver with an event loop too', async () => {
    const gone = join(dir, 'gone-async.db');
    copyFileSync(file, gone);
    const db = new Database(gone, { readonly: true });
    rmSync(gone);
    const run = offThread(db);
    const steps = run.all('SELECT 1', [], true);
    try {
      let r = steps.next();
      const failed = (async () => {
        for (; !r.done; r = steps.next()) await (r.value as Pending).done;
      })();
      await expect(failed).rejects.toThrow(/could not start its worker/);
    } finally {
      run.close();
      await run.closed;
      db.close();
    }
  });

  it("runs on the caller's connection when there is no file for a worker to open", () => {
    const db = new Database(':memory:');
    const run = offThread(db);
    try {
      const steps = run.all('SELECT 1 + 1', [], true);
      const first = steps.next();
      expect(first).toEqual({ done: true, value: [2] });
    } finally {
      run.close();
      db.close();
    }
  });
});
