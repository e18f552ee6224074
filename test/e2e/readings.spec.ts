// Technicians' readings in the window: the fieldworker records a thermostat
// setpoint before and after the work on their own job card, and the unit's page
// shows them beside those of every earlier visit (the demo's), with its History
// across them all (the warranty-dispute view), and prints it.
import { expect, test } from '@playwright/test';
import { DEMO, openOffice, screenshot, squash, watchProblems, type Office } from './office';

let office: Office;
let job: { id: number; propertyId: number };
let earlier: number;
let unit: number;
/** The field's id: the job card offers it by its label. */
let setpoint: number;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  office = await openOffice(browser);
  // The demo's HVAC field, filled in by the fieldworker, and its thermostats read at every visit (db/demo/equipment.ts).
  [{ id: setpoint }] = office.sql<{ id: number }>("SELECT id FROM custom_field_definitions WHERE label = 'Thermostat setpoint' AND fieldworker_fills = 1");
  // One of Jake's jobs still to do, at a property whose thermostat was read at earlier visits.
  [job] = office.sql<{ id: number; propertyId: number }>(
    `SELECT b.id, b.property_id AS propertyId FROM bookings b
    JOIN users u ON u.id = b.fieldworker_id AND u.name = ?
    WHERE b.deleted_at IS NULL AND b.status IN ('scheduled', 'accepted')
      AND EXISTS (SELECT 1 FROM equipment e JOIN readings r ON r.equipment_id = e.id WHERE e.property_id = b.property_id AND e.kind = 'Thermostat')
    ORDER BY b.scheduled_start LIMIT 1`,
    DEMO.fieldworker,
  );
  [{ id: unit, earlier }] = office.sql<{ id: number; earlier: number }>(
    `SELECT e.id, (SELECT r.booking_id FROM readings r WHERE r.equipment_id = e.id
    ORDER BY r.taken_at DESC, r.id DESC LIMIT 1) AS earlier FROM equipment e WHERE e.property_id = ? AND e.kind = 'Thermostat'`,
    job.propertyId,
  );
});
test.afterAll(async () => {
  await office?.dispose();
});

