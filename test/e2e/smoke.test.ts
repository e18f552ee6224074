// End to end: the built renderer in Chromium, over web mode, on a real database.
// Someone signs in, opens a booking, moves it, and sees the move in its History.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCore, TEST_PASSWORD, USER_NAMES, type TestCore } from '../helpers/core';
import { startWebServer, type WebServer } from '../../electron/web/server';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const staticDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));
const outputDir = fileURLToPath(new URL('../output', import.meta.url));
const ZONE = 'Europe/Berlin';

let core: TestCore;
let web: WebServer;
let browser: Browser;
let page: Page;
let bookingId: number;

/** What the page shows for an instant, in the zone the browser runs in; spaces normalized (ICU uses narrow ones). */
const shown = (iso: string) => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: ZONE })
  .format(new Date(iso));
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

function ensureRendererBuilt(): void {
  if (existsSync(`${staticDir}/index.html`)) return;
  // The package's exports hide its bin; find it beside its package.json.
  const bin = join(dirname(createRequire(import.meta.url).resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  execFileSync(process.execPath, [bin, 'build'], { cwd: repo, stdio: 'inherit' });
}

beforeAll(async () => {
  ensureRendererBuilt();
  core = makeCore();
  const staff = core.as('staff');
  const customer = staff('customers.create', { name: 'Harbor View Dental', address: '12 Quay Street, Portsmouth', phone: '555-0142' });
  bookingId = staff('bookings.create', {
    customerId: customer.id, service: 'Boiler service', scheduledStart: '2026-03-02T09:00:00Z',
    scheduledEnd: '2026-03-02T10:00:00Z', priceCents: 18_500, fieldworkerId: core.users.fieldworker.id,
  }).id;
  web = await startWebServer({ core, staticDir });
  const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
  browser = await chromium.launch({
    executablePath, headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ timezoneId: ZONE, locale: 'en-US', viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  core?.dispose();
});

describe('web mode in Chromium', () => {
  it('signs in, opens a booking, reschedules it and shows the change in its History', async () => {
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    // Chromium logs every non-2xx answer; the refusals this test provokes (401, 400) are expected.
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 40[01]\b/.test(m.text())) problems.push(m.text());
    });

    await page.goto(web.url);
    await page.getByLabel('User name').fill(USER_NAMES.staff);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByLabel('Password').press('Enter');
    await expect.poll(() => page.getByRole('alert').isVisible()).toBe(true);

    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByLabel('Password').press('Enter');
    await page.locator('.topbar .user-name', { hasText: USER_NAMES.staff }).waitFor();
    expect(await page.locator('.topbar .role').textContent()).toBe('Staff');
    // The token was taken out of the address bar once read.
    expect(page.url()).not.toContain('token=');

    const row = page.locator('table.grid tbody tr', { hasText: 'Boiler service' });
    expect(squash(await row.textContent())).toContain('Harbor View Dental');
    expect(squash(await row.textContent())).toContain(squash(shown('2026-03-02T09:00:00Z')));
    expect(squash(await row.textContent())).toContain('$185.00');
    mkdirSync(outputDir, { recursive: true });
    await page.screenshot({ path: `${outputDir}/bookings.png` });
    await row.getByRole('button', { name: 'Boiler service' }).click();

    await page.getByRole('heading', { name: 'Boiler service — Harbor View Dental' }).waitFor();
    await page.locator('ol.timeline li.done', { hasText: 'Created' }).waitFor();

    // A refused change shows the contract's reason next to the form, and changes nothing.
    await page.getByLabel('New start').fill('2026-03-04T14:30');
    await page.getByLabel('New end').fill('2026-03-04T13:30');
    await page.getByRole('button', { name: 'Reschedule' }).click();
    await page.locator('form.reschedule [role=alert]', { hasText: 'end of the appointment is before its start' }).waitFor();

    await page.getByLabel('New end').fill('2026-03-04T15:30');
    await page.getByRole('button', { name: 'Reschedule' }).click();
    await page.locator('form.reschedule [role=status]').waitFor();

    const moved = page.locator('table.history tbody tr', { hasText: 'Scheduled start' });
    await moved.waitFor();
    const text = squash(await moved.textContent());
    expect(text).toContain('Rescheduled');
    expect(text).toContain(`${squash(shown('2026-03-02T09:00:00Z'))} → ${squash(shown('2026-03-04T13:30:00Z'))}`);
    // The actor is on the first row of the action (rows of one action do not repeat it).
    const firstOfAction = page.locator('table.history tbody tr:not(.continued)', { hasText: 'Rescheduled' }).first();
    expect(squash(await firstOfAction.textContent())).toContain(USER_NAMES.staff);
    expect(await moved.locator('td').first().getAttribute('title')).toMatch(/UTC$/);

    const audit = core.db.sqlite.prepare(`SELECT actor_name AS actor, old_value AS old, new_value AS new FROM audit_log
      WHERE booking_id = ? AND field = 'scheduled_start'`).all(bookingId);
    expect(audit).toEqual([{ actor: USER_NAMES.staff, old: '2026-03-02T09:00:00.000Z', new: '2026-03-04T13:30:00.000Z' }]);

    await page.screenshot({ path: `${outputDir}/booking.png`, fullPage: true });
    expect(problems).toEqual([]);
  });
});
