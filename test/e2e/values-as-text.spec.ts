// Whatever people type is shown as the text they typed, never run as HTML: a
// customer named with markup, and a booking address holding a script, appear
// literally in the profile, the lists, the job card and the History, and no
// element or script of theirs reaches the page.
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { DEMO, openOffice, squash, watchProblems, type Office } from './office';

let office: Office;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  office = await openOffice(browser);
});
test.afterAll(async () => {
  await office?.dispose();
});

const NAME = '<img src=x onerror="window.__injected=1">Dr <b>Bold</b> & Co';
const ADDRESS = '<script>window.__injected=2</script>12 <i>Elm</i> St';
const dialog = (page: Page) => page.locator('dialog[open]');

/** Nothing the values carried became part of the page: no element of theirs, no script run. */
async function expectNoMarkup(page: Page): Promise<void> {
  expect(await page.evaluate(() => (globalThis as { __injected?: number }).__injected)).toBeUndefined();
  expect(await page.locator('main img, main b, main i, main script').count()).toBe(0);
}

test.describe('values are text, never HTML', () => {
  test('shows a name and an address full of markup exactly as typed, everywhere they appear', async () => {
    const page = await office.signedIn(DEMO.staff);
    const problems = watchProblems(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('button', { name: 'New customer' }).click();
    await dialog(page).getByLabel('Name').fill(NAME);
    await dialog(page).getByRole('button', { name: 'Create customer' }).click();
    await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
    await expectNoMarkup(page);
    const [{ id }] = office.sql<{ id: number }>('SELECT id FROM customers WHERE name = ?', NAME);

    // The list shows it as typed.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('Bold');
    await page.locator('tbody tr', { hasText: NAME }).waitFor();
    await expectNoMarkup(page);

    // A booking of another customer gets the script as its address, through the job card's form.
    const [booking] = office.sql<{ id: number; address: string }>(
      "SELECT id, address FROM bookings WHERE deleted_at IS NULL AND status = 'scheduled' ORDER BY id LIMIT 1",
    );
    await page.evaluate(`location.hash = '#/bookings/${booking.id}'`);
    await page.getByRole('textbox', { name: 'Address', exact: true }).fill(ADDRESS);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect(office.sql('SELECT address FROM bookings WHERE id = ?', booking.id)).toEqual([{ address: ADDRESS }]);
    expect(await page.getByRole('textbox', { name: 'Address', exact: true }).inputValue()).toBe(ADDRESS);

    // The History row carries both addresses as text: the old one before, the typed one after.
    const row = page.locator('table.history tbody tr', { hasText: 'Elm' });
    await row.waitFor();
    expect(squash(await row.locator('td[data-column="after"]').textContent())).toBe(`→ ${squash(ADDRESS)}`);
    await expectNoMarkup(page);

    // The customer's own History shows the name as it was created.
    await page.evaluate(`location.hash = '#/customers/${id}'`);
    await page.getByRole('tab', { name: 'History' }).click();
    await page.locator('table.history tbody tr', { hasText: NAME }).first().waitFor();
    await expectNoMarkup(page);
    expect(problems).toEqual([]);
  });
});
