#!/usr/bin/env node
// better-sqlite3 is a native module: one build serves either Node (tests, CLI, web
// mode) or Electron (the app), never both, because their ABIs differ. This script
// makes the installed build fit the runtime about to use it, keeping each build it
// has made in node_modules/.cache so that switching back and forth is a copy, not
// a one-minute compile.
//
//   node build/scripts/native.mjs node|electron [--quiet]
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const [target = 'node', ...flags] = process.argv.slice(2);
const quiet = flags.includes('--quiet');
const say = (msg) => {
  if (!quiet) console.error(`native: ${msg}`);
};

if (target !== 'node' && target !== 'electron') {
  console.error('usage: node build/scripts/native.mjs node|electron [--quiet]');
  process.exit(2);
}

const moduleDir = dirname(require.resolve('better-sqlite3/package.json'));
const binary = join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** How to run a snippet in the target runtime, and that runtime's ABI. */
function runtime() {
  if (target === 'node') return { command: process.execPath, env: {}, abi: process.versions.modules, version: process.version };
  const electron = electronBinary(require);
  if (!electron) {
    console.error('native: the Electron binary is not installed, so there is nothing to build better-sqlite3 for.');
    process.exit(1);
  }
  const env = { ELECTRON_RUN_AS_NODE: '1' };
  const abi = execFileSync(electron, ['-p', 'process.versions.modules'], { env: { ...process.env, ...env } })
    .toString()
    .trim();
  const version = require('electron/package.json').version;
  return { command: electron, env, abi, version };
}

function loads(rt) {
  const probe = `require(${JSON.stringify(moduleDir)})(':memory:').close()`;
  const r = spawnSync(rt.command, ['-e', probe], { env: { ...process.env, ...rt.env }, stdio: 'pipe' });
  return r.status === 0;
}

const rt = runtime();
const cacheDir = join(root, 'node_modules', '.cache', 'jobtrail-native', `${target}-${rt.abi}-${process.platform}-${process.arch}`);
const cached = join(cacheDir, 'better_sqlite3.node');
const keep = () => {
  mkdirSync(cacheDir, { recursive: true });
  copyFileSync(binary, cached);
};

if (existsSync(binary) && loads(rt)) {
  if (!existsSync(cached)) keep();
  say(`better-sqlite3 already fits ${target} (ABI ${rt.abi}).`);
  process.exit(0);
}
if (existsSync(cached)) {
  copyFileSync(cached, binary);
  if (loads(rt)) {
    say(`switched better-sqlite3 to the cached ${target} build (ABI ${rt.abi}).`);
    process.exit(0);
  }
}

say(`building better-sqlite3 for ${target} ${rt.version} (ABI ${rt.abi}); this takes about a minute…`);
const env = { ...process.env };
if (target === 'electron') {
  // Electron's headers, not the local Node's: clear any nodedir the machine's npm config forces.
  Object.assign(env, {
    npm_config_runtime: 'electron',
    npm_config_target: rt.version,
    npm_config_disturl: 'https://electronjs.org/headers',
    npm_config_nodedir: '',
  });
}
const build = spawnSync(npm, ['rebuild', 'better-sqlite3', '--foreground-scripts'], {
  cwd: root,
  env,
  stdio: quiet ? 'pipe' : ['ignore', 'inherit', 'inherit'],
});
if (build.status !== 0 || !loads(rt)) {
  if (quiet && build.stderr) process.stderr.write(build.stderr);
  console.error(`native: could not build better-sqlite3 for ${target}. Run "npm rebuild better-sqlite3" and read its output.`);
  process.exit(1);
}
keep();
say(`better-sqlite3 now fits ${target} (ABI ${rt.abi}).`);
