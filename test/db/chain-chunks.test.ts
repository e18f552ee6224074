// A long log is verified in chunks, on a worker thread beside the caller (db/chainChunks.ts):
// the verdicts must be the row-by-row check's, wherever in the log a row was touched,
// including deep inside chunks the worker checked.
import Database from 'better-sqlite3';
import { copyFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_ROWS } from '../../db/chainChunks';
import { verifyChain } from '../../db/chain';
import { seedDemo } from '../../electron/cli/seed';
import { tempDir } from '../helpers/core';

let dir: string;
let source: string;
let rows: number;

beforeAll(() => {
  dir = tempDir('jobtrail-chunks-');
  source = join(dir, 'source.db');
  // Enough rows for a dozen chunks, so that the worker takes some of them.
  rows = seedDemo(source, { seed: 5, auditRows: 12 * CHUNK_ROWS, now: '2026-01-15T00:00:00Z' }).auditRows;
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let copies = 0;
/** A copy of the log with one row's value rewritten behind the append-only guard. */
function tampered(id: number): string {
  const file = join(dir, `copy-${++copies}.db`);
  copyFileSync(source, file);
  const db = new Database(file);
  const guard = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_update'").pluck().get() as string;
  db.exec('DROP TRIGGER audit_log_no_update');
  db.prepare("UPDATE audit_log SET new_value = coalesce(new_value, '') || ' (forged)' WHERE id = ?").run(id);
  db.exec(guard);
  db.close();
  return file;
}

function verify(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return verifyChain(db);
  } finally {
    db.close();
  }
}

describe('verifying a long log in chunks', () => {
  it('finds an intact log intact, every row counted', () => {
    const r = verify(source);
    expect(r.ok).toBe(true);
    expect(r.rowsChecked).toBe(rows);
    expect(r.headId).toBe(rows);
  });

  it.each([
    ['the first row', 1],
    ['the last row of a chunk', 3 * CHUNK_ROWS],
    ['the first row of a chunk', 7 * CHUNK_ROWS + 1],
    ['a row deep in the log', 10 * CHUNK_ROWS + 123],
  ])('names %s when it was altered, with every row before it checked', (_what, id) => {
    const r = verify(tampered(id));
    expect(r.ok).toBe(false);
    expect(r.firstBroken).toEqual({ id, problem: 'its content or hash does not match the chain: altered, inserted or reordered' });
    expect(r.rowsChecked).toBe(id - 1);
  });

  // One core: no worker is started, and there is none to fail.
  it.skipIf(availableParallelism() < 2)('throws why when its workers cannot open the file, rather than checking every chunk alone', () => {
    const file = join(dir, 'removed.db');
    copyFileSync(source, file);
    // Out of WAL, so that the caller's connection reads on through its open file alone.
    const writer = new Database(file);
    writer.pragma('journal_mode = DELETE');
    writer.close();
    const db = new Database(file, { readonly: true });
    try {
      rmSync(file); // the caller's connection holds the file open; the workers find no file to open
      expect(() => verifyChain(db)).toThrow(/^The chain check could not start its worker: unable to open database file/);
    } finally {
      db.close();
    }
  });
});
