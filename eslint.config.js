// Lint for the whole repository (`npm run lint`, part of `npm test`). Besides the
// usual checks it holds the layer rules of DESIGN.md as import restrictions, so a
// breach is named at the import that makes it (test/lint/layers.test.ts shows
// each one is caught).
import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';
import { builtinModules } from 'node:module';

/**
 * Modules in electron/ that the renderer runs as well: the words and rules both
 * sides must agree on. Each imports nothing but types (enforced below), so the
 * renderer's bundle never pulls main-process code in through them.
 */
const SHARED_WITH_RENDERER = [
  'electron/services/reasons.ts',
  'electron/services/bookingStatus.ts',
  'electron/services/visitTimeRules.ts',
  'electron/shell/accelerators.ts',
];
const sharedModuleNames = SHARED_WITH_RENDERER.map((f) => f.replace(/^electron\//, '').replace(/\.ts$/, ''));

/**
 * react-hooks v7's rules for the React Compiler, each off (see where they are used):
 * set-state-in-effect: screens load through effects (useApi) and reset a draft when
 * its record changes; refs: the latest-callback ref (useJob's onEnd) is read in
 * effects only; purity: a dialog computes "3 hours early" from the clock as it opens;
 * incompatible-library: TanStack Table cannot be memoized by a compiler we do not run.
 */
const REACT_COMPILER_RULES = [
  'static-components',
  'use-memo',
  'preserve-manual-memoization',
  'incompatible-library',
  'immutability',
  'globals',
  'refs',
  'set-state-in-effect',
  'error-boundaries',
  'purity',
  'set-state-in-render',
  'unsupported-syntax',
  'config',
  'gating',
];

const ELECTRON = {
  name: 'electron',
  message: 'Only electron/main.ts and electron/preload.ts import electron: everything else runs and is tested in plain Node.',
};

/** electron reached at run time rather than by an import statement. */
const ELECTRON_SYNTAX = [
  { selector: "ImportExpression[source.value='electron']", message: ELECTRON.message },
  { selector: "CallExpression[callee.name='require'][arguments.0.value='electron']", message: ELECTRON.message },
];

/**
 * The renderer runs in a sandboxed page with no Node. Its tsconfig leaves Node's types
 * out, but the contract's types reach them through the services (better-sqlite3's
 * types name them), so these say it where tsc cannot.
 */
const NO_NODE = 'The renderer runs in a page without Node: use the DOM (import.meta.env for the build mode, ReturnType<typeof setTimeout> for a timer).';
const NODE_GLOBALS = ['process', 'Buffer', 'global', 'require', 'module', '__dirname', '__filename', 'setImmediate', 'clearImmediate'].map((name) => ({
  name,
  message: NO_NODE,
}));

/** A relative import reaching the top-level folder `folder`, from anywhere below another top-level folder. */
const into = (folder, except = []) => `^(\\.\\./)+${folder}/${except.length ? `(?!(${except.join('|')})$)` : ''}`;

export default defineConfig(
  // What .gitignore keeps out of the repository: build output, test output, caches.
  globalIgnores(['node_modules/', 'out/', 'dist/', 'coverage/', 'test-results/', 'test/output/', '.bench-cache/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: globals.node },
    rules: {
      // tsc's noUnusedLocals/noUnusedParameters already fail the typecheck; `_name` marks one kept on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      'react-hooks/exhaustive-deps': 'error',
      // The rest of v7's recommended set checks code for the React Compiler, which this
      // app is not built with; running it compiles every component and doubles the
      // lint's time. What they found was judged one by one and is no bug without it:
      ...Object.fromEntries(REACT_COMPILER_RULES.map((rule) => [`react-hooks/${rule}`, 'off'])),
    },
  },
  { files: ['renderer/**/*.{ts,tsx}'], ...jsxA11y.flatConfigs.recommended },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      // A dialog puts focus on its first field, as the WAI-ARIA dialog pattern asks, and
      // so do sign-in and a list's search box: what a keyboard user wants there first.
      'jsx-a11y/no-autofocus': 'off',
    },
  },

  // ---- The layers (DESIGN.md, "The layers, and the one way data flows") ----
  // A rule set in two blocks that match a file takes the later block's options whole,
  // so each block below repeats what it keeps (ELECTRON, ELECTRON_SYNTAX).
  {
    // build/ is left out: its scripts ask the electron package where the binary is.
    files: ['electron/**/*.ts', 'db/**/*.ts', 'test/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [ELECTRON] }] },
  },
  {
    files: ['electron/**/*.ts', 'db/**/*.ts', 'test/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: ['electron/main.ts', 'electron/preload.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...ELECTRON_SYNTAX],
    },
  },
  {
    files: ['electron/main.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'better-sqlite3',
              message: 'The main process holds no database: it routes calls to the core worker, so a long statement never freezes the window.',
            },
          ],
          patterns: [
            {
              regex: '^(\\.\\./db/|\\./services/|\\./app$|\\./startup$)',
              message:
                'The main process holds no database and calls no service: it routes calls to the core worker, so a long statement never freezes the window.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON],
          patterns: [
            {
              regex: into('electron', sharedModuleNames),
              allowTypeImports: true,
              message: `The renderer imports only types from electron/ (besides ${sharedModuleNames.join(', ')}): it reaches the main process through the contract.`,
            },
            { regex: into('db'), message: 'The renderer never imports db/: it sees the database only through the contract.' },
            { regex: `^(node:|(${builtinModules.join('|')})(/|$))`, message: NO_NODE },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...NODE_GLOBALS],
      'no-restricted-syntax': ['error', ...ELECTRON_SYNTAX, { selector: "TSQualifiedName[left.name='NodeJS']", message: NO_NODE }],
    },
  },
  {
    files: SHARED_WITH_RENDERER,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON],
          patterns: [{ regex: '.', allowTypeImports: true, message: 'The renderer runs this module too: it imports nothing but types.' }],
        },
      ],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON],
          patterns: [{ regex: into('(electron|renderer)'), message: 'db/ is the bottom layer: it imports nothing from electron/ or renderer/.' }],
        },
      ],
    },
  },
  {
    // The demo generator scripts what people do through the services (the CLI's seed
    // replays it), so its events name the services' types; it runs none of their code.
    files: ['db/demo/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON],
          patterns: [
            { regex: into('electron'), allowTypeImports: true, message: 'The demo generator imports only types from electron/.' },
            { regex: into('renderer'), message: 'db/ is the bottom layer: it imports nothing from electron/ or renderer/.' },
          ],
        },
      ],
    },
  },
);
