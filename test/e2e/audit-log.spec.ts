// The Audit log as a manager reads it: the period's figures above the log agree
// with the database, a name in the charts narrows the log to that person, the
// search finds a change by the value it replaced, each filter narrows the rows,
// and a fieldworker is told in words that the log is not for their role.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { outsideConnection } from '../helpers/audit';
import { counted, pagedCountText, type Counted } from './counts';
import { DEMO, openOffice, screenshot, squash, watchProblems, ZONE, type Office } from './office';

let office: Office;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  office = await openOffice(browser);
});
test.afterAll(async () => {
  await office?.dispose();
});

// The browser runs in America/Chicago (UTC-6 all winter): 2025-12-01 to 2026-01-14
// as local days is this span of instants.
const FROM_DAY = '2025-12-01';
const TO_DAY = '2026-01-14';
const FROM = '2025-12-01T06:00:00.000Z';
const TO = '2026-01-15T06:00:00.000Z';

const count = (where: string, ...params: unknown[]) => counted(office, where, ...params);
const matchText = (c: Counted) => pagedCountText(c, true);
/** A booking's day as its name in the Record column says it. */
const bookingDay = (iso: string) =>
  new Intl.DateTimeFormat('en-US', {
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: ZONE,
  }).format(new Date(iso));

const chart = (page: Page, id: string) => page.locator(`section[aria-labelledby="${id}-title"]`);
const counter = (page: Page) => page.locator('.history-grid .grid-toolbar [role=status]');
const firstRows = (page: Page) => page.locator('table.history tbody tr:not(.continued)');

async function openAuditLog(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
}

async function setPeriod(page: Page, from: string, to: string): Promise<void> {
  await page.locator('#audit-from').fill(from);
  await page.locator('#audit-to').fill(to);
}

/** The grid's count of matching rows ("201 changes match"), without how many of them are loaded so far. */
async function expectCount(page: Page, text: string): Promise<void> {
  await expect.poll(async () => squash(await counter(page).textContent()).split(' · ')[0]).toBe(text);
}

/** The names down a top-ten chart and the figures at the ends of its bars, in order. */
async function ranking(card: Locator): Promise<{ names: string[]; figures: string[] }> {
  await card.locator('.rank-name').first().waitFor();
  const names = await card.locator('.rank-name').evaluateAll((els) => els.map((e) => e.querySelector('title')?.textContent ?? ''));
  const figures = await card.locator('.recharts-label-list text').allTextContents();
  return { names, figures: figures.map(squash) };
}

