// The menu's commands reach the screen that does them, in web mode through the same
// keys: Export… pressed on the Bookings list opens the Audit log and exports it (the
// export recorded under who asked), and a list's context menu works from the keyboard
// (Shift+F10 on a row, Escape back to the row).
import { expect, test } from '@playwright/test';
import { DEMO, openOffice, watchProblems, type Office } from './office';

let office: Office;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  office = await openOffice(browser);
});
test.afterAll(async () => {
  await office?.dispose();
});

const exports = () => office.sql<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE event = 'history exported' AND actor_name = ?`, DEMO.manager)[0].n;

test('Export… from the Bookings list opens the Audit log, whose export runs and is recorded', async () => {
  const page = await office.signedIn(DEMO.manager);
  const problems = watchProblems(page);
  const before = exports();
  await page.getByRole('heading', { name: 'All Bookings' }).waitFor();
  await page.keyboard.press('Control+Shift+E');
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  await expect(page.locator('.notice.success')).toContainText(/^Exported [\d,]+ rows; chain head [0-9a-f]{16}/);
  expect(exports()).toBe(before + 1);
  // Pressed again on the Audit log itself, the grid on view answers: one more export, no other screen.
  await page.keyboard.press('Control+Shift+E');
  await expect.poll(exports).toBe(before + 2);
  await expect(page).toHaveTitle('Audit log · JobTrail');
  expect(problems).toEqual([]);
});

test("a list's context menu from the keyboard: Shift+F10 on a row, arrows inside, Escape back to the row", async () => {
  const page = await office.signedIn(DEMO.staff);
  const row = page.locator('table.grid.list tbody tr').nth(2);
  await row.focus();
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Row' });
  await expect(menu.getByRole('menuitem', { name: 'Copy cell' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem', { name: 'Open' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(row).toBeFocused();
  // Enter on Open opens the row's booking.
  await page.keyboard.press('Shift+F10');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page).toHaveTitle(/^Booking #\d+ · .+ · JobTrail$/);
});
