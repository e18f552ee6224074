// A restore and a start of the app on one file at the same moment, in two
// processes, 20 rounds at varied offsets: either the restore is refused (the app
// had the file open) or the app waits for the restored file. Whichever way, a
// write the app acknowledged is in the file, and the file is whole
// (PRAGMA integrity_check) and verifies.
import { spawn } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIntegrity } from '../../db/integrity';
import { removeDatabase } from '../../db/open';
import { addNote } from '../../electron/services/notes';
import { makeCore, type TestCore } from '../helpers/core';
import { ROOT } from '../cli/cli';

const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const ROUNDS = 20;

function child(mode: 'restore' | 'start') {
  const p = spawn(TSX, ['test/reliability/restoreRaceChild.ts', mode], { cwd: ROOT });
  let out = '';
  let err = '';
  const waiting: { resolve(line: string): void; reject(e: Error): void }[] = [];
  p.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  p.once('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`${mode} child exited (${code}): ${err}`));
  });
  p.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    let nl;
    while ((nl = out.indexOf('\n')) >= 0) {
      const line = out.slice(0, nl);
      out = out.slice(nl + 1);
      waiting.shift()?.resolve(line);
    }
  });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      waiting.push({ resolve, reject });
    });
  const ready = next();
  return {
    ready,
    ask: (line: string) => {
      const answer = next().then((l) => JSON.parse(l) as { ok: boolean; message?: string });
      p.stdin.write(`${line}\n`);
      return answer;
    },
    stop: () => p.kill(),
  };
}

let core: TestCore;
let base: string;
let backup: string;
beforeAll(() => {
  core = makeCore();
  // Padding, so that copying the backup in takes a while, as with a real office's file.
  const ctx = { db: core.db, user: { ...core.users.administrator, role: 'administrator' as const } };
  const customer = core.as('staff')('customers.create', { name: 'Padding Customer', address: '1 Padding Road' });
  for (let i = 0; i < 24; i++) addNote(ctx, { customerId: customer.id, body: `${i} `.padEnd(900_000, 'x') });
  core.close();
  base = join(core.dir, 'base.db');
  copyFileSync(core.file, base);
  backup = join(core.dir, 'backup.db');
  copyFileSync(core.file, backup);
});
afterAll(() => core.dispose());

describe('restore while a core starts', () => {
  it('loses no acknowledged write and leaves no malformed file', { timeout: 240_000 }, async () => {
    const restorer = child('restore');
    const starter = child('start');
    try {
      await Promise.all([restorer.ready, starter.ready]);
      const file = join(core.dir, 'office.db');
      const fresh = () => {
        removeDatabase(file);
        rmSync(`${file}.lock`, { recursive: true, force: true });
        copyFileSync(base, file);
      };
      // One restore alone: how long it takes sets the range of offsets the start is tried at.
      fresh();
      const t0 = performance.now();
      expect(await restorer.ask(`${file}\t${backup}`)).toEqual({ ok: true });
      const span = performance.now() - t0;

      const outcomes = { restored: 0, refused: 0 };
      for (let round = 0; round < ROUNDS; round++) {
        fresh();
        const name = `Race Customer ${round}`;
        const restored = restorer.ask(`${file}\t${backup}`);
        await new Promise((resolve) => setTimeout(resolve, (round / ROUNDS) * span * 1.2));
        const written = await starter.ask(`${file}\t${name}`);
        const r = await restored;
        expect(written, `round ${round}`).toEqual({ ok: true });
        if (r.ok) outcomes.restored++;
        else {
          outcomes.refused++;
          expect(r.message).toMatch(/is open in the core of the race test|would lose audit rows|is in use/);
        }
        const db = new Database(file, { readonly: true });
        try {
          expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
          expect(db.prepare('SELECT count(*) FROM customers WHERE name = ?').pluck().get(name), `round ${round}: the acknowledged write`).toBe(1);
          expect(checkIntegrity(db).problems).toEqual([]);
        } finally {
          db.close();
        }
      }
      console.log(`restore race: ${outcomes.restored} restored, ${outcomes.refused} refused`);
    } finally {
      restorer.stop();
      starter.stop();
    }
  });
});