test.describe('Audit log', () => {
  test("charts the period set in the log's dates, as the database counts it", async () => {
    const page = await office.signedIn(DEMO.manager);
    const problems = watchProblems(page);
    await openAuditLog(page);
    // With no dates set, the charts say which period they fall back to.
    await expect.poll(async () => squash(await page.locator('.chart-period').textContent())).toContain('the last 30 days');

    await setPeriod(page, FROM_DAY, TO_DAY);
    await expect
      .poll(async () => squash(await page.locator('.chart-period').textContent()))
      .toBe('Charts for Dec 1, 2025 – Jan 14, 2026 — the dates set in the log below.');

    const inPeriod = count('a.at >= ? AND a.at < ?', FROM, TO);
    expect(inPeriod.rows).toBeGreaterThan(0);
    // The chart counts changes as the log does: one action's rows about one record once.
    await expect
      .poll(async () => squash(await chart(page, 'chart-activity').locator('.chart-aside').textContent()))
      .toBe(`${inPeriod.events.toLocaleString('en-US')} changes`);
    await expectCount(page, matchText(inPeriod));

    const rescheduled = office.sql<{ name: string; n: number }>(
      `
      SELECT c.name, count(DISTINCT coalesce(a.tx, a.id)) AS n FROM audit_log a JOIN customers c ON c.id = a.customer_id
      WHERE a.at >= ? AND a.at < ? AND a.event = 'rescheduled' GROUP BY a.customer_id ORDER BY n DESC, c.name LIMIT 10`,
      FROM,
      TO,
    );
    expect(rescheduled.length).toBeGreaterThan(0);
    const customers = await ranking(chart(page, 'chart-reschedules'));
    expect(customers.names).toEqual(rescheduled.map((r) => r.name));
    expect(customers.figures).toEqual(rescheduled.map((r) => String(r.n)));

    const editors = office.sql<{ name: string; n: number }>(
      `
      SELECT max(actor_name) AS name, count(DISTINCT coalesce(tx, id)) AS n FROM audit_log
      WHERE at >= ? AND at < ? GROUP BY actor_id ORDER BY n DESC, name LIMIT 10`,
      FROM,
      TO,
    );
    const people = await ranking(chart(page, 'chart-editors'));
    expect(people.names).toEqual(editors.map((r) => r.name));
    expect(people.figures).toEqual(editors.map((r) => String(r.n)));
    await page.evaluate('document.activeElement.blur()');
    await screenshot(page, 'audit-log');

    // Each chart's figures are there as a table too, for whoever cannot see the bars: the same counts.
    const table = chart(page, 'chart-editors').locator('details.chart-table');
    await table.getByText('The figures as a table').click();
    const cells = await table
      .getByRole('row')
      .filter({ hasNot: page.getByRole('columnheader') })
      .allInnerTexts();
    expect(cells.map((r) => r.split('\t').map((c) => c.trim()))).toEqual(editors.map((r) => [r.name, r.n.toLocaleString('en-US')]));
    const days = chart(page, 'chart-activity').locator('details.chart-table');
    await days.getByText('The figures as a table').click();
    const totals = await days.locator('tbody tr td:last-child').allInnerTexts();
    expect(totals.reduce((n, t) => n + Number(t.replace(/,/g, '')), 0)).toBe(inPeriod.events);

    // A customer's name opens that customer.
    const top = office.sql<{ id: number }>('SELECT id FROM customers WHERE name = ?', rescheduled[0].name)[0];
    expect(await chart(page, 'chart-reschedules').getByRole('link').first().getAttribute('href')).toBe(`#/customers/${top.id}`);
    expect(problems).toEqual([]);
  });

  test('narrows the log to the person clicked in "Most changes by", and back', async () => {
    const page = await office.signedIn(DEMO.manager);
    await openAuditLog(page);
    await setPeriod(page, FROM_DAY, TO_DAY);
    const person = office.sql<{ id: number; name: string }>(
      `
      SELECT actor_id AS id, max(actor_name) AS name FROM audit_log WHERE at >= ? AND at < ? AND actor_id IS NOT NULL
      GROUP BY actor_id ORDER BY count(DISTINCT coalesce(tx, id)) DESC LIMIT 1 OFFSET 1`,
      FROM,
      TO,
    )[0];
    const theirs = count('a.at >= ? AND a.at < ? AND a.actor_id = ?', FROM, TO, person.id);

    await chart(page, 'chart-editors').getByRole('button', { name: person.name }).click();
    await expectCount(page, matchText(theirs));
    expect(await page.locator('#audit-actor').inputValue()).toBe(String(person.id));
    const whoCells = await firstRows(page).locator('td[data-column="actor"]').allTextContents();
    expect(whoCells.length).toBeGreaterThan(0);
    expect(new Set(whoCells.map(squash))).toEqual(new Set([person.name]));
    expect(await chart(page, 'chart-editors').getByRole('button', { name: person.name }).getAttribute('aria-pressed')).toBe('true');

    // The same name again shows everyone.
    await chart(page, 'chart-editors').getByRole('button', { name: person.name }).click();
    await expectCount(page, matchText(count('a.at >= ? AND a.at < ?', FROM, TO)));
  });

  test('finds a change by the value it replaced, and each filter narrows the rows', async () => {
    const page = await office.signedIn(DEMO.staff);
    const problems = watchProblems(page);
    await openAuditLog(page);
    const all = count('1');
    await expectCount(page, pagedCountText(all));

    // An old address: the street someone moved away from.
    const moved = office.sql<{ old_value: string; new_value: string; label: string; record: string | null }>(`
      SELECT a.old_value, a.new_value, a.label, b.id || ' · ' || b.service || ' · ' || b.scheduled_start || ' · ' || c.name AS record
      FROM audit_log a LEFT JOIN bookings b ON b.id = a.booking_id LEFT JOIN customers c ON c.id = b.customer_id
      WHERE a.field = 'address' AND a.old_value IS NOT NULL ORDER BY a.id LIMIT 1`)[0];
    const words = moved.old_value
      .split(/[\s,]+/)
      .slice(0, 3)
      .join(' ');
    await page.getByLabel('Search').fill(words);
    const found = count(
      'a.id IN (SELECT rowid FROM audit_fts WHERE audit_fts MATCH ?)',
      words
        .split(' ')
        .map((w) => `"${w}"*`)
        .join(' '),
    );
    await expectCount(page, matchText(found));
    const row = page.locator('table.history tbody tr', { has: page.locator('td[data-column="before"]', { hasText: moved.old_value }) });
    expect(squash(await row.locator('td[data-column="after"]').textContent())).toBe(`→ ${moved.new_value}`);
    // A booking by number, service, day and customer (as it is now); a customer by name.
    const [id, service, start, customer] = moved.record?.split(' · ') ?? [];
    expect(squash(await row.locator('td[data-column="record"]').textContent())).toBe(
      moved.record === null ? moved.label : `Booking #${id} · ${service} · ${bookingDay(start)} · ${customer}`,
    );
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expectCount(page, pagedCountText(all));

    // Kind, who, and the dates: each alone narrows the log to what the database counts.
    await page.locator('#audit-cat').selectOption({ label: 'Financial' });
    const financial = count("a.category = 'financial'");
    expect(financial.rows).toBeLessThan(all.rows);
    await expectCount(page, matchText(financial));
    const kinds = await firstRows(page).locator('td[data-column="event"]').allTextContents();
    expect(kinds.every((k) => /invoice|payment|refund/i.test(k))).toBe(true);

    await page.locator('#audit-cat').selectOption({ label: 'All kinds' });
    await page.locator('#audit-actor').selectOption({ label: DEMO.staff });
    const staffId = office.sql<{ id: number }>('SELECT id FROM users WHERE name = ?', DEMO.staff)[0].id;
    const theirs = count('a.actor_id = ?', staffId);
    expect(theirs.rows).toBeLessThan(all.rows);
    await expectCount(page, matchText(theirs));

    await page.locator('#audit-actor').selectOption({ label: 'Anyone' });
    await setPeriod(page, FROM_DAY, TO_DAY);
    const inPeriod = count('a.at >= ? AND a.at < ?', FROM, TO);
    expect(inPeriod.rows).toBeLessThan(all.rows);
    await expectCount(page, matchText(inPeriod));
    expect(problems).toEqual([]);
  });

  test('tells a fieldworker in words that the log is not for their role', async () => {
    const page = await office.signedIn(DEMO.fieldworker);
    const problems = watchProblems(page);
    // Their menu does not offer it (fieldworker.spec.ts): an address can still name it.
    expect(await page.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    await page.evaluate("location.hash = '#/audit'");
    await page.getByRole('heading', { name: 'The Audit log is for the office team' }).waitFor();
    expect(squash(await page.locator('.not-allowed').textContent())).toContain('You are signed in as a fieldworker.');
    expect(await page.locator('table.history').count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByRole('button', { name: 'Go to my bookings' }).click();
    await page.getByRole('heading', { name: 'My bookings' }).waitFor();
    expect(problems).toEqual([]);
  });

  test('shows changes made outside JobTrail as a warning, in the last 30 days when no dates are set, and narrows the log to them', async () => {
    // Someone edits the database with a SQLite tool: the trigger records it under "(outside JobTrail)", today.
    const tool = outsideConnection(office.core.db.sqlite.name);
    tool.prepare("UPDATE customers SET phone = '555-0100' WHERE id = (SELECT min(id) FROM customers)").run();
    tool.close();

    const page = await office.signedIn(DEMO.manager);
    await openAuditLog(page);
    await expect.poll(async () => squash(await page.locator('.chart-period').textContent())).toContain('the last 30 days');
    const outside = chart(page, 'chart-editors').locator('.rank-name.warn');
    await outside.waitFor();
    expect(await outside.locator('title').textContent()).toBe('(outside JobTrail)');
    // Picking it narrows the log to what was changed outside JobTrail: the tool's edit, flagged, and nothing else.
    await chart(page, 'chart-editors').getByRole('button', { name: '(outside JobTrail)' }).click();
    expect(await page.getByLabel('Who', { exact: true }).inputValue()).toBe('outside');
    const rows = page.locator('table.history tbody tr');
    await expect.poll(() => rows.count()).toBe(office.sql<{ n: number }>('SELECT count(*) AS n FROM audit_log WHERE actor_id IS NULL')[0].n);
    expect(squash(await rows.first().locator('td[data-column="actor"]').textContent())).toBe('(outside JobTrail)outside JobTrail');
    expect(await rows.first().getAttribute('class')).toContain('outside');
    expect(squash(await rows.first().locator('td[data-column="after"]').textContent())).toBe('→ 555-0100');
    await screenshot(page, 'audit-log-outside');
  });
});
