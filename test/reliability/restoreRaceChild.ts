// The child processes of restore-race.test.ts, one of each kind, reused for every
// round: each waits for a line on stdin, does its one thing, and answers with one
// JSON line.
//
//   tsx test/reliability/restoreRaceChild.ts restore   (a line "DB BACKUP": restores, as `cli restore` does)
//   tsx test/reliability/restoreRaceChild.ts start     (a line "DB NAME": starts a core as the app does,
//                                                      adds customer NAME, answers once it is committed, closes)
import { createInterface } from 'node:readline';
import { startCore } from '../../electron/app';
import { nameLockHolder } from '../../db/openLock';
import { createCustomer } from '../../electron/services/customers';
import { restoreBackup } from '../../electron/services/restore';

const mode = process.argv[2];
nameLockHolder(mode === 'restore' ? 'the restore of the race test' : 'the core of the race test');
const answer = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
const failed = (e: unknown) => answer({ ok: false, message: e instanceof Error ? e.message : String(e) });

async function restore(file: string, backup: string): Promise<void> {
  try {
    await restoreBackup(file, backup);
    answer({ ok: true });
  } catch (e) {
    failed(e);
  }
}

async function start(file: string, name: string): Promise<void> {
  let core;
  try {
    core = startCore(file, () => {});
    createCustomer({ db: core.db, user: { id: 1, name: 'Ada Admin', role: 'administrator' } }, { name, address: '1 Race Road' });
    answer({ ok: true });
    // Open a little longer, as the app stays open after a write.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 100));
  } catch (e) {
    failed(e);
  } finally {
    core?.close();
  }
}

process.stdout.write('ready\n');
let queue = Promise.resolve();
createInterface({ input: process.stdin }).on('line', (line) => {
  const [a, b] = line.split('\t');
  queue = queue.then(() => (mode === 'restore' ? restore(a, b) : start(a, b)));
});
