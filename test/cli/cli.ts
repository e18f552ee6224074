// Running the real CLI in a child process, the way people and scripts run it, and
// a small seeded database to run it against.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { seedDemo } from '../../electron/cli/seed';
import { makeCore, type TestCore } from '../helpers/core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const MAIN = 'electron/cli/main.ts';

/** A fixed "now", so that the same seed gives the same rows on any day. */
export const NOW = Date.parse('2026-01-15T00:00:00Z');
/** Small enough to seed in a couple of seconds, big enough to hold every kind of event. */
export const SMALL = { customers: 30, bookings: 240 } as const;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  output: string;
}

export function cli(args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(TSX, [MAIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, JOBTRAIL_DEBUG: '', ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, output: r.stdout + r.stderr };
}

/** Starts a long-running command; resolves once its stdout has matched `ready`. */
export function cliUntil(args: string[], ready: RegExp) {
  const child = spawn(TSX, [MAIN, ...args], { cwd: ROOT, env: { ...process.env, JOBTRAIL_DEBUG: '' } });
  let stdout = '',
    stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const matched = new Promise<RegExpMatchArray>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = ready.exec(stdout);
      if (m) resolve(m);
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    void exited.then((code) => reject(new Error(`exited with ${code} before it was ready: ${stderr}`)));
  });
  return { child, matched, exited, output: () => stdout + stderr };
}

/** Seeds one small database per test file, then hands out copies to spoil. */
export function smallDatabase(dir: string, seed = 7): { file: string; copy(name: string): string } {
  const file = join(dir, 'seeded.db');
  seedDemo(file, { seed, now: NOW, ...SMALL });
  return {
    file,
    copy(name) {
      const to = join(dir, name);
      copyFileSync(file, to);
      return to;
    },
  };
}

/** Runs SQL on a file in a connection of its own, as someone with a SQLite tool would. */
export function tamper(file: string, sql: string): void {
  const raw = new Database(file);
  try {
    raw.exec(sql);
  } finally {
    raw.close();
  }
}

/**
 * An office for the import tests, closed so the CLI has the file to itself: the
 * test users, and one customer an import can name. Remove `core.dir` when done.
 */
export function closedOffice(): TestCore {
  const core = makeCore();
  core.as('staff')('customers.create', { name: 'Olive Existing', address: '7 Known Road' });
  core.close();
  return core;
}
