// Cancelling a job stops it between two steps and leaves nothing half-written: an
// export's file is not there, under its name or beside it, and the job says
// "cancelled" only once that is so.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partialFileOf } from '../../electron/services/exports';
import { jobEnded, stopJobs } from '../../electron/jobs/registry';
import { jobOffice, until, type JobOffice } from './office';

let office: JobOffice;
beforeAll(() => {
  office = jobOffice(120_000);
});
afterAll(() => office.end());

describe('cancelling a job', () => {
  it('stops an export halfway, and leaves no file in exports/, not even a partial one', async () => {
    const started = office.as('manager')('jobs.start', { kind: 'export', format: 'json', scope: {}, name: 'everything' });
    const writing = await until(office, started.id, (s) => s.progress.phase === 'Writing rows' && s.progress.done > 0);
    expect(writing.progress.done).toBeLessThan(office.rows);
    expect(office.exportFiles()).toEqual([expect.stringMatching(/^jobtrail-history-everything-\d{4}-\d{2}-\d{2}-\d{6}\.json\.\d+\.partial$/)]);

    const asked = office.as('manager')('jobs.cancel', { id: started.id });
    expect(asked).toMatchObject({ state: 'running', progress: { phase: 'Cancelling' } });
    const end = await jobEnded(office.db, started.id);
    expect(end).toMatchObject({ state: 'cancelled', outcome: null, error: null });
    expect(end.finishedAt).not.toBeNull();
    expect(office.exportFiles()).toEqual([]);
    expect(office.as('manager')('jobs.status', { id: started.id }).state).toBe('cancelled');
    // Asking again changes nothing; the file it would have had cannot be downloaded.
    expect(office.as('manager')('jobs.cancel', { id: started.id }).state).toBe('cancelled');
    expect(office.raw('manager', 'jobs.download', { id: started.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'This export was cancelled and left no file: export again.' },
    });
  });

  it('stops a check of the trail; the next check runs whole', async () => {
    const started = office.as('manager')('jobs.start', { kind: 'verify' });
    await until(office, started.id, (s) => s.progress.phase !== 'Starting');
    office.as('manager')('jobs.cancel', { id: started.id });
    expect(await jobEnded(office.db, started.id)).toMatchObject({ state: 'cancelled', outcome: null, error: null });

    const again = office.as('manager')('jobs.start', { kind: 'verify' });
    expect(again.id).not.toBe(started.id);
    expect(await jobEnded(office.db, again.id)).toMatchObject({ state: 'done', outcome: { ok: true, rowsChecked: office.rows } });
  });

  it('stopJobs, before the database closes, cancels every running job and waits for their workers', async () => {
    const exporting = office.as('manager')('jobs.start', { kind: 'export', format: 'csv', scope: { customerId: office.customerId } });
    const checking = office.as('manager')('jobs.start', { kind: 'verify' });
    await until(office, exporting.id, (s) => s.progress.done > 0);
    await stopJobs(office.db);
    const states = office
      .as('manager')('jobs.list', {})
      .filter((j) => [exporting.id, checking.id].includes(j.id))
      .map((j) => j.state);
    expect(states).toEqual(['cancelled', 'cancelled']);
    expect(office.exportFiles()).toEqual([]);
  });

  it('an export that ends before the cancel arrives stays done, with its file', async () => {
    const started = office.as('manager')('jobs.start', { kind: 'export', format: 'csv', scope: { bookingId: office.bookingId } });
    const done = await jobEnded(office.db, started.id);
    expect(office.as('manager')('jobs.cancel', { id: started.id })).toEqual(done);
    const outcome = done.outcome!;
    if (outcome.kind !== 'export') throw new Error('not an export');
    expect(existsSync(outcome.file)).toBe(true);
    expect(existsSync(partialFileOf(outcome.file))).toBe(false);
  });
});
