// Two runs of one file at the same time (two people at two desks) never write a row
// twice: the second to reach a batch finds the other's batch recorded since it
// planned, checked inside its write lock, and stops; running it again then writes
// only what is still missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/open';
import { contract } from '../../electron/api/contract';
import { ImportStopped, importBookings } from '../../electron/services/bookingImport';
import { fingerprintOf } from '../../electron/services/importBatches';
import { signIn } from '../../electron/services/users';
import { makeCore, TEST_PASSWORD, USER_NAMES, type TestCore } from '../helpers/core';

const ROWS = 40;
let core: TestCore;
let desks: Db[];
beforeAll(() => {
  core = makeCore();
  core.as('staff')('customers.create', { name: 'Olive Existing', address: '7 Known Road' });
  desks = [openDatabase(core.file), openDatabase(core.file)];
});
afterAll(() => {
  desks.forEach(closeDatabase);
  core.dispose();
});

const lines = ['customer,service,start,end,price'];
for (let i = 0; i < ROWS; i++) lines.push(`Olive Existing,Twice job ${i},2026-05-01T09:00:00Z,2026-05-01T10:00:00Z,10`);
const text = lines.join('\n') + '\n';
const source = fingerprintOf(Buffer.from(text), 'twice.csv');
const run = (db: Db, name: string) =>
  importBookings({ db, user: signIn(db, { name, password: TEST_PASSWORD }) }, text, { schema: contract['bookings.create'].input, source, batchSize: 4 });
const services = () => core.db.sqlite.prepare("SELECT service FROM bookings WHERE service LIKE 'Twice job %'").pluck().all() as string[];

describe('one file imported twice at the same time', () => {
  it("writes each row once: the run that finds the other's batches stops, and its re-run writes only the rest", async () => {
    // Both plan before either has written more than a batch; their batches then take turns.
    const [first, second] = await Promise.allSettled([run(desks[0], USER_NAMES.manager), run(desks[1], USER_NAMES.staff)]);
    const stopped = [first, second].filter((r) => r.status === 'rejected');
    expect(stopped).toHaveLength(1);
    const reason = (stopped[0] as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(ImportStopped);
    expect(reason.message).toMatch(/another import of this file \(by .*\) wrote rows while this one ran; once it has finished, run the same command again/);
    expect(new Set(services()).size).toBe(services().length); // no row twice

    const again = await run(desks[0], USER_NAMES.manager);
    expect(again.skipped + again.bookings).toBe(ROWS);
    expect(services().sort()).toEqual([...Array(ROWS).keys()].map((i) => `Twice job ${i}`).sort());
  });
});
