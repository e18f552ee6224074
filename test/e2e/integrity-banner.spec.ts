// The warning at start: a log tampered with while the app was closed is said on
// the first screen to whoever signs in, and an intact log shows no warning at all.
// Each start here is a start of the app: a core worker running the start-up tasks
// (runStartupTasks) on the real file, and the web mode in front of it. The start
// reads the rows since the last check; an older row rewritten is found by the
// scheduled whole-log check, whose failed verdict the banner keeps showing.
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { checkIntegrity } from '../../db/integrity';
import { fullCheckResult, recordFullCheck } from '../../db/checkRecords';
import { DEMO_PASSWORD } from '../../electron/cli/seed';
import { RETENTION_MAX_DAYS, setRetentionDays } from '../../electron/services/retention';
import { startCoreWorker, type CoreHost } from '../../electron/core/host';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { DEMO, openOffice, screenshot, signIn, squash, watchProblems, ZONE, type Office } from './office';

let office: Office;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  office = await openOffice(browser);
  // The retention job at start would purge the demo's deletions of long ago, adding rows between two starts that
  // this file counts: the longest period keeps them in the bin (recycle-bin.test.ts has the purge).
  const [admin] = office.sql<{ id: number; name: string }>("SELECT id, name FROM users WHERE role = 'administrator' ORDER BY id LIMIT 1");
  setRetentionDays({ db: office.core.db, user: { ...admin, role: 'administrator' } }, { days: RETENTION_MAX_DAYS });
});
test.afterAll(async () => {
  await office?.dispose();
});

interface Started {
  /** The start-up check's verdict, as the app logs it. */
  verdict: string[];
  signedIn(name: string): Promise<Page>;
  close(): Promise<void>;
}

