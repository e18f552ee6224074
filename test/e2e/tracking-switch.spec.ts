// Switching a custom field's tracking off, as the administrator did: the
// switch asks first and says what it means (from the keyboard: Escape or Enter
// right away keeps tracking on), the check of the audit trail notes the field
// while it is off, and switched back on, the booking whose value changed
// meanwhile shows "Changed while not tracked" and the stretch it was not tracked.
import type { Page } from '@playwright/test';
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

type Target = { fieldId: number; label: string; bookingId: number; service: string; customer: string; value: string };

/** A tracked booking field, and a booking whose History recorded the value it holds. */
const target = () =>
  office.sql<Target>(`
  SELECT d.id AS fieldId, d.label, b.id AS bookingId, b.service, c.name AS customer, v.value
  FROM custom_field_definitions d JOIN custom_field_values v ON v.definition_id = d.id
  JOIN bookings b ON b.id = v.entity_id JOIN customers c ON c.id = b.customer_id
  WHERE d.entity = 'booking' AND d.track_changes = 1 AND v.value IS NOT NULL AND b.deleted_at IS NULL
    AND b.status = 'scheduled' ORDER BY d.label, b.id LIMIT 1`)[0];

async function openCustomFields(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  await page.getByRole('tab', { name: 'Custom fields' }).click();
}

const focusedText = (page: Page) => page.evaluate<string | undefined>('document.activeElement?.textContent');
const switchRows = (fieldId: number) =>
  office.sql<{ event: string; actor_name: string }>(
    "SELECT event, actor_name FROM audit_log WHERE entity = 'custom_field' AND entity_id = ? AND field = 'track_changes' ORDER BY id",
    fieldId,
  );

test('switching tracking off asks first; switched back on, the booking shows what changed meanwhile', async () => {
  const t = target();
  const page = await office.signedIn(DEMO.administrator);
  const problems = watchProblems(page);
  await openCustomFields(page);
  const toggle = page.getByRole('switch', { name: `Track changes to ${t.label}` });
  expect(await toggle.getAttribute('aria-checked')).toBe('true');
  expect(await toggle.getAttribute('aria-haspopup')).toBe('dialog');

  // Asked, with what it means; the safe answer has the focus, so Escape changes nothing.
  await toggle.click();
  const dialog = page.getByRole('dialog', { name: `Switch off tracking of ${t.label}?` });
  await dialog.waitFor();
  expect(squash(await dialog.locator('.confirm-text p').first().textContent())).toBe(
    `Changes to ${t.label} will not be recorded in the History until you switch tracking on again. ` +
      'Values changed meanwhile will be recorded as ‘changed while not tracked’ when you do.',
  );
  expect(await focusedText(page)).toBe('Keep tracking');
  await screenshot(page, 'tracking-off-dialog');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  expect(await toggle.getAttribute('aria-checked')).toBe('true');
  expect(switchRows(t.fieldId)).toEqual([]);

  // From the keyboard: the switch, then Tab to "Switch tracking off" and Enter.
  await toggle.focus();
  await page.keyboard.press('Space');
  await dialog.waitFor();
  await page.keyboard.press('Tab');
  expect(await focusedText(page)).toBe('Switch tracking off');
  await page.keyboard.press('Enter');
  await page
    .getByRole('status')
    .filter({ hasText: `Tracking of “${t.label}” switched off, recorded in the Audit log` })
    .waitFor();
  await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('false');
  const [off] = office.sql<{ at: string }>(
    "SELECT at FROM audit_log WHERE entity = 'custom_field' AND entity_id = ? AND event = 'tracking switched off'",
    t.fieldId,
  );
  const hint = page.getByRole('row', { name: new RegExp(t.label) }).locator('.hint');
  expect(squash(await hint.textContent())).toBe(`Not tracked since ${squash(shown(off.at))}: changes to its values are not recorded`);
  expect(switchRows(t.fieldId)).toEqual([{ event: 'tracking switched off', actor_name: DEMO.administrator }]);

  // Changed while off: saved, with no History row.
  await page.evaluate(`location.hash = '#/bookings/${t.bookingId}'`);
  await page.getByRole('heading', { name: `${t.service} — ${t.customer}` }).waitFor();
  await page.getByRole('form', { name: 'Booking details' }).getByLabel(t.label, { exact: true }).fill('#8585');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect
    .poll(
      () => office.sql<{ value: string }>('SELECT value FROM custom_field_values WHERE definition_id = ? AND entity_id = ?', t.fieldId, t.bookingId)[0].value,
    )
    .toBe('#8585');
  expect(office.sql("SELECT id FROM audit_log WHERE booking_id = ? AND new_value = '#8585'", t.bookingId)).toEqual([]);

  // The check of the audit trail: intact, with a note that the field is not tracked and what its History lacks.
  await page.getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('button', { name: 'Check the audit trail' }).click();
  const verdict = page.locator('.verdict');
  await verdict.waitFor();
  expect(squash(await verdict.locator('h3').textContent())).toContain('The audit trail is intact');
  expect(squash(await verdict.locator('.untracked-fields').textContent())).toContain(
    `booking field "${t.label}" not tracked since ${off.at.slice(0, 16).replace('T', ' ')} UTC: 1 value changed since is not in the History`,
  );
  await screenshot(page, 'tracking-off-verify');

  // Back on: at once, and it says what it recorded.
  await openCustomFields(page);
  await toggle.click();
  await page
    .getByRole('status')
    .filter({
      hasText: `Tracking of “${t.label}” switched on, recorded in the Audit log under your name. 1 value changed while it was off is now in the History as ‘changed while not tracked’.`,
    })
    .waitFor();
  await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
  expect(await page.getByRole('dialog').count()).toBe(0);
  await screenshot(page, 'tracking-switched-on');
  const [on] = office.sql<{ at: string }>(
    "SELECT at FROM audit_log WHERE entity = 'custom_field' AND entity_id = ? AND event = 'tracking switched on'",
    t.fieldId,
  );

  // The booking's History: the change, last recorded value → the value now, and the stretch.
  await page.evaluate(`location.hash = '#/bookings/${t.bookingId}'`);
  await page.getByRole('heading', { name: `${t.service} — ${t.customer}` }).waitFor();
  const rows = page.locator('#act-panel-history table.history tbody tr');
  const changed = rows.filter({ hasText: 'Changed while not tracked' });
  await changed.waitFor();
  expect(squash(await changed.locator('td[data-column="field"]').textContent())).toBe(t.label);
  expect(squash(await changed.locator('td[data-column="before"]').textContent())).toBe(t.value);
  expect(squash(await changed.locator('td[data-column="after"]').textContent())).toBe('→ #8585');
  const stretch = rows.filter({ has: page.locator('td[data-column="event"]', { hasText: /^\s*Not tracked\s*$/ }) });
  expect(squash(await stretch.locator('td[data-column="before"]').textContent())).toBe(squash(shown(off.at)));
  expect(squash(await stretch.locator('td[data-column="after"]').textContent())).toBe(`→ ${squash(shown(on.at))}`);
  await changed.scrollIntoViewIfNeeded();
  await screenshot(page, 'tracking-resumed-history', true);
  expect(problems).toEqual([]);
});
