// Another program (an import from the command line, a backup tool) holds the
// database's write lock: a Save in the window is refused with nothing written, the
// window keeps answering, and the person is asked whether to try again; once the
// other program lets go, "Try again" saves it, with its audit row.
import Database from 'better-sqlite3';
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

test.describe('a database busy with another program', () => {
  test('asks to try again instead of freezing, saves nothing meanwhile, and saves on "Try again"', async () => {
    const page = await office.signedIn(DEMO.staff);
    const problems = watchProblems(page, /status of (40[013]|503)\b/);
    const [booking] = office.sql<{ id: number; address: string }>(
      "SELECT id, address FROM bookings WHERE deleted_at IS NULL AND status = 'scheduled' ORDER BY id LIMIT 1",
    );
    const auditRows = () => office.sql<{ n: number }>('SELECT count(*) AS n FROM audit_log')[0].n;
    await page.evaluate(`location.hash = '#/bookings/${booking.id}'`);
    await page.getByLabel('Address').fill('9 Mill Lane');

    const other = new Database(office.core.db.file);
    other.exec('BEGIN IMMEDIATE');
    let released = false;
    try {
      const before = auditRows();
      await page.getByRole('button', { name: 'Save changes' }).click();
      const prompt = page.getByRole('alertdialog', { name: 'Not saved yet: the database is busy' });
      await prompt.waitFor();
      expect(await prompt.textContent()).toMatch(/busy with another program, so nothing was saved/);
      // Enter lands on "Try again": the keyboard's way out is the likely one.
      expect(await page.evaluate('document.activeElement?.textContent')).toBe('Try again');
      await screenshot(page, 'busy-prompt');

      // JobTrail still answers: reads are not held up by the lock (here, a colleague's Audit log).
      const colleague = await office.signedIn(DEMO.manager);
      await colleague.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
      await colleague.locator('table.history tbody tr').first().waitFor();
      await colleague.context().close();
      expect(await page.getByLabel('Address').inputValue()).toBe('9 Mill Lane');
      other.exec('ROLLBACK');
      released = true;
      expect(auditRows()).toBe(before);

      await prompt.getByRole('button', { name: 'Try again' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
      await prompt.waitFor({ state: 'detached' });
    } finally {
      if (!released) other.exec('ROLLBACK');
      other.close();
    }
    expect(office.sql('SELECT address FROM bookings WHERE id = ?', booking.id)).toEqual([{ address: '9 Mill Lane' }]);
    expect(
      office.sql(
        `SELECT old_value AS old, new_value AS new FROM audit_log
      WHERE entity = 'booking' AND entity_id = ? AND field = 'address' ORDER BY id DESC LIMIT 1`,
        booking.id,
      ),
    ).toEqual([{ old: booking.address, new: '9 Mill Lane' }]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('leaves the form as typed, with the refusal beside it, when the person leaves it', async () => {
    const page = await office.signedIn(DEMO.staff);
    const [booking] = office.sql<{ id: number; address: string }>(
      "SELECT id, address FROM bookings WHERE deleted_at IS NULL AND status = 'scheduled' ORDER BY id LIMIT 1 OFFSET 1",
    );
    await page.evaluate(`location.hash = '#/bookings/${booking.id}'`);
    await page.getByLabel('Address').fill('1 Harbour Road');
    const other = new Database(office.core.db.file);
    other.exec('BEGIN IMMEDIATE');
    try {
      await page.getByRole('button', { name: 'Save changes' }).click();
      const prompt = page.getByRole('alertdialog');
      await prompt.waitFor();
      await page.keyboard.press('Escape');
      await prompt.waitFor({ state: 'detached' });
      await page
        .getByRole('alert')
        .filter({ hasText: /busy with another program/ })
        .waitFor();
      expect(await page.getByLabel('Address').inputValue()).toBe('1 Harbour Road');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(office.sql('SELECT address FROM bookings WHERE id = ?', booking.id)).toEqual([{ address: booking.address }]);
    await page.context().close();
  });
});
