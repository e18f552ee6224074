// No lost update, in the browser (issue 15): Leah and Marcus open one booking (and
// one customer) in their own windows; Marcus saves first; Leah's save is refused
// with a notice naming his change, nothing is written; she reviews it, and either
// saves hers anyway (the History row says whose change it overrode) or loads his
// values into the form.
import type { Page } from '@playwright/test';
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

const money = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
const lastAuditId = () => office.sql<{ n: number }>('SELECT coalesce(max(id), 0) AS n FROM audit_log')[0].n;
const rowsAfter = (id: number) =>
  office.sql<{ actor_name: string; entity: string; field: string; old_value: string; new_value: string; reason: string | null }>(
    'SELECT actor_name, entity, field, old_value, new_value, reason FROM audit_log WHERE id > ? ORDER BY id',
    id,
  );
const notice = (page: Page) => page.getByRole('alert').filter({ hasText: 'after you opened it' });

/** A live booking whose price may change without a reason: no invoice of it has gone out. */
function pickBooking() {
  const [b] = office.sql<{ id: number; service: string; customer: string; price: number }>(`
    SELECT b.id, b.service, c.name AS customer, b.price_cents AS price FROM bookings b JOIN customers c ON c.id = b.customer_id
    WHERE b.deleted_at IS NULL AND c.deleted_at IS NULL AND b.status = 'scheduled'
      AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.booking_id = b.id) ORDER BY b.id LIMIT 1`);
  expect(b, 'the demo office has a scheduled booking with no invoice').toBeDefined();
  return b;
}

async function openJobCard(page: Page, b: { id: number; service: string; customer: string }) {
  await page.evaluate(`location.hash = '#/bookings/${b.id}'`);
  await page.getByRole('heading', { name: `${b.service} — ${b.customer}` }).waitFor();
  await page.getByRole('form', { name: 'Booking details' }).waitFor();
}

test('a save over a colleague’s newer price is refused with a notice naming his change; "Save mine anyway" records the override', async () => {
  const b = pickBooking();
  const [leah, marcus] = [await office.signedIn(DEMO.staff), await office.signedIn(DEMO.manager)];
  const problems = watchProblems(leah, /status of 40[0139]\b/);
  await openJobCard(leah, b);
  await openJobCard(marcus, b);

  const his = b.price + 2000;
  const mine = b.price + 1000;
  await marcus.getByRole('textbox', { name: 'Price' }).fill((his / 100).toFixed(2));
  await marcus.getByRole('button', { name: 'Save changes' }).click();
  await marcus.getByRole('status').filter({ hasText: '1 field recorded' }).waitFor();

  const before = lastAuditId();
  await leah.getByRole('textbox', { name: 'Price' }).fill((mine / 100).toFixed(2));
  await leah.getByRole('button', { name: 'Save changes' }).click();
  const box = notice(leah);
  await box.waitFor();
  expect(squash(await box.getByRole('heading').textContent())).toBe(`${DEMO.manager} changed this booking after you opened it`);
  expect(squash(await box.textContent())).toContain('Their change touched Price; you changed Price too. Nothing was saved.');
  // Keyboard users land on the choice: the notice takes the focus.
  await expect(box).toBeFocused();
  expect(lastAuditId()).toBe(before);
  await screenshot(leah, 'lost-update-notice');

  await box.getByRole('button', { name: 'Review their change' }).click();
  const row = box.getByRole('table', { name: 'Changes made since you opened the form' }).locator('tbody tr');
  await expect(row).toHaveCount(1);
  expect((await row.locator('td').allTextContents()).slice(1).map(squash)).toEqual([DEMO.manager, 'Price', money(b.price), money(his), 'You changed this too']);
  await box.scrollIntoViewIfNeeded();
  await screenshot(leah, 'lost-update-review');

  await box.getByRole('button', { name: 'Save mine anyway' }).click();
  await leah.getByRole('status').filter({ hasText: '1 field recorded' }).waitFor();
  await expect(notice(leah)).toHaveCount(0);
  expect(rowsAfter(before)).toEqual([
    {
      actor_name: DEMO.staff,
      entity: 'booking',
      field: 'price',
      old_value: String(his),
      new_value: String(mine),
      reason: expect.stringMatching(new RegExp(`^Saved over a newer change: over ${DEMO.manager}’s change of `)),
    },
  ]);
  await expect(leah.getByRole('textbox', { name: 'Price' })).toHaveValue((mine / 100).toFixed(2));
  expect(problems).toEqual([]);
});

test('a customer’s profile: Review their change, then load their values into the form instead', async () => {
  const [c] = office.sql<{ id: number; name: string; phone: string }>(
    'SELECT id, name, phone FROM customers WHERE deleted_at IS NULL AND phone IS NOT NULL ORDER BY id LIMIT 1 OFFSET 3',
  );
  const [leah, marcus] = [await office.signedIn(DEMO.staff), await office.signedIn(DEMO.manager)];
  for (const page of [leah, marcus]) {
    await page.evaluate(`location.hash = '#/customers/${c.id}'`);
    await page.getByRole('form', { name: 'Customer details' }).waitFor();
  }
  await marcus.getByLabel('Phone').fill('555-0199');
  await marcus.getByRole('button', { name: 'Save changes' }).click();
  await marcus.getByRole('status').filter({ hasText: '1 field recorded' }).waitFor();

  const before = lastAuditId();
  await leah.getByLabel('Notes').fill('Call before ten');
  await leah.getByRole('button', { name: 'Save changes' }).click();
  const box = notice(leah);
  await box.waitFor();
  expect(squash(await box.textContent())).toContain('Their change touched Phone, which you did not change, but your form showed the old values.');
  expect(lastAuditId()).toBe(before);
  await box.getByRole('button', { name: 'Review their change' }).click();
  expect((await box.locator('tbody tr td').allTextContents()).slice(1).map(squash)).toEqual([DEMO.manager, 'Phone', c.phone, '555-0199', '']);
  await screenshot(leah, 'lost-update-customer-review');

  await box.getByRole('button', { name: 'Load their values into the form' }).click();
  await expect(notice(leah)).toHaveCount(0);
  await expect(leah.getByLabel('Phone')).toHaveValue('555-0199');
  await expect(leah.getByLabel('Notes')).not.toHaveValue('Call before ten');
  // Now on the current version, the same edit saves without a word.
  await leah.getByLabel('Notes').fill('Call before ten');
  await leah.getByRole('button', { name: 'Save changes' }).click();
  await leah.getByRole('status').filter({ hasText: '1 field recorded' }).waitFor();
  expect(rowsAfter(before)).toMatchObject([{ actor_name: DEMO.staff, entity: 'customer', field: 'notes', new_value: 'Call before ten', reason: null }]);
});
