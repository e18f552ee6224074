// The UI figures of the benchmark: how long the office waits, in the real
// screens, for the first rows of the two big lists to appear —
//   the History grid of a booking with more than 100,000 History rows, and
//   the All Bookings list of an office with 100,000 bookings.
// The built renderer runs in headless Chromium against the web mode started in
// this process, its calls routed to the core worker as the window's are, on a database
// grown through the services (see uiData.ts). Each run is measured inside the
// page, so Playwright's own round trips are not in the figure.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startCoreWorker, type CoreHost } from '../core/host';
import { startWebServer, type WebServer } from '../web/server';
import { ensureUiOffice, type UiOffice } from './uiData';
import { buildRenderer, launchChromium, RENDERER_DIR, signIn } from './browser';
import { percentile, round } from './figures';

export interface UiFigure {
  name: string;
  /** One per measured run, in the order they ran (the unmeasured warm-up run is not among them). */
  samples: number[];
  p50: number;
  p95: number;
  unit: 'ms';
  /** The warm-up run (the first time this screen opens in the page), kept apart from the samples. */
  warmup: number;
  /** The contract calls the page made during the median run: when each started and ended, ms after the navigation. */
  calls: { call: string; start: number; end: number }[];
  /** The same for the slowest run, to see what an outlier waited for. */
  slowestCalls: { call: string; start: number; end: number }[];
}

export interface UiOptions {
  /** Where the benchmark's database is kept between runs (built on the first run, a few minutes). */
  workDir: string;
  /** Measured runs per figure (default 7), after one warm-up run that is not counted. */
  runs?: number;
  onProgress?: (msg: string) => void;
  /** The built renderer to serve; default out/renderer, built afresh so that today's code is measured. */
  staticDir?: string;
}

export interface UiResult {
  history: UiFigure;
  bookings: UiFigure;
  office: UiOffice;
}

export const HISTORY_FIGURE = 'UI: History grid with 100,000 rows, from navigation to first rows visible, in headless Chromium on the web mode';
export const BOOKINGS_FIGURE = 'UI: Bookings list with 100,000 bookings, first rows visible';

/** The window the office works in (the size the end-to-end tests use). */
const VIEWPORT = { width: 1400, height: 900 };

export async function measureUi(options: UiOptions): Promise<UiResult> {
  const say = options.onProgress ?? (() => {});
  const runs = options.runs ?? 7;
  const office = ensureUiOffice(options.workDir, say);
  const staticDir = options.staticDir ?? RENDERER_DIR;
  if (options.staticDir === undefined) buildRenderer({ always: true });
  else if (!existsSync(join(staticDir, 'index.html'))) throw new Error(`No built renderer in ${staticDir}`);

  let core: CoreHost | undefined;
  let web: WebServer | undefined;
  let browser: Browser | undefined;
  try {
    core = await startCoreWorker(office.file, {
      lockHolder: 'the benchmark',
      startupTasks: false,
      log: { info: () => {}, warn: () => {}, error: (line) => console.error(line) },
    });
    web = await startWebServer({ router: core, staticDir });
    browser = await launchChromium();
    const context = await browser.newContext({ timezoneId: 'America/Chicago', locale: 'en-US', viewport: VIEWPORT });
    const page = await context.newPage();
    const network = watchNetwork(page);
    page.setDefaultTimeout(30_000);
    await page.goto(web.url);
    await signIn(page, office.userName, office.password);

    // From the All Bookings list, open the job card (what someone does): the figure ends when
    // the first rows of its History grid, at the foot of the card, are painted.
    say('UI: measuring the History grid');
    const history = await figure(page, network, HISTORY_FIGURE, runs, {
      away: { hash: '#/bookings', ready: BOOKINGS_ROWS },
      hash: `#/bookings/${office.historyBookingId}`,
      rows: '#act-panel-history table.history tbody tr',
    });
    // From Settings, open Bookings: the figure ends when the first rows of the list are painted.
    say('UI: measuring the Bookings list');
    const bookings = await figure(page, network, BOOKINGS_FIGURE, runs, {
      away: { hash: '#/settings', ready: '.settings .fields-table tbody tr' },
      hash: '#/bookings',
      rows: BOOKINGS_ROWS,
    });
    return { history, bookings, office };
  } finally {
    await browser?.close();
    await web?.close();
    await core?.close();
  }
}