/** Starts the app on the office's file as a person would, and waits for the start-up check's verdict in its log. */
async function startApp(): Promise<Started> {
  const lines: string[] = [];
  const log = { info: (l: string) => lines.push(l), warn: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
  const host: CoreHost = await startCoreWorker(office.core.db.file, { lockHolder: 'the e2e tests', startupTasks: true, log });
  const web: WebServer = await startWebServer({ router: host, staticDir: process.env.JOBTRAIL_RENDERER_DIR });
  await expect.poll(() => lines.some((l) => /^(Audit trail intact|WARNING: the audit trail)/.test(l)), { timeout: 30_000 }).toBe(true);
  return {
    verdict: lines,
    async signedIn(name) {
      const context = await office.browser.newContext({ timezoneId: ZONE, locale: 'en-US', viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(web.url);
      await signIn(page, name);
      return page;
    },
    async close() {
      await web.close();
      await host.close();
    },
  };
}

test.describe('the integrity warning at start', () => {
  test('stays away while the audit trail is intact', async () => {
    const app = await startApp();
    try {
      expect(app.verdict[0]).toMatch(/^Audit trail intact: /);
      const page = await app.signedIn(DEMO.fieldworker);
      const problems = watchProblems(page);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      // The answer has arrived (the checking line would show while it is outstanding) and says nothing is wrong.
      await expect.poll(() => page.locator('.integrity-banner').count()).toBe(0);
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await app.close();
    }
  });

  test('warns everyone who signs in when the whole-log check found an old row rewritten, which the start does not read', async () => {
    // Someone with a SQLite tool lifts the append-only guard, lowers the amount a payment was logged with, and puts the guard back.
    const row = rewriteRow("SELECT id, new_value FROM audit_log WHERE entity = 'payment' AND field = '*' ORDER BY id LIMIT 1", (was) => {
      const payment = JSON.parse(was) as { amount: string };
      return JSON.stringify({ ...payment, amount: String(Number(payment.amount) - 5000) });
    });
    // The whole check, as the scheduled job runs it, and records it beside the witness.
    const startedAt = new Date().toISOString();
    const whole = checkIntegrity(office.core.db.sqlite);
    expect(whole.ok).toBe(false);
    recordFullCheck(office.core.db.sqlite, fullCheckResult(whole), { startedAt });
    const app = await startApp();
    try {
      // The start checks only the rows since the last check: this one was the whole check's to find.
      expect(app.verdict[0]).toMatch(/^Audit trail intact: 0 rows added since row/);
      expect(app.verdict).toContain(`  - audit row ${row.id}: its content or hash does not match the chain: altered, inserted or reordered`);
      for (const [who, next] of [
        [DEMO.staff, 'Tell a manager or your administrator.'],
        [DEMO.manager, 'Reports › Check the audit trail'],
      ] as const) {
        const page = await app.signedIn(who);
        const problems = watchProblems(page);
        const banner = page.getByRole('alert').filter({ hasText: 'the audit trail failed its integrity check of the whole log' });
        await banner.waitFor();
        const text = squash(await banner.textContent());
        expect(text).toContain(`audit row ${row.id}`);
        expect(text).toContain('today');
        expect(text).toContain('Audit trail checked at start: no rows were added since the last check, and the last ones are intact');
        expect(text).toContain('Keep the database file as it is');
        expect(text).toContain(next);
        // It stays on every screen, not only the first.
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
        await page.getByRole('heading', { name: 'All Customers' }).waitFor();
        expect(await banner.count()).toBe(1);
        if (who === DEMO.manager) {
          await banner.getByRole('link', { name: 'Reports › Check the audit trail' }).click();
          await page.getByRole('heading', { name: 'Check the audit trail' }).waitFor();
          await screenshot(page, 'integrity-warning-whole-log');
        }
        expect(problems).toEqual([]);
      }
    } finally {
      await app.close();
    }
  });

  test('warns at start when a row written since the last start was rewritten while the app was closed', async () => {
    const manager = 'test:manager';
    expect(office.core.dispatcher.call('auth.signIn', { name: DEMO.manager, password: DEMO_PASSWORD }, manager).ok).toBe(true);
    const customer = office.sql<{ id: number }>('SELECT id FROM customers ORDER BY id LIMIT 1')[0];
    expect(office.core.dispatcher.call('customers.update', { id: customer.id, phone: '555-0199' }, manager).ok).toBe(true);
    const row = rewriteRow("SELECT id, new_value FROM audit_log WHERE field = 'phone' ORDER BY id DESC LIMIT 1", () => '555-0100');

    const app = await startApp();
    try {
      expect(app.verdict[0]).toMatch(/^WARNING: the audit trail of .* failed its integrity check \(1 problem\):$/);
      const page = await app.signedIn(DEMO.staff);
      const problems = watchProblems(page);
      const banner = page.getByRole('alert').filter({ hasText: 'the audit trail failed its integrity check when JobTrail started' });
      await banner.waitFor();
      const text = squash(await banner.textContent());
      expect(text).toContain(`audit row ${row.id}`);
      expect(text).toMatch(/Checked at start: the \d+ rows? added since the last check/);
      // The whole-log check's warning stands beside it: the start did not clear it.
      expect(await page.getByRole('alert').filter({ hasText: 'integrity check of the whole log' }).count()).toBe(1);
      await screenshot(page, 'integrity-warning');
      expect(problems).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

/** Rewrites the new value of the audit row `query` finds, as someone with a SQLite tool would: guard lifted, row changed, guard put back. */
function rewriteRow(query: string, value: (was: string) => string): { id: number; new_value: string } {
  const tool = new Database(office.core.db.file);
  const row = tool.prepare(query).get() as { id: number; new_value: string };
  const guard = tool.prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_update'").pluck().get() as string;
  tool.exec('DROP TRIGGER audit_log_no_update');
  tool.prepare('UPDATE audit_log SET new_value = ? WHERE id = ?').run(value(row.new_value), row.id);
  tool.exec(guard);
  tool.close();
  return row;
}
