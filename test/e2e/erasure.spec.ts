// Erasing a customer from their profile, as an administrator does it: the dialog
// says what goes and what stays, waits for the request's reference and the name
// typed in full, then says how many History rows were erased and which backups
// still hold the data; the profile reads "Erased customer #ID" and its History
// shows the values as erased. A manager is not offered it.
import { expect, test } from '@playwright/test';
import { DEMO, openOffice, screenshot, watchProblems, type Office } from './office';

let office: Office;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  office = await openOffice(browser);
});
test.afterAll(async () => {
  await office?.dispose();
});

/** A customer with some History, and a note, so the History has values to show as erased. */
function someCustomer(): { id: number; name: string; rows: number } {
  const [c] = office.sql<{ id: number; name: string; rows: number }>(`SELECT c.id, c.name, count(*) AS rows FROM customers c
    JOIN audit_log a ON a.customer_id = c.id WHERE c.deleted_at IS NULL GROUP BY c.id ORDER BY count(*) DESC LIMIT 1`);
  return c;
}

test('an administrator erases a customer: reference, name typed to confirm, rows erased and backups named; the profile reads erased', async () => {
  const c = someCustomer();
  const page = await office.signedIn(DEMO.administrator);
  const problems = watchProblems(page);
  await page.evaluate(`location.hash = '#/customers/${c.id}'`);
  await page.getByRole('button', { name: 'Erase customer…' }).click();
  const dialog = page.getByRole('dialog', { name: `Erase ${c.name}?` });
  await expect(dialog.getByRole('heading', { name: 'Removed' })).toBeVisible();
  await expect(dialog).toContainText(`the customer becomes “Erased customer #${c.id}”`);
  await expect(dialog).toContainText('invoices’ numbers, dates and amounts');
  const erase = dialog.getByRole('button', { name: 'Erase customer' });
  await expect(erase).toBeDisabled();
  await dialog.getByLabel('Request reference').fill('DSR-2026-031');
  await dialog.getByLabel(`Type ${c.name} to confirm`).fill(c.name.slice(0, -1));
  await expect(erase).toBeDisabled();
  await dialog.getByLabel(`Type ${c.name} to confirm`).fill(c.name);
  await screenshot(page, 'erase-customer');
  await erase.click();

  const done = page.getByRole('dialog', { name: `Customer #${c.id} erased` });
  await expect(done.getByRole('status')).toContainText(/^[\d,]+ History rows erased under reference “DSR-2026-031”/);
  await expect(done).toContainText('No backup made before holds their data.');
  await screenshot(page, 'erase-customer-done');
  await done.locator('.actions').getByRole('button', { name: 'Close' }).click();

  await expect(page.getByRole('heading', { name: `Erased customer #${c.id}`, level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Erase customer…' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'History' }).click();
  const erasure = page.getByRole('row').filter({ hasText: 'Customer erased' });
  await expect(erasure).toContainText('Reference: DSR-2026-031');
  await expect(page.getByRole('row').filter({ hasText: 'Note edited' }).first()).toContainText('(erased)→ (erased)');
  await screenshot(page, 'erased-history');
  const [row] = office.sql<{ n: number }>('SELECT count(*) AS n FROM audit_log WHERE customer_id = ? AND vdigest IS NOT NULL', c.id);
  expect(row.n).toBeGreaterThanOrEqual(c.rows);
  expect(problems).toEqual([]);
});

test('an administrator defines a custom field as personal data, and the list says so', async () => {
  const page = await office.signedIn(DEMO.administrator);
  const problems = watchProblems(page);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Custom fields' }).click();
  const form = page.getByRole('form', { name: 'Define a field' });
  await form.getByLabel('Applies to').selectOption({ label: 'Customers' });
  await form.getByLabel('Label').fill('Date of birth');
  await form.getByRole('switch', { name: 'The new field holds personal data' }).click();
  await expect(form).toContainText('Its values are cleared when their customer is erased (GDPR)');
  await form.getByRole('button', { name: 'Define field' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Date of birth' })).toContainText('personal data');
  await screenshot(page, 'custom-field-personal');
  expect(office.sql("SELECT personal FROM custom_field_definitions WHERE label = 'Date of birth'")).toEqual([{ personal: 1 }]);
  expect(problems).toEqual([]);
});

test('a manager is not offered the erasure', async () => {
  const [c] = office.sql<{ id: number }>('SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY id DESC LIMIT 1');
  const page = await office.signedIn(DEMO.manager);
  await page.evaluate(`location.hash = '#/customers/${c.id}'`);
  await expect(page.getByRole('button', { name: 'Delete' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Erase customer…' })).toHaveCount(0);
});
