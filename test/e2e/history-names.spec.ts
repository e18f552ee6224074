// History rows an office can settle a dispute with: two bookings of one customer
// read apart (number, service, day, customer), a payment by number, amount, method
// and invoice, the reason beside the event (and found by a search), counts of
// changes rather than of fields written, and columns that wrap rather than cut, at
// 1280 and at 1920 pixels.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { DEMO, openOffice, screenshot, squash, watchProblems, ZONE, type Office } from './office';

let office: Office;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  office = await openOffice(browser);
});
test.afterAll(async () => {
  await office?.dispose();
});

/** A booking's day as its name says it: "Tue, Dec 15, 2026", in the browser's zone. */
const bookingDay = (iso: string) =>
  new Intl.DateTimeFormat('en-US', {
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: ZONE,
  }).format(new Date(iso));

const counter = (page: Page) => page.locator('.history-grid .grid-toolbar [role=status]');
const gridRows = (page: Page) => page.locator('table.history tbody tr');
const cell = (row: Locator, column: string) => row.locator(`td[data-column="${column}"]`);

/** Whether any cell of a column shows less than its text: cut off rather than wrapped. */
const cutCells = (page: Page, column: string) =>
  page
    .locator(`table.history td[data-column="${column}"]`)
    .evaluateAll((tds) => tds.filter((td) => td.scrollWidth > td.clientWidth + 1 || td.scrollHeight > td.clientHeight + 1).length);

