// The forms ask why where the History will need it: moving a job's time on the
// job card asks who asked for it, and the answer is in the History row; deleting a
// customer asks why. The window's title names the record shown.
import { expect, test } from '@playwright/test';
import { DEMO, openOffice, screenshot, squash, watchProblems, type Office } from './office';

let office: Office;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  office = await openOffice(browser);
});
test.afterAll(async () => {
  await office?.dispose();
});

test('moving a job on its card asks who asked for it, and its History rows say so', async () => {
  const [b] = office.sql<{ id: number }>("SELECT id FROM bookings WHERE deleted_at IS NULL AND status = 'scheduled' ORDER BY id LIMIT 1");
  const page = await office.signedIn(DEMO.staff);
  const problems = watchProblems(page, /status of 40[0139]\b/);
  await page.evaluate(`location.hash = '#/bookings/${b.id}'`);
  // The window names the job it shows, not the section.
  await expect(page).toHaveTitle(new RegExp(`^Booking #${b.id} · .+ · JobTrail$`));
  const starts = page.getByLabel('Starts');
  // The time as the office writes it ("2/3/2026 7:00 AM"): another hour of the same day.
  const [day, time] = (await starts.inputValue()).split(' ');
  await starts.fill(`${day} ${time === '7:00' ? '8:00' : '7:00'} AM`);

  // Asked before anything is saved: the main process refuses a new time without it.
  const who = page.getByLabel('Who asked for the new time?');
  await who.waitFor();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.locator('.reason-picker .field-error')).toHaveText(/who asked for it/);
  expect(office.sql("SELECT count(*) AS n FROM audit_log WHERE booking_id = ? AND event = 'rescheduled'", b.id)).toEqual([{ n: 0 }]);

  await who.selectOption({ label: 'Asked by the customer' });
  await page.getByLabel('Note (optional)').fill('away that week');
  await screenshot(page, 'reason-reschedule');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  expect(office.sql("SELECT reason FROM audit_log WHERE booking_id = ? AND event = 'rescheduled'", b.id)).toEqual([
    { reason: 'Asked by the customer: away that week' },
  ]);
  const row = page.locator('table.history tbody tr', { has: page.locator('td[data-column="field"]', { hasText: /^Start$/ }) }).first();
  expect(squash(await row.locator('td[data-column="reason"]').textContent())).toBe('Asked by the customer: away that week');
  await expect(who).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('deleting a customer asks why, and waits for the answer', async () => {
  const [c] = office.sql<{ id: number; name: string }>(`SELECT id, name FROM customers c WHERE deleted_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.customer_id = c.id) ORDER BY id LIMIT 1`);
  const page = await office.signedIn(DEMO.manager);
  await page.evaluate(`location.hash = '#/customers/${c.id}'`);
  await expect(page).toHaveTitle(`Customer #${c.id} · ${c.name} · JobTrail`);
  await page.getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('button', { name: 'Delete customer' });
  await expect(confirm).toBeDisabled();
  await page.getByLabel('Why delete them?').selectOption({ label: 'Duplicate' });
  await screenshot(page, 'reason-delete-customer');
  await confirm.click();
  await page.getByRole('button', { name: 'Restore customer' }).waitFor();
  expect(office.sql("SELECT event, reason FROM audit_log WHERE customer_id = ? AND event = 'deleted'", c.id)).toEqual([
    { event: 'deleted', reason: 'Duplicate' },
  ]);
});
