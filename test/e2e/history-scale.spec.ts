// A History of 100,000 rows in the grid: it opens on its newest rows, scrolls
// through to its very first one, and never puts more than a few hundred rows in
// the page (only the rows in view exist), so the office PC stays responsive.
import { expect, test } from '@playwright/test';
import { audited } from '../../db/actor';
import { counted, countText } from './counts';
import { DEMO, openOffice, screenshot, squash, watchProblems, type Office } from './office';

const MOVES = 50_000; // each moves start and end: two History rows, one event
let office: Office;
let bookingId: number;
let rows: number;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  office = await openOffice(browser, { customers: 10, bookings: 40 });
  const [b] = office.sql<{ id: number; start: string }>("SELECT id, scheduled_start AS start FROM bookings WHERE status = 'completed' ORDER BY id LIMIT 1");
  bookingId = b.id;
  const [{ id: actorId }] = office.sql<{ id: number }>('SELECT id FROM users WHERE name = ?', DEMO.staff);
  const sqlite = office.core.db.sqlite;
  const move = sqlite.prepare('UPDATE bookings SET scheduled_start = ?, scheduled_end = ? WHERE id = ?');
  const base = Date.parse(b.start);
  // Each move is its own audited action (a savepoint with its actor, sealed into the chain), all in one commit.
  sqlite.transaction(() => {
    for (let i = 1; i <= MOVES; i++) {
      const start = new Date(base + i * 60_000);
      audited(sqlite, { id: actorId, name: DEMO.staff }, () => move.run(start.toISOString(), new Date(start.getTime() + 3_600_000).toISOString(), bookingId));
    }
  })();
  rows = office.sql<{ n: number }>('SELECT count(*) AS n FROM audit_log WHERE booking_id = ?', bookingId)[0].n;
});
test.afterAll(async () => {
  await office?.dispose();
});

test.describe('the History grid at 100,000 rows', () => {
  // Scrolling a hundred thousand rows to the first takes a while on a busy machine: the checks are what it finds, not how fast.
  test('shows the newest rows at once, reaches the oldest by scrolling, and keeps only a few hundred rows in the page', async () => {
    // Scrolling through 100,000 rows takes most of a minute on a busy two-core machine; the test checks what it finds, never how fast.
    test.setTimeout(180_000);
    expect(rows).toBeGreaterThan(100_000);
    const page = await office.signedIn(DEMO.manager, { width: 1400, height: 1000 });
    const problems = watchProblems(page);
    await page.evaluate(`location.hash = '#/bookings/${bookingId}'`);
    const grid = page.locator('#act-panel-history');
    const count = grid.locator('.grid-toolbar [role="status"]');
    await expect.poll(async () => squash(await count.textContent())).toMatch(/^More than 10,000 rows · [\d,]+ loaded$/);
    const domRows = () => grid.locator('table.history tbody tr').count();
    const firstEvent = grid.locator('tbody tr').first().locator('td[data-column="event"]');
    expect(squash(await firstEvent.textContent())).toBe('Rescheduled');

    // Scroll to the end again and again: each time the next page arrives, until the grid has every row.
    const scroller = grid.locator('.history-scroll');
    const most: number[] = [];
    for (let guard = 0; guard < 400; guard++) {
      await scroller.evaluate((el) => {
        el.scrollTop = el.scrollHeight;
      });
      await page.waitForTimeout(40);
      most.push(await domRows());
      const text = squash(await count.textContent());
      const loaded = Number(/· ([\d,]+) loaded$/.exec(text)?.[1].replace(/,/g, '') ?? rows);
      if (loaded >= rows) break;
    }
    // Every row is in the grid now, so the count is exact.
    // Every row is here: the moves are counted as changes, beside their rows.
    await expect.poll(async () => squash(await count.textContent())).toBe(countText(counted(office, 'a.booking_id = ?', bookingId)));
    await scroller.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    // The very first row of this booking's History is its creation.
    await expect.poll(async () => squash(await grid.locator('tbody tr').last().locator('td[data-column="event"]').textContent())).toBe('Created');
    most.push(await domRows());
    expect(Math.max(...most)).toBeLessThan(300);
    expect(Math.min(...most)).toBeGreaterThan(10);
    await screenshot(page, 'history-100k');

    // And back to the middle: still only the rows in view.
    await scroller.evaluate((el) => {
      el.scrollTop = el.scrollHeight / 2;
    });
    await page.waitForTimeout(100);
    expect(await domRows()).toBeLessThan(300);
    expect(squash(await grid.locator('tbody tr').nth(5).locator('td[data-column="event"]').textContent())).toMatch(/^(Rescheduled|)$/);
    expect(problems).toEqual([]);
  });
});