const BOOKINGS_ROWS = 'section[aria-labelledby="bookings-title"] table.grid.list tbody tr';

interface Scenario {
  /** Where each run starts from, and what shows there once it has settled. */
  away: { hash: string; ready: string };
  hash: string;
  /** A data row of the list being measured (such rows exist only once data arrived). */
  rows: string;
}

async function figure(page: Page, network: Network, name: string, runs: number, s: Scenario): Promise<UiFigure> {
  type Run = { ms: number; calls: UiFigure['calls'] };
  const measured: Run[] = [];
  let warmup: Run | undefined;
  // The first run (the screen's code never run before in this page) is a warm-up, reported apart.
  for (let i = 0; i <= runs; i++) {
    await settleAt(page, network, s.away.hash, s.away.ready);
    // A string, not a function: what tsx makes of a function's source would not run in the page.
    const run = (await page.evaluate(`(${MEASURE})(${JSON.stringify({ hash: s.hash, rows: s.rows })})`)) as Run;
    if (i === 0) warmup = run;
    else measured.push(run);
  }
  const samples = measured.map((r) => round(r.ms, 1));
  const byTime = [...measured].sort((a, b) => a.ms - b.ms);
  return {
    name,
    samples,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    unit: 'ms',
    warmup: round(warmup!.ms, 1),
    calls: byTime[Math.floor((byTime.length - 1) / 2)].calls,
    slowestCalls: byTime[byTime.length - 1].calls,
  };
}

/** Goes to the starting screen and waits until it has shown its data and no call has been in flight for a while. */
async function settleAt(page: Page, network: Network, hash: string, ready: string): Promise<void> {
  await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
  await page.locator(ready).first().waitFor();
  await network.quiet();
}

/**
 * Counts the page's requests in flight, from the start, so that a run begins only once
 * what the last screen asked for after its rows (like the job card's Timeline) is done.
 * Playwright's 'networkidle' is not it: it belongs to page loads, not to hash navigations.
 */
interface Network {
  quiet(ms?: number): Promise<void>;
}

function watchNetwork(page: Page): Network {
  let inFlight = 0;
  let changed = performance.now();
  const ended = () => {
    inFlight = Math.max(0, inFlight - 1);
    changed = performance.now();
  };
  page.on('request', () => {
    inFlight++;
    changed = performance.now();
  });
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  return {
    async quiet(ms = 300) {
      while (inFlight > 0 || performance.now() - changed < ms) await new Promise((r) => setTimeout(r, 25));
    },
  };
}

/**
 * Runs in the page. The clock starts (performance.now()) just before the address
 * changes, as it does when someone clicks a link or a row; the app's router then
 * reacts to the hashchange, draws the screen and asks the main process for its
 * data. A MutationObserver notices the first data row entering the document; the
 * clock stops when the frame holding it has been painted (the first
 * requestAnimationFrame after it, then a message, which is delivered only after
 * that frame was drawn). Only a row with a real size counts: one that exists but
 * is not laid out is not visible. (The History opens with the card, no click needed;
 * in a 1400×900 window its first row is inside the window, at its foot, once the
 * whole card has been drawn.)
 * Also returned: the contract calls made in that time, from the Resource Timing entries.
 */
const MEASURE = `async ({ hash, rows }) => {
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  }));
  const shown = () => {
    const row = document.querySelector(rows);
    if (!row) return false;
    const box = row.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  if (document.querySelector(rows)) throw new Error('rows are already there before the navigation: ' + rows);
  performance.clearResourceTimings();
  const t0 = performance.now();
  location.hash = hash;
  for (;;) {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => { observer.disconnect(); reject(new Error('no rows after 30 s: ' + rows)); }, 30000);
      const observer = new MutationObserver(() => {
        if (!document.querySelector(rows)) return;
        observer.disconnect();
        clearTimeout(timer);
        resolve();
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
    await painted();
    if (shown()) break;
  }
  const ms = performance.now() - t0;
  const calls = performance.getEntriesByType('resource')
    .filter((e) => e.name.includes('/api/') && e.startTime >= t0)
    .map((e) => ({ call: decodeURIComponent(e.name.slice(e.name.indexOf('/api/') + 5)),
      start: Math.round(e.startTime - t0), end: Math.round(e.responseEnd - t0) }));
  return { ms, calls };
}`;
