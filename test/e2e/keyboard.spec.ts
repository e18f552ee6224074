// The keyboard's way through the office: opening a record from a list moves focus
// to the record's heading, as a new page would, so Tab goes on from its top and a
// screen reader says what opened. A list is one Tab stop with arrow keys inside it;
// a booking's time is typed in one field.
import { expect, test, type Page } from '@playwright/test';
import { DEMO, openOffice, screenshot, type Office } from './office';

let office: Office;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  office = await openOffice(browser);
});
test.afterAll(async () => {
  await office?.dispose();
});

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

/** What the focused element says: a list row's name, or its text. */
const focused = (page: Page) =>
  page.evaluate<{ label: string | null; row: string | null; inList: boolean; inHistory: boolean; text: string }>(`(() => {
  const el = document.activeElement;
  return { label: el?.getAttribute('aria-label') ?? null, row: el?.getAttribute('data-row') ?? null,
    inList: !!el?.closest('table.list'), inHistory: !!el?.closest('table.history'), text: el?.innerText ?? '' };
})()`);

test('the bookings list is one Tab stop: arrows, End and Enter take the keyboard to a job card', async () => {
  const page = await office.signedIn(DEMO.staff);
  await page.evaluate("location.hash = '#/bookings'");
  const rows = page.locator('table.list tbody tr');
  await rows.first().waitFor();
  const labels = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('aria-label')));
  expect(labels.length).toBeGreaterThan(20);
  await expect(page.locator('table.list tbody tr[tabindex="0"]')).toHaveCount(1);

  // From the search box Tab passes the filters and the column headings, then one stop: the first row.
  await page.getByLabel('Search').focus();
  let presses = 0;
  while (!(await focused(page)).inList || (await focused(page)).row === null) {
    await page.keyboard.press('Tab');
    expect(++presses).toBeLessThan(20);
  }
  expect((await focused(page)).label).toBe(labels[0]);

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  expect((await focused(page)).label).toBe(labels[2]);
  await page.keyboard.press('ArrowUp');
  expect((await focused(page)).label).toBe(labels[1]);
  await page.keyboard.press('End');
  expect((await focused(page)).label).toBe(labels.at(-1));
  await page.keyboard.press('Home');
  expect((await focused(page)).label).toBe(labels[0]);
  // Page Down goes as far as the window shows rows, not one.
  await page.keyboard.press('PageDown');
  expect(Number((await focused(page)).row)).toBeGreaterThan(10);
  await page.keyboard.press('End');

  // Tab leaves the list for the pages under it; Shift+Tab comes back to the row last used.
  await page.keyboard.press('Tab');
  expect((await focused(page)).inList).toBe(false);
  await page.keyboard.press('Shift+Tab');
  expect((await focused(page)).label).toBe(labels.at(-1));
  await screenshot(page, 'keyboard-bookings-row');

  await page.keyboard.press('Enter');
  const [service, customer] = labels.at(-1)!.split(' for ');
  const heading = page.locator('h1#booking-title');
  await expect(heading).toBeFocused();
  await expect(heading).toHaveText(`${service} — ${customer}`);
});

test("a job card's History is one Tab stop with arrows, Home and End", async () => {
  const [b] = office.sql<{ id: number }>(`SELECT booking_id AS id FROM audit_log WHERE booking_id IS NOT NULL
    GROUP BY booking_id ORDER BY count(*) DESC LIMIT 1`);
  const page = await office.signedIn(DEMO.manager);
  await page.evaluate(`location.hash = '#/bookings/${b.id}'`);
  const grid = page.locator('table.history');
  await grid.locator('tbody tr').first().waitFor();
  await expect(grid.locator('tbody tr[tabindex="0"]')).toHaveCount(1);
  // The buttons inside rows are reached with arrows, not with Tab.
  expect(await grid.locator('tbody button, tbody a').evaluateAll((els) => els.every((e) => e.getAttribute('tabindex') === '-1'))).toBe(true);

  // After the last column heading, one Tab: the first row.
  await grid.locator('thead button.sort').last().focus();
  await page.keyboard.press('Tab');
  const first = await focused(page);
  expect([first.inHistory, first.row]).toEqual([true, '0']);
  await page.keyboard.press('ArrowDown');
  expect((await focused(page)).row).toBe('1');
  expect((await focused(page)).text).toBe(await grid.locator('tbody tr[data-row="1"]').innerText());
  await page.keyboard.press('End');
  // The last row of them all: its row number is the grid's count (the heading row is the first).
  const last = grid.locator('tbody tr:focus');
  await expect(last).toHaveAttribute('aria-rowindex', (await grid.getAttribute('aria-rowcount'))!);
  await expect(last).toBeInViewport();
  const lastRow = (await focused(page)).row;
  await screenshot(page, 'keyboard-history-row');

  await page.keyboard.press('Tab');
  expect((await focused(page)).inHistory).toBe(false);
  await page.keyboard.press('Shift+Tab');
  expect((await focused(page)).row).toBe(lastRow);
  await page.keyboard.press('Home');
  expect((await focused(page)).row).toBe('0');
});

