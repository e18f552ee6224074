// Offices for the job tests: a real core on a real file, with a History long enough
// that a check or an export of it takes a noticeable time, built in seconds. The
// demo generator writes every row through the services (a minute for 200,000
// rows); here the long part is written at once by a plain connection, as a SQLite
// tool would (recorded by the triggers as "outside", and sealed by the app's next
// change), beside a customer and a booking written through the contract.
import { existsSync, readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { exportFolder } from '../../electron/jobs/exportFiles';
import { jobEnded, stopJobs } from '../../electron/jobs/registry';
import type { JobStatus } from '../../electron/jobs/types';
import { lastAuditId, makeCore, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer, outsideConnection } from '../helpers/audit';

export interface JobOffice extends TestCore {
  customerId: number;
  bookingId: number;
  /** Audit rows in the log. */
  rows: number;
  /** The files in the exports folder (none if it is not there). */
  exportFiles(): string[];
  /** Cancels what still runs, waits for it, then closes and removes the office. */
  end(): Promise<void>;
}

export function jobOffice(longHistoryRows = 0): JobOffice {
  const core = makeCore();
  const customer = makeCustomer(core, { name: 'Olive Longhistory' });
  const booking = makeBooking(core, customer.id);
  if (longHistoryRows > 0) {
    const outside = outsideConnection(core.file);
    try {
      outside
        .prepare(
          `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
        INSERT INTO notes (customer_id, body, created_at) SELECT ?, 'Called about the boiler, note ' || i, ? FROM n`,
        )
        .run(longHistoryRows, customer.id, new Date().toISOString());
    } finally {
      outside.close();
    }
    core.as('staff')('customers.update', { id: customer.id, phone: '555-0100' }); // seals the rows written outside
  }
  return {
    ...core,
    customerId: customer.id,
    bookingId: booking.id,
    rows: lastAuditId(core),
    exportFiles: () => (existsSync(exportFolder(core.file)) ? readdirSync(exportFolder(core.file)).sort() : []),
    async end() {
      await stopJobs(core.db);
      core.dispose();
    },
  };
}

/** The job's status each time it changes, until it ends (asked every few milliseconds, as a screen polls, only faster). */
export async function watchJob(office: TestCore, id: string, each?: (s: JobStatus) => void): Promise<JobStatus[]> {
  const seen: JobStatus[] = [];
  for (;;) {
    const s = office.as('manager')('jobs.status', { id });
    const last = seen.at(-1);
    if (!last || JSON.stringify(last) !== JSON.stringify(s)) seen.push(s);
    each?.(s);
    if (s.state !== 'running') {
      await jobEnded(office.db, id); // and its worker gone, with whatever it had half-written
      return seen;
    }
    await sleep(5);
  }
}

/** Polls until `ok` holds for the job's status; fails the test after `ms`. */
export async function until(office: TestCore, id: string, ok: (s: JobStatus) => boolean, ms = 20_000): Promise<JobStatus> {
  const deadline = Date.now() + ms;
  for (;;) {
    const s = office.as('manager')('jobs.status', { id });
    if (ok(s)) return s;
    if (s.state !== 'running' || Date.now() > deadline) throw new Error(`the job never got there: ${JSON.stringify(s)}`);
    await sleep(5);
  }
}