test("a fieldworker records a setpoint before and after on their job card, and the unit's page shows both beside the earlier visit", async () => {
  const [{ unitName, serial }] = office.sql<{ unitName: string; serial: string }>(
    "SELECT kind || ' ' || make_model AS unitName, serial_number AS serial FROM equipment WHERE id = ?",
    unit,
  );
  const page = await office.signedIn(DEMO.fieldworker);
  const problems = watchProblems(page);
  await page.evaluate(`location.hash = '#/bookings/${job.id}'`);
  const readings = page.getByRole('region', { name: 'Readings' });
  await readings.waitFor();
  await expect(readings.getByText('No readings taken at this visit yet.')).toBeVisible();
  const form = readings.getByRole('form', { name: 'Record a reading' });
  // "Before" comes first, then "after".
  await form.getByLabel('Field').selectOption(String(setpoint));
  await form.getByLabel('Unit').selectOption(String(unit));
  await form.getByLabel('Reading').fill('72');
  await form.getByRole('button', { name: 'Record reading' }).click();
  await expect(readings.getByRole('table', { name: 'Readings at this visit' }).locator('tbody tr')).toHaveCount(1);
  await expect(form.getByLabel('When')).toHaveValue('after');
  await form.getByLabel('Reading').fill('68');
  await form.getByRole('button', { name: 'Record reading' }).click();
  const rows = readings.getByRole('table', { name: 'Readings at this visit' }).locator('tbody tr');
  await expect(rows).toHaveCount(2);
  const cells = async (i: number) => (await rows.nth(i).locator('td').allTextContents()).map(squash).slice(1);
  expect(await cells(0)).toEqual(['Thermostat setpoint', '72', 'before', unitName, DEMO.fieldworker]);
  expect(await cells(1)).toEqual(['Thermostat setpoint', '68', 'after', unitName, DEMO.fieldworker]);
  // Each is a row of the booking's History, under the fieldworker's name.
  await expect(page.getByRole('region', { name: 'Activity' }).locator('table.history tbody tr').filter({ hasText: 'Reading recorded' })).toHaveCount(2);
  await readings.scrollIntoViewIfNeeded();
  await screenshot(page, 'readings-job-card', true);
  expect(problems).toEqual([]);

  // The office finds the unit on its property's page, and opens it: its readings across every visit, newest first,
  // and its History across them.
  const [{ n, visits }] = office.sql<{ n: number; visits: number }>(
    'SELECT count(*) AS n, count(DISTINCT booking_id) AS visits FROM readings WHERE equipment_id = ?',
    unit,
  );
  expect(visits).toBeGreaterThan(2);
  const office2 = await office.signedIn(DEMO.staff);
  await office2.evaluate(`location.hash = '#/customers?property=${job.propertyId}'`);
  const equipment = office2.getByRole('region', { name: 'Equipment' });
  await expect(equipment.getByRole('table', { name: 'Equipment at this property' })).toContainText(serial);
  await screenshot(office2, 'property-equipment', true);
  await equipment.getByRole('link', { name: unitName }).click();
  await office2.getByRole('heading', { name: unitName }).waitFor();
  const table = office2.getByRole('table', { name: 'Readings across every visit' }).locator('tbody tr');
  await expect(table).toHaveCount(n);
  const visit = async (i: number) => (await table.nth(i).locator('td').allTextContents()).map(squash);
  const seen = await Promise.all([0, 1, 2].map(visit));
  expect(seen.map((r) => [r[1].split(' · ')[0], r[3], r[4]])).toEqual([
    [`#${job.id}`, '68', 'after'],
    [`#${job.id}`, '72', 'before'],
    [`#${earlier}`, expect.any(String), 'after'],
  ]);
  const history = office2.getByRole('region', { name: 'History across every visit' });
  // Every reading and the unit's arrival: one change each (the grid draws only the rows in view).
  await expect(history.locator('.grid-toolbar [role=status]')).toHaveText(`${n + 1} changes`);
  await expect(history.locator('table.history tbody tr').first()).toContainText('Reading recorded');
  await screenshot(office2, 'equipment-page', true);

  // It prints as a History report naming the unit, every reading in it, the chain head on the page; printing is itself recorded.
  await history.getByRole('link', { name: 'Print…' }).click();
  const report = office2.locator('article.report');
  await expect(report.getByRole('heading', { level: 1 })).toHaveText('History report');
  await expect(report.locator('.subject').first()).toContainText(`${unitName} · SN ${serial}`);
  await expect(report.locator('table.history-log tbody tr').filter({ hasText: 'Reading recorded' })).toHaveCount(n);
  await expect(report).toContainText(/Chain head\s*[0-9a-f]{64}/);
  const [issued] = office.sql<{ actor_name: string; event: string }>('SELECT actor_name, event FROM audit_log ORDER BY id DESC LIMIT 1');
  expect(issued).toEqual({ actor_name: DEMO.staff, event: 'report generated' });
  await screenshot(office2, 'equipment-report', true);
});

test("an administrator switches who fills a field in, in Settings, and the switch is in the field's History", async () => {
  const page = await office.signedIn(DEMO.administrator);
  const problems = watchProblems(page);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Custom fields' }).click();
  await expect(page.getByRole('switch', { name: 'Thermostat setpoint is filled in by the fieldworker' })).toHaveAttribute('aria-checked', 'true');
  const gate = page.getByRole('switch', { name: 'Gate code is filled in by the fieldworker' });
  await expect(gate).toHaveAttribute('aria-checked', 'false');
  await gate.click();
  await expect(gate).toHaveAttribute('aria-checked', 'true');
  await screenshot(page, 'custom-fields-fieldworker-switch', true);
  expect(
    office.sql(`SELECT a.actor_name, a.old_value, a.new_value FROM audit_log a JOIN custom_field_definitions d ON d.id = a.entity_id
    WHERE a.entity = 'custom_field' AND d.label = 'Gate code' AND a.event = 'fieldworker filling switched on'`),
  ).toEqual([{ actor_name: DEMO.administrator, old_value: 'off', new_value: 'on' }]);
  expect(problems).toEqual([]);
});
