// A fieldworker's office: their own bookings, opening on today, without prices or
// the fieldworker column; a job card with the customer's phone and no money; a
// menu of the sections they can use, and words (not an empty screen) at the
// address of one they cannot. Beside it, the small things every role meets: the
// sign-in list's groups, and the deleted bookings kept to managers.
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { DEMO, openOffice, screenshot, squash, watchProblems, type Office } from './office';

let office: Office;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  office = await openOffice(browser);
});
test.afterAll(async () => {
  await office?.dispose();
});

const PAGE = 50;
const pager = (page: Page) => page.locator('.pager [role="status"]');
const rows = (page: Page) => page.locator('table.list tbody tr');
const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

/** The start of today where the browser is (its zone is the tests' ZONE). */
const todayStart = (page: Page) =>
  page.evaluate(() => {
    const d = new Date();
    d.setHours(0, 0, 0, 0);
    return d.toISOString();
  });

/** Where a list sorted by start opens: at the first booking from today on, or the last page when there is none. */
function opening(today: string, where: string, ...params: unknown[]): { offset: number; total: number } {
  const [{ total, before }] = office.sql<{ total: number; before: number }>(
    `SELECT count(*) AS total,
    coalesce(sum(b.scheduled_start < ?), 0) AS before FROM bookings b WHERE b.deleted_at IS NULL AND ${where}`,
    today,
    ...params,
  );
  return { offset: before < total ? before : Math.max(0, total - PAGE), total };
}

const pagerText = ({ offset, total }: { offset: number; total: number }) =>
  `${(offset + 1).toLocaleString('en-US')}–${Math.min(offset + PAGE, total).toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`;

const fieldworkerId = () => office.sql<{ id: number }>('SELECT id FROM users WHERE name = ?', DEMO.fieldworker)[0].id;

