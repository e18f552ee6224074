// Visit times in the browser: the fieldworker records their arrival (asked first
// when the time is far from the schedule) and departure on their own job card;
// the office corrects the time-in with a reason; the Timeline and the History show
// the correction beside the original; the visit verification report lists it.
import type { Page } from '@playwright/test';
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

type Visit = { id: number; service: string; customer: string; start: string };
let visit: Visit;

/** An instant as an <input type="datetime-local"> in the browser's zone takes it. */
const localInput = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(new Date(iso))
    .replace(' ', 'T');
const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
const visitRows = () =>
  office.sql<{ actor_name: string; event: string; field: string; old_value: string | null; new_value: string; reason: string | null }>(
    "SELECT actor_name, event, field, old_value, new_value, reason FROM audit_log WHERE booking_id = ? AND entity = 'visit_time' ORDER BY id",
    visit.id,
  );

async function openTimeline(page: Page): Promise<void> {
  await page.evaluate(`location.hash = '#/bookings/${visit.id}?tab=timeline'`);
  await page.getByRole('heading', { name: `${visit.service} — ${visit.customer}` }).waitFor();
  await page.locator('[data-quick="visit-times"]').waitFor();
}

test.beforeAll(() => {
  // One of Jake's accepted jobs, with no time recorded yet.
  visit = office.sql<Visit>(
    `SELECT b.id, b.service, c.name AS customer, b.scheduled_start AS start FROM bookings b
    JOIN customers c ON c.id = b.customer_id JOIN users u ON u.id = b.fieldworker_id
    WHERE u.name = ? AND b.status = 'accepted' AND b.deleted_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM visit_times v WHERE v.booking_id = b.id) ORDER BY b.id LIMIT 1`,
    DEMO.fieldworker,
  )[0];
  expect(visit).toBeDefined();
});

test.describe.serial('visit times', () => {
  test('the fieldworker records arrival (asked first when it is far from the schedule) and departure on their job card', async () => {
    const page = await office.signedIn(DEMO.fieldworker, { width: 1280, height: 900 });
    const problems = watchProblems(page, /status of 409\b/);
    await openTimeline(page);
    const panel = page.locator('[data-quick="visit-times"]');

    await panel.getByRole('button', { name: 'Record arrival' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record arrival?' });
    // The form starts at now: months after the appointment, which the main process doubts.
    await dialog.getByRole('button', { name: 'Record arrival' }).click();
    await expect(dialog.locator('[data-doubt]')).toContainText('after the scheduled end');
    await expect(dialog.locator('[data-doubt]')).toContainText('Record anyway?');
    expect(visitRows()).toEqual([]);
    // The real time instead: 12 minutes late.
    await dialog.getByLabel('Arrived at').fill(localInput(plus(visit.start, 12)));
    await dialog.getByRole('button', { name: 'Record arrival' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(panel.locator('[data-kind="time_in"]')).toContainText('12 min late');

    await panel.getByRole('button', { name: 'Record departure' }).click();
    const out = page.getByRole('dialog', { name: 'Record departure?' });
    await out.getByLabel('Left at').fill(localInput(plus(visit.start, 70)));
    await out.getByRole('button', { name: 'Record departure' }).click();
    await out.waitFor({ state: 'detached' });
    await expect(panel).toContainText('58 min on site');
    expect(visitRows().map((r) => [r.actor_name, r.event])).toEqual([
      [DEMO.fieldworker, 'time-in recorded'],
      [DEMO.fieldworker, 'time-out recorded'],
    ]);
    await expect(page.locator('ol.timeline li[data-step="accepted"]')).toHaveClass(/done/);
    await screenshot(page, 'visit-times-fieldworker-job-card', true);
    // A fieldworker records; correcting is the office's.
    await expect(panel.getByRole('button', { name: /Correct/ })).toHaveCount(0);
    expect(problems).toEqual([]);
  });

  test('the office corrects the time-in with a reason; the Timeline and the History keep the original beside it', async () => {
    const page = await office.signedIn(DEMO.staff);
    const problems = watchProblems(page);
    await openTimeline(page);
    const panel = page.locator('[data-quick="visit-times"]');
    await panel.getByRole('button', { name: 'Correct time-in…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Correct the time-in?' });
    await dialog.getByLabel('Arrived at').fill(localInput(plus(visit.start, 3)));
    // No reason, no correction.
    await expect(dialog.getByRole('button', { name: 'Correct time' })).toBeDisabled();
    await dialog.getByLabel('Why is it corrected?').selectOption({ label: 'Not recorded at the time' });
    await dialog.getByLabel('Note (optional)').fill('tapped it at the car');
    await dialog.getByRole('button', { name: 'Correct time' }).click();
    await dialog.waitFor({ state: 'detached' });

    const timeIn = panel.locator('[data-kind="time_in"]');
    await expect(timeIn).toContainText('3 min late');
    await expect(timeIn).toContainText('recorded by Jake Morrison');
    await expect(timeIn.getByRole('list', { name: 'Corrections' })).toContainText(`by ${DEMO.staff}`);
    await expect(timeIn.getByRole('list', { name: 'Corrections' })).toContainText('Not recorded at the time: tapped it at the car');
    expect(squash(await page.locator('ol.timeline li[data-step="started"]').textContent())).toMatch(/Time-in .* 3 min late · corrected/);
    expect(visitRows().slice(2)).toEqual([
      {
        actor_name: DEMO.staff,
        event: 'time-in corrected',
        field: 'time_in',
        old_value: plus(visit.start, 12),
        new_value: plus(visit.start, 3),
        reason: 'Not recorded at the time: tapped it at the car',
      },
    ]);
    // The History grid reads the correction with its reason, the recorded row still above it.
    const history = page.locator('section.activity');
    await expect(history).toContainText('Time-in corrected');
    await expect(history).toContainText('Time-in recorded');
    await screenshot(page, 'visit-times-office-corrected', true);
    expect(problems).toEqual([]);
  });

  test('the visit verification report of the month lists the visit with its six elements and the correction', async () => {
    const page = await office.signedIn(DEMO.manager);
    const problems = watchProblems(page);
    const month = visit.start.slice(0, 7);
    const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
    await page.evaluate(`location.hash = '#/reports'`);
    const card = page.getByRole('region', { name: 'Visit verification report' });
    await card.getByLabel('From').fill(`${month}-01`);
    await card.getByLabel('To (included)').fill(last);
    await card.getByLabel('Fieldworker (optional)').selectOption({ label: DEMO.fieldworker });
    await card.getByRole('button', { name: 'Open the visit report' }).click();
    const report = page.locator('article.report[data-report="visits"]');
    await report.waitFor();
    const row = report.locator('tr', { hasText: `Booking #${visit.id}` }).first();
    for (const text of [visit.service, visit.customer, DEMO.fieldworker, '3 min late']) await expect(row).toContainText(text);
    await expect(report).toContainText('Not recorded at the time: tapped it at the car');
    await expect(report).toContainText('Chain head');
    await screenshot(page, 'visit-verification-report', true);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download as CSV' }).click();
    expect((await download).suggestedFilename()).toMatch(/^visit-verification-report-.*\.csv$/);
    expect(
      office.sql<{ n: number }>(
        "SELECT count(*) AS n FROM audit_log WHERE event = 'report generated' AND new_value LIKE 'Visit verification report:%(csv,%'",
      )[0].n,
    ).toBe(1);
    expect(problems).toEqual([]);
  });
});
