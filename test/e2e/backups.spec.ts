// Settings › Backups as an administrator uses it: the backups listed with their
// size, kind and chain head and the folder they are in; Back up now as a job that
// adds a compressed backup to the list; a restore asked first, saying what it
// replaces (and refused, nothing changed, while another program has the file
// open). Managers and staff are not offered the tab.
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { backupFolder, listBackups } from '../../electron/services/backups';
import { DEMO, openOffice, screenshot, squash, watchProblems, type Office } from './office';

let office: Office;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  office = await openOffice(browser);
});
test.afterAll(async () => {
  await office?.dispose();
});

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
}

test('an administrator sees the backups with their sizes, and makes one', async () => {
  const page = await office.signedIn(DEMO.administrator);
  const problems = watchProblems(page, /status of 40[0139]\b/);
  await openSettings(page);
  await page.getByRole('tab', { name: 'Backups' }).click();
  const card = page.locator('.backups-card');
  await card.getByText('There are no backups yet').waitFor();
  const folder = backupFolder(office.core.db.file);
  expect(squash(await card.locator('.backup-folder').textContent())).toBe(folder);
  expect(squash(await card.locator('p').first().textContent())).toContain('keeps one for each of the last 7 days and each of the 4 weeks before this one');

  await card.getByRole('button', { name: 'Back up now' }).click();
  const made = card.getByRole('status').filter({ hasText: 'Backup made:' });
  await made.waitFor({ timeout: 60_000 });
  const [backup] = listBackups(office.core.db.file);
  expect(backup.compressed).toBe(true);
  expect(backup.kind).toBe('manual');
  expect(squash(await made.textContent())).toContain(join(backup.file).split('/').pop()!);

  const rows = card.locator('table.backups-table tbody tr');
  await expect(rows).toHaveCount(1);
  const row = squash(await rows.first().textContent());
  expect(row).toContain('Made on request');
  expect(row).toContain('compressed');
  expect(row).toContain('until deleted by hand');
  const kb = statSync(backup.file).size / 1000;
  expect(row).toMatch(new RegExp(`${kb < 10 ? kb.toFixed(1) : Math.round(kb)} KB`));
  expect(row).toMatch(/[0-9a-f]{16}\s*to row [\d,]+/);
  await screenshot(page, 'settings-backups');

  // Restore asks first and says what it replaces; while another program (this test's own
  // connection) has the file open it is refused, and nothing changes.
  await rows
    .first()
    .getByRole('button', { name: /^Restore from the backup of / })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Restore the database from this backup?' });
  const said = squash(await dialog.textContent());
  expect(said).toContain('is replaced by the backup of');
  expect(said).toContain('kept beside it');
  expect(said).toContain('checked in full first');
  await screenshot(page, 'settings-backups-restore');
  await dialog.getByRole('button', { name: 'Restore' }).click();
  const refused = card.getByRole('alert').filter({ hasText: 'The database was not restored' });
  await refused.waitFor({ timeout: 60_000 });
  expect(squash(await refused.textContent())).toMatch(/is (open|in use).*nothing was changed/);
  await screenshot(page, 'settings-backups-refused');
  expect(existsSync(office.core.db.file)).toBe(true);
  expect(problems).toEqual([]);
});

for (const who of ['manager', 'staff'] as const) {
  test(`a ${who} is not offered the backups`, async () => {
    const page = await office.signedIn(DEMO[who]);
    await openSettings(page);
    await page.getByRole('tab').first().waitFor();
    await expect(page.getByRole('tab', { name: 'Backups' })).toHaveCount(0);
    // Not by its address either: the tab falls back to the first one offered.
    await page.goto(`${page.url().split('#')[0]}#/settings?tab=backups`);
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.getByRole('tab').first().waitFor();
    await expect(page.locator('.backups-card')).toHaveCount(0);
  });
}
