// The command line's verify and export say how far they have got on a long log,
// with the rate and the time left the jobs use (electron/jobs/progress.ts), on
// stderr; what they print on stdout is unchanged.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/cli';
import { jobOffice, type JobOffice } from './office';

let office: JobOffice;
beforeAll(() => {
  office = jobOffice(100_000);
  office.close(); // the command line has the file to itself, as people run it
});
afterAll(() => rmSync(office.dir, { recursive: true, force: true }));

const n = (x: number) => x.toLocaleString('en');

describe('the command line on a long log', () => {
  it('verify prints a progress line for each phase it measured, then its report', () => {
    const r = cli(['verify', '--db', office.file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Audit chain intact: ${n(office.rows)} rows checked in ${office.file}`);
    expect(r.stderr).toMatch(/^verify: Checking records against their History: \d+ tables so far, [\d,]+ a second$/m);
    expect(
      r.stderr
        .split('\n')
        .filter(Boolean)
        .every((line) => line.startsWith('verify: Checking ')),
    ).toBe(true);
  });

  it('export prints rows written of the total, the rate and the time left', () => {
    const out = join(office.dir, 'all.json');
    const r = cli(['export', '--db', office.file, '--all', '--format', 'json', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Exported ${n(office.rows)} History rows of the whole History to ${out} (json)`);
    expect(r.stderr).toMatch(
      new RegExp(`^export: Writing rows: [\\d,]+ / ${n(office.rows)} History rows \\(\\d+%\\), [\\d,]+ a second, about \\d+ s left$`, 'm'),
    );
  });
});
