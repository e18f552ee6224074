// A job that cannot do its work ends "failed" with a sentence saying why, never
// hangs as "running", and leaves no half file behind.
import { rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { exportFolder } from '../../electron/jobs/exportFiles';
import { jobEnded } from '../../electron/jobs/registry';
import { jobOffice, type JobOffice } from './office';

let office: JobOffice;
afterEach(() => office.end());

describe('a job that cannot run', () => {
  it.each([
    ['a check of the trail', { kind: 'verify' } as const],
    ['an export', { kind: 'export', format: 'csv', scope: {} } as const],
  ])('%s whose database file is removed before its worker opens it ends failed, saying so', async (_what, request) => {
    office = jobOffice();
    const started = office.as('manager')('jobs.start', request);
    // The worker is still starting: the core's own connection keeps the removed file open, the worker finds none.
    rmSync(office.file);
    const end = await jobEnded(office.db, started.id);
    expect(end).toMatchObject({ state: 'failed', outcome: null, error: `The database ${office.file} is no longer there.` });
    expect(end.finishedAt).not.toBeNull();
    expect(office.exportFiles()).toEqual([]);
  });

  it('an export whose folder is removed before it writes ends failed, naming the file, and leaves nothing', async () => {
    office = jobOffice();
    const started = office.as('manager')('jobs.start', { kind: 'export', format: 'json', scope: {}, name: 'gone' });
    rmSync(exportFolder(office.file), { recursive: true });
    const end = await jobEnded(office.db, started.id);
    expect(end.state).toBe('failed');
    expect(end.error).toMatch(
      /^The folder of .*jobtrail-history-gone-.*\.json is no longer there \(moved or deleted while the job ran\): nothing was written\.$/,
    );
    expect(office.exportFiles()).toEqual([]);
  });

  it('an export to an exports "folder" that is a file is refused before anything starts', () => {
    office = jobOffice();
    writeFileSync(exportFolder(office.file), 'not a folder');
    const before = office.as('manager')('jobs.list', {}).length;
    const r = office.raw('manager', 'jobs.start', { kind: 'export', format: 'csv', scope: {} });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: `Exports cannot be written to ${exportFolder(office.file)} (EEXIST): make sure it is a folder this account may write to, then export again.`,
      },
    });
    expect(office.as('manager')('jobs.list', {}).length).toBe(before);
  });
});
