// Export jobs write to exports/ beside the database, one file per export named for
// what it holds (subject, filters) and when, with the rows as the History reads them
// and the chain head; a small one is handed to the window whole. Only managers run jobs.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentHead, shortDigest } from '../../db/chain';
import { exportHistory } from '../../electron/services/exports';
import { jobEnded, MAX_RUNNING_JOBS } from '../../electron/jobs/registry';
import { exportFolder } from '../../electron/jobs/exportFiles';
import type { ExportOutcome, JobStatus } from '../../electron/jobs/types';
import { asCsvCells, chainHeadOf, historyRows, readCsvExport, screenCells } from '../helpers/exportRead';
import { jobOffice, type JobOffice } from './office';

let office: JobOffice;
beforeAll(() => {
  office = jobOffice();
  office.as('staff')('bookings.reschedule', {
    id: office.bookingId,
    scheduledStart: '2026-03-03T09:00:00Z',
    scheduledEnd: '2026-03-03T11:00:00Z',
    reason: { code: 'office' },
  });
  office.as('staff')('notes.add', { customerId: office.customerId, body: 'Gate code 4411' });
});
afterAll(() => office.end());

const manager = () => office.as('manager');

async function finished(started: JobStatus): Promise<ExportOutcome> {
  const end = await jobEnded(office.db, started.id);
  expect(end).toMatchObject({ state: 'done', error: null });
  if (end.outcome?.kind !== 'export') throw new Error(`not an export: ${JSON.stringify(end)}`);
  return end.outcome;
}

const STAMP = String.raw`\d{4}-\d{2}-\d{2}-\d{6}`;

describe('an export job', () => {
  it("writes a booking's History to exports/ as the History reads it, named for the booking and the moment", async () => {
    // What the History holds as the export is asked for (its own record comes after it).
    const rows = historyRows(office.db, { bookingId: office.bookingId });
    const { head, chainRows } = chainHeadOf(office.db);
    const started = manager()('jobs.start', { kind: 'export', format: 'csv', scope: { bookingId: office.bookingId } });
    expect(started).toMatchObject({ state: 'running', title: `CSV export of booking ${office.bookingId}'s History`, startedBy: { name: 'Max Manager' } });
    const outcome = await finished(started);
    expect(outcome).toEqual({
      kind: 'export',
      file: join(exportFolder(office.file), outcome.fileName),
      fileName: expect.stringMatching(new RegExp(`^jobtrail-history-booking-${office.bookingId}-${STAMP}\\.csv$`)),
      rows: rows.length,
      bytes: statSync(outcome.file).size,
      head,
      chainRows,
      downloadable: true,
    });
    expect(rows.length).toBeGreaterThan(1);
    const file = readCsvExport(outcome.file);
    expect(file.rows).toEqual(rows.map((r) => asCsvCells(screenCells(office.db, r), r)));
    expect(file.summary).toEqual({ rows: rows.length, head, chainRows });
    expect(manager()('jobs.download', { id: started.id })).toEqual({ fileName: outcome.fileName, text: readFileSync(outcome.file, 'utf8') });
    // Who took the data away is itself in the booking's History, with the chain head the file names.
    expect(
      office.db.sqlite
        .prepare(
          `SELECT actor_name AS who, event, booking_id AS bookingId, new_value AS what FROM audit_log
      WHERE entity = 'report' ORDER BY id DESC LIMIT 1`,
        )
        .get(),
    ).toEqual({
      who: 'Max Manager',
      event: 'history exported',
      bookingId: office.bookingId,
      what: `History export: CSV export of booking ${office.bookingId}'s History (csv, chain head ${head})`,
    });
  });

  it('names the filters it was given, a person by name and a period by its days', async () => {
    const staff = office.db.sqlite.prepare("SELECT id FROM users WHERE role = 'staff' ORDER BY id LIMIT 1").pluck().get() as number;
    const scope = {
      bookingId: office.bookingId,
      category: 'user_action' as const,
      actorId: staff,
      from: '2026-03-01T00:00:00-06:00',
      to: '2026-04-01T00:00:00-05:00',
    };
    const staffName = office.db.sqlite.prepare('SELECT name FROM users WHERE id = ?').pluck().get(staff) as string;
    const slug = staffName.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const outcome = await finished(manager()('jobs.start', { kind: 'export', format: 'json', scope, name: `booking-${office.bookingId}` }));
    expect(outcome.fileName).toMatch(
      new RegExp(`^jobtrail-history-booking-${office.bookingId}-user-action-by-${slug}-2026-03-01-to-2026-03-31-${STAMP}\\.json$`),
    );
  });

  it('as JSON names the chain head its rows belong to', async () => {
    const headBefore = shortDigest(currentHead(office.db.sqlite));
    const outcome = await finished(manager()('jobs.start', { kind: 'export', format: 'json', scope: { customerId: office.customerId }, name: 'olive' }));
    const file = JSON.parse(readFileSync(outcome.file, 'utf8')) as {
      scope: unknown;
      chainHead: string;
      chainRows: number;
      rowCount: number;
      rows: { raw: { customerId: number } }[];
    };
    expect(file.chainHead).toBe(headBefore);
    expect([outcome.head, outcome.chainRows]).toEqual([file.chainHead, file.chainRows]);
    expect(file.scope).toEqual({ customerId: office.customerId });
    expect([file.rows.length, file.rowCount]).toEqual([outcome.rows, outcome.rows]);
    expect(file.rows.every((r) => r.raw.customerId === office.customerId)).toBe(true);
    expect(outcome.fileName).toMatch(new RegExp(`^jobtrail-history-olive-${STAMP}\\.json$`));
  });

  it('of the whole log is, byte for byte, the export the command line writes', async () => {
    const cli = join(office.dir, 'cli.csv');
    const summary = exportHistory(office.db, {}, 'csv', cli);
    const outcome = await finished(manager()('jobs.start', { kind: 'export', format: 'csv', scope: {} }));
    expect(readFileSync(outcome.file, 'utf8')).toBe(readFileSync(cli, 'utf8'));
    expect([outcome.rows, outcome.head, outcome.chainRows]).toEqual([summary.rows, summary.head, summary.chainRows]);
    expect(outcome.fileName).toMatch(new RegExp(`^jobtrail-history-audit-log-${STAMP}\\.csv$`));
  });

  it('finds words the search index has not taken in yet', async () => {
    office.as('staff')('customers.create', { name: 'Zebediah Quimby' });
    const indexed = office.db.sqlite.prepare('SELECT indexed_to FROM audit_search_progress').pluck().get() as number;
    expect(indexed).toBeLessThan(office.db.sqlite.prepare('SELECT max(id) FROM audit_log').pluck().get() as number);
    const outcome = await finished(manager()('jobs.start', { kind: 'export', format: 'csv', scope: { text: 'Quimby' } }));
    expect(outcome.rows).toBe(1);
    expect(readFileSync(outcome.file, 'utf8')).toContain('Zebediah Quimby');
    expect(outcome.fileName).toMatch(new RegExp(`^jobtrail-history-audit-log-search-quimby-${STAMP}\\.csv$`));
  });

  it('never replaces an earlier export, and makes any name safe for a file', async () => {
    const name = 'Booking 1042 / März';
    const [a, b] = [
      manager()('jobs.start', { kind: 'export', format: 'csv', scope: {}, name }),
      manager()('jobs.start', { kind: 'export', format: 'csv', scope: {}, name }),
    ];
    const [first, second] = [await finished(a), await finished(b)];
    expect(first.fileName).toMatch(new RegExp(`^jobtrail-history-Booking-1042-Marz-${STAMP}\\.csv$`));
    expect(second.fileName).not.toBe(first.fileName);
    expect(office.raw('manager', 'jobs.start', { kind: 'export', format: 'csv', scope: {}, name: ' / ' })).toEqual({
      ok: false,
      error: { code: 'invalid_input', field: 'name', message: 'name: must hold a letter or a digit' },
    });
  });
});

