// How the CLI answers people who type it wrong: exit 2, one line saying what is
// wrong, then the usage; help on request; never a stack trace.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/core';
import { cli } from './cli';

const COMMANDS = ['seed', 'verify', 'export', 'serve', 'import', 'backup', 'restore', 'help'];

describe('usage', () => {
  it('lists the commands on stdout for help, exit 0', () => {
    const r = cli(['help']);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    expect(r.stderr).toBe('');
  });

  it("prints a command's options for help <command> and <command> --help", () => {
    expect(cli(['help', 'export']).stdout).toContain('--format csv|json');
    const r = cli(['seed', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--audit-rows N');
    expect(r.stdout).toContain('jobtrail-demo');
  });

  it('exits 2 with the usage on stderr when no command is given', () => {
    const r = cli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: npm run cli -- <command>');
  });

  it.each([
    [['frobnicate'], 'jobtrail: unknown command "frobnicate"'],
    [['verify', '--db', 'x.db', '--fast'], 'jobtrail verify: unknown option --fast'],
    [['verify'], 'jobtrail verify: --db is required'],
    [['verify', '--db'], 'jobtrail verify: --db needs a value'],
    [['verify', '--db', 'a.db', 'b.db'], 'jobtrail verify: unexpected argument b.db'],
    [['verify', '--db', 'a.db', '--db', 'b.db'], 'jobtrail verify: --db is given twice'],
    [['seed', '--db', 'x.db', '--audit-rows', 'lots'], 'jobtrail seed: --audit-rows must be a whole number, not "lots"'],
    [['seed', '--db', 'x.db', '--audit-rows', '1000', '--bookings', '5'], 'either --audit-rows or --customers/--bookings'],
    [['seed', '--db', 'x.db', '--seed', '-1'], 'jobtrail seed: --seed needs a value'],
    [['serve', '--db', 'x.db', '--port', '70000'], 'jobtrail serve: --port must be between 0 and 65,535'],
    [['import', '--db', 'x.db', '--csv', 'b.csv'], 'jobtrail import: --as is required'],
    [['import', '--db', 'x.db', '--csv', 'b.csv', '--as', 'A', '--batch', '0'], 'jobtrail import: --batch must be between 1 and 100,000'],
    [['restore', '--db', 'x.db'], 'jobtrail restore: --from is required'],
    [['restore', '--db', 'x.db', '--from', 'b.db', '--force', 'yes'], 'jobtrail restore: unexpected argument yes'],
    [['backup', '--to', 'dir'], 'jobtrail backup: --db is required'],
  ])('exits 2 for %j: one line, then the usage', (args, first) => {
    const r = cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toContain(first);
    expect(r.stderr).toContain('Usage: npm run cli --');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports a real failure in one line, exit 1, and the stack only with JOBTRAIL_DEBUG=1', () => {
    const dir = tempDir('jobtrail-usage-');
    try {
      const junk = join(dir, 'junk.db');
      writeFileSync(junk, 'this is not a database, just text that is long enough to have a header page and more');
      const r = cli(['verify', '--db', junk]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`jobtrail verify: ${junk} is not a SQLite database\n`);
      const debug = cli(['verify', '--db', junk], { JOBTRAIL_DEBUG: '1' });
      expect(debug.code).toBe(1);
      expect(debug.stderr).toMatch(/\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
