// Every main screen passes an automated accessibility scan (axe-core, all its
// rules): no violation a screen-reader or keyboard user would be stopped by
// (impact serious or critical). A failure names each rule, its impact, the elements
// it found and what it asks for, so it can be fixed from the message alone.
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startCoreWorker } from '../../electron/core/host';
import { startWebServer } from '../../electron/web/server';
import { RENDERER_DIR } from '../../electron/bench/browser';
import { tempDir } from '../helpers/core';
import { DEMO, openOffice, type Office } from './office';
import { ZONE } from './zone';

let office: Office;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  office = await openOffice(browser);
});
test.afterAll(async () => {
  await office?.dispose();
});

/** Scans what the page shows now and fails with a readable list of what is serious or critical. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const found = bad.map((v) =>
    [
      `${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`,
      ...v.nodes.slice(0, 6).map((n) => `    ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)}`),
      ...(v.nodes.length > 6 ? [`    … and ${v.nodes.length - 6} more`] : []),
    ].join('\n'),
  );
  expect(bad.length, `${screen}: ${bad.length} serious or critical accessibility violation(s)\n${found.join('\n')}`).toBe(0);
}

/** Ids the screens open: the booking with the longest History, its customer and property, and a piece of equipment. */
function records() {
  const [b] = office.sql<{ id: number; customerId: number; propertyId: number }>(`SELECT b.id, b.customer_id AS customerId, b.property_id AS propertyId
    FROM bookings b WHERE b.deleted_at IS NULL AND b.property_id IS NOT NULL
    ORDER BY (SELECT count(*) FROM audit_log a WHERE a.booking_id = b.id) DESC LIMIT 1`);
  const [e] = office.sql<{ id: number }>('SELECT id FROM equipment ORDER BY id LIMIT 1');
  return { booking: b.id, customer: b.customerId, property: b.propertyId, equipment: e.id };
}

type Ids = ReturnType<typeof records>;
/** Each screen: where it is, and what shows once it has loaded. */
const SCREENS: { name: string; at: (r: Ids) => string; ready: string; dark?: boolean }[] = [
  { name: 'Bookings list', at: () => '#/bookings', ready: 'table.list tbody tr', dark: true },
  { name: 'job card, History', at: (r) => `#/bookings/${r.booking}`, ready: 'table.history tbody tr', dark: true },
  { name: 'job card, Timeline', at: (r) => `#/bookings/${r.booking}?tab=timeline`, ready: '.timeline' },
  { name: 'Customers list', at: () => '#/customers', ready: 'table.list tbody tr' },
  { name: 'customer profile, History', at: (r) => `#/customers/${r.customer}?tab=history`, ready: 'table.history tbody tr' },
  { name: 'customer profile, Activity', at: (r) => `#/customers/${r.customer}?tab=activity`, ready: '[role="tabpanel"] table, [role="tabpanel"] h2' },
  { name: 'Audit log', at: () => '#/audit', ready: 'table.history tbody tr' },
  { name: 'Reports', at: () => '#/reports', ready: 'main h1' },
  { name: 'a report preview (booking proof)', at: (r) => `#/reports?view=booking&id=${r.booking}`, ready: '.report' },
  ...['fields', 'users', 'bin', 'backups', 'office'].map((tab) => ({
    name: `Settings, ${tab}`,
    at: () => `#/settings?tab=${tab}`,
    ready: '[role="tabpanel"] :is(table, form, p)',
  })),
  { name: 'a property page', at: (r) => `#/customers?property=${r.property}`, ready: 'table.history tbody tr' },
  { name: 'an equipment page', at: (r) => `#/equipment/${r.equipment}`, ready: 'table.history tbody tr' },
];

for (const s of SCREENS) {
  for (const theme of s.dark ? (['light', 'dark'] as const) : (['light'] as const)) {
    test(`${s.name}${theme === 'dark' ? ' in the dark theme' : ''} has no serious accessibility violation`, async () => {
      const page = await office.signedIn(DEMO.administrator);
      // The theme follows the system's, as the app does by default.
      await page.emulateMedia({ colorScheme: theme });
      await page.evaluate(`location.hash = ${JSON.stringify(s.at(records()))}`);
      await page.locator(s.ready).first().waitFor();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      if (theme === 'dark') await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      await expectAccessible(page, `${s.name} (${theme})`);
    });
  }
}

test('the sign-in screen has no serious accessibility violation', async () => {
  const page = await office.fresh();
  await page.getByRole('button', { name: /sign in/i }).waitFor();
  await expectAccessible(page, 'sign-in');
});

test('the first-start screen has no serious accessibility violation', async ({ browser }) => {
  // A database file that does not exist yet: the app asks how to start.
  const host = await startCoreWorker(join(tempDir('jobtrail-a11y-first-'), 'jobtrail.db'), { lockHolder: 'the e2e tests', startupTasks: false });
  const web = await startWebServer({ router: host, staticDir: process.env.JOBTRAIL_RENDERER_DIR ?? RENDERER_DIR });
  const context = await browser.newContext({ timezoneId: ZONE, locale: 'en-US' });
  try {
    const page = await context.newPage();
    await page.goto(web.url);
    await page.getByRole('heading', { name: 'Welcome to JobTrail' }).waitFor();
    await expectAccessible(page, 'first start');
  } finally {
    await context.close();
    await web.close();
    await host.close();
  }
});