test("a new booking's time is typed in one field, read back in words, and the end follows", async () => {
  const [c] = office.sql<{ name: string }>('SELECT name FROM customers WHERE deleted_at IS NULL ORDER BY id LIMIT 1');
  const page = await office.signedIn(DEMO.staff);
  await page.evaluate("location.hash = '#/bookings'");
  await page.getByRole('button', { name: 'New booking' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'New booking' });
  await expect(dialog.getByLabel('Customer')).toBeFocused();
  await page.keyboard.type(c.name);
  await dialog.getByRole('option', { name: c.name }).first().waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');

  const service = dialog.getByLabel('Service');
  await service.focus();
  await page.keyboard.type('Keyboard check');
  await page.keyboard.press('Tab');
  const starts = dialog.getByLabel('Starts');
  await expect(starts).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('2/3/2026 2:30 pm');
  await expect(dialog.getByText('Tuesday, February 3, 2026 at 2:30 PM')).toBeVisible();
  // An hour long unless said otherwise: the end moved with the start.
  await expect(dialog.getByLabel('Ends')).toHaveValue('2/3/2026 3:30 PM');
  // Two stops for a time: the field and its calendar.
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Pick from a calendar' }).first()).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByLabel('Ends')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('2/3/2026 25:00');
  await page.keyboard.press('Tab');
  await expect(dialog.getByText('Not a date and time: type it like 2/3/2026 3:30 PM.')).toBeVisible();
  await screenshot(page, 'keyboard-date-time');
  await dialog.getByLabel('Ends').focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('2/3/2026 16:00');
  await dialog.getByLabel('Price').focus();
  await page.keyboard.type('95');
  await page.keyboard.press('Enter');

  await expect(page.locator('h1#booking-title')).toContainText('Keyboard check');
  const [made] = office.sql<{ start: string; end: string }>(
    "SELECT scheduled_start AS start, scheduled_end AS end FROM bookings WHERE service = 'Keyboard check'",
  );
  // 2:30 PM in Chicago in February (UTC-6).
  expect([Date.parse(made.start), Date.parse(made.end)]).toEqual([Date.parse('2026-02-03T20:30:00Z'), Date.parse('2026-02-03T22:00:00Z')]);
});

test("Enter on an Audit log row opens the record it is about, on that record's heading", async () => {
  const page = await office.signedIn(DEMO.manager);
  await page.evaluate("location.hash = '#/audit'");
  const grid = page.locator('table.history');
  await grid.locator('tbody tr').first().waitFor();
  await grid.locator('thead button.sort').last().focus();
  await page.keyboard.press('Tab');
  // The first row about a booking: its Record cell names the booking the job card opens.
  const firstBookingRow = await grid
    .locator('tbody tr')
    .evaluateAll((trs) => trs.findIndex((tr) => (tr.querySelector('td[data-column="record"] a')?.getAttribute('href') ?? '').startsWith('#/bookings/')));
  expect(firstBookingRow).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < firstBookingRow; i++) await page.keyboard.press('ArrowDown');
  const href = await grid.locator(`tbody tr[data-row="${firstBookingRow}"] td[data-column="record"] a`).getAttribute('href');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${href!.replace(/[?]/g, '\\?')}$`));
  await expect(page.locator('h1#booking-title')).toBeFocused();
});
