// Archiving old History from Reports, as a manager does it: a date, a confirmation,
// the job's bar, then what was archived; afterwards every History says that rows
// before a date are in an archive, and staff see no archive card.
import { expect, test } from '@playwright/test';
import { verifyArchiveChain } from '../../db/archiveFile';
import { DEMO, openOffice, screenshot, watchProblems, type Office } from './office';

let office: Office;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  office = await openOffice(browser);
});
test.afterAll(async () => {
  await office?.dispose();
});

test('a manager archives the History before a date, and the History views say where it went', async () => {
  const page = await office.signedIn(DEMO.manager);
  const problems = watchProblems(page);
  await page.evaluate("location.hash = '#/reports'");
  const card = page.locator('section.archive-card');
  await expect(card.getByRole('heading', { name: 'Archive old History' })).toBeVisible();
  await expect(card.getByRole('button', { name: 'Archive…' })).toBeDisabled();
  await card.getByLabel('Archive History written before').fill('2025-06-01');
  await card.getByRole('button', { name: 'Archive…' }).click();
  await expect(card.getByRole('alertdialog')).toContainText('Move every History row written before');
  await card.getByRole('button', { name: 'Archive now' }).click();
  const done = card.getByRole('status').filter({ hasText: 'audit rows archived' });
  await expect(done).toBeVisible({ timeout: 60_000 });
  await expect(done).toContainText('history-before-2025-06-01.jtarchive');
  await expect(card).toContainText('is in an archive');
  await screenshot(page, 'archive-card', true);

  const [archived] = office.sql<{ actor_name: string; new_value: string }>("SELECT actor_name, new_value FROM audit_log WHERE event = 'archived'");
  expect(archived.actor_name).toBe(DEMO.manager);
  const checkpoint = office.sql<{ last_id: number }>('SELECT last_id FROM audit_checkpoint')[0].last_id;
  expect(archived.new_value).toBe(String(checkpoint));
  const oldest = office.sql<{ at: string }>('SELECT min(at) AS at FROM audit_log')[0].at;
  expect(oldest >= '2025-05-31').toBe(true);

  await page.evaluate("location.hash = '#/audit'");
  const note = page.getByRole('note').filter({ hasText: 'are in an archive' });
  await expect(note).toBeVisible();
  await expect(note).toContainText('Rows before');
  await screenshot(page, 'archive-audit-log-note');
  expect(problems).toEqual([]);
});

test("the archive verifies end to end into the office's log", async () => {
  const file = office.sql<{ old_value: string }>("SELECT old_value FROM audit_log WHERE event = 'archived'")[0].old_value;
  const name = /to (\S+\.jtarchive)/.exec(file)![1];
  const dir = office.core.db.file.replace(/[^/\\]+$/, '');
  const chain = await verifyArchiveChain([`${dir}archives/${name}`], office.core.db.sqlite);
  expect(chain.problems).toEqual([]);
});

test("a customer's access report says that older History is in archive files, not in it", async () => {
  const page = await office.signedIn(DEMO.manager);
  const [c] = office.sql<{ id: number }>('SELECT min(customer_id) AS id FROM audit_log WHERE customer_id IS NOT NULL');
  await page.evaluate(`location.hash = '#/reports?view=customer&id=${c.id}'`);
  const head = page.locator('article.report header.report-head');
  await expect(head).toContainText('Archived');
  await expect(head).toContainText('is in archive files, not in this report');
  await screenshot(page, 'archive-access-report-head');
});

test('a manager opens the archive to read and search it, and while it is open the access report includes its rows', async () => {
  const page = await office.signedIn(DEMO.manager);
  const problems = watchProblems(page);
  await page.evaluate("location.hash = '#/reports'");
  const file = page.locator('li.archive-file').filter({ hasText: 'history-before-2025-06-01.jtarchive' });
  await file.getByRole('button', { name: 'Open to read' }).click();
  await file.getByRole('link', { name: 'Read the archive' }).click({ timeout: 60_000 });
  await expect(page.getByRole('heading', { name: 'The archive verified when it was opened' })).toBeVisible();
  const grid = page.getByRole('region', { name: "The archive's History" });
  await expect(grid.getByRole('row').nth(1)).toBeVisible();

  // The oldest customer was created before the cut: their name is found in the archive, by words.
  const [c] = office.sql<{ id: number; name: string }>(
    'SELECT id, name FROM customers WHERE id = (SELECT min(customer_id) FROM audit_log WHERE customer_id IS NOT NULL)',
  );
  const counted = grid.getByRole('status').filter({ hasText: /\d+ changes?/ });
  const everything = await counted.textContent();
  await grid.getByRole('searchbox', { name: 'Search' }).fill(c.name);
  await expect(counted).not.toHaveText(everything!);
  const rows = grid.getByRole('row').filter({ hasNotText: 'When' });
  await expect(rows.first()).toContainText(c.name);
  await expect(grid.getByRole('button', { name: 'As it was' })).toHaveCount(0);
  await expect(grid.getByRole('note').filter({ hasText: 'are in an archive' })).toHaveCount(0);
  await screenshot(page, 'archive-reader', true);

  await page.evaluate(`location.hash = '#/reports?view=customer&id=${c.id}'`);
  const head = page.locator('article.report header.report-head');
  await expect(head).toContainText('From an archive');
  await expect(head).toContainText('history-before-2025-06-01.jtarchive');
  await expect(head).toContainText('it verified when it was opened');
  const created = page.locator('article.report').getByRole('row').filter({ hasText: 'created' }).filter({ hasText: c.name });
  await expect(created.first()).toBeVisible();
  expect(problems).toEqual([]);
});

test('staff see the note above History, but no archive card', async () => {
  const page = await office.signedIn(DEMO.staff);
  await page.evaluate("location.hash = '#/reports'");
  await expect(page.getByRole('heading', { name: 'Check the audit trail' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Archive old History' })).toHaveCount(0);
  const [b] = office.sql<{ id: number }>('SELECT max(booking_id) AS id FROM audit_log');
  await page.evaluate(`location.hash = '#/bookings/${b.id}'`);
  await expect(page.getByRole('note').filter({ hasText: 'are in an archive' })).toBeVisible();
});
