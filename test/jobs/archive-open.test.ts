// A manager opens an archive to read it in the app: the file is checked whole and
// loaded as a job; then its History is read, searched, printed and exported as the
// log's is, the customer's access report includes its rows while it is open, an
// archive that was altered opens with the row named, and closing it leaves the
// file as it was.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobEnded } from '../../electron/jobs/registry';
import type { JobStatus } from '../../electron/jobs/types';
import { parseCsvSummaryLine } from '../../electron/services/exports';
import { makeCore, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer } from '../helpers/audit';

let core: TestCore;
let customerId: number;
let archive: { fileName: string; file: string; rows: number; lastId: number };

const outcome = <K extends string>(s: JobStatus, kind: K) => {
  if (s.outcome?.kind !== kind) throw new Error(`the job ended ${s.state}: ${s.error ?? ''}`);
  return s.outcome as Extract<NonNullable<JobStatus['outcome']>, { kind: K }>;
};
const open = async (fileName: string) => outcome(await jobEnded(core.db, core.as('manager')('archives.open', { fileName }).id), 'archiveOpen');

beforeAll(async () => {
  core = makeCore();
  customerId = makeCustomer(core, { name: 'Greta Holmqvist' }).id;
  const bookingId = makeBooking(core, customerId).id;
  core.as('staff')('bookings.update', { id: bookingId, address: '4 Lanternfield Row' });
  const lastAt = Date.parse(core.db.sqlite.prepare('SELECT max(at) FROM audit_log').pluck().get() as string);
  const cut = new Date(lastAt + 1).toISOString();
  while (Date.now() <= lastAt + 1) {
    /* the rows after the cut must be stamped after it: a millisecond or two */
  }
  core.as('staff')('bookings.update', { id: bookingId, address: '9 Stayhere Court' });
  const made = outcome(await jobEnded(core.db, core.as('manager')('archives.start', { before: cut }).id), 'archive');
  archive = { fileName: made.fileName, file: made.file, rows: made.rows, lastId: made.lastId };
});
afterAll(() => core.dispose());

