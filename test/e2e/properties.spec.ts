// Properties in the browser, on the seeded demo office: a landlord's profile lists
// their buildings; a building's page shows its flats, the bookings at it and its
// complete History (the bookings' rows with its own), counted as the database
// counts them; a flat added from the keyboard is one more row of that History; and
// a quote for the building, accepted by phone, says who took it.
import { expect, test } from '@playwright/test';
import { counted, countText } from './counts';
import { DEMO, openOffice, screenshot, squash, watchProblems, type Office } from './office';
import { createQuote } from '../../electron/services/quotes';

let office: Office;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  office = await openOffice(browser);
});
test.afterAll(async () => {
  await office?.dispose();
});

/** Rows of a property's History, as the main process reads them (electron/services/history.ts's PROPERTY_ROWS). */
const propertyRows = (id: number) => `((a.entity = 'property' AND a.entity_id = ${id})
  OR (a.entity = 'unit' AND a.entity_id IN (SELECT id FROM property_units WHERE property_id = ${id}))
  OR (a.entity = 'quote' AND a.entity_id IN (SELECT id FROM quotes WHERE property_id = ${id}))
  OR a.booking_id IN (SELECT id FROM bookings WHERE property_id = ${id}))`;

test('a landlord’s building: from the profile to its page, its flats, bookings and History, and a flat added', async () => {
  const [b] = office.sql<{ id: number; name: string; customer: string; customerId: number; units: number; bookings: number }>(`
    SELECT p.id, p.name, c.name AS customer, c.id AS customerId,
      (SELECT count(*) FROM property_units WHERE property_id = p.id) AS units,
      (SELECT count(*) FROM bookings WHERE property_id = p.id AND deleted_at IS NULL) AS bookings
    FROM properties p JOIN customers c ON c.id = p.customer_id
    WHERE c.deleted_at IS NULL AND (SELECT count(*) FROM property_units WHERE property_id = p.id) > 0
    ORDER BY bookings DESC, p.id LIMIT 1`);
  expect(b, 'the demo office has a landlord with a building of flats').toBeDefined();
  const page = await office.signedIn(DEMO.staff);
  const problems = watchProblems(page);

  await page.evaluate(`location.hash = '#/customers/${b.customerId}?tab=properties'`);
  await page.getByRole('heading', { level: 1, name: b.customer }).waitFor();
  const listed = page.getByRole('table', { name: `${b.customer}'s properties` });
  await listed.waitFor();
  const mine = office.sql<{ name: string }>('SELECT name FROM properties WHERE customer_id = ? AND deleted_at IS NULL', b.customerId);
  await expect.poll(() => listed.locator('tbody tr').count()).toBe(mine.length);
  await screenshot(page, 'customer-properties');

  await listed.getByRole('link', { name: b.name }).click();
  await page.getByRole('heading', { level: 1, name: b.name }).waitFor();
  await page.getByRole('heading', { name: `Units (${b.units})` }).waitFor();
  await page.getByRole('heading', { name: `Bookings (${b.bookings})` }).waitFor();
  const history = page.locator('.property-history-grid');
  await history.getByText(countText(counted(office, propertyRows(b.id))), { exact: true }).waitFor();
  // Every booking's rows are there: the newest booking's creation among them, by its name.
  const [newest] = office.sql<{ id: number }>('SELECT id FROM bookings WHERE property_id = ? ORDER BY id DESC LIMIT 1', b.id);
  await history.locator(`a[href="#/bookings/${newest.id}"]`).first().waitFor();
  await page.getByText('No quote for this property is waiting for an answer.').waitFor();
  await screenshot(page, 'property-page', true);

  // A flat added from the keyboard: Enter sends the form; the History shows it on top.
  await page.getByRole('button', { name: 'Add unit' }).click();
  await page.getByLabel('Unit', { exact: true }).fill('Penthouse');
  await page.getByLabel('Unit', { exact: true }).press('Enter');
  await page.getByRole('heading', { name: `Units (${b.units + 1})` }).waitFor();
  const added = history.locator('table.history tbody tr').first();
  await expect.poll(async () => squash(await added.textContent())).toContain('Penthouse');
  expect(squash(await added.textContent())).toContain(DEMO.staff);
  expect(
    office.sql(
      `SELECT actor_name AS actor, event FROM audit_log WHERE entity = 'unit'
    AND entity_id = (SELECT id FROM property_units WHERE property_id = ? AND name = 'Penthouse')`,
      b.id,
    ),
  ).toEqual([{ actor: DEMO.staff, event: 'created' }]);

  // Printed for the landlord: every row of the building's History, under a subject naming it and its customer.
  const { rows } = counted(office, propertyRows(b.id));
  await history.getByRole('link', { name: 'Print…' }).click();
  const report = page.locator('article.report');
  await expect(report.getByRole('heading', { level: 1 })).toHaveText('History report');
  await expect(report.locator('.subject').first()).toContainText(`${b.name}`);
  await expect(report.locator('.subject').first()).toContainText(b.customer);
  await expect(report.locator('table.history-log tbody tr')).toHaveCount(rows);
  expect(problems).toEqual([]);
});

