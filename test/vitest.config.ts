import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    // Each file opens its own SQLite files in a temp dir; two workers fit 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    // Signing keys and witnesses of the tests' databases, never a real office's (db/chainKeys.ts).
    env: { JOBTRAIL_KEY_DIR: join(tmpdir(), `jobtrail-test-keys-${process.pid}`) },
    hookTimeout: 120_000,
  },
});