describe('opening an archive to read it', () => {
  it('lists the archive files for managers only, none open yet, and refuses to read one that is not open', () => {
    expect(core.raw('staff', 'archives.list')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.as('manager')('archives.list')).toEqual([
      expect.objectContaining({
        fileName: archive.fileName,
        rows: archive.rows,
        firstId: 1,
        lastId: archive.lastId,
        ofThisDatabase: true,
        problem: null,
        opened: null,
      }),
    ]);
    expect(core.raw('manager', 'archives.history', { fileName: archive.fileName })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/not open: open it first/) },
    });
  });

  it('takes an archive file name only, never a path', () => {
    for (const fileName of ['../jobtrail.db', '../../etc/passwd.jtarchive', 'archives/x.jtarchive']) {
      expect(core.raw('manager', 'archives.open', { fileName })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'fileName' } });
    }
    expect(core.raw('manager', 'archives.open', { fileName: 'nothing-here.jtarchive' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('leaves the access report without the archived rows while the archive is closed', () => {
    const report = core.as('manager')('reports.customer', { customerId });
    expect(report.history.every((r) => r.id > archive.lastId)).toBe(true);
    expect(report.header.archives).toBeUndefined();
  });

  it('checks the whole file as a job, then reads its History as the log is read, with its records named', async () => {
    expect(await open(archive.fileName)).toEqual({ kind: 'archiveOpen', fileName: archive.fileName, rows: archive.rows, verified: true, problem: null });
    const page = core.as('manager')('archives.history', { fileName: archive.fileName, limit: 1000 });
    expect(page.total).toMatchObject({ count: archive.rows, atLeast: false });
    expect(page.rows.map((r) => r.id)).toEqual(Array.from({ length: archive.rows }, (_, i) => archive.rows - i));
    expect(page.archive).toMatchObject({ fileName: archive.fileName, verified: true, lastId: archive.lastId });
    const moved = page.rows.find((r) => r.newValue === '4 Lanternfield Row')!;
    expect(moved).toMatchObject({ actorName: 'Sam Staff', field: 'address', booking: expect.objectContaining({ customer: 'Greta Holmqvist' }) });
  });

  it('searches the archive by words, and only the archive', () => {
    const found = core.as('manager')('archives.history', { fileName: archive.fileName, text: 'Lanternfield' }).rows;
    expect(found.map((r) => r.newValue)).toEqual(['4 Lanternfield Row']);
    expect(core.as('manager')('archives.history', { fileName: archive.fileName, text: 'Stayhere' }).rows).toEqual([]);
    // The log still finds the later change away from it (its old value), and only that.
    expect(
      core
        .as('staff')('history.search', { text: 'Lanternfield' })
        .rows.map((r) => [r.oldValue, r.id > archive.lastId]),
    ).toEqual([['4 Lanternfield Row', true]]);
  });

  it("includes the open archive's rows in the customer's access report, oldest first, and names the archive", () => {
    const report = core.as('manager')('reports.customer', { customerId });
    const ids = report.history.map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const inArchive = core.as('manager')('archives.history', { fileName: archive.fileName, customerId, limit: 1000 }).rows.length;
    expect(ids.filter((id) => id <= archive.lastId)).toHaveLength(inArchive);
    expect(inArchive).toBeGreaterThan(0);
    expect(report.history.map((r) => r.newValue)).toEqual(expect.arrayContaining(['4 Lanternfield Row', '9 Stayhere Court']));
    expect(report.header.archives).toEqual([expect.objectContaining({ fileName: archive.fileName, verified: true })]);
  });

  it("prints the archive's History for a manager, and refuses staff", () => {
    const report = core.as('manager')('reports.history', { archive: archive.fileName });
    expect(report.history).toHaveLength(archive.rows);
    expect(report.header.subject).toMatch(`The archive ${archive.fileName}`);
    expect(report.header.archives).toEqual([expect.objectContaining({ fileName: archive.fileName })]);
    expect(core.raw('staff', 'reports.history', { archive: archive.fileName })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it("exports the archive's rows, ending with the archive's own chain head", async () => {
    const started = core.as('manager')('jobs.start', { kind: 'export', format: 'csv', scope: { archive: archive.fileName } });
    const done = outcome(await jobEnded(core.db, started.id), 'export');
    expect(done.fileName).toMatch(/archive-history-before-/);
    const lines = readFileSync(done.file, 'utf8').trimEnd().split('\r\n');
    const lastHash = core
      .as('manager')('archives.list')
      .find((a) => a.fileName === archive.fileName)!.opened!.lastHash;
    expect(parseCsvSummaryLine(lines.at(-1)!)).toEqual({ rows: archive.rows, head: lastHash.slice(0, 16), chainRows: archive.lastId });
    expect(lines.some((l) => l.includes('4 Lanternfield Row'))).toBe(true);
    expect(lines.some((l) => l.includes('9 Stayhere Court'))).toBe(false);
  });

  it('opens an altered copy with the altered row named, and still shows what it holds', async () => {
    const text = gunzipSync(readFileSync(archive.file)).toString('utf8').replace('4 Lanternfield Row', '4 Lanternfield Road');
    const altered = join(dirname(archive.file), 'altered-copy.jtarchive');
    writeFileSync(altered, gzipSync(text));
    const opened = await open('altered-copy.jtarchive');
    expect(opened).toMatchObject({ verified: false, problem: expect.stringMatching(/^row \d+: .*altered/) });
    expect(
      core
        .as('manager')('archives.history', { fileName: 'altered-copy.jtarchive', text: 'Lanternfield' })
        .rows.map((r) => r.newValue),
    ).toEqual(['4 Lanternfield Road']);
    expect(core.as('manager')('reports.customer', { customerId }).header.archives).toEqual(
      expect.arrayContaining([expect.objectContaining({ fileName: 'altered-copy.jtarchive', verified: false })]),
    );
    core.as('manager')('archives.close', { fileName: 'altered-copy.jtarchive' });
  });

  it('forgets a view once the archive file changes, and closing leaves the file as it was', () => {
    const before = readFileSync(archive.file);
    const views = join(dirname(core.file), 'archive-views');
    expect(existsSync(join(views, `${archive.fileName}.db`))).toBe(true);
    expect(core.as('manager')('archives.close', { fileName: archive.fileName })).toEqual({ closed: true });
    expect(existsSync(join(views, `${archive.fileName}.db`))).toBe(false);
    expect(readFileSync(archive.file).equals(before)).toBe(true);
    expect(core.raw('manager', 'archives.history', { fileName: archive.fileName })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(statSync(archive.file).size).toBe(before.length);
  });

  it('shows an open archive as closed once its file was replaced', async () => {
    await open(archive.fileName);
    writeFileSync(archive.file, readFileSync(archive.file)); // the same bytes, written again: another file than the one read
    const later = new Date(Date.now() + 5000);
    const { utimesSync } = await import('node:fs');
    utimesSync(archive.file, later, later);
    expect(
      core
        .as('manager')('archives.list')
        .find((a) => a.fileName === archive.fileName),
    ).toMatchObject({ opened: null });
  });
});