test.describe('History rows that name their record exactly', () => {
  test("tells a customer's two bookings of one service apart, and wraps the Record column at 1280 and 1920 px", async () => {
    // The customer with the fewest History rows among those with two bookings of one service: all on the first page.
    const [c] = office.sql<{ customerId: number; name: string; service: string }>(`
      SELECT b.customer_id AS customerId, c.name, b.service FROM bookings b JOIN customers c ON c.id = b.customer_id
      WHERE b.deleted_at IS NULL GROUP BY b.customer_id, b.service HAVING count(*) >= 2
      ORDER BY (SELECT count(*) FROM audit_log a WHERE a.customer_id = b.customer_id) LIMIT 1`);
    const bookings = office.sql<{ id: number; start: string }>(
      'SELECT id, scheduled_start AS start FROM bookings WHERE customer_id = ? AND service = ? AND deleted_at IS NULL ORDER BY id',
      c.customerId,
      c.service,
    );
    for (const width of [1280, 1920]) {
      const page = await office.signedIn(DEMO.staff, { width, height: 900 });
      const problems = watchProblems(page);
      await page.evaluate(`location.hash = '#/customers/${c.customerId}'`);
      await page.getByRole('tab', { name: 'History' }).click();
      await gridRows(page).first().waitFor();
      for (const b of bookings) {
        const name = `Booking #${b.id} · ${c.service} · ${bookingDay(b.start)} · ${c.name}`;
        const record = page.locator('td[data-column="record"] a', { hasText: `Booking #${b.id} ·` }).first();
        // The grid draws the rows in view: scroll down to the booking's rows (a visit's readings and times come before them).
        await expect
          .poll(
            async () => {
              if ((await record.count()) > 0) return true;
              await page.locator('.history-scroll').evaluate((el) => {
                el.scrollTop += 300;
              });
              return false;
            },
            { timeout: 15_000 },
          )
          .toBe(true);
        expect(squash(await record.textContent())).toBe(name);
        expect(await record.getAttribute('title')).toMatch(/^Named as the record is now/);
      }
      expect(await cutCells(page, 'record')).toBe(0);
      await screenshot(page, `history-names-customer-${width}`);
      expect(problems).toEqual([]);
    }
  });

  test('names each payment by number, amount, method and invoice in a booking’s History', async () => {
    const [p] = office.sql<{ id: number; bookingId: number; amount: number; method: string; invoice: string }>(`
      SELECT p.id, p.booking_id AS bookingId, p.amount_cents AS amount, p.method, i.number AS invoice
      FROM payments p JOIN invoices i ON i.id = p.invoice_id JOIN bookings b ON b.id = p.booking_id
      WHERE b.deleted_at IS NULL ORDER BY p.id LIMIT 1`);
    const page = await office.signedIn(DEMO.staff);
    await page.evaluate(`location.hash = '#/bookings/${p.bookingId}'`);
    await gridRows(page).first().waitFor();
    const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(p.amount / 100);
    const name = `Payment #${p.id} · ${money} ${p.method.replace(/_/g, ' ')} · ${p.invoice}`;
    const logged = gridRows(page)
      .filter({ has: page.locator('td[data-column="field"]', { hasText: name }) })
      .first();
    await logged.waitFor();
    // Its first row: logged, whatever it became after, and never "received" before a manager approved it.
    expect(
      squash(
        await cell(
          gridRows(page)
            .filter({ has: page.locator('td[data-column="field"]', { hasText: name }) })
            .last(),
          'event',
        ).textContent(),
      ),
    ).toMatch(/^Payment logged \(/);
    expect(await page.locator('td[data-column="event"]', { hasText: /^Payment received/ }).count()).toBe(0);
    await screenshot(page, 'history-names-payment');
  });
});

test.describe('the reason, and counts of changes', () => {
  test('a booking moved again and again: its reasons beside the moves, counted as moves, not as fields', async () => {
    const [m] = office.sql<{ bookingId: number; moves: number; rows: number }>(`
      SELECT booking_id AS bookingId, count(DISTINCT tx) AS moves, count(*) AS rows FROM audit_log
      WHERE event = 'rescheduled' AND reason IS NOT NULL GROUP BY booking_id ORDER BY moves DESC, booking_id LIMIT 1`);
    expect(m.rows).toBe(2 * m.moves);
    const reasons = office
      .sql<{ reason: string }>("SELECT reason FROM audit_log WHERE booking_id = ? AND event = 'rescheduled' ORDER BY id DESC", m.bookingId)
      .map((r) => r.reason);
    const page = await office.signedIn(DEMO.staff, { width: 1280, height: 900 });
    await page.evaluate(`location.hash = '#/bookings/${m.bookingId}?hevent=rescheduled'`);
    await expect.poll(async () => squash(await counter(page).textContent())).toBe(`${m.moves} changes match (${m.rows} rows)`);
    await expect.poll(() => gridRows(page).count()).toBe(m.rows);
    // Each move shows its reason once, on its first row: the second (its other field) leaves it to the first.
    const shownReasons = await page.locator('table.history td[data-column="reason"]').allTextContents();
    expect(shownReasons.filter(Boolean)).toEqual(reasons.filter((_r, i) => i % 2 === 0));
    expect(shownReasons.filter(Boolean).every((r) => /^Asked by the (customer|office|fieldworker)/.test(r))).toBe(true);
    expect(await cutCells(page, 'before')).toBe(0);
    expect(await cutCells(page, 'after')).toBe(0);
    await screenshot(page, 'history-names-reasons-1280', true);
  });

  test('the Audit log finds a reason by its words, and its export’s notice reads as done, not as a warning', async () => {
    const deleted = office.sql<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE reason = 'Entered in error'")[0].n;
    expect(deleted).toBeGreaterThan(0);
    const page = await office.signedIn(DEMO.manager, { width: 1920, height: 1000 });
    const problems = watchProblems(page);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await page.locator('#audit-q').fill('entered in error');
    await expect.poll(async () => squash(await counter(page).textContent())).toMatch(/^\d+ changes? match/);
    const reasons = await page.locator('table.history tbody tr:not(.continued) td[data-column="reason"]').allTextContents();
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.every((r) => r === 'Entered in error')).toBe(true);
    expect(await cutCells(page, 'record')).toBe(0);
    await screenshot(page, 'history-names-audit-1920');

    await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const notice = page.locator('.history-grid p.notice', { hasText: 'Exported' });
    await notice.waitFor();
    const colors = await notice.evaluate((el) => {
      const doc = el.ownerDocument;
      const style = (e: typeof el) => doc.defaultView!.getComputedStyle(e).backgroundColor;
      // A plain notice beside it: what a warning looks like on this page.
      const probe = doc.createElement('p');
      probe.className = 'notice';
      doc.body.append(probe);
      const warning = style(probe);
      probe.remove();
      return { own: style(el), warning };
    });
    expect(colors.own).not.toBe(colors.warning);
    await screenshot(page, 'history-names-export-notice');
    expect(problems).toEqual([]);
  });
});
