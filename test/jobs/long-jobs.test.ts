// The reason jobs exist: a check of the whole trail, or an export of all of it,
// used to run inside the dispatcher and hold every other call until it ended. As
// jobs they run on threads of their own, and History goes on answering meanwhile.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../electron/jobs/types';
import { jobOffice, watchJob, type JobOffice } from './office';

let office: JobOffice;
beforeAll(() => {
  office = jobOffice(150_000);
});
afterAll(() => office.end());

interface Answer {
  ms: number;
  phase: string;
  done: number;
  rows: number;
}

/** A staff member reads a booking's History (their own session) each time the job's status is asked, while it runs. */
async function readWhileItRuns(id: string): Promise<{ answers: Answer[]; statuses: JobStatus[] }> {
  const answers: Answer[] = [];
  const statuses = await watchJob(office, id, (s) => {
    if (s.state !== 'running') return;
    const t = performance.now();
    const page = office.as('staff')('history.booking', { bookingId: office.bookingId });
    answers.push({ ms: performance.now() - t, phase: s.progress.phase, done: s.progress.done, rows: page.rows.length });
  });
  return { answers, statuses };
}

/** The answers given while the job was in the middle of its work: past starting, at different points of it. */
const midway = (answers: Answer[]) => new Set(answers.filter((a) => a.phase !== 'Starting' && a.done > 0).map((a) => `${a.phase} ${a.done}`));

describe('long jobs run beside ordinary calls', () => {
  it('a check of the whole trail runs while History reads keep answering, and says how far it has got', async () => {
    const started = office.as('manager')('jobs.start', { kind: 'verify' });
    expect(started).toMatchObject({
      kind: 'verify',
      state: 'running',
      title: 'Check of the audit trail',
      startedBy: { name: 'Max Manager' },
      outcome: null,
      error: null,
    });
    const { answers, statuses } = await readWhileItRuns(started.id);

    const end = statuses.at(-1)!;
    expect(end).toMatchObject({ state: 'done', error: null, outcome: { kind: 'verify', ok: true, rowsChecked: office.rows, problems: [], firstBroken: null } });
    expect(end.finishedAt).not.toBeNull();
    // Every answer came at once, at many points of the check: the dispatcher was never held.
    expect(answers.every((a) => a.rows > 0)).toBe(true);
    expect(midway(answers).size).toBeGreaterThanOrEqual(3);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(1_000);
    // The chain is counted in audit rows out of all of them, then the records table by table.
    const chain = statuses.filter((s) => s.progress.phase === 'Checking the chain');
    expect(chain.length).toBeGreaterThan(0);
    expect(chain.every((s) => s.progress.total === office.rows && s.progress.unit === 'audit rows')).toBe(true);
    const records = statuses.filter((s) => s.progress.phase === 'Checking records against their History');
    expect(records.map((s) => s.progress.done)).toEqual([...records.map((s) => s.progress.done)].sort((a, b) => a - b));
    expect(records.at(-1)!.progress).toMatchObject({ unit: 'tables', total: null });
  });

  it('an export of the whole History runs while History reads keep answering; done grows to the total, with a rate and the time left', async () => {
    const started = office.as('manager')('jobs.start', { kind: 'export', format: 'json', scope: {} });
    expect(started).toMatchObject({ kind: 'export', state: 'running', title: 'JSON export of the Audit log' });
    const { answers, statuses } = await readWhileItRuns(started.id);

    const end = statuses.at(-1)!;
    expect(end).toMatchObject({ state: 'done', outcome: { kind: 'export', rows: office.rows, downloadable: true } });
    expect(midway(answers).size).toBeGreaterThanOrEqual(3);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(1_000);

    const writing = statuses.filter((s) => s.progress.phase === 'Writing rows').map((s) => s.progress);
    const done = writing.map((p) => p.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(new Set(done).size).toBeGreaterThanOrEqual(3);
    expect(writing.every((p) => p.total === office.rows && p.unit === 'rows')).toBe(true);
    const measured = writing.filter((p) => p.ratePerSecond !== null && p.done < p.total!);
    expect(measured.length).toBeGreaterThan(0);
    for (const p of measured) {
      expect(p.ratePerSecond!).toBeGreaterThan(0);
      expect(p.secondsLeft!).toBeCloseTo((p.total! - p.done) / p.ratePerSecond!, 6);
    }
    expect(end.progress).toMatchObject({ done: office.rows, total: office.rows });

    const outcome = end.outcome!;
    if (outcome.kind !== 'export') throw new Error('not an export');
    const file = JSON.parse(readFileSync(outcome.file, 'utf8')) as { chainHead: string; rowCount: number; rows: { raw: { id: number } }[] };
    expect(file.chainHead).toBe(outcome.head);
    expect([file.rows.length, file.rowCount]).toEqual([office.rows, office.rows]);
    expect(file.rows.at(-1)!.raw.id).toBe(office.rows);
  });
});
