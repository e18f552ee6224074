// Settings › Office, as an administrator uses it: the business's name, currency and
// locale set once, and every screen reads money and dates in them at once; the
// report prints the name. Staff see the settings without a way to change them. The
// dark theme, chosen on this computer, is looked at. The office's zone, chosen, is
// the one printed reports give their times in.
import { expect, test } from '@playwright/test';
import { DEMO, openOffice, screenshot, squash, watchProblems, type Office } from './office';
import { ZONE } from './zone';

let office: Office;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  office = await openOffice(browser);
});
test.afterAll(async () => {
  await office?.dispose();
});

test('an administrator sets the office to euros in German, and amounts, dates and reports follow', async () => {
  const page = await office.signedIn(DEMO.administrator);
  const problems = watchProblems(page);
  await page.evaluate("location.hash = '#/settings?tab=office'");
  const form = page.getByRole('form', { name: 'The office' });
  await form.getByLabel('Business name').fill('Harbour Heating GmbH');
  await form.getByLabel('Currency').selectOption('EUR');
  await form.getByLabel('Locale (dates and numbers)').fill('de-DE');
  await expect(form).toContainText('1.234,56 €');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  const rows = office.sql<{ field: string; new_value: string }>("SELECT field, new_value FROM audit_log WHERE event = 'setting changed' ORDER BY id");
  expect(rows).toEqual([
    { field: 'business_name', new_value: 'Harbour Heating GmbH' },
    { field: 'currency', new_value: 'EUR' },
    { field: 'locale', new_value: 'de-DE' },
  ]);

  await page.evaluate("location.hash = '#/bookings'");
  const firstPrice = page.getByRole('row').nth(1);
  await expect(firstPrice).toContainText('€');
  await expect(firstPrice).not.toContainText('$');
  await screenshot(page, 'office-euro-bookings');

  const [c] = office.sql<{ id: number }>('SELECT min(id) AS id FROM customers');
  await page.evaluate(`location.hash = '#/reports?view=customer&id=${c.id}'`);
  await expect(page.locator('article.report .business')).toHaveText('Harbour Heating GmbH');
  expect(problems).toEqual([]);
});

test('staff see the office settings, and cannot change them', async () => {
  const page = await office.signedIn(DEMO.staff);
  await page.evaluate("location.hash = '#/settings?tab=office'");
  const form = page.getByRole('form', { name: 'The office' });
  await expect(form.getByLabel('Business name')).toHaveValue('Harbour Heating GmbH');
  await expect(form.getByLabel('Currency')).toBeDisabled();
  await expect(form.getByRole('button', { name: 'Save' })).toHaveCount(0);
});

test('the dark theme, chosen on this computer, stays after a reload', async () => {
  const page = await office.signedIn(DEMO.manager);
  await page.evaluate("location.hash = '#/settings?tab=office'");
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const background = await page.evaluate('getComputedStyle(document.documentElement).backgroundColor');
  expect(background).toBe('rgb(18, 24, 31)');
  await page.evaluate("location.hash = '#/bookings'");
  await expect(page.getByRole('row').nth(1)).toBeVisible();
  await screenshot(page, 'dark-bookings', true);
  await page.evaluate("location.hash = '#/audit'");
  await expect(page.getByRole('row').nth(1)).toBeVisible();
  await screenshot(page, 'dark-audit-log', true);
});

test("the office's zone, chosen by an administrator: what is printed gives its times there, and Settings says this computer's clock differs", async () => {
  const page = await office.signedIn(DEMO.administrator);
  const problems = watchProblems(page);
  await page.evaluate("location.hash = '#/settings?tab=office'");
  const form = page.getByRole('form', { name: 'The office' });
  await form.getByLabel('Time zone').selectOption('Europe/London');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  // The browser runs in Chicago (playwright.config.ts): Settings says the two differ, and what follows which.
  await expect(page.getByRole('note')).toContainText(`This computer is set to ${ZONE.replace(/_/g, ' ')}, not the office's Europe/London`);
  expect(office.sql("SELECT new_value FROM audit_log WHERE event = 'setting changed' AND field = 'time_zone'")).toEqual([{ new_value: 'Europe/London' }]);

  const [b] = office.sql<{ id: number; at: string }>(`SELECT b.id, a.at FROM bookings b JOIN audit_log a ON a.booking_id = b.id
    WHERE b.deleted_at IS NULL ORDER BY b.id LIMIT 1`);
  await page.evaluate(`location.hash = '#/reports?view=booking&id=${b.id}'`);
  const report = page.locator('article.report');
  await expect(report.locator('table.history-log tbody tr').first()).toBeVisible();
  const london = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'long', timeZone: 'Europe/London' }).format(new Date(b.at));
  const chicago = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'long', timeZone: ZONE }).format(new Date(b.at));
  const text = squash(await report.textContent());
  expect(text).toContain(squash(london));
  expect(text).not.toContain(squash(chicago));
  expect(text).not.toMatch(/\bC[SD]T\b/);
  expect(problems).toEqual([]);
});
