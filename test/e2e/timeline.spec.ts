// The Timeline agrees with the History in the browser: a booking cancelled (with
// its reason) or missed keeps the steps it reached done, shows Cancelled / No-show
// as a step of its own with who, when and why, and marks the steps it never reached;
// starting a job long before its day asks first, and only what the status table
// allows is offered.
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from '../../electron/cli/seed';
import { DEMO, openOffice, screenshot, squash, watchProblems, type Office } from './office';

let office: Office;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  office = await openOffice(browser);
});
test.afterAll(async () => {
  await office?.dispose();
});

type BookingRow = { id: number; service: string; customer: string };
const booking = (where: string, ...params: unknown[]) =>
  office.sql<BookingRow>(
    `
  SELECT b.id, b.service, c.name AS customer FROM bookings b JOIN customers c ON c.id = b.customer_id
  WHERE b.deleted_at IS NULL AND ${where} ORDER BY b.id LIMIT 1`,
    ...params,
  )[0];
const jake = () => office.sql<{ id: number }>('SELECT id FROM users WHERE name = ?', DEMO.fieldworker)[0].id;
const lastAuditId = () => office.sql<{ n: number }>('SELECT coalesce(max(id), 0) AS n FROM audit_log')[0].n;
const statusRows = (bookingId: number, afterId: number) =>
  office.sql<{ actor_name: string; event: string; new_value: string; reason: string | null }>(
    "SELECT actor_name, event, new_value, reason FROM audit_log WHERE booking_id = ? AND id > ? AND field = 'status' ORDER BY id",
    bookingId,
    afterId,
  );

async function openTimeline(page: Page, b: BookingRow): Promise<void> {
  await page.evaluate(`location.hash = '#/bookings/${b.id}?tab=timeline'`);
  await page.getByRole('heading', { name: `${b.service} — ${b.customer}` }).waitFor();
  await page.locator('ol.timeline').waitFor();
}
const step = (page: Page, key: string) => page.locator(`ol.timeline li[data-step="${key}"]`);
const stepText = async (page: Page, key: string) => squash(await step(page, key).textContent());

