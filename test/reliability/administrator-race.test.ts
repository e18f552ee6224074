// Two administrators deactivating each other at the same moment, each in a process
// of its own on one file (the app and the web mode, say): exactly one may succeed,
// and JobTrail must never be left without an active administrator.
//
// The barrier is SQLite's own write lock, held by this test while both children
// start their call: reads go on beside a writer in WAL mode, so a check made before
// the write transaction passes in both, and both then queue for the lock; a check
// made inside the transaction (BEGIN IMMEDIATE) waits with the write and sees the
// first one's change. So the old order fails every round, and no hook in the
// service is needed to widen the window.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../db/open';
import { setUserActive } from '../../electron/services/users';
import { makeCore, TEST_PASSWORD, type TestCore } from '../helpers/core';
import { ROOT } from '../cli/cli';

const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const ROUNDS = 3;
/** Long enough for a child to finish a read of the users table many times over. */
const SETTLE_MS = 600;

interface Child {
  process: ChildProcessWithoutNullStreams;
  next(line: string): Promise<string>;
}

function start(file: string, actor: { id: number; name: string }, target: number): Child {
  const child = spawn(TSX, ['test/reliability/deactivateChild.ts', file, String(actor.id), actor.name, String(target)], { cwd: ROOT });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const waiters: { prefix: string; resolve(line: string): void }[] = [];
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    let nl;
    while ((nl = out.indexOf('\n')) >= 0) {
      const line = out.slice(0, nl);
      out = out.slice(nl + 1);
      const i = waiters.findIndex((w) => line.startsWith(w.prefix));
      if (i >= 0) waiters.splice(i, 1)[0].resolve(line);
    }
  });
  return {
    process: child,
    next: (prefix) =>
      new Promise((resolve, reject) => {
        waiters.push({ prefix, resolve });
        child.once('exit', (code) => reject(new Error(`child exited (${code}) before "${prefix}": ${err}`)));
      }),
  };
}

let core: TestCore;
let second: { id: number; name: string };
beforeAll(() => {
  core = makeCore();
  second = core.as('administrator')('users.create', { name: 'Bea Backup-Admin', role: 'administrator', password: TEST_PASSWORD });
  core.close();
});
afterAll(() => core.dispose());

const activeAdministrators = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT name FROM users WHERE role = 'administrator' AND active = 1 ORDER BY id").pluck().all() as string[];
  } finally {
    db.close();
  }
};

describe('two administrators deactivating each other from two processes', () => {
  it('one succeeds, the other is refused, and an active administrator remains', { timeout: 60_000 }, async () => {
    const first = core.users.administrator;
    for (let round = 0; round < ROUNDS; round++) {
      const db = openDatabase(core.file);
      for (const id of [first.id, second.id]) setUserActive({ db, user: { ...first, role: 'administrator' } }, { id, active: true });
      closeDatabase(db);

      const a = start(core.file, first, second.id);
      const b = start(core.file, second, first.id);
      await Promise.all([a.next('ready'), b.next('ready')]);
      const barrier = new Database(core.file);
      barrier.pragma('busy_timeout = 10000');
      barrier.exec('BEGIN IMMEDIATE');
      const outcomes = [a, b].map((c) => c.next('{'));
      for (const c of [a, b]) c.process.stdin.write('go\n');
      await Promise.all([a.next('calling'), b.next('calling')]);
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      barrier.exec('ROLLBACK');
      barrier.close();
      const results = (await Promise.all(outcomes)).map((line) => JSON.parse(line) as { ok: boolean; message?: string });

      expect(activeAdministrators(core.file), `round ${round + 1}`).toHaveLength(1);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)?.message).toBe('You cannot deactivate the last administrator: JobTrail would be left without an active administrator.');
    }
  });
});
