// The README's API table is what integrators and auditors read for "who may do
// what"; it must say what the main process actually enforces.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contract } from '../../electron/api/contract';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('lists every contract entry with the least role the main process enforces', () => {
    for (const [name, e] of Object.entries(contract)) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row, `README has no row for ${name}`).toBeDefined();
      expect(row!.split('|')[2].trim(), `README's role for ${name}`).toBe(e.access);
    }
  });

  it('lists no contract entry that does not exist', () => {
    const listed = [...readme.matchAll(/^\| `([a-zA-Z]+\.[a-zA-Z]+)` \|/gm)].map((m) => m[1]);
    expect(listed.filter((name) => !Object.hasOwn(contract, name))).toEqual([]);
  });

  it('gives the two set-up commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toMatch(/^npm test\b/m);
  });
});