test.describe('a booking that ends early keeps its steps', () => {
  test('cancelling asks why; the Timeline keeps Scheduled and Accepted done and shows Cancelled with who, when and the reason', async () => {
    const b = booking("b.status = 'accepted' AND b.fieldworker_id IS NOT NULL");
    const page = await office.signedIn(DEMO.staff);
    const problems = watchProblems(page);
    await openTimeline(page, b);
    expect(await step(page, 'accepted').getAttribute('class')).toContain('done');

    await page.getByRole('button', { name: 'Cancel booking' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this booking?' });
    const confirm = dialog.getByRole('button', { name: 'Cancel booking' });
    // No reason, no cancellation: the button waits for one.
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel('Why is it cancelled?').selectOption({ label: 'Weather' });
    await dialog.getByLabel('Note (optional)').fill('storm warning');
    await screenshot(page, 'timeline-cancel-dialog');
    const before = lastAuditId();
    await confirm.click();
    await dialog.waitFor({ state: 'detached' });

    await step(page, 'cancelled').waitFor();
    expect(await page.locator('ol.timeline li').evaluateAll((lis) => lis.map((li) => `${li.getAttribute('data-step')}:${li.className}`))).toEqual([
      'created:done',
      'scheduled:done',
      'accepted:done',
      'cancelled:done ending',
      'started:skipped',
      'completed:skipped',
      'invoiced:open',
      'paid:open',
    ]);
    expect(await stepText(page, 'cancelled')).toContain(DEMO.staff);
    expect(await stepText(page, 'cancelled')).toContain('Weather: storm warning');
    expect(await stepText(page, 'started')).toContain('not reached');
    expect(statusRows(b.id, before)).toEqual([{ actor_name: DEMO.staff, event: 'cancelled', new_value: 'cancelled', reason: 'Weather: storm warning' }]);
    // Only what the table allows is offered: a cancelled booking cannot be cancelled again, and staff make no corrections.
    await expect(page.getByRole('button', { name: 'Cancel booking' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Correct status…' })).toHaveCount(0);
    await screenshot(page, 'timeline-cancelled', true);
    expect(problems).toEqual([]);
  });

  test('the fieldworker’s "Customer not there" makes No-show a step of its own, after the steps reached', async () => {
    const b = booking("b.status = 'accepted' AND b.fieldworker_id = ?", jake());
    const page = await office.signedIn(DEMO.fieldworker);
    await openTimeline(page, b);
    const before = lastAuditId();
    await page.getByRole('button', { name: 'Customer not there' }).click();
    // It asks first: a no-show fee rests on it.
    const ask = page.getByRole('dialog', { name: 'Record that the customer was not there?' });
    await expect(ask).toContainText(b.service);
    expect(statusRows(b.id, before)).toEqual([]);
    await ask.getByRole('button', { name: 'Record no-show' }).click();
    await step(page, 'no_show').waitFor();
    expect(
      await page
        .locator('ol.timeline li')
        .evaluateAll((lis) => lis.map((li) => `${li.getAttribute('data-step')}:${li.className}`))
        .then((steps) => steps.slice(0, 6)),
    ).toEqual(['created:done', 'scheduled:done', 'accepted:done', 'no_show:done ending', 'started:skipped', 'completed:skipped']);
    expect(await stepText(page, 'no_show')).toContain(DEMO.fieldworker);
    expect(statusRows(b.id, before)).toMatchObject([{ actor_name: DEMO.fieldworker, new_value: 'no_show' }]);
    // A no-show is not started, completed or missed again from here.
    for (const name of ['Start work', 'Mark completed', 'Customer not there']) await expect(page.getByRole('button', { name })).toHaveCount(0);
    await screenshot(page, 'timeline-no-show', true);
  });
});

test.describe('starting long before the scheduled time', () => {
  test('asks "Start it now, 13 days early?" first; Keep it writes nothing, Start it now is marked early on the Timeline', async () => {
    const b = booking("b.status = 'scheduled' AND (b.fieldworker_id IS NULL OR b.fieldworker_id <> ?)", jake());
    // The office gives Jake the job and moves it 13 days ahead of today.
    const manager = 'test:timeline-manager';
    expect(office.core.dispatcher.call('auth.signIn', { name: DEMO.manager, password: DEMO_PASSWORD }, manager).ok).toBe(true);
    expect(office.core.dispatcher.call('bookings.assign', { id: b.id, fieldworkerId: jake() }, manager).ok).toBe(true);
    const start = new Date(Date.now() + 13 * 86_400_000);
    start.setUTCMinutes(0, 0, 0);
    const moved = office.core.dispatcher.call(
      'bookings.reschedule',
      { id: b.id, scheduledStart: start.toISOString(), scheduledEnd: new Date(start.getTime() + 3_600_000).toISOString(), reason: { code: 'customer' } },
      manager,
    );
    expect(moved.ok).toBe(true);

    const page = await office.signedIn(DEMO.fieldworker);
    await openTimeline(page, b);
    await page.getByRole('button', { name: 'Accept job' }).click();
    await expect(step(page, 'accepted')).toHaveClass(/done/);
    const before = lastAuditId();
    await page.getByRole('button', { name: 'Start work' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start this job early?' });
    const when = new Intl.DateTimeFormat('en-US', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: 'numeric',
      minute: '2-digit',
      timeZone: await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
    }).format(start);
    expect(squash(await dialog.textContent())).toContain(`This job is scheduled for ${when}. Start it now, 13 days early?`);
    await screenshot(page, 'timeline-early-start');
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(lastAuditId()).toBe(before);

    await page.getByRole('button', { name: 'Start work' }).click();
    await dialog.getByRole('button', { name: 'Start it now' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(step(page, 'started')).toHaveClass(/done/);
    expect(await step(page, 'started').getAttribute('class')).toContain('early');
    expect(await stepText(page, 'started')).toContain('13 days before its scheduled start');
    await screenshot(page, 'timeline-started-early', true);
    expect(statusRows(b.id, before)).toMatchObject([{ actor_name: DEMO.fieldworker, new_value: 'in_progress' }]);
    // The customer's reschedule is counted as theirs.
    expect(squash(await page.locator('[data-quick="reschedules"]').textContent())).toContain('At the customer’s request.');
  });
});
