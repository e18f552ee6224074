// Flows the office runs every day, written once and driven twice: in Chromium over
// the web mode (office-flows.spec.ts) and in the real Electron app
// (office-flows.electron.spec.ts; the first start in first-start.spec.ts and
// desktop-shell.electron.spec.ts). Each flow asserts what a person checks on screen
// and returns what the test checks in the database afterwards.
import { expect, type Page } from '@playwright/test';
import { signIn } from '../../electron/bench/browser';
import { DEMO_PASSWORD } from '../../electron/cli/seed';
import { squash } from './squash';

/** Signs in by name, as people do, and lands on All Bookings. */
export async function signInToBookings(page: Page, name: string): Promise<void> {
  await signIn(page, name, DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: 'All Bookings' })).toBeVisible();
  await expect(page.locator('table.list tbody tr').first()).toBeVisible();
}

/**
 * Opens the first booking in the list, changes its address in the Details form,
 * and reads the change in its History under the person's name.
 */
export async function changeAnAddress(page: Page, who: string, address: string): Promise<{ bookingId: number }> {
  await page.locator('table.list tbody tr').first().click();
  await expect(page.getByRole('tab', { name: 'History' })).toHaveAttribute('aria-selected', 'true');
  const bookingId = Number(/#\/bookings\/(\d+)/.exec(page.url())?.[1]);
  expect(bookingId).toBeGreaterThan(0);

  await page.getByLabel('Address').fill(address);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'recorded in the History under your name' })).toBeVisible();

  const lead = page.locator('#act-panel-history table.history tbody tr').first();
  await expect(lead.locator('td[data-column="field"]')).toHaveText('Address');
  expect(squash(await lead.locator('td[data-column="after"]').textContent())).toBe(`→ ${address}`);
  await expect(lead.locator('td[data-column="actor"]')).toHaveText(who);
  return { bookingId };
}

/** A new database's first start, "Start empty": the first administrator is made and lands in the office. */
export async function startEmpty(page: Page, name: string, password: string): Promise<void> {
  await page.getByRole('button', { name: /Start empty/ }).click();
  await expect(page.getByRole('heading', { name: 'The first administrator' })).toBeVisible();
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Password again').fill(password);
  await page.getByRole('button', { name: 'Create administrator' }).click();
  await expect(page.locator('.topbar .user-name')).toHaveText(name);
}
