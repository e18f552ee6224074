// Crash safety: a child process writes audited changes through the real services
// in a loop and is killed with SIGKILL at random moments. After every kill the
// database is opened the way the app opens it, and must hold every change the
// child reported as committed, each with exactly its audit rows, no audit row
// without its change, no half of a transaction, and an intact chain.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../db/open';
import { checkIntegrity } from '../../db/integrity';
import { createFirstAdministrator } from '../../electron/services/users';
import { tempDir } from '../helpers/core';
import { ROOT } from '../cli/cli';
import { expectedRows } from './crashSteps';

const KILLS = 24;

const dir = tempDir('jobtrail-crash-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the writer at `first`; resolves with the child once it has opened the database and begun. */
function startWriter(file: string, journal: string, first: number) {
  // Node itself with tsx's loader, not the tsx command: that one runs the script in a
  // grandchild, which a SIGKILL to the command would leave running.
  const child = spawn(process.execPath, ['--import', 'tsx', join('test', 'reliability', 'crashWriter.ts'), file, journal, String(first)], { cwd: ROOT });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve();
    });
    void exited.then((how) => reject(new Error(`the writer ended (${how}) before it was ready: ${stderr}`)));
  });
  ready.catch(() => {}); // a kill while it is still starting is one of the cases, not an error
  return { child, ready, exited };
}

/** Steps the child reported committed: whole lines of the journal, in order. */
function journalled(journal: string): number[] {
  if (!existsSync(journal)) return [];
  const text = readFileSync(journal, 'utf8');
  return text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter(Boolean)
    .map(Number);
}

interface Found {
  steps: number;
  rows: number;
}

/**
 * Opens the database as the app does (recovering the WAL) and checks it against
 * the steps: the audit rows after the set-up fall into one group per transaction,
 * and group i holds exactly what step i writes. Returns the steps found committed.
 */
function checkAfterKill(file: string, afterId: number): Found {
  const db = openDatabase(file);
  try {
    const report = checkIntegrity(db.sqlite);
    expect(report.problems).toEqual([]);
    expect(report.chain.unsealedTail).toBe(0);
    const rows = db.sqlite
      .prepare(
        `SELECT id, tx, entity, field, new_value, origin, actor_name FROM audit_log
      WHERE id > ? ORDER BY id`,
      )
      .all(afterId) as { tx: number; entity: string; field: string | null; new_value: string | null; origin: string; actor_name: string }[];
    const groups: (typeof rows)[] = [];
    for (const r of rows) {
      if (groups.at(-1)?.[0].tx === r.tx) groups.at(-1)!.push(r);
      else groups.push([r]);
    }
    groups.forEach((g, step) => {
      const got = g.map((r) => [r.entity, r.field, r.field === '*' ? JSON.parse(r.new_value!) : r.new_value]).sort();
      const expected = expectedRows(step).map(([e, f, value]) => [e, f, typeof value === 'string' ? value : expect.objectContaining(value)]);
      expect(got, `the audit rows of step ${step}`).toEqual(expected.sort());
    });
    expect(rows.every((r) => r.origin === 'app' && r.actor_name === 'Ada Admin')).toBe(true);
    return { steps: groups.length, rows: rows.length };
  } finally {
    closeDatabase(db);
  }
}

describe('crash safety', () => {
  it(`keeps every committed change with its audit rows through ${KILLS} SIGKILLs`, async () => {
    const file = join(dir, 'crash.db');
    const journal = join(dir, 'journal.txt');
    const setup = openDatabase(file);
    createFirstAdministrator(setup, { name: 'Ada Admin', password: 'crash-test-password' });
    const afterId = setup.sqlite.prepare('SELECT max(id) FROM audit_log').pluck().get() as number;
    closeDatabase(setup);

    let committed = 0;
    let rows = 0;
    let killedWhileWriting = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const writer = startWriter(file, journal, committed);
      // Mostly while it writes; now and then while it is still starting (opening, recovering the WAL).
      if (kill % 6 === 5) await sleep(Math.random() * 400);
      else {
        await writer.ready;
        await sleep(50 + Math.random() * 250);
      }
      writer.child.kill('SIGKILL');
      expect(await writer.exited).toBe('SIGKILL');

      const reported = journalled(journal).filter((step) => step >= committed);
      const found = checkAfterKill(file, afterId);
      // Every step the child reported is there; at most one more, committed just before the
      // kill but not yet reported; and never a later one.
      expect(reported).toEqual(reported.map((_, i) => committed + i));
      expect(reported.every((step) => step < found.steps)).toBe(true);
      expect(found.steps).toBeLessThanOrEqual(committed + reported.length + 1);
      if (found.steps > committed) killedWhileWriting++;
      committed = found.steps;
      rows = found.rows;
    }
    console.log(
      `crash safety: ${KILLS} kills survived (${killedWhileWriting} while writing), ` +
        `${committed.toLocaleString('en')} committed transactions and their ${rows.toLocaleString('en')} audit rows checked after each`,
    );
    expect(killedWhileWriting).toBeGreaterThanOrEqual(KILLS / 2);
  }, 120_000);
});
