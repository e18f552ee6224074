#!/usr/bin/env node
// `npm start`: the desktop app when Electron's binary is here, else the same
// screens in the browser (web mode) on the same demo database.
//
//   node build/scripts/start.mjs [--db FILE]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const args = process.argv.slice(2);

function option(name) {
  const i = args.indexOf(name);
  if (i >= 0 && i + 1 < args.length) return resolve(args[i + 1]);
  const inline = args.find((a) => a.startsWith(`${name}=`));
  return inline ? resolve(inline.slice(name.length + 1)) : null;
}

/** The folder Electron's app.getPath('userData') gives the app (see electron/shell/args.ts), so both modes share one demo. */
function userDataDir() {
  const home = homedir();
  if (process.platform === 'win32') return join(process.env.APPDATA || join(home, 'AppData', 'Roaming'), 'JobTrail');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'JobTrail');
  return join(process.env.XDG_CONFIG_HOME || join(home, '.config'), 'JobTrail');
}

/** A package's own bin script, run with this Node: no npx, no shell, the same on every OS. */
function binOf(pkg, name = pkg) {
  const manifest = require.resolve(`${pkg}/package.json`);
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8'));
  return join(dirname(manifest), typeof bin === 'string' ? bin : bin[name]);
}

function step(command, commandArgs) {
  const r = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const node = (script, scriptArgs) => step(process.execPath, [script, ...scriptArgs]);
const built = (...files) => files.every((f) => existsSync(join(root, 'out', f)));
const build = () => node(binOf('electron-vite'), ['build']);

/** Runs the last command in the foreground, passing Ctrl-C and termination on to it. */
function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const db = option('--db');
const electron = electronBinary(require);

if (electron) {
  node(join(root, 'build', 'scripts', 'native.mjs'), ['electron']);
  if (!built('main/main.js', 'preload/preload.cjs', 'renderer/index.html')) build();
  run(electron, [root, '--demo', ...(db ? ['--db', db] : [])]);
} else {
  console.log("Electron's binary is not installed here (its download is blocked or was skipped); starting JobTrail in web mode instead.");
  node(join(root, 'build', 'scripts', 'native.mjs'), ['node']);
  if (!built('renderer/index.html')) build();
  const file = db ?? join(userDataDir(), 'demo.db');
  const cli = [binOf('tsx'), join(root, 'electron', 'cli', 'main.ts')];
  if (!existsSync(file)) node(cli[0], [cli[1], 'seed', '--db', file]);
  run(process.execPath, [...cli, 'serve', '--db', file]);
}