test('a quote for the building waits beside its History; accepted by phone, it says from whom and who took it', async () => {
  const [b] = office.sql<{ id: number; customerId: number; name: string }>(`
    SELECT p.id, p.customer_id AS customerId, p.name FROM properties p JOIN customers c ON c.id = p.customer_id
    WHERE c.deleted_at IS NULL AND p.deleted_at IS NULL AND EXISTS (SELECT 1 FROM property_units WHERE property_id = p.id)
    ORDER BY p.id LIMIT 1`);
  const page = await office.signedIn(DEMO.staff);
  const problems = watchProblems(page);
  // The quote made beside the browser, as the profile's New quote makes one, for the building.
  const [staff] = office.sql<{ id: number; name: string }>('SELECT id, name FROM users WHERE name = ?', DEMO.staff);
  createQuote(
    { db: office.core.db, user: { ...staff, role: 'staff' } },
    { customerId: b.customerId, title: 'Replace the boiler, Flat 1A', amountCents: 480000, propertyId: b.id },
  );

  await page.evaluate(`location.hash = '#/customers?property=${b.id}'`);
  await page.getByRole('heading', { level: 1, name: b.name }).waitFor();
  const aside = page.getByRole('complementary', { name: 'Waiting for the customer’s answer' });
  await aside.getByRole('button', { name: /^Quote Q-/ }).click();
  const card = page.locator('dialog[open]');
  await card.getByLabel('Change status to').selectOption('accepted');
  await card.getByLabel('Customer’s answer', { exact: true }).selectOption('phone');
  await card.getByLabel('Answer from').fill('Maria Lopez (site manager)');
  await card.getByLabel('Answer from').press('Enter');
  await aside.getByText('No quote for this property is waiting for an answer.').waitFor();
  const rows = office.sql<{ field: string; value: string; actor: string }>(
    `SELECT field, new_value AS value, actor_name AS actor FROM audit_log
    WHERE entity = 'quote' AND entity_id = (SELECT max(id) FROM quotes WHERE property_id = ?) AND field IN ('status', 'channel', 'decided_by')
    ORDER BY field`,
    b.id,
  );
  expect(rows).toEqual([
    { field: 'channel', value: 'phone', actor: DEMO.staff },
    { field: 'decided_by', value: 'Maria Lopez (site manager)', actor: DEMO.staff },
    { field: 'status', value: 'accepted', actor: DEMO.staff },
  ]);
  const top = page.locator('.property-history-grid table.history tbody tr', { hasText: 'Maria Lopez (site manager)' });
  await top.first().waitFor();
  await screenshot(page, 'property-quote-accepted', true);
  expect(problems).toEqual([]);
});

test('a new booking from a landlord’s profile picks one of their buildings and a flat; the address follows it', async () => {
  const [b] = office.sql<{ id: number; name: string; address: string; customer: string; customerId: number; unit: string }>(`
    SELECT p.id, p.name, p.address, c.name AS customer, c.id AS customerId,
      (SELECT name FROM property_units WHERE property_id = p.id ORDER BY id LIMIT 1) AS unit
    FROM properties p JOIN customers c ON c.id = p.customer_id
    WHERE c.deleted_at IS NULL AND p.deleted_at IS NULL AND EXISTS (SELECT 1 FROM property_units WHERE property_id = p.id)
    ORDER BY p.id DESC LIMIT 1`);
  const [first] = office.sql<{ name: string; address: string }>(
    'SELECT name, address FROM properties WHERE customer_id = ? AND deleted_at IS NULL ORDER BY name COLLATE NOCASE, id LIMIT 1',
    b.customerId,
  );
  const page = await office.signedIn(DEMO.staff);
  const problems = watchProblems(page);
  await page.evaluate(`location.hash = '#/customers/${b.customerId}'`);
  await page.getByRole('heading', { level: 1, name: b.customer }).waitFor();
  await page.getByRole('button', { name: 'New booking' }).click();
  const dialog = page.locator('dialog[open]');
  // Their first property (by name, as the profile lists them) is chosen, and its address is the booking's.
  const property = dialog.getByLabel('Property', { exact: true });
  await expect(property.locator('option:checked')).toHaveText(first.name);
  await expect(dialog.getByLabel('Address')).toHaveValue(first.address);
  await property.selectOption({ label: b.name });
  await expect(dialog.getByLabel('Address')).toHaveValue(b.address);
  await dialog.getByLabel('Unit', { exact: true }).selectOption({ label: b.unit });
  await dialog.getByLabel('Service').fill('Radiator bleed');
  await dialog.getByLabel('Price').fill('90');
  await screenshot(page, 'new-booking-at-a-property');
  await dialog.getByLabel('Price').press('Enter');
  await page.getByRole('heading', { level: 1, name: /Radiator bleed/ }).waitFor();
  expect(
    office.sql(`SELECT p.name AS property, u.name AS unit, b.address FROM bookings b JOIN properties p ON p.id = b.property_id
    LEFT JOIN property_units u ON u.id = b.unit_id WHERE b.service = 'Radiator bleed'`),
  ).toEqual([{ property: b.name, unit: b.unit, address: b.address }]);
  expect(problems).toEqual([]);
});
