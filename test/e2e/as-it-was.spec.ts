// "As it was" from a History row: the booking rebuilt from its audit rows as it
// stood right after a reschedule, the moved fields marked, and as of a moment
// before that reschedule, the old time again.
import { expect, test } from '@playwright/test';
import { DEMO, openOffice, screenshot, shown, squash, watchProblems, type Office } from './office';

let office: Office;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  office = await openOffice(browser);
});
test.afterAll(async () => {
  await office?.dispose();
});

test('shows a booking right after a reschedule, with the moved start marked, and as of a moment before it', async () => {
  // A booking moved at least once; its latest move.
  const [move] = office.sql<{ id: number; bookingId: number; at: string; old: string; new: string }>(`SELECT a.id, a.booking_id AS bookingId, a.at,
    a.old_value AS old, a.new_value AS new FROM audit_log a JOIN bookings b ON b.id = a.booking_id
    WHERE a.entity = 'booking' AND a.field = 'scheduled_start' AND b.deleted_at IS NULL ORDER BY a.id DESC LIMIT 1`);
  const page = await office.signedIn(DEMO.staff);
  const problems = watchProblems(page);
  await page.evaluate(`location.hash = '#/bookings/${move.bookingId}'`);
  const row = page.locator('#act-panel-history table.history tbody tr', { has: page.locator('td[data-column="field"]', { hasText: /^Start$/ }) }).first();
  await row.waitFor();
  await row.getByRole('button', { name: /^As it was after this change/ }).click();

  const dialog = page.getByRole('dialog', { name: 'The booking as it was' });
  const start = dialog.getByRole('row', { name: /^Start/ });
  await expect(start).toHaveClass(/changed/);
  expect(squash(await start.locator('td').textContent())).toBe(squash(shown(move.new)));
  await screenshot(page, 'as-it-was');

  // A second before the move (the browser's zone is the office's): the start it had then.
  const before = new Date(Date.parse(move.at) - 1000);
  const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'America/Chicago', dateStyle: 'short', timeStyle: 'medium' }).format(before).replace(' ', 'T');
  await dialog.getByLabel('As of').fill(local);
  await expect
    .poll(async () =>
      squash(
        await dialog
          .getByRole('row', { name: /^Start/ })
          .locator('td')
          .textContent(),
      ),
    )
    .toBe(squash(shown(move.old)));
  // And it says which change it stands after: an earlier one than the move.
  await expect(dialog.getByRole('status')).not.toContainText(squash(shown(move.at, true)));
  expect(problems).toEqual([]);
});
