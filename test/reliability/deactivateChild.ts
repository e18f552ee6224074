// The child process of administrator-race.test.ts: one administrator deactivating
// another through the real service, started when the parent says "go" on stdin.
// It prints "calling" just before the call and one JSON line with the outcome.
//
//   tsx test/reliability/deactivateChild.ts DB ACTOR_ID ACTOR_NAME TARGET_ID
import { createInterface } from 'node:readline';
import { closeDatabase, openDatabase } from '../../db/open';
import { setUserActive } from '../../electron/services/users';

const [file, actorId, actorName, targetId] = process.argv.slice(2);
const db = openDatabase(file);
const ctx = { db, user: { id: Number(actorId), name: actorName, role: 'administrator' as const } };
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
lines.once('line', () => {
  process.stdout.write('calling\n');
  let outcome: { ok: boolean; message?: string };
  try {
    setUserActive(ctx, { id: Number(targetId), active: false });
    outcome = { ok: true };
  } catch (e) {
    outcome = { ok: false, message: (e as Error).message };
  }
  closeDatabase(db);
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
  lines.close();
});
