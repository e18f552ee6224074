// Reports as the office hands them over: a booking's proof from its job card, a
// customer's access report from the profile (with its JSON), period and person
// reports from Reports, each on screen as it prints, with the chain head on every
// page, and each one an audit row; and "Check a printed report" answering for a
// digest copied from the paper, before and after the log is altered.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { DEMO, openOffice, screenshot, squash, watchProblems, type Office } from './office';

let office: Office;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  office = await openOffice(browser);
});
test.afterAll(async () => {
  await office?.dispose();
});

const output = join(import.meta.dirname, '..', 'output');

/** The report printed to PDF, as Print or Save as PDF does, and its text page by page (pdftotext).
 *  Print… is enabled only once the report has come back: printing before would print "Preparing". */
async function printed(page: Page, name: string): Promise<string[]> {
  await expect(page.getByRole('toolbar', { name: 'Report' }).getByRole('button', { name: 'Print…' })).toBeEnabled();
  await page.locator('article.report').waitFor();
  mkdirSync(output, { recursive: true });
  const file = join(output, `${name}.pdf`);
  await page.emulateMedia({ media: 'print' });
  writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  await page.emulateMedia({ media: 'screen' });
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    .split('\f')
    .filter((p) => p.trim());
}

const reportRows = (afterId: number) =>
  office.sql<{ actor_name: string; event: string; label: string | null; booking_id: number | null; customer_id: number | null }>(
    "SELECT actor_name, event, label, booking_id, customer_id FROM audit_log WHERE entity = 'report' AND id > ? ORDER BY id",
    afterId,
  );
const lastAuditId = () => office.sql<{ n: number }>('SELECT coalesce(max(id), 0) AS n FROM audit_log')[0].n;

