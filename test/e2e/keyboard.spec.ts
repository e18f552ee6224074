// The keyboard's way through the office: opening a record from a list moves focus
// to the record's heading, as a new page would, so Tab goes on from its top and a
// screen reader says what opened.
import { expect, test } from '@playwright/test';
import { DEMO, openOffice, type Office } from './office';

let office: Office;
test.beforeAll(async ({ browser }) => { test.setTimeout(120_000); office = await openOffice(browser); });
test.afterAll(async () => { await office?.dispose(); });

test('a booking opened from the list with Enter has the focus on its heading', async () => {
  const page = await office.signedIn(DEMO.staff);
  await page.evaluate("location.hash = '#/bookings'");
  const row = page.locator('tr.clickable').first();
  await row.focus();
  await page.keyboard.press('Enter');
  const heading = page.locator('h1#booking-title');
  await expect(heading).toBeFocused();
  await page.keyboard.press('Tab');
  // Tab goes on from the heading: into the booking, not back to the menu.
  expect(await page.evaluate('document.querySelector("main.content").contains(document.activeElement)')).toBe(true);
});

test('a customer opened from the list has the focus on their name', async () => {
  const page = await office.signedIn(DEMO.staff);
  await page.evaluate("location.hash = '#/customers'");
  const row = page.locator('tr.clickable').first();
  const name = (await row.locator('td').first().innerText()).trim();
  await row.click();
  const heading = page.locator('h1#customer-title');
  await expect(heading).toBeFocused();
  await expect(heading).toContainText(name);
});
