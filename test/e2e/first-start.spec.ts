// The first start of a new database in web mode, both ways: "Start with demo data"
// fills it with the demo office (then the sign-in screen says how to sign in), and
// "Start empty" asks for the first administrator. Each test opens a fresh database
// file. With the demo office: the keyboard shortcuts list (F1), the grids' context
// menu, and the window's title naming the booking opened.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startCoreWorker, type CoreHost } from '../../electron/core/host';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { RENDERER_DIR } from '../../electron/bench/browser';
import { tempDir } from '../helpers/core';
import { DEMO, screenshot, signIn, watchProblems } from './office';
import { startEmpty } from './flows';
import { ZONE } from './zone';

interface Fresh {
  file: string;
  host: CoreHost;
  web: WebServer;
  page: Page;
  count(sql: string): number;
  /** The chain head as a report prints it: the last sealed row's digest, shortened, and its row. */
  head(): { short: string; row: number };
  dispose(): Promise<void>;
}

const quiet = { info: () => {}, warn: () => {}, error: (line: string) => console.error(line) };

async function freshDatabase(browser: Browser): Promise<Fresh> {
  const file = join(tempDir('jobtrail-first-start-'), 'jobtrail.db');
  const host = await startCoreWorker(file, { lockHolder: 'the e2e tests', startupTasks: false, log: quiet });
  const web = await startWebServer({ router: host, staticDir: process.env.JOBTRAIL_RENDERER_DIR ?? RENDERER_DIR });
  const context = await browser.newContext({ timezoneId: ZONE, locale: 'en-US', viewport: { width: 1400, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(web.url).origin });
  const page = await context.newPage();
  await page.goto(web.url);
  return {
    file,
    host,
    web,
    page,
    count(sql) {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare(sql).pluck().get() as number;
      } finally {
        db.close();
      }
    },
    head() {
      const db = new Database(file, { readonly: true });
      try {
        const last = db.prepare('SELECT id, hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1').get() as { id: number; hash: Buffer };
        return { short: last.hash.toString('hex').slice(0, 16), row: last.id };
      } finally {
        db.close();
      }
    },
    async dispose() {
      await context.close();
      await web.close();
      await host.close();
    },
  };
}

test.describe('first start', () => {
  test("Start with demo data: the database's place is shown, the demo office is made, and its people sign in", async ({ browser }) => {
    test.setTimeout(180_000);
    const f = await freshDatabase(browser);
    try {
      const { page } = f;
      const problems = watchProblems(page);
      await expect(page.getByRole('heading', { name: 'Welcome to JobTrail' })).toBeVisible();
      await expect(page.locator('.setup-place code')).toHaveText(f.file);
      await screenshot(page, 'first-start');
      await page.getByRole('button', { name: /Start with demo data/ }).click();
      await expect(page.getByRole('status')).toContainText('Preparing the demo office');
      await expect(page.getByRole('heading', { name: 'Sign in to JobTrail' })).toBeVisible({ timeout: 120_000 });
      await expect(page.locator('.notice')).toContainText(`sign in as ${DEMO.administrator}`);
      await expect(page.locator('.notice')).toContainText('jobtrail-demo');
      expect(f.count('SELECT count(*) FROM users')).toBe(12);
      expect(f.count("SELECT count(*) FROM audit_log WHERE entity = 'booking' AND event = 'created'")).toBe(f.count('SELECT count(*) FROM bookings'));
      expect(f.count("SELECT count(*) FROM audit_log WHERE origin = 'outside'")).toBe(0);

      await signIn(page, DEMO.staff);
      await expect(page).toHaveTitle('Bookings · JobTrail');

      // F1, as on Windows and Linux: the keyboard shortcuts, read off the menu's own table.
      await page.keyboard.press('F1');
      const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await expect(shortcuts).toBeVisible();
      await expect(shortcuts.getByRole('row', { name: /Save as PDF Ctrl\+Shift\+S/ })).toBeVisible();
      await expect(shortcuts.getByRole('row', { name: /New booking Ctrl\+N in the app/ })).toBeVisible();
      await screenshot(page, 'keyboard-shortcuts');
      // A tab has no Help menu: About is reached from the list, with the database and its chain head as reports print it.
      await shortcuts.getByRole('button', { name: 'About JobTrail' }).click();
      const about = page.getByRole('dialog', { name: 'About JobTrail' });
      const head = f.head();
      await expect(about.locator('dd')).toHaveText([/^\d+\.\d+\.\d+/, f.file, `${head.short} (row ${head.row.toLocaleString('en-US')})`]);
      await screenshot(page, 'about');
      await page.keyboard.press('Escape');
      await expect(about).toBeHidden();

      // Save as PDF with no report open says where to find one.
      await page.keyboard.press('Control+Shift+S');
      await expect(page.locator('.shell-notice')).toContainText('open one in Reports first');

      // The list's context menu: Copy row copies its cells, Open opens the booking, and the window says which.
      const row = page.locator('table.grid.list tbody tr').first();
      await row.click({ button: 'right' });
      const menu = page.getByRole('menu', { name: 'Row' });
      await expect(menu.getByRole('menuitem')).toHaveText(['Copy cell', 'Copy row', 'Open']);
      await screenshot(page, 'list-context-menu');
      await menu.getByRole('menuitem', { name: 'Copy row' }).click();
      const copied = await page.evaluate<string>('navigator.clipboard.readText()');
      expect(copied.split('\t').length).toBeGreaterThan(3);
      await row.click({ button: 'right' });
      await menu.getByRole('menuitem', { name: 'Open' }).click();
      const heading = page.locator('#booking-title');
      await expect(heading).toBeVisible();
      // The row copied is the booking opened: its service is in both, and in the window's title.
      const service = (await heading.textContent())!.split(' — ')[0];
      expect(copied).toContain(service);
      await expect(page).toHaveTitle(`Booking #${page.url().match(/#\/bookings\/(\d+)/)![1]} · ${service} · JobTrail`);
      expect(problems).toEqual([]);
    } finally {
      await f.dispose();
    }
  });

  test('Start empty: the first administrator is made, and the database holds nothing else', async ({ browser }) => {
    const f = await freshDatabase(browser);
    try {
      const { page } = f;
      // There, and back to the choice.
      await page.getByRole('button', { name: /Start empty/ }).click();
      await page.getByRole('button', { name: 'Back' }).click();
      await expect(page.getByRole('button', { name: /Start with demo data/ })).toBeVisible();
      await startEmpty(page, 'Olive Owner', 'a-long-password');
      expect(f.count('SELECT count(*) FROM users')).toBe(1);
      expect(f.count('SELECT count(*) FROM bookings') + f.count('SELECT count(*) FROM customers')).toBe(0);
      // The demo's door is shut now, even to a call made by hand.
      const refused = await page.evaluate(`fetch('/api/setup.demo', { method: 'POST', body: '{}', headers: {
        'Content-Type': 'application/json', Authorization: 'Bearer ' + sessionStorage.getItem('jobtrail.token'),
        'X-JobTrail-Client': sessionStorage.getItem('jobtrail.client') } }).then((r) => r.json())`);
      expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(f.count('SELECT count(*) FROM users')).toBe(1);
    } finally {
      await f.dispose();
    }
  });
});
