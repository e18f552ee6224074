// Technicians' readings in the window: the fieldworker records a thermostat
// setpoint before and after the work on their own job card, and the unit's page
// shows those readings beside the ones of an earlier visit, and its History across
// both visits (the warranty-dispute view).
import { expect, test } from '@playwright/test';
import { DEMO, openOffice, screenshot, squash, watchProblems, type Office } from './office';
import { defineField } from '../../electron/services/customFields';
import { addEquipment } from '../../electron/services/equipment';
import { recordReading } from '../../electron/services/readings';
import type { ServiceContext } from '../../electron/services/context';
import type { Role } from '../../db/schema';

let office: Office;
let job: { id: number; propertyId: number };
let earlier: number;
let unit: number;
let setpoint: number;

/** The demo's people, acting through the services on this thread, as the office would through the window. */
function as(name: string): ServiceContext {
  const [u] = office.sql<{ id: number; role: Role }>('SELECT id, role FROM users WHERE name = ?', name);
  return { db: office.core.db, user: { id: u.id, name, role: u.role } };
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  office = await openOffice(browser);
  setpoint = defineField(as(DEMO.administrator), { entity: 'booking', label: 'Thermostat setpoint', type: 'number', trackChanges: true,
    fieldworkerFills: true }).id;
  // One of Jake's jobs still to do, at a property with another visit before it.
  [job] = office.sql<{ id: number; propertyId: number }>(`SELECT b.id, b.property_id AS propertyId FROM bookings b
    JOIN users u ON u.id = b.fieldworker_id AND u.name = ?
    WHERE b.deleted_at IS NULL AND b.status IN ('scheduled', 'accepted') AND b.property_id IS NOT NULL
      AND EXISTS (SELECT 1 FROM bookings o WHERE o.property_id = b.property_id AND o.id <> b.id AND o.deleted_at IS NULL
                  AND o.status NOT IN ('cancelled') AND o.scheduled_start < b.scheduled_start)
    ORDER BY b.scheduled_start LIMIT 1`, DEMO.fieldworker);
  [{ id: earlier }] = office.sql<{ id: number }>(`SELECT id FROM bookings WHERE property_id = ? AND id <> ? AND deleted_at IS NULL
    AND status <> 'cancelled' AND scheduled_start < (SELECT scheduled_start FROM bookings WHERE id = ?) ORDER BY scheduled_start LIMIT 1`,
  job.propertyId, job.id, job.id);
  unit = addEquipment(as(DEMO.staff), { propertyId: job.propertyId, kind: 'Thermostat', makeModel: 'Honeywell T6 Pro',
    serialNumber: 'HW-22817', installedOn: '2023-04-12', warrantyUntil: '2028-04-12' }).id;
  // The earlier visit's reading, typed in by the office afterwards.
  recordReading(as(DEMO.staff), { bookingId: earlier, definitionId: setpoint, equipmentId: unit, value: '74', note: 'before' });
});
test.afterAll(async () => { await office?.dispose(); });

test('a fieldworker records a setpoint before and after on their job card, and the unit\'s page shows both beside the earlier visit', async () => {
  const page = await office.signedIn(DEMO.fieldworker);
  const problems = watchProblems(page);
  await page.evaluate(`location.hash = '#/bookings/${job.id}'`);
  const readings = page.getByRole('region', { name: 'Readings' });
  await readings.waitFor();
  await expect(readings.getByText('No readings taken at this visit yet.')).toBeVisible();
  const form = readings.getByRole('form', { name: 'Record a reading' });
  // The only unit at the property is chosen already; "before" comes first, then "after".
  await expect(form.getByLabel('Unit')).toHaveValue(String(unit));
  await form.getByLabel('Reading').fill('72');
  await form.getByRole('button', { name: 'Record reading' }).click();
  await expect(readings.getByRole('table', { name: 'Readings at this visit' }).locator('tbody tr')).toHaveCount(1);
  await expect(form.getByLabel('When')).toHaveValue('after');
  await form.getByLabel('Reading').fill('68');
  await form.getByRole('button', { name: 'Record reading' }).click();
  const rows = readings.getByRole('table', { name: 'Readings at this visit' }).locator('tbody tr');
  await expect(rows).toHaveCount(2);
  const cells = async (i: number) => (await rows.nth(i).locator('td').allTextContents()).map(squash).slice(1);
  expect(await cells(0)).toEqual(['Thermostat setpoint', '72', 'before', 'Thermostat Honeywell T6 Pro', DEMO.fieldworker]);
  expect(await cells(1)).toEqual(['Thermostat setpoint', '68', 'after', 'Thermostat Honeywell T6 Pro', DEMO.fieldworker]);
  // Each is a row of the booking's History, under the fieldworker's name.
  await expect(page.getByRole('region', { name: 'Activity' }).locator('table.history tbody tr').filter({ hasText: 'Reading recorded' }))
    .toHaveCount(2);
  await readings.scrollIntoViewIfNeeded();
  await screenshot(page, 'readings-job-card', true);
  expect(problems).toEqual([]);

  // The office opens the unit: its readings across both visits, newest first, and its History across them.
  const office2 = await office.signedIn(DEMO.staff);
  await office2.evaluate(`location.hash = '#/equipment/${unit}'`);
  await office2.getByRole('heading', { name: 'Thermostat Honeywell T6 Pro' }).waitFor();
  const table = office2.getByRole('table', { name: 'Readings across every visit' }).locator('tbody tr');
  await expect(table).toHaveCount(3);
  const visit = async (i: number) => (await table.nth(i).locator('td').allTextContents()).map(squash);
  const seen = await Promise.all([0, 1, 2].map(visit));
  expect(seen.map((r) => [r[1].split(' · ')[0], r[3], r[4], r[5]])).toEqual([
    [`#${job.id}`, '68', 'after', DEMO.fieldworker], [`#${job.id}`, '72', 'before', DEMO.fieldworker], [`#${earlier}`, '74', 'before', DEMO.staff]]);
  const history = office2.getByRole('region', { name: 'History across every visit' });
  await expect(history.locator('table.history tbody tr').filter({ hasText: 'Reading recorded' })).toHaveCount(3);
  await expect(history.locator('table.history tbody tr').filter({ hasText: 'Equipment added' })).toHaveCount(1);
  await screenshot(office2, 'equipment-page', true);

  // It prints as a History report naming the unit, every reading in it, the chain head on the page; printing is itself recorded.
  await history.getByRole('link', { name: 'Print…' }).click();
  const report = office2.locator('article.report');
  await expect(report.getByRole('heading', { level: 1 })).toHaveText('History report');
  await expect(report.locator('.subject').first()).toContainText('Thermostat Honeywell T6 Pro · SN HW-22817');
  await expect(report.locator('table.history-log tbody tr').filter({ hasText: 'Reading recorded' })).toHaveCount(3);
  await expect(report).toContainText(/Chain head\s*[0-9a-f]{64}/);
  const [issued] = office.sql<{ actor_name: string; event: string }>('SELECT actor_name, event FROM audit_log ORDER BY id DESC LIMIT 1');
  expect(issued).toEqual({ actor_name: DEMO.staff, event: 'report generated' });
  await screenshot(office2, 'equipment-report', true);
});
