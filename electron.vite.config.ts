// Three bundles: the main process and its workers (ESM, out/main/main.js beside
// coreWorker.js, jobsWorker.js, statementWorker.js and chunkWorker.js, with the SQL
// migrations), the preload (CommonJS, because sandboxed preloads cannot be ESM) and
// the renderer (out/renderer, also what web mode serves).
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { META_CONTENT_SECURITY_POLICY } from './electron/shell/security';
import { workerEntries } from './db/workerModule';

const root = import.meta.dirname;

/** db/open.ts finds ./migrations next to the code that runs, which for the app is out/main/main.js. */
function copyMigrations(): Plugin {
  return {
    name: 'jobtrail:copy-migrations',
    apply: 'build',
    writeBundle(options) {
      const from = resolve(root, 'db', 'migrations');
      const to = resolve(options.dir ?? resolve(root, 'out', 'main'), 'migrations');
      mkdirSync(to, { recursive: true });
      for (const f of readdirSync(from)) if (f.endsWith('.sql')) copyFileSync(resolve(from, f), resolve(to, f));
    },
  };
}

/** The built page carries its policy itself: file:// pages get no response headers to put it in. */
function cspMeta(): Plugin {
  return {
    name: 'jobtrail:csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        injectTo: 'head-prepend',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY },
      },
    ],
  };
}

export default defineConfig({
  main: {
    plugins: [copyMigrations()],
    build: {
      outDir: resolve(root, 'out', 'main'),
      // Native: loaded from node_modules at run time (built for Electron by build/scripts/native.mjs).
      externalizeDeps: { include: ['better-sqlite3'] },
      rolldownOptions: {
        // Each worker is an entry of its own (db/workerModule.ts finds it by name beside main.js).
        input: { main: resolve(root, 'electron', 'main.ts'), ...workerEntries(root) },
        // Shared code in chunks beside the entries, never in a folder: import.meta.url (and
        // with it ./migrations) is out/main whichever file the code ends up in.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out', 'preload'),
      rolldownOptions: {
        input: { preload: resolve(root, 'electron', 'preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), cspMeta()],
    build: {
      outDir: resolve(root, 'out', 'renderer'),
      // The window loads this from disk on every start: a third of the bytes to parse.
      minify: true,
      rolldownOptions: { input: { index: resolve(root, 'renderer', 'index.html') } },
    },
  },
});
