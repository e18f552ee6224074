// The everyday flows of flows.ts in Chromium over the web mode, with the audit row
// each leaves checked in the database. office-flows.electron.spec.ts drives the
// same flows in the desktop app.
import { test, expect } from '@playwright/test';
import { changeAnAddress, signInToBookings } from './flows';
import { DEMO, openOffice, type Office } from './office';

let office: Office;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  office = await openOffice(browser);
});
test.afterAll(async () => {
  await office?.dispose();
});

test("signs in, changes a booking's address and reads the change in its History, audited under the person", async () => {
  const page = await office.fresh();
  await signInToBookings(page, DEMO.staff);
  const { bookingId } = await changeAnAddress(page, DEMO.staff, '14 Orchard Row');
  expect(
    office.sql(
      `SELECT actor_name, new_value, origin FROM audit_log
    WHERE booking_id = ? AND field = 'address' ORDER BY id DESC LIMIT 1`,
      bookingId,
    ),
  ).toEqual([{ actor_name: DEMO.staff, new_value: '14 Orchard Row', origin: 'app' }]);
});