test.describe("a fieldworker's view", () => {
  test('their menu offers what they can use, and their list is their own bookings, opening on today, without prices', async () => {
    const page = await office.signedIn(DEMO.fieldworker);
    const problems = watchProblems(page);
    await page.getByRole('heading', { name: 'My bookings' }).waitFor();
    expect((await nav(page).getByRole('link').allTextContents()).map(squash)).toEqual(['Bookings', 'Customers']);

    const me = fieldworkerId();
    const mine = opening(await todayStart(page), 'b.fieldworker_id = ?', me);
    await expect.poll(async () => squash(await pager(page).textContent())).toBe(pagerText(mine));
    const headers = (await page.locator('table.list thead th').allTextContents()).map((h) => squash(h).replace(/[▲▼]/g, ''));
    expect(headers).toEqual(['When', 'Service', 'Customer', 'Address', 'Status']);
    expect(await page.getByLabel('Fieldworker', { exact: true }).count()).toBe(0);
    // Every row on the page is one of theirs, in the order the main process gave.
    const { offset } = mine;
    const expected = office.sql<{ service: string; customer: string }>(
      `SELECT b.service, c.name AS customer FROM bookings b
      JOIN customers c ON c.id = b.customer_id WHERE b.deleted_at IS NULL AND b.fieldworker_id = ?
      ORDER BY b.scheduled_start, b.id DESC LIMIT ? OFFSET ?`,
      me,
      PAGE,
      offset,
    );
    await expect.poll(() => rows(page).count()).toBe(expected.length);
    expect(await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('aria-label')))).toEqual(
      expected.map((b) => `${b.service} for ${b.customer}`),
    );
    await screenshot(page, 'fieldworker-bookings');
    expect(problems).toEqual([]);
  });

  test('their job card shows the customer to call and the work, with no price, invoice or payment', async () => {
    const [b] = office.sql<{ id: number; service: string; customer: string; phone: string | null; email: string | null }>(
      `
      SELECT b.id, b.service, c.name AS customer, c.phone, c.email FROM bookings b JOIN customers c ON c.id = b.customer_id
      WHERE b.deleted_at IS NULL AND b.fieldworker_id = ? AND c.phone IS NOT NULL AND c.email IS NOT NULL
        AND EXISTS (SELECT 1 FROM invoices i WHERE i.booking_id = b.id) ORDER BY b.id LIMIT 1`,
      fieldworkerId(),
    );
    const page = await office.signedIn(DEMO.fieldworker);
    const problems = watchProblems(page);
    await page.evaluate(`location.hash = '#/bookings/${b.id}'`);
    await page.getByRole('heading', { name: `${b.service} — ${b.customer}` }).waitFor();
    const glance = page.getByRole('complementary', { name: 'At a glance' });
    await glance.getByText(b.phone!).waitFor();
    expect(squash(await glance.textContent())).not.toContain(b.email!);
    const details = squash(await page.locator('#job-panel-details').textContent());
    expect(details).not.toContain('Price');
    expect(await page.getByRole('tab', { name: 'Invoices & payments' }).count()).toBe(0);
    // Their History of the job: its own rows, none of money.
    await page.locator('#act-panel-history table.history tbody tr').first().waitFor();
    expect(squash(await page.locator('#act-panel-history').textContent())).not.toMatch(/invoice|payment|\$/i);
    await screenshot(page, 'fieldworker-job-card', true);
    await page.getByRole('tab', { name: 'Timeline' }).click();
    const steps = page.getByRole('list', { name: 'Timeline' });
    await steps.waitFor();
    expect(squash(await steps.textContent())).not.toMatch(/Invoiced|Paid/);
    await screenshot(page, 'fieldworker-timeline');
    expect(problems).toEqual([]);
  });

  test('their customers are those of their bookings, with phone and address, without email', async () => {
    const page = await office.signedIn(DEMO.fieldworker);
    const problems = watchProblems(page);
    await nav(page).getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('heading', { name: 'My customers' }).waitFor();
    const [{ n }] = office.sql<{ n: number }>(
      `SELECT count(*) AS n FROM customers c WHERE c.deleted_at IS NULL AND EXISTS
      (SELECT 1 FROM bookings b WHERE b.customer_id = c.id AND b.deleted_at IS NULL AND b.fieldworker_id = ?)`,
      fieldworkerId(),
    );
    await expect.poll(async () => squash(await pager(page).textContent())).toBe(pagerText({ offset: 0, total: n }));
    const headers = (await page.locator('table.list thead th').allTextContents()).map(squash);
    expect(headers).toContain('Phone');
    expect(headers).not.toContain('Email');
    await screenshot(page, 'fieldworker-customers');
    expect(problems).toEqual([]);
  });

  test("another fieldworker's job is refused in words, and so are the office's sections", async () => {
    const [theirs] = office.sql<{ id: number }>(
      `SELECT id FROM bookings WHERE deleted_at IS NULL AND fieldworker_id IS NOT NULL
      AND fieldworker_id <> ? ORDER BY id LIMIT 1`,
      fieldworkerId(),
    );
    const page = await office.signedIn(DEMO.fieldworker);
    const problems = watchProblems(page);
    await page.evaluate(`location.hash = '#/bookings/${theirs.id}'`);
    await page.getByText(`Booking ${theirs.id} is not assigned to you, so you cannot open it.`).waitFor();

    for (const [hash, heading] of [
      ['#/audit', 'The Audit log is for the office team'],
      ['#/reports', 'Reports are for the office team'],
      ['#/settings', 'Settings are for the office team'],
    ]) {
      await page.evaluate(`location.hash = '${hash}'`);
      await page.getByRole('heading', { name: heading }).waitFor();
      expect(squash(await page.locator('.not-allowed').textContent())).toContain('You are signed in as a fieldworker.');
    }
    await screenshot(page, 'fieldworker-not-offered');
    await page.getByRole('button', { name: 'Go to my bookings' }).click();
    await page.getByRole('heading', { name: 'My bookings' }).waitFor();
    expect(problems).toEqual([]);
  });
});

test.describe('every role', () => {
  test('the sign-in list groups people by role, in words', async () => {
    const page = await office.fresh();
    const groups = page.getByLabel('User').locator('optgroup');
    await expect
      .poll(() => groups.evaluateAll((gs) => gs.map((g) => g.getAttribute('label'))))
      .toEqual(['Administrators', 'Managers', 'Office staff', 'Fieldworkers']);
    await screenshot(page, 'sign-in');
  });

  test('staff open All Bookings on today, are offered every section, and are shown the live list at the deleted list’s address', async () => {
    const page = await office.signedIn(DEMO.staff);
    const problems = watchProblems(page);
    await page.getByRole('heading', { name: 'All Bookings' }).waitFor();
    expect((await nav(page).getByRole('link').allTextContents()).map(squash)).toEqual(['Bookings', 'Customers', 'Audit log', 'Reports', 'Settings']);
    const live = opening(await todayStart(page), '1');
    await expect.poll(async () => squash(await pager(page).textContent())).toBe(pagerText(live));

    await page.evaluate(`location.hash = '#/bookings?deleted=1'`);
    await page.getByText('Deleted bookings are shown to managers; these are the live ones.').waitFor();
    expect(await page.getByRole('heading', { name: 'Deleted bookings' }).count()).toBe(0);
    await expect.poll(async () => squash(await pager(page).textContent())).toBe(pagerText(live));
    expect(problems).toEqual([]);
  });
});
