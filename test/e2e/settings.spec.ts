// Settings and Reports as an administrator and a manager use them: switching a
// custom field's tracking off is itself recorded under the administrator's name,
// a new field and a new user work at once, the last administrator cannot be
// deactivated (and the screen says why), a manager is shown no user management,
// and checking the audit trail answers in words with the chain head to keep.
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { verifyChain } from '../../db/chain';
import { DEMO, openOffice, screenshot, signIn, squash, watchProblems, type Office } from './office';

let office: Office;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  office = await openOffice(browser);
});
test.afterAll(async () => {
  await office?.dispose();
});

async function openSettings(page: Page, tab: 'Custom fields' | 'Users'): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  await page.getByRole('tab', { name: tab }).click();
  await expect.poll(() => page.getByRole('tab', { name: tab }).getAttribute('aria-selected')).toBe('true');
}

test.describe('Settings › Custom fields', () => {
  test('switches tracking off, and the switch itself is recorded under the administrator', async () => {
    const page = await office.signedIn(DEMO.administrator);
    const problems = watchProblems(page, /status of 40[0139]\b/);
    await openSettings(page, 'Custom fields');
    const field = office.sql<{ id: number; label: string }>(
      "SELECT id, label FROM custom_field_definitions WHERE entity = 'booking' AND track_changes = 1 ORDER BY label LIMIT 1",
    )[0];

    const toggle = page.getByRole('switch', { name: `Track changes to ${field.label}` });
    expect(await toggle.getAttribute('aria-checked')).toBe('true');
    expect(squash(await page.locator('#fields-title + p').textContent())).toContain('Switching tracking is recorded in the Audit log');
    await toggle.click();
    // Asked first (tracking-switch.spec.ts has the dialog itself).
    await page
      .getByRole('dialog', { name: `Switch off tracking of ${field.label}?` })
      .getByRole('button', { name: 'Switch tracking off' })
      .click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('false');
    expect(squash(await toggle.textContent())).toBe('Off');
    await page
      .getByRole('status')
      .filter({ hasText: `Tracking of “${field.label}” switched off, recorded in the Audit log` })
      .waitFor();

    expect(
      office.sql(
        `SELECT actor_name, old_value, new_value FROM audit_log
      WHERE entity = 'custom_field' AND entity_id = ? AND event = 'tracking switched off'`,
        field.id,
      ),
    ).toEqual([{ actor_name: DEMO.administrator, old_value: 'on', new_value: 'off' }]);

    // The Audit log shows the switch, with who made it; Back returns to the settings.
    await page.getByRole('link', { name: 'See it in the Audit log' }).click();
    const logged = page.locator('table.history tbody tr', { hasText: 'Tracking switched off' });
    await logged.waitFor();
    expect(squash(await logged.locator('td[data-column="actor"]').textContent())).toBe(DEMO.administrator);
    expect(squash(await logged.locator('td[data-column="before"]').textContent())).toBe('On');
    expect(squash(await logged.locator('td[data-column="after"]').textContent())).toBe('→ Off');
    await page.goBack();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('false');

    // A field of the same name on the same record is refused, under the Label it is about.
    await page.getByLabel('Label').fill(field.label);
    await page.getByRole('button', { name: 'Define field' }).click();
    const labelField = page.locator('.side-form .field', { has: page.getByLabel('Label') });
    await expect
      .poll(async () => squash(await labelField.locator('.field-error').textContent()))
      .toBe(`A booking field called "${field.label}" already exists.`);

    // A reading the fieldworker fills in: on bookings, a number, chosen when it is defined.
    await page.getByLabel('Label').fill('Return air temperature');
    await page.getByLabel('Type').selectOption({ label: 'Number' });
    await page.getByRole('switch', { name: 'The assigned fieldworker fills in the new field' }).click();
    await page.getByRole('button', { name: 'Define field' }).click();
    await page.getByRole('status').filter({ hasText: '“Return air temperature” is now a field on every booking.' }).waitFor();
    expect(office.sql("SELECT entity, type, fieldworker_fills FROM custom_field_definitions WHERE label = 'Return air temperature'")).toEqual([
      { entity: 'booking', type: 'number', fieldworker_fills: 1 },
    ]);

    // A new field: on customers, a date, tracked; a customer field is not the fieldworker's to fill, so no switch offers it.
    await page.getByLabel('Applies to').selectOption({ label: 'Customers' });
    expect(await page.getByRole('switch', { name: 'The assigned fieldworker fills in the new field' }).count()).toBe(0);
    await page.getByLabel('Label').fill('Contract renewal');
    await page.getByLabel('Type').selectOption({ label: 'Date' });
    await page.getByRole('button', { name: 'Define field' }).click();
    await page.getByRole('status').filter({ hasText: '“Contract renewal” is now a field on every customer.' }).waitFor();
    const row = page.locator('.field-group', { has: page.getByRole('heading', { name: 'Customers' }) }).getByRole('row', { name: /Contract renewal/ });
    expect(squash(await row.locator('td').nth(1).textContent())).toBe('Date');
    expect(await row.getByRole('switch').getAttribute('aria-checked')).toBe('true');
    expect(office.sql("SELECT entity, type, track_changes FROM custom_field_definitions WHERE label = 'Contract renewal'")).toEqual([
      { entity: 'customer', type: 'date', track_changes: 1 },
    ]);
    await screenshot(page, 'settings-fields');
    expect(problems).toEqual([]);
  });
});