test.describe("a booking's proof", () => {
  test('prints from the job card with the booking, its History and the chain head on every page, and is itself recorded', async () => {
    const [b] = office.sql<{ id: number; service: string; customer: string }>(`SELECT b.id, b.service, c.name AS customer
      FROM bookings b JOIN customers c ON c.id = b.customer_id
      WHERE b.deleted_at IS NULL AND EXISTS (SELECT 1 FROM payments p JOIN invoices i ON i.id = p.invoice_id WHERE i.booking_id = b.id)
      ORDER BY (SELECT count(*) FROM audit_log a WHERE a.booking_id = b.id) DESC LIMIT 1`);
    const page = await office.signedIn(DEMO.staff);
    const problems = watchProblems(page);
    const before = lastAuditId();
    await page.evaluate(`location.hash = '#/bookings/${b.id}'`);
    await page.getByRole('heading', { name: `${b.service} — ${b.customer}` }).waitFor();
    await page.getByRole('link', { name: 'Print proof' }).click();

    const report = page.locator('article.report');
    await expect(report.getByRole('heading', { level: 1 })).toHaveText('Booking dispute report');
    await expect(report).toContainText(b.customer);
    await expect(page.getByRole('button', { name: 'Print…' })).toBeEnabled();
    expect(reportRows(before)).toEqual([expect.objectContaining({ actor_name: DEMO.staff, event: 'report generated', booking_id: b.id })]);
    await screenshot(page, 'report-booking', true);

    const pages = await printed(page, 'report-booking');
    expect(pages.length).toBeGreaterThan(1);
    const head = office.sql<{ n: number }>('SELECT max(id) AS n FROM audit_log WHERE id <= ?', before)[0].n;
    for (const [i, text] of pages.entries()) {
      const t = squash(text);
      expect(t, `page ${i + 1}`).toContain('Booking dispute report');
      expect(t, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(t, `page ${i + 1}`).toMatch(/Chain head [0-9a-f]{16}/);
      // The window's own bar and buttons stay off paper.
      expect(t, `page ${i + 1}`).not.toContain('Sign out');
      expect(t, `page ${i + 1}`).not.toContain('Print…');
    }
    expect(head).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});

test.describe("a customer's access report", () => {
  test('opens from the profile for a manager, shows every booking, and downloads the same as JSON', async () => {
    const [c] = office.sql<{ id: number; name: string; bookings: number }>(`SELECT c.id, c.name,
      (SELECT count(*) FROM bookings b WHERE b.customer_id = c.id) AS bookings FROM customers c
      WHERE c.deleted_at IS NULL ORDER BY bookings DESC LIMIT 1`);
    const page = await office.signedIn(DEMO.manager);
    const problems = watchProblems(page);
    const before = lastAuditId();
    await page.evaluate(`location.hash = '#/customers/${c.id}'`);
    await page.getByRole('link', { name: 'Access report' }).click();
    const report = page.locator('article.report');
    await expect(report.getByRole('heading', { level: 1 })).toContainText('access');
    await expect(report).toContainText(c.name);
    expect(reportRows(before)).toEqual([expect.objectContaining({ actor_name: DEMO.manager, event: 'report generated', customer_id: c.id })]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as JSON' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    const data = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      customer: { name: string };
      bookings: unknown[];
      header: { chain: { head: string } };
    };
    expect(data.customer.name).toBe(c.name);
    expect(data.bookings).toHaveLength(c.bookings);
    expect(data.header.chain.head).toMatch(/^[0-9a-f]{64}$/);
    expect(problems).toEqual([]);
  });

  test('is not offered to staff', async () => {
    const [c] = office.sql<{ id: number }>('SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY id LIMIT 1');
    const page = await office.signedIn(DEMO.staff);
    await page.evaluate(`location.hash = '#/customers/${c.id}'`);
    await page.getByRole('button', { name: 'New booking' }).waitFor();
    await expect(page.getByRole('link', { name: 'Access report' })).toHaveCount(0);
  });
});

test.describe('Reports › period and person reports', () => {
  test('a period narrowed to one person shows only their events, with totals, and a person report names them', async () => {
    const page = await office.signedIn(DEMO.administrator);
    const problems = watchProblems(page);
    await page.getByRole('link', { name: 'Reports' }).click();
    const card = page.locator('section.card', { has: page.getByRole('heading', { name: 'Period and person reports' }) });
    await card.getByLabel('From').fill('2025-06-01');
    await card.getByLabel('To (included)').fill('2025-06-30');
    await card.getByLabel('Person (optional)').selectOption({ label: DEMO.staff });
    const before = lastAuditId();
    await card.getByRole('button', { name: 'Open the report' }).click();
    const report = page.locator('article.report');
    await expect(report.getByRole('heading', { level: 1 })).toContainText('Period');
    await expect(report).toContainText(DEMO.staff);
    // As many rows as the log holds for her in June (the browser's zone is the office's), each under her name.
    const expected = office.sql<{ n: number }>(
      `SELECT count(*) AS n FROM audit_log a JOIN users u ON u.id = a.actor_id
      WHERE u.name = ? AND a.at >= ? AND a.at < ?`,
      DEMO.staff,
      '2025-06-01T05:00:00.000Z',
      '2025-07-01T05:00:00.000Z',
    )[0].n;
    expect(expected).toBeGreaterThan(0);
    const whoCells = report.locator('table.history-log tbody td:nth-child(3)');
    await expect(whoCells).toHaveCount(expected);
    expect(new Set((await whoCells.allTextContents()).map(squash))).toEqual(new Set([DEMO.staff]));
    expect(reportRows(before)).toEqual([expect.objectContaining({ actor_name: DEMO.administrator, event: 'report generated' })]);
    // The chart draws its days: the busiest one's bar fills the chart's height, the others less.
    const bars = report.locator('.bars');
    const heights = await bars
      .locator('.day')
      .evaluateAll((days) => days.map((d) => [...d.children].reduce((h, c) => h + c.getBoundingClientRect().height, 0)));
    const chart = await bars.evaluate((b) => b.clientHeight);
    expect(Math.max(...heights)).toBeGreaterThan(chart * 0.95);
    expect(Math.min(...heights)).toBeGreaterThan(0);
    await screenshot(page, 'report-period', true);
    expect(problems).toEqual([]);
  });

  test("a year's period charts its weeks, and the chart fits the page", async () => {
    const page = await office.signedIn(DEMO.administrator);
    await page.getByRole('link', { name: 'Reports' }).click();
    const card = page.locator('section.card', { has: page.getByRole('heading', { name: 'Period and person reports' }) });
    await card.getByLabel('From').fill('2024-07-01');
    await card.getByLabel('To (included)').fill('2025-06-30');
    // One person's year: the whole office's is thousands of rows, which a loaded machine takes more than 10 s to lay out.
    await card.getByLabel('Person (optional)').selectOption({ label: DEMO.staff });
    await card.getByRole('button', { name: 'Open the report' }).click();
    const report = page.locator('article.report');
    await expect(report.getByRole('heading', { name: /^Events per week \(weeks from Monday, days in / })).toBeVisible({ timeout: 30_000 });
    const bars = report.locator('.bars');
    expect(await bars.locator('.day').count()).toBeLessThanOrEqual(53);
    // Every bar within the chart's width: a year of days was wider than the paper.
    const fits = await bars.evaluate((b) => [...b.children].every((d) => d.getBoundingClientRect().right <= b.getBoundingClientRect().right + 0.5));
    expect(fits).toBe(true);
    await bars.screenshot({ path: join(output, 'report-period-year-chart.png') });
  });

  test('asks for the person before opening a person report, next to the field', async () => {
    const page = await office.signedIn(DEMO.manager);
    await page.getByRole('link', { name: 'Reports' }).click();
    const card = page.locator('section.card', { has: page.getByRole('heading', { name: 'Period and person reports' }) });
    await card.getByLabel("One person's activity").check();
    await card.getByRole('button', { name: 'Open the report' }).click();
    await expect(card.locator('.field-error')).toHaveText('Pick the person whose activity to report.');
    await card.getByLabel('Person', { exact: true }).selectOption({ label: DEMO.fieldworker });
    await card.getByRole('button', { name: 'Open the report' }).click();
    await expect(page.locator('article.report')).toContainText(DEMO.fieldworker);
  });
});

test.describe('Reports › Check a printed report', () => {
  test('finds a digest copied from a report, counts the rows added since, and refuses it once the log was altered', async () => {
    const page = await office.signedIn(DEMO.manager);
    const problems = watchProblems(page, /status of 40[0139]\b/);
    const [b] = office.sql<{ id: number }>('SELECT id FROM bookings WHERE deleted_at IS NULL ORDER BY id LIMIT 1');
    await page.evaluate(`location.hash = '#/bookings/${b.id}'`);
    await page.getByRole('link', { name: 'Print proof' }).click();
    const pages = await printed(page, 'report-check');
    // As a person copies it from the head of the paper: the short digest and the row count. (Read
    // from the heading, not the foot: the foot's margin boxes come out of the PDF's text in any order.)
    const text = squash(pages[0]);
    const [digest, rows] = [/short form ([0-9a-f]{16})\b/.exec(text)?.[1], /covers ([\d,]+) rows/.exec(text)?.[1]];
    if (!digest || !rows) throw new Error(`no chain head on the first page: ${text.slice(0, 600)}`);

    const check = async (d: string, r: string) => {
      await page.evaluate(`location.hash = '#/reports'`);
      const card = page.locator('section.card', { has: page.getByRole('heading', { name: 'Check a printed report' }) });
      await card.getByLabel('Chain head').fill(d);
      await card.getByLabel('Rows covered').fill(r);
      await card.getByRole('button', { name: 'Check', exact: true }).click();
      return card.locator('.verdict-line');
    };
    // The report itself added a row (its own audit row) after the head it printed.
    const found = await check(digest, rows);
    await expect(found).toContainText(`row ${rows}`);
    await expect(found).toContainText('1 row has been added since');
    await expect(page.locator('.verdict-line')).toHaveClass(/intact/);
    await screenshot(page, 'check-printed-report');

    // A typo'd digest is refused under its field, in words.
    await check('xyz', '');
    await expect(page.locator('.field-error')).toContainText('16 to 64 letters and digits');

    // Someone with a SQLite tool rewrites an early row: the printed head is no longer this log's.
    const tool = new Database(office.core.db.file);
    const guard = tool.prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_update'").pluck().get() as string;
    tool.exec('DROP TRIGGER audit_log_no_update');
    tool.prepare("UPDATE audit_log SET actor_name = 'Nobody' WHERE id = 5").run();
    tool.exec(guard);
    tool.close();
    const verdict = await check(digest, rows);
    await expect(verdict).toHaveClass(/broken/);
    expect(problems).toEqual([]);
  });
});

test.describe('a History printed as filtered', () => {
  test("prints the booking's financial rows only, naming the booking and the filter, and is recorded", async () => {
    const [b] = office.sql<{ id: number; service: string; customer: string }>(`SELECT b.id, b.service, c.name AS customer
      FROM bookings b JOIN customers c ON c.id = b.customer_id WHERE b.deleted_at IS NULL
      AND EXISTS (SELECT 1 FROM audit_log a WHERE a.booking_id = b.id AND a.category = 'financial') ORDER BY b.id LIMIT 1`);
    const financial = office.sql<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE booking_id = ? AND category = 'financial'", b.id)[0].n;
    const page = await office.signedIn(DEMO.staff);
    const problems = watchProblems(page);
    await page.evaluate(`location.hash = '#/bookings/${b.id}'`);
    const history = page.locator('#act-panel-history');
    await history.getByLabel('Kind', { exact: true }).selectOption('financial');
    await expect(history.locator('.grid-toolbar [role=status]')).toHaveText(`${financial} ${financial === 1 ? 'change' : 'changes'} match`);
    const before = lastAuditId();
    await history.getByRole('link', { name: 'Print…' }).click();

    const report = page.locator('article.report');
    await expect(report.getByRole('heading', { level: 1 })).toHaveText('History report');
    await expect(report.locator('.subject').first()).toContainText(`${b.service} · ${b.customer}`);
    await expect(report.locator('table.history-log tbody tr')).toHaveCount(financial);
    expect(reportRows(before)).toEqual([expect.objectContaining({ actor_name: DEMO.staff, event: 'report generated', booking_id: b.id })]);
    const pages = await printed(page, 'report-history');
    for (const text of pages) expect(squash(text)).toContain('History report');
    expect(problems).toEqual([]);
  });
});
