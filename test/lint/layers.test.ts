// The layer rules of DESIGN.md, and a renderer without Node, are lint rules
// (eslint.config.js): each breach below is a small file linted as if it sat at that
// path, and must be named; each allowed import must pass. `npm run lint` then holds
// the real tree to them.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfigFile: join(root, 'eslint.config.js') });
const LAYER_RULES = new Set(['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax', 'no-restricted-globals']);

/** The layer rules' messages for `code` placed at `path` (from the repository's top). */
async function breaches(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  expect(
    result.messages.filter((m) => m.fatal),
    `${path} parses`,
  ).toEqual([]);
  return result.messages.filter((m) => m.ruleId !== null && LAYER_RULES.has(m.ruleId)).map((m) => m.message);
}

// [where, what, the code, a word of the message expected]
const BREACHES: [string, string, string, RegExp][] = [
  [
    'renderer/bookings/Probe.tsx',
    'a service from electron/',
    "import { listBookings } from '../../electron/services/bookings';\nexport const f = listBookings;",
    /imports only types from electron/,
  ],
  [
    'renderer/reports/print/Probe.tsx',
    'the contract, from a deeper folder',
    "import { contract } from '../../../electron/api/contract';\nexport const c = contract;",
    /imports only types from electron/,
  ],
  ['renderer/App2.tsx', 're-exporting a value of electron/', "export { contract } from '../electron/api/contract';", /imports only types from electron/],
  [
    'renderer/bookings/Probe.tsx',
    'electron itself',
    "import { ipcRenderer } from 'electron';\nexport const r = ipcRenderer;",
    /Only electron\/main.ts and electron\/preload.ts/,
  ],
  ['renderer/bookings/Probe.tsx', 'a value from db/', "import { openDatabase } from '../../db/open';\nexport const o = openDatabase;", /never imports db/],
  ['renderer/bookings/Probe.tsx', 'even a type from db/', "import type { Role } from '../../db/schema';\nexport type R = Role;", /never imports db/],
  ['renderer/settings/Probe.tsx', "Node's file system", "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;", /page without Node/],
  ['renderer/settings/Probe.tsx', "Node's path, by its bare name", "import { join } from 'path';\nexport const j = join;", /page without Node/],
  ['renderer/settings/Probe.tsx', "Node's process", "export const dev = process.env.NODE_ENV !== 'production';", /import\.meta\.env/],
  ['renderer/settings/Probe.tsx', "Node's Buffer", "export const b = Buffer.from('x');", /page without Node/],
  ['renderer/settings/Probe.tsx', "Node's timer type", 'export let t: NodeJS.Timeout | undefined;', /ReturnType<typeof setTimeout>/],
  ['renderer/settings/Probe.tsx', 'electron, loaded at run time', "export const e = await import('electron');", /Only electron\/main.ts/],
  [
    'electron/services/probe.ts',
    'electron, in a service',
    "import { app } from 'electron';\nexport const a = app;",
    /Only electron\/main.ts and electron\/preload.ts/,
  ],
  [
    'electron/shell/probe.ts',
    'electron, in shell code',
    "import { BrowserWindow } from 'electron';\nexport const w = BrowserWindow;",
    /Only electron\/main.ts/,
  ],
  ['electron/shell/probe.ts', 'electron, loaded at run time', "export const e = await import('electron');", /Only electron\/main.ts/],
  ['electron/cli/probe.ts', 'electron, required', "export const e = require('electron');", /Only electron\/main.ts/],
  [
    'db/probe.ts',
    'a service from db/',
    "import { listBookings } from '../electron/services/bookings';\nexport const f = listBookings;",
    /db\/ is the bottom layer/,
  ],
  [
    'db/workers/probe.ts',
    'even a type from electron/',
    "import type { Reason } from '../../electron/services/reasons';\nexport type R = Reason;",
    /db\/ is the bottom layer/,
  ],
  ['db/probe.ts', 'the renderer from db/', "import { humanize } from '../renderer/format';\nexport const h = humanize;", /db\/ is the bottom layer/],
  [
    'db/demo/probe.ts',
    'a value from electron/ in the demo generator',
    "import { REASON_WORDS } from '../../electron/services/reasons';\nexport const w = REASON_WORDS;",
    /only types from electron/,
  ],
  ['db/probe.ts', 'electron, in db/', "import { app } from 'electron';\nexport const a = app;", /Only electron\/main.ts/],
  [
    'electron/services/reasons.ts',
    'a module the renderer shares, importing a value',
    "import { openDatabase } from '../../db/open';\nexport const o = openDatabase;",
    /imports nothing but types/,
  ],
  ['electron/main.ts', 'the database in the main process', "import Database from 'better-sqlite3';\nexport const d = Database;", /holds no database/],
  [
    'electron/main.ts',
    'a service in the main process',
    "import { listBookings } from './services/bookings';\nexport const f = listBookings;",
    /calls no service/,
  ],
  ['electron/main.ts', 'db/ in the main process', "import { openDatabase } from '../db/open';\nexport const o = openDatabase;", /holds no database/],
  ['electron/main.ts', 'the core itself in the main process', "import { startCore } from './startup';\nexport const s = startCore;", /holds no database/],
];

const ALLOWED: [string, string, string][] = [
  [
    'renderer/bookings/Probe.tsx',
    'a type from electron/',
    "import type { ApiOutput } from '../../electron/api/contract';\nexport type B = ApiOutput<'bookings.get'>;",
  ],
  [
    'renderer/bookings/Probe.tsx',
    'types named inline',
    "import { type ApiOutput } from '../../electron/api/contract';\nexport type B = ApiOutput<'bookings.get'>;",
  ],
  [
    'renderer/jobcard/Probe.tsx',
    'the reasons both sides offer',
    "import { REASON_WORDS } from '../../electron/services/reasons';\nexport const w = REASON_WORDS;",
  ],
  [
    'renderer/shell/Probe.tsx',
    'the key table both sides read',
    "import { commandForKey } from '../../electron/shell/accelerators';\nexport const k = commandForKey;",
  ],
  [
    'renderer/settings/Probe.tsx',
    'a timer typed from the DOM',
    'export let t: ReturnType<typeof setTimeout> | undefined;\nexport const dev = import.meta.env.DEV;',
  ],
  ['electron/main.ts', 'electron, in main.ts', "import { app } from 'electron';\nexport const a = app;"],
  ['electron/preload.ts', 'electron, in preload.ts', "import { contextBridge } from 'electron';\nexport const c = contextBridge;"],
  ['electron/services/bookingStatus.ts', 'a type, in a module the renderer shares', "import type { Role } from '../../db/schema';\nexport type R = Role;"],
  ['electron/services/probe.ts', 'db/ from the services', "import { openDatabase } from '../../db/open';\nexport const o = openDatabase;"],
  [
    'db/demo/probe.ts',
    'a type from electron/ in the demo generator',
    "import type { Reason } from '../../electron/services/reasons';\nexport type R = Reason;",
  ],
];

describe('the layers, as lint rules', () => {
  it.each(BREACHES)('%s: %s is reported', async (path, _what, code, message) => {
    const found = await breaches(path, code);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it.each(ALLOWED)('%s: %s is allowed', async (path, _what, code) => {
    expect(await breaches(path, code)).toEqual([]);
  });
});
