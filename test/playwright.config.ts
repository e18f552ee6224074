// The browser tests: @playwright/test driving the built renderer in Chromium over
// the web mode (project "web"), and the same flows in the real Electron app
// (project "electron"), which runs only where the Electron binary is installed.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../electron/bench/browser';
import { ZONE } from './e2e/zone';

// Signing keys and witnesses of the tests' databases, never a real office's (db/chainKeys.ts).
// Set once here, in the runner, so its workers inherit the same folder.
process.env.JOBTRAIL_KEY_DIR ??= join(tmpdir(), `jobtrail-test-keys-${process.pid}`);

const output = join(import.meta.dirname, 'output');

export default defineConfig({
  testDir: './e2e',
  testMatch: '*.spec.ts',
  outputDir: join(output, 'results'),
  globalSetup: './e2e/globalSetup.ts',
  // Each file seeds its own office in a temp dir; two workers fit two cores.
  workers: 2,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { outputFolder: join(output, 'report'), open: 'never' }]],
  use: {
    launchOptions: CHROMIUM_LAUNCH,
    // Not UTC, so that local and UTC times differ on screen.
    timezoneId: ZONE,
    locale: 'en-US',
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
    actionTimeout: 15_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'web', testIgnore: '*.electron.spec.ts' },
    { name: 'electron', testMatch: '*.electron.spec.ts' },
  ],
});
