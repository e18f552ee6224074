// A manager archives old History from the app: a job on a worker of its own, whose
// "archived" row is the manager's, signed with the office's key; afterwards the
// History views read on without the archived rows, search no longer finds them,
// and the whole check passes.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyArchive, verifyArchiveChain } from '../../db/archiveFile';
import { jobEnded } from '../../electron/jobs/registry';
import { makeCore, verifyAsManager, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer } from '../helpers/audit';

let core: TestCore;
let bookingId: number;
let cut: string;
beforeAll(() => {
  core = makeCore();
  const c = makeCustomer(core, { name: 'Orla Oldrow' });
  bookingId = makeBooking(core, c.id).id;
  core.as('staff')('bookings.update', { id: bookingId, address: '1 Quillfeather Road' });
  core.as('staff')('bookings.update', { id: bookingId, address: '3 Midway Close' });
  const lastAt = Date.parse(core.db.sqlite.prepare('SELECT max(at) FROM audit_log').pluck().get() as string);
  cut = new Date(lastAt + 1).toISOString();
  // The rows after the cut must be stamped after it: a few milliseconds at most.
  while (Date.now() <= lastAt + 1) {
    /* wait for the clock to pass the cut */
  }
  core.as('staff')('bookings.update', { id: bookingId, address: '2 Keptmoor Lane' });
});
afterAll(() => core.dispose());

describe('archiving from the app', () => {
  it("is a manager's: staff are refused, quoting what the entry does", () => {
    expect(core.raw('staff', 'archives.start', { before: cut })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/Archive old History/i) },
    });
    expect(core.raw('manager', 'archives.start', { before: '2999-01-01' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'before' } });
    expect(core.raw('manager', 'archives.start', { before: 'yesterday' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'before' } });
  });

  it('runs as a job, writes the file in archives/ beside the database, and records the manager', async () => {
    const started = core.as('manager')('archives.start', { before: cut });
    expect(started).toMatchObject({ kind: 'archive', state: 'running', title: `Archive of the History before ${cut.slice(0, 10)}` });
    const ended = await jobEnded(core.db, started.id);
    expect(ended).toMatchObject({ state: 'done', error: null, outcome: { kind: 'archive', firstId: 1 } });
    const outcome = ended.outcome as Extract<typeof ended.outcome, { kind: 'archive' }>;
    expect(readdirSync(join(dirname(core.file), 'archives'))).toEqual([outcome.fileName]);
    expect(outcome.fileName).toBe(`history-before-${cut.slice(0, 10)}.jtarchive`);
    expect(await verifyArchive(outcome.file)).toMatchObject({ ok: true, rowsChecked: outcome.rows });
    expect(await verifyArchiveChain([outcome.file], core.db.sqlite)).toMatchObject({ ok: true });
    const row = core.db.sqlite.prepare("SELECT actor_name, actor_id, origin, new_value FROM audit_log WHERE event = 'archived'").get();
    expect(row).toEqual({ actor_name: 'Max Manager', actor_id: core.users.manager.id, origin: 'app', new_value: String(outcome.lastId) });
  });

  it('leaves History that reads on, searched without the archived rows, and says where the rest went', () => {
    const history = core.as('staff')('history.booking', { bookingId });
    const values = history.rows.map((r) => r.newValue);
    expect(values).toContain('2 Keptmoor Lane');
    expect(values).not.toContain('1 Quillfeather Road');
    expect(core.as('staff')('history.search', { text: 'Quillfeather' }).rows).toEqual([]);
    expect(core.as('staff')('history.search', { text: 'Keptmoor' }).rows).toHaveLength(1);
    const status = core.as('fieldworker')('archives.status');
    expect(status.keptFrom! >= cut).toBe(true);
    expect(status.archives).toEqual([expect.objectContaining({ by: 'Max Manager', what: expect.stringMatching(/rows \(1–\d+\) to history-before-/) })]);
  });

  it('makes every report say that older History is in an archive, not in it', () => {
    const customerId = core.db.sqlite.prepare('SELECT customer_id FROM bookings WHERE id = ?').pluck().get(bookingId) as number;
    const report = core.as('manager')('reports.customer', { customerId });
    const lastId = core.db.sqlite.prepare('SELECT last_id FROM audit_checkpoint').pluck().get() as number;
    expect(report.header.archived).toEqual({ before: core.as('staff')('archives.status').keptFrom, lastId });
  });

  it('leaves a trail that passes the whole check', async () => {
    expect(await verifyAsManager(core)).toMatchObject({ ok: true, problems: [] });
  });
});
