// The recycle bin as a manager and an administrator use it: a booking that still
// owes money cannot be deleted, and the dialog lists what blocks it with links; a
// booking deleted with its reason waits in Settings › Recycle bin with who, when,
// why and the days left, and comes back with Restore; the retention period is an
// administrator's, checked under its field and recorded; staff are not offered it.
import { expect, test, type Page } from '@playwright/test';
import { DEMO, openOffice, screenshot, watchProblems, type Office } from './office';

let office: Office;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  office = await openOffice(browser);
});
test.afterAll(async () => {
  await office?.dispose();
});

async function deleteBooking(page: Page, id: number): Promise<ReturnType<Page['getByRole']>> {
  await page.evaluate(`location.hash = '#/bookings/${id}'`);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this booking?' });
  await dialog.getByLabel('Why delete it?').selectOption({ label: 'Duplicate' });
  await dialog.getByRole('button', { name: 'Delete booking' }).click();
  return dialog;
}

async function openBin(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Recycle bin' }).click();
  await page.getByRole('heading', { name: 'Recycle bin', level: 2 }).waitFor();
}

test('a booking with an invoice sent and not paid is not deleted; the dialog lists what blocks it, with links', async () => {
  const [b] = office.sql<{ id: number; number: string }>(`SELECT b.id, i.number FROM bookings b JOIN invoices i ON i.booking_id = b.id
    WHERE b.deleted_at IS NULL AND i.status = 'sent' AND b.status <> 'in_progress' ORDER BY b.id LIMIT 1`);
  const page = await office.signedIn(DEMO.manager);
  const problems = watchProblems(page, /status of 409\b/);
  const dialog = await deleteBooking(page, b.id);
  const blockers = dialog.locator('.blockers');
  await expect(blockers).toContainText('It cannot be deleted while money or work hangs on it.');
  const link = blockers.getByRole('link', { name: new RegExp(`Invoice ${b.number} was sent and is not (paid|paid in full) \\(\\$[\\d,.]+ due\\)`) });
  await expect(link).toHaveAttribute('href', `#/bookings/${b.id}?act=money`);
  await screenshot(page, 'delete-blocked');
  expect(office.sql<{ d: string | null }>('SELECT deleted_at AS d FROM bookings WHERE id = ?', b.id)[0].d).toBeNull();
  await link.click();
  await expect(page.getByRole('tab', { name: 'Invoices & payments' })).toHaveAttribute('aria-selected', 'true');
  expect(problems).toEqual([]);
});

test('a deleted booking waits in the recycle bin with who, when, why and the days left, and Restore brings it back', async () => {
  const [b] = office.sql<{ id: number; service: string }>(`SELECT b.id, b.service FROM bookings b WHERE b.deleted_at IS NULL
    AND b.status = 'scheduled' AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.booking_id = b.id) ORDER BY b.id DESC LIMIT 1`);
  const page = await office.signedIn(DEMO.manager);
  const problems = watchProblems(page);
  const dialog = await deleteBooking(page, b.id);
  await dialog.waitFor({ state: 'detached' });
  await openBin(page);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: new RegExp(`^#${b.id} · ${b.service}`) }) });
  await expect(row.getByRole('cell').nth(2)).toHaveText(DEMO.manager);
  await expect(row.getByRole('cell').nth(3)).toHaveText(/^Duplicate/);
  await expect(row.getByRole('cell').nth(4)).toContainText('in 90 days');
  await screenshot(page, 'recycle-bin', true);
  await row.getByRole('button', { name: `Restore booking #${b.id}` }).click();
  await expect(page.getByRole('status')).toContainText(`Booking #${b.id} · ${b.service}`);
  await expect(row).toHaveCount(0);
  expect(office.sql<{ d: string | null }>('SELECT deleted_at AS d FROM bookings WHERE id = ?', b.id)[0].d).toBeNull();
  expect(problems).toEqual([]);
});

test("the retention period is the administrator's: too short is refused under its field, a new one is recorded", async () => {
  const page = await office.signedIn(DEMO.administrator);
  const problems = watchProblems(page, /status of 400\b/);
  await openBin(page);
  const days = page.getByLabel('Days in the recycle bin');
  await expect(days).toHaveValue('90');
  await days.fill('20');
  await page.getByRole('button', { name: 'Save period' }).click();
  await expect(page.locator('.field-error')).toContainText('at least 30 days');
  await days.fill('120');
  await page.getByRole('button', { name: 'Save period' }).click();
  await expect(page.getByRole('status')).toHaveText('The retention period is now 120 days.');
  expect(office.sql("SELECT actor_name, old_value, new_value FROM audit_log WHERE entity = 'setting' AND field = 'retention_days'")).toEqual([
    { actor_name: DEMO.administrator, old_value: null, new_value: '120' },
  ]);
  expect(problems).toEqual([]);

  const manager = await office.signedIn(DEMO.manager);
  await openBin(manager);
  await expect(manager.getByRole('heading', { name: 'Retention period' }).locator('..')).toContainText('120 days. An administrator sets it');
  const staff = await office.signedIn(DEMO.staff);
  await staff.getByRole('link', { name: 'Settings' }).click();
  await staff.getByRole('tab', { name: 'Custom fields' }).waitFor();
  await expect(staff.getByRole('tab', { name: 'Recycle bin' })).toHaveCount(0);
});
