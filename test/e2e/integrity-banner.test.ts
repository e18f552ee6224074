// The warning at start: a log tampered with while the app was closed is said on
// the first screen to whoever signs in, and an intact log shows no warning at all.
// The start-up check is the one the app runs (runStartupTasks), on the real file.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStartupTasks } from '../../electron/startup';
import { DEMO, openOffice, screenshot, squash, watchProblems, type Office } from './office';

let office: Office;
beforeAll(async () => { office = await openOffice(); }, 120_000);
afterAll(async () => { await office?.dispose(); });

const quiet = { info: () => {}, warn: () => {} };

/** Runs the start-up check as a start of the app does, and waits for its verdict. */
async function startUpCheck() {
  const tasks = runStartupTasks(office.core.db, quiet, { backups: false });
  return tasks.integrity.done;
}

describe('the integrity warning at start', () => {
  it('stays away while the audit trail is intact', async () => {
    const verdict = await startUpCheck();
    expect(verdict.state === 'done' && verdict.summary.ok).toBe(true);
    const page = await office.signedIn(DEMO.fieldworker);
    const problems = watchProblems(page);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    // The answer has arrived (the checking line would show while it is outstanding) and says nothing is wrong.
    await expect.poll(() => page.locator('.integrity-banner').count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('warns everyone who signs in when an audit row was rewritten while the app was closed', async () => {
    // Someone with a SQLite tool lifts the append-only guard, lowers a payment's amount, and puts the guard back.
    const tool = new Database(office.core.db.file);
    const row = tool.prepare(`SELECT id, new_value FROM audit_log WHERE field = 'amount'
      ORDER BY id LIMIT 1`).get() as { id: number; new_value: string };
    const guard = tool.prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_update'").pluck().get() as string;
    tool.exec('DROP TRIGGER audit_log_no_update');
    tool.prepare('UPDATE audit_log SET new_value = ? WHERE id = ?').run(String(Number(row.new_value) - 5000), row.id);
    tool.exec(guard);
    tool.close();

    const verdict = await startUpCheck();
    expect(verdict.state === 'done' && verdict.summary.ok).toBe(false);

    for (const [who, next] of [[DEMO.staff, 'Tell a manager or your administrator.'], [DEMO.manager, 'Reports › Check the audit trail']] as const) {
      const page = await office.signedIn(who);
      const problems = watchProblems(page);
      const banner = page.getByRole('alert').filter({ hasText: 'the audit trail failed its integrity check' });
      await banner.waitFor();
      const text = squash(await banner.textContent());
      expect(text).toContain(`audit row ${row.id}`);
      expect(text).toContain('Keep the database file as it is');
      expect(text).toContain(next);
      // It stays on every screen, not only the first.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
      await page.getByRole('heading', { name: 'All Customers' }).waitFor();
      expect(await banner.count()).toBe(1);
      if (who === DEMO.manager) {
        await banner.getByRole('link', { name: 'Reports › Check the audit trail' }).click();
        await page.getByRole('heading', { name: 'Check the audit trail' }).waitFor();
        await screenshot(page, 'integrity-warning');
      }
      expect(problems).toEqual([]);
    }
  });
});
