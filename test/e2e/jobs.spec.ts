// Long work as the office sees it: the check of the audit trail runs as a job with
// a bar whose figures move, is still running when the manager leaves the page and
// comes back, stops on Cancel with nothing written, and run again to its end gives
// the verdict; a booking's History exports as a job and downloads.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { audited } from '../../db/actor';
import { signBatch } from '../../db/chain';
import { readCsvExport } from '../helpers/exportRead';
import { DEMO, openOffice, screenshot, squash, headAtExport, watchProblems, type Office } from './office';

/** Enough audit rows that checking them takes several seconds, even on a fast machine. */
const ROWS = 400_000;

let office: Office;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000);
  office = await openOffice(browser);
  growLog(ROWS);
});
test.afterAll(async () => {
  await office?.dispose();
});

/**
 * Each round moves every booking by a minute in one audited action: two History
 * rows a booking, sealed like any change, and far quicker to write than the demo
 * generator's one booking at a time. One commit, signed once, as the import does.
 */
function growLog(rows: number): void {
  const sqlite = office.core.db.sqlite;
  const [manager] = office.sql<{ id: number; name: string }>('SELECT id, name FROM users WHERE name = ?', DEMO.manager);
  const [{ n: bookings }] = office.sql<{ n: number }>('SELECT count(*) AS n FROM bookings');
  const move = sqlite.prepare(`UPDATE bookings SET
    scheduled_start = strftime('%Y-%m-%dT%H:%M:%fZ', scheduled_start, '+1 minute'),
    scheduled_end = strftime('%Y-%m-%dT%H:%M:%fZ', scheduled_end, '+1 minute')`);
  sqlite.transaction(() => {
    for (let i = 0; i < Math.ceil(rows / (2 * bookings)); i++) audited(sqlite, manager, () => move.run());
    signBatch(sqlite);
  })();
}

async function openReports(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('heading', { name: 'Check the audit trail' }).waitFor();
}

/** Asked in the page, over its own session, as the screens ask: whether a check of the trail is running. */
const VERIFY_RUNNING = `(async () => {
  const res = await fetch('/api/jobs.list', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json',
    Authorization: 'Bearer ' + sessionStorage.getItem('jobtrail.token'), 'X-JobTrail-Client': sessionStorage.getItem('jobtrail.client') } });
  const r = await res.json();
  return r.value.some((j) => j.kind === 'verify' && j.state === 'running');
})()`;

const valueNow = async (bar: Locator) => Number((await bar.getAttribute('aria-valuenow')) ?? -1);

