// End-to-end tests drive the built renderer in Chromium over the web mode, on a
// real database seeded by the demo generator (so every row was written by the
// services and audited): the office as people see it. Each spec file opens its own
// office in test.beforeAll (tests change it, so files never share one) on the
// runner's browser, whose launch options come from test/playwright.config.ts.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { startCore, type Core } from '../../electron/app';
import { startCoreWorker, type CoreHost } from '../../electron/core/host';
import { DEMO_PASSWORD, seedDemo } from '../../electron/cli/seed';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { tempDir } from '../helpers/core';
import { RENDERER_DIR, signIn as signInAs } from '../../electron/bench/browser';
import { ZONE } from './zone';

export { squash } from './squash';
export { ZONE };

const outputDir = fileURLToPath(new URL('../output', import.meta.url));

/** The renderer the tests drive; JOBTRAIL_RENDERER_DIR points elsewhere to test a build kept aside. */
const staticDir = process.env.JOBTRAIL_RENDERER_DIR ?? RENDERER_DIR;

/** The demo office's people, one of each role. */
export const DEMO = {
  administrator: 'Dana Whitfield',
  manager: 'Marcus Bell',
  staff: 'Leah Okafor',
  fieldworker: 'Jake Morrison',
} as const;

/** A fixed "now" for the demo history, so that the same seed gives the same office on any day. */
export const DEMO_NOW = Date.parse('2026-01-15T00:00:00Z');

export interface Office {
  /** What the browser's calls go to, as in the app: the core worker. */
  host: CoreHost;
  /** The same file on this thread, for what a test does or checks beside the browser. */
  core: Core;
  web: WebServer;
  browser: Browser;
  /** A new signed-in page (its own browser context, so its own session). */
  signedIn(name: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** A page at the sign-in screen. */
  fresh(viewport?: { width: number; height: number }): Promise<Page>;
  sql<T = Record<string, unknown>>(query: string, ...params: unknown[]): T[];
  dispose(): Promise<void>;
}

const quiet = { info: () => {}, warn: () => {}, error: (line: string) => console.error(line) };

export async function openOffice(
  browser: Browser,
  size: { customers: number; bookings: number } = { customers: 30, bookings: 240 },
  options: { startupTasks?: boolean } = {},
): Promise<Office> {
  const dir = tempDir('jobtrail-e2e-');
  const file = join(dir, 'office.db');
  seedDemo(file, { seed: 7, now: DEMO_NOW, ...size });
  const core = startCore(file, () => {});
  const host = await startCoreWorker(file, { lockHolder: 'the e2e tests', startupTasks: options.startupTasks ?? false, log: quiet });
  const web = await startWebServer({ router: host, staticDir });
  // The browser outlives this file (the runner's worker keeps it): its pages close with the office.
  const contexts: BrowserContext[] = [];
  const fresh = async (viewport = { width: 1400, height: 900 }) => {
    const context = await browser.newContext({ timezoneId: ZONE, locale: 'en-US', viewport, acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(web.url);
    return page;
  };
  return {
    host,
    core,
    web,
    browser,
    fresh,
    async signedIn(name, viewport) {
      const page = await fresh(viewport);
      await signIn(page, name);
      return page;
    },
    sql: (query, ...params) => core.db.sqlite.prepare(query).all(...params) as never[],
    async dispose() {
      await Promise.all(contexts.map((c) => c.close()));
      await web.close();
      await host.close();
      core.close();
    },
  };
}

export function signIn(page: Page, name: string, password = DEMO_PASSWORD): Promise<void> {
  return signInAs(page, name, password);
}

/** A screenshot for people to look at (test/output, never committed). */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(outputDir, { recursive: true });
  await page.screenshot({ path: join(outputDir, `${name}.png`), fullPage });
}

/** Collects page errors and console errors, so a test can assert the page stayed healthy. */
export function watchProblems(page: Page, expected: RegExp = /status of 40[013]\b/): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  // Chromium logs every refused call (401, 403, 409…); tests that provoke them say which they expect.
  page.on('console', (m) => {
    if (m.type() === 'error' && !expected.test(m.text())) problems.push(m.text());
  });
  return problems;
}

/** What the page shows for an instant, in the browser's zone. */
export const shown = (iso: string, seconds = false) =>
  new Intl.DateTimeFormat('en-US', {
    dateStyle: 'medium',
    timeStyle: seconds ? 'medium' : 'short',
    timeZone: ZONE,
  }).format(new Date(iso));

/**
 * The chain head an export's file names: the head when it was written. Its own
 * "history exported" row comes after it, so the log's head has moved on by then.
 */
export function headAtExport(db: Core['db']): string {
  const hash = db.sqlite
    .prepare(
      `SELECT hash FROM audit_log
    WHERE id < (SELECT max(id) FROM audit_log WHERE event = 'history exported') ORDER BY id DESC LIMIT 1`,
    )
    .pluck()
    .get() as Buffer;
  return hash.toString('hex').slice(0, 16);
}
