// An import stopped halfway is finished, not doubled: Ctrl+C ends it between two
// batches and prints the command that continues; after kill -9 the batches table
// holds exactly what committed; running the same file again writes only the rows
// still missing, so the database ends with each row of the file once, chained.
import { spawn } from 'node:child_process';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, USER_NAMES, type TestCore } from '../helpers/core';
import { cli, ROOT, closedOffice } from './cli';

const ROWS = 3000;
const env = { JOBTRAIL_PASSWORD: TEST_PASSWORD };

let core: TestCore;
let file: string;
beforeAll(() => {
  core = closedOffice();
  file = core.file;
});
afterAll(() => rmSync(core.dir, { recursive: true, force: true }));

/** A file of ROWS bookings, each with its own service name, so duplicates show. */
function bookingsCsv(name: string, tag: string): string {
  const lines = ['customer,service,start,end,price,address'];
  for (let i = 0; i < ROWS; i++) {
    const day = new Date(Date.UTC(2026, 5, 1) + i * 3_600_000).toISOString().replace('.000', '');
    const end = new Date(Date.UTC(2026, 5, 1) + i * 3_600_000 + 1_800_000).toISOString().replace('.000', '');
    // Every tenth row names a customer the import creates, so re-runs must find it, not make it again.
    lines.push(`${i % 10 === 0 ? `New ${tag} Ltd` : 'Olive Existing'},${tag} job ${i},${day},${end},${(i % 90) + 10}.00,${i % 10 === 0 ? '1 New Street' : ''}`);
  }
  const path = join(core.dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

const read = <T>(sql: string, ...params: unknown[]): T => {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare(sql)
      .pluck()
      .get(...params) as T;
  } finally {
    db.close();
  }
};
const imported = (tag: string) => read<number>('SELECT count(*) FROM bookings WHERE service LIKE ?', `${tag} job %`);
const distinct = (tag: string) => read<number>('SELECT count(DISTINCT service) FROM bookings WHERE service LIKE ?', `${tag} job %`);
const recorded = (path: string) => read<number>('SELECT coalesce(sum(rows), 0) FROM import_batches WHERE file_name = ?', path.split('/').pop());

/** The CLI in Node itself (tsx's loader), so a signal reaches the importing process and not a wrapper. */
function startImport(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, JOBTRAIL_DEBUG: '', ...env },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, output: () => output };
}

/** Waits until at least `n` bookings of the tag have committed. */
async function whenImported(tag: string, n: number, exited: Promise<unknown>) {
  let done = false;
  void exited.then(() => {
    done = true;
  });
  while (imported(tag) < n) {
    if (done) throw new Error('the import ended before it was stopped');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The words of a printed `npm run cli -- …` command, as a shell splits them ('quoted' words whole). */
const argsOf = (command: string) =>
  command
    .replace(/^npm run cli -- /, '')
    .match(/'[^']*'|\S+/g)!
    .map((w) => w.replace(/^'(.*)'$/, '$1'));

describe('an import stopped halfway', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    'on %s ends between batches, prints the --from-line and the command, and that command imports exactly the rest',
    async (signal, exitCode) => {
      const tag = signal === 'SIGINT' ? 'Sigint' : 'Sigterm';
      const path = bookingsCsv(`${signal}.csv`, tag);
      const run = startImport(['import', '--db', file, '--csv', path, '--as', USER_NAMES.manager, '--batch', '100']);
      await whenImported(tag, 400, run.exited);
      run.child.kill(signal);
      const { code } = await run.exited;
      expect(code, run.output()).toBe(exitCode);
      const done = imported(tag);
      expect(done).toBeGreaterThanOrEqual(400);
      expect(done).toBeLessThan(ROWS);
      expect(done % 100).toBe(0); // whole batches only
      const line = done + 2; // the header is line 1, the first booking line 2
      expect(run.output()).toContain(`jobtrail import: interrupted (${signal}) before the row on line ${line}\n`);
      expect(run.output()).toContain(
        `${done.toLocaleString('en')} bookings were imported by this run and stay, in whole batches; ` +
          `${(ROWS - done).toLocaleString('en')} are not imported yet.`,
      );
      const command = new RegExp(`^  (npm run cli -- import .* --from-line ${line})$`, 'm').exec(run.output())?.[1];
      expect(command).toBe(`npm run cli -- import --db ${file} --csv ${path} --as '${USER_NAMES.manager}' --batch 100 --from-line ${line}`);
      expect(run.output()).not.toMatch(/\n\s+at /);
      expect(recorded(path)).toBe(done);

      const rest = cli(argsOf(command!), env);
      expect(rest.code, rest.output).toBe(0);
      expect(rest.stdout).toContain(`Imported ${(ROWS - done).toLocaleString('en')} bookings`);
      expect(imported(tag)).toBe(ROWS);
      expect(distinct(tag)).toBe(ROWS);
      expect(read<number>('SELECT count(*) FROM customers WHERE name = ?', `New ${tag} Ltd`)).toBe(1);
      expect(recorded(path)).toBe(ROWS);
      const verify = cli(['verify', '--db', file]);
      expect(verify.code, verify.output).toBe(0);
    },
    90_000,
  );

  it('after kill -9 keeps a batches record that agrees with what committed, and the same command again imports only what is missing', async () => {
    const path = bookingsCsv('killed.csv', 'Killed');
    const args = ['import', '--db', file, '--csv', path, '--as', USER_NAMES.manager, '--batch', '100'];
    const run = startImport(args);
    await whenImported('Killed', 300, run.exited);
    run.child.kill('SIGKILL');
    expect((await run.exited).signal).toBe('SIGKILL');
    const done = imported('Killed');
    expect(done).toBeLessThan(ROWS);
    expect(recorded(path)).toBe(done);
    expect(read<number>('SELECT max(last_line) FROM import_batches WHERE file_name = ?', 'killed.csv')).toBe(done + 1);

    const again = cli(args, env);
    expect(again.code, again.output).toBe(0);
    expect(again.stdout).toContain(`Imported ${(ROWS - done).toLocaleString('en')} bookings`);
    expect(again.stdout).toMatch(
      new RegExp(`skipped {8}${done.toLocaleString('en')} rows of this file were imported before, the last on \\S+ by ${USER_NAMES.manager}`),
    );
    expect(imported('Killed')).toBe(ROWS);
    expect(distinct('Killed')).toBe(ROWS);
    expect(read<number>("SELECT count(*) FROM customers WHERE name = 'New Killed Ltd'")).toBe(1);
    const verify = cli(['verify', '--db', file]);
    expect(verify.code, verify.output).toBe(0);

    // Once whole, the file imports nothing again, under its own name or another.
    const copy = join(core.dir, 'killed-copy.csv');
    copyFileSync(path, copy);
    for (const csv of [path, copy]) {
      const whole = cli(['import', '--db', file, '--csv', csv, '--as', USER_NAMES.manager], env);
      expect(whole.code, whole.output).toBe(0);
      expect(whole.stdout).toMatch(
        new RegExp(
          `^Nothing to import: ${ROWS.toLocaleString('en')} rows of this file were imported before` +
            `${csv === copy ? ' \\(then called killed.csv\\)' : ''}, the last on `,
        ),
      );
    }
    expect(imported('Killed')).toBe(ROWS);
  }, 90_000);
});