test.describe('Settings › Users', () => {
  test('creates a user who can then sign in, and refuses to deactivate the last administrator, saying why', async () => {
    const page = await office.signedIn(DEMO.administrator);
    const problems = watchProblems(page, /status of 40[0139]\b/);
    await openSettings(page, 'Users');
    await page.getByRole('row', { name: new RegExp(DEMO.manager) }).waitFor();

    const form = page.locator('form[aria-labelledby="new-user-title"]');
    await form.getByLabel('Name').fill('Rosa Diaz');
    await form.getByLabel('Role').selectOption({ label: 'Staff' });
    await form.getByLabel('Password', { exact: true }).fill('harbor-view-9');
    await form.getByLabel('Repeat password').fill('harbor-view-8');
    await form.getByRole('button', { name: 'Create user' }).click();
    // The typo is caught under the field that has it, before anything is asked of JobTrail.
    const repeat = form.locator('.field', { has: page.getByLabel('Repeat password') });
    await expect.poll(async () => squash(await repeat.locator('.field-error').textContent())).toBe('The two passwords differ: type the same one twice.');
    expect(office.sql("SELECT id FROM users WHERE name = 'Rosa Diaz'")).toEqual([]);

    await form.getByLabel('Repeat password').fill('harbor-view-9');
    await form.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('status').filter({ hasText: 'Rosa Diaz can sign in now, as staff.' }).waitFor();
    const rosa = page.getByRole('row', { name: /Rosa Diaz/ });
    expect(await rosa.getByLabel('Role of Rosa Diaz').inputValue()).toBe('staff');
    expect(squash(await rosa.locator('.status').textContent())).toBe('Active');

    const newcomer = await office.fresh();
    await signIn(newcomer, 'Rosa Diaz', 'harbor-view-9');
    expect(squash(await newcomer.locator('.topbar .role').textContent())).toBe('Staff');
    await newcomer.context().close();

    // The only administrator tries to deactivate themself: refused, in the dialog that asked.
    const me = page.getByRole('row', { name: new RegExp(DEMO.administrator) });
    await me.getByRole('button', { name: 'Deactivate…' }).click();
    const dialog = page.getByRole('dialog', { name: `Deactivate ${DEMO.administrator}?` });
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await expect
      .poll(async () => squash(await dialog.getByRole('alert').textContent()))
      .toBe('You cannot deactivate the last administrator: JobTrail would be left without an active administrator.');
    expect(office.sql('SELECT active FROM users WHERE name = ?', DEMO.administrator)).toEqual([{ active: 1 }]);
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await screenshot(page, 'settings-users');
    expect(problems).toEqual([]);
  });

  test('shows a manager who manages users instead of the controls', async () => {
    const page = await office.signedIn(DEMO.manager);
    const problems = watchProblems(page);
    await openSettings(page, 'Users');
    await page.getByRole('heading', { name: 'Users and roles are managed by administrators' }).waitFor();
    await expect.poll(async () => squash(await page.locator('.not-allowed').textContent())).toContain(`Ask ${DEMO.administrator}.`);
    expect(await page.getByRole('button', { name: 'Create user' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Deactivate…' }).count()).toBe(0);
    expect(await page.getByRole('combobox', { name: /^Role of / }).count()).toBe(0);

    // Custom fields: readable, but the switches are an administrator's.
    await page.getByRole('tab', { name: 'Custom fields' }).click();
    const first = page.getByRole('switch').first();
    await first.waitFor();
    expect(await first.isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Define field' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});

test.describe('Reports', () => {
  test('checks the audit trail and says, in words, that it is intact, with the chain head to write down', async () => {
    const page = await office.signedIn(DEMO.manager);
    const problems = watchProblems(page);
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Check the audit trail' }).waitFor();
    await page.getByRole('button', { name: 'Check the audit trail' }).click();

    const verdict = page.locator('.verdict');
    await verdict.waitFor();
    const expected = verifyChain(office.core.db.sqlite);
    expect(squash(await verdict.locator('h3').textContent())).toContain('The audit trail is intact');
    expect(squash(await verdict.textContent())).toContain(`${expected.rowsChecked.toLocaleString('en-US')} audit rows checked`);
    expect(await verdict.locator('.digest code').textContent()).toBe(expected.headShort);
    expect(squash(await verdict.locator('.verify-meta').textContent())).toContain(`by ${DEMO.manager}`);
    // The key an auditor writes down to check a copy alone (verify --public-key).
    const key = office.sql<{ k: string }>('SELECT lower(hex(public_key)) AS k FROM chain_keys ORDER BY id DESC LIMIT 1')[0].k;
    const signing = verdict.locator('.signing');
    expect(squash(await signing.textContent())).toContain(
      `Signed by JobTrail through audit row ${expected.signatures!.signedThrough.toLocaleString('en-US')}, with the signing key ${key.slice(0, 16)}`,
    );
    await signing.getByText('The full signing key, for an auditor').click();
    expect(await signing.locator('li code').textContent()).toBe(key);
    await screenshot(page, 'reports');
    expect(problems).toEqual([]);
  });

  test('offers the check only to managers and administrators', async () => {
    const page = await office.signedIn(DEMO.staff);
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByText('A manager or an administrator can check the audit trail.').waitFor();
    expect(await page.getByRole('button', { name: 'Check the audit trail' }).count()).toBe(0);
  });
});
