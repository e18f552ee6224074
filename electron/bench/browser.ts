// Driving the built renderer in Chromium, for the browser tests and the UI
// benchmark alike: one way to build it, launch the browser and sign in.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/** Where `electron-vite build` puts the renderer. */
export const RENDERER_DIR = join(repo, 'out', 'renderer');

/** Builds the renderer into out/renderer: when it is missing, or always (a benchmark must measure today's code). */
export function buildRenderer(options: { always?: boolean } = {}): void {
  if (!options.always && existsSync(join(RENDERER_DIR, 'index.html'))) return;
  // The package's exports hide its bin; find it beside its package.json.
  const bin = join(dirname(createRequire(import.meta.url).resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  execFileSync(process.execPath, [bin, 'build'], { cwd: repo, stdio: options.always ? 'ignore' : 'inherit' });
}

/**
 * Debian's Chromium where it is installed (Playwright's own download does not work
 * here), else Playwright's. Without the background-networking flags Chromium keeps
 * knocking on a closed network. The browser tests' config launches with the same.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export function launchChromium(): Promise<Browser> {
  return chromium.launch(CHROMIUM_LAUNCH);
}

/** Signs in on the sign-in screen by picking the name, as people do, and waits for the office to show. */
export async function signIn(page: Page, name: string, password: string): Promise<void> {
  await page.getByLabel('User').selectOption({ label: name });
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Password').press('Enter');
  await page.locator('.topbar .user-name', { hasText: name }).waitFor();
}