describe('jobs, asked about', () => {
  it('a running export has nothing to download yet, and a check of the trail never has', async () => {
    const exporting = manager()('jobs.start', { kind: 'export', format: 'csv', scope: {} });
    expect(office.raw('manager', 'jobs.download', { id: exporting.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'This export is still running: its file can be opened once it is done.' },
    });
    const checking = manager()('jobs.start', { kind: 'verify' });
    await Promise.all([jobEnded(office.db, exporting.id), jobEnded(office.db, checking.id)]);
    expect(office.raw('manager', 'jobs.download', { id: checking.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('one check at a time: a second start joins the running one; past the limit of running jobs, a conflict', async () => {
    const check = manager()('jobs.start', { kind: 'verify' });
    expect(manager()('jobs.start', { kind: 'verify' }).id).toBe(check.id);
    const exports = Array.from({ length: MAX_RUNNING_JOBS - 1 }, () => manager()('jobs.start', { kind: 'export', format: 'json', scope: {} }));
    expect(office.raw('manager', 'jobs.start', { kind: 'export', format: 'csv', scope: {} })).toEqual({
      ok: false,
      error: { code: 'conflict', message: `${MAX_RUNNING_JOBS} jobs are running already: wait for one to finish, or cancel one, then start this one again.` },
    });
    expect(manager()('jobs.start', { kind: 'verify' }).id).toBe(check.id);
    const listed = manager()('jobs.list', {});
    expect(listed.slice(0, MAX_RUNNING_JOBS).map((j) => j.id)).toEqual([...exports.map((e) => e.id)].reverse().concat(check.id));
    for (const j of [check, ...exports]) expect((await jobEnded(office.db, j.id)).state).toBe('done');
  });

  it('an unknown job is not_found, saying so', () => {
    for (const name of ['jobs.status', 'jobs.cancel', 'jobs.download'] as const) {
      expect(office.raw('manager', name, { id: 'no-such-job' })).toEqual({
        ok: false,
        error: {
          code: 'not_found',
          field: 'id',
          message: 'There is no job no-such-job: it ended more than an hour ago, or JobTrail has been restarted since.',
        },
      });
    }
  });

  it('an export of a booking nobody knows is not_found, and starts nothing', () => {
    const before = manager()('jobs.list', {}).length;
    expect(office.raw('manager', 'jobs.start', { kind: 'export', format: 'csv', scope: { bookingId: 99_999 } })).toEqual({
      ok: false,
      error: { code: 'not_found', field: 'scope.bookingId', message: 'Booking 99999 does not exist, and has no History to export.' },
    });
    expect(manager()('jobs.list', {}).length).toBe(before);
  });

  it.each(['staff', 'fieldworker'] as const)('a %s may not start, follow, list, cancel or download jobs', (role) => {
    const any = manager()('jobs.list', {})[0].id;
    const answers = [
      office.raw(role, 'jobs.start', { kind: 'verify' }),
      office.raw(role, 'jobs.start', { kind: 'export', format: 'csv', scope: { bookingId: office.bookingId } }),
      office.raw(role, 'jobs.status', { id: any }),
      office.raw(role, 'jobs.list', {}),
      office.raw(role, 'jobs.cancel', { id: any }),
      office.raw(role, 'jobs.download', { id: any }),
    ];
    for (const a of answers) expect(a).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('manager') } });
  });
});