test.describe('Reports › Check the audit trail, as a job', () => {
  test('shows a bar that moves, keeps running while the manager is elsewhere, cancels, and runs again to its verdict', async () => {
    test.setTimeout(300_000);
    const page = await office.signedIn(DEMO.manager);
    const problems = watchProblems(page);
    await openReports(page);

    // Started from the keyboard: the focus lands on Cancel, not at the top of the page.
    const start = page.getByRole('button', { name: 'Check the audit trail' });
    // Enabled once the card knows no check is running already (jobs.list): Enter on it before then does nothing.
    await expect(start).toBeEnabled();
    await start.focus();
    await page.keyboard.press('Enter');
    const bar = page.getByRole('progressbar', { name: 'Checking every audit row' });
    await bar.waitFor();
    await screenshot(page, 'job-progress-start');
    const cancel = page.getByRole('button', { name: 'Cancel', exact: true });
    await expect.poll(() => page.evaluate('document.activeElement?.textContent')).toBe('Cancel');
    expect(await page.getByRole('button', { name: 'Checking…' }).isDisabled()).toBe(true);

    // The figures move: the bar's value, and the same figures in words under it.
    await expect.poll(() => valueNow(bar), { timeout: 30_000 }).toBeGreaterThan(0);
    const before = await valueNow(bar);
    await expect.poll(() => valueNow(bar), { timeout: 10_000 }).not.toBe(before);
    const figures = page.locator('.job-figures');
    await expect
      .poll(async () => squash(await figures.textContent()), { timeout: 10_000 })
      .toMatch(/^[\d,]+ of [\d,]+ [a-z ]+ · [\d,]+ a second · (about [\dminhs ]+ left|almost done)$/);
    expect(squash(await bar.getAttribute('aria-valuetext'))).toMatch(/^[\d,]+ of [\d,]+ [a-z ]+, /);
    await screenshot(page, 'job-progress');

    // Elsewhere and back: the same check, still running, not a fresh button.
    await page.getByRole('link', { name: 'Bookings' }).click();
    await page.getByRole('heading', { name: 'All Bookings' }).waitFor();
    expect(await bar.count()).toBe(0);
    await openReports(page);
    await bar.waitFor();
    expect(await page.getByRole('button', { name: 'Check the audit trail' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Checking…' }).isDisabled()).toBe(true);

    // Cancel: the bar goes, and the notice says that nothing was written and no verdict given.
    await cancel.click();
    const cancelled = page.locator('.job-cancelled');
    await cancelled.waitFor();
    expect(squash(await cancelled.textContent())).toMatch(
      /^Cancelled: nothing was written\. The check stopped (at|after) [\d,]+ .*so it gives no verdict\. Check again to see it through\.$/,
    );
    expect(await bar.count()).toBe(0);
    expect(await page.locator('.verdict').count()).toBe(0);
    await screenshot(page, 'job-cancelled');

    // Again, to the end: the verdict, and the bar gone.
    await page.getByRole('button', { name: 'Check the audit trail' }).click();
    await bar.waitFor();
    const verdict = page.locator('.verdict');
    await verdict.waitFor({ timeout: 180_000 });
    await screenshot(page, 'job-verdict');
    expect(squash(await verdict.locator('h3').textContent())).toBe('✓The audit trail is intact');
    const rows = office.sql<{ n: number }>('SELECT count(*) AS n FROM audit_log')[0].n;
    expect(squash(await verdict.textContent())).toContain(`${rows.toLocaleString('en-US')} audit rows checked`);
    expect(await bar.count()).toBe(0);
    expect(await cancelled.count()).toBe(0);
    expect(problems).toEqual([]);
  });

  test('shows the verdict of a check that ended while the manager was elsewhere, once', async () => {
    test.setTimeout(300_000);
    const page = await office.signedIn(DEMO.manager);
    await openReports(page);
    await page.getByRole('button', { name: 'Check the audit trail' }).click();
    await page.getByRole('progressbar', { name: 'Checking every audit row' }).waitFor();
    await page.getByRole('link', { name: 'Bookings' }).click();
    await page.getByRole('heading', { name: 'All Bookings' }).waitFor();
    // Wait for the job to end while the page shows something else.
    await expect.poll(() => page.evaluate(VERIFY_RUNNING), { timeout: 180_000, intervals: [1000] }).toBe(false);

    await openReports(page);
    await page.locator('.verdict.intact').waitFor();
    // Seen once: another visit starts from the button again.
    await page.getByRole('link', { name: 'Bookings' }).click();
    await openReports(page);
    await page.getByRole('button', { name: 'Check the audit trail' }).waitFor();
    expect(await page.locator('.verdict').count()).toBe(0);
  });
});

test.describe("A booking's History › Export CSV, as a job", () => {
  test('exports what the filters show and downloads it, with the count and chain head in words', async () => {
    const [{ id }] = office.sql<{ id: number }>(`SELECT booking_id AS id FROM audit_log WHERE category = 'financial' AND booking_id IS NOT NULL
      GROUP BY booking_id ORDER BY count(*) DESC LIMIT 1`);
    const page = await office.signedIn(DEMO.manager);
    const problems = watchProblems(page);
    await page.evaluate(`location.hash = '#/bookings/${id}'`);
    const history = page.locator('#act-panel-history');
    await history.getByLabel('Kind', { exact: true }).selectOption('financial');
    const financial = office.sql<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE booking_id = ? AND category = 'financial'", id)[0].n;
    await expect
      .poll(async () => squash(await history.locator('.grid-toolbar [role=status]').textContent()))
      .toBe(`${financial} ${financial === 1 ? 'change' : 'changes'} match`);

    const [download] = await Promise.all([page.waitForEvent('download'), history.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`booking-${id}.*\\.csv$`));
    const file = readCsvExport((await download.path())!);
    expect(file.rows).toHaveLength(financial);
    expect(file.rows.every((r) => r.category === 'financial')).toBe(true);
    expect(file.summary).toMatchObject({ rows: financial, head: headAtExport(office.core.db) });
    const notice = history.locator('.notice');
    await expect.poll(async () => squash(await notice.textContent())).toMatch(new RegExp(`^Exported ${financial} rows; chain head [0-9a-f]{16}\\.$`));
    await screenshot(page, 'job-export-done');
    expect(problems).toEqual([]);
  });

  test('exports the whole Audit log to a file beside the database when it is too large to open in the window', async () => {
    test.setTimeout(180_000);
    const page = await office.signedIn(DEMO.manager);
    const problems = watchProblems(page);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    const grid = page.locator('.history-grid');
    await grid.getByRole('button', { name: 'Export CSV' }).click();
    // Quick at this size: the bar may be up for no more than a poll or two.
    await grid.getByRole('progressbar', { name: 'Exporting History to CSV' }).waitFor();
    await screenshot(page, 'job-export-progress');

    const rows = office.sql<{ n: number }>('SELECT count(*) AS n FROM audit_log')[0].n;
    const notice = grid.locator('.notice');
    const said = new RegExp(
      `^Exported ${rows.toLocaleString('en-US')} rows; chain head [0-9a-f]{16}\\. ` +
        `Saved to (/.+/exports/jobtrail-history-audit-log-[\\d-]+\\.csv) \\(${rows.toLocaleString('en-US')} rows; too large to open here\\)\\.$`,
    );
    await expect(notice).toHaveText(said, { timeout: 120_000 });
    const file = said.exec(squash(await notice.textContent()))![1];
    expect(readCsvExport(file).summary).toMatchObject({ rows, head: headAtExport(office.core.db) });
    expect(await grid.getByRole('button', { name: 'Export CSV' }).isEnabled()).toBe(true);
    await screenshot(page, 'job-export-saved');
    expect(problems).toEqual([]);
  });
});
