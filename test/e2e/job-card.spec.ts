// The office's day in the browser: find a booking in All Bookings, open its job
// card, move it, and read the move in Activity › History; the Timeline's quick
// actions each change what they say and leave their History row; the History
// search finds old values and its filters narrow; and the main process, not the
// screen, refuses what a role may not do.
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { readCsvExport } from '../helpers/exportRead';
import { counted, countText } from './counts';
import { DEMO, openOffice, screenshot, shown, squash, headAtExport, watchProblems, type Office } from './office';

let office: Office;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  office = await openOffice(browser);
});
test.afterAll(async () => {
  await office?.dispose();
});

type BookingRow = { id: number; service: string; customer: string; start: string; end: string };
const booking = (where: string, ...params: unknown[]) =>
  office.sql<BookingRow>(
    `
  SELECT b.id, b.service, c.name AS customer, b.scheduled_start AS start, b.scheduled_end AS "end"
  FROM bookings b JOIN customers c ON c.id = b.customer_id WHERE b.deleted_at IS NULL AND ${where} ORDER BY b.id LIMIT 1`,
    ...params,
  )[0];
const auditRows = (bookingId: number, afterId: number) =>
  office.sql<{ actor_name: string; event: string; field: string | null; old_value: string | null; new_value: string | null; origin: string }>(
    'SELECT actor_name, event, field, old_value, new_value, origin FROM audit_log WHERE booking_id = ? AND id > ? ORDER BY id',
    bookingId,
    afterId,
  );
const lastAuditId = () => office.sql<{ n: number }>('SELECT coalesce(max(id), 0) AS n FROM audit_log')[0].n;

const historyRows = (page: Page) => page.locator('#act-panel-history table.history tbody tr');
const cell = (row: ReturnType<Page['locator']>, column: string) => row.locator(`td[data-column="${column}"]`);

async function openJobCard(page: Page, b: BookingRow): Promise<void> {
  await page.evaluate(`location.hash = '#/bookings/${b.id}'`);
  await page.getByRole('heading', { name: `${b.service} — ${b.customer}` }).waitFor();
}

test.describe('Bookings › All Bookings → job card → Activity › History', () => {
  test('finds the booking, moves it in the Details form, and shows the move with who, before and after', async () => {
    const b = booking("b.status = 'scheduled'");
    const page = await office.signedIn(DEMO.staff);
    const problems = watchProblems(page);

    await page.getByRole('heading', { name: 'All Bookings' }).waitFor();
    await page.getByLabel('Search').fill(b.customer);
    const row = page.getByRole('row', { name: `${b.service} for ${b.customer}` });
    await row.waitFor();
    expect(squash(await row.textContent())).toContain(squash(shown(b.start)));
    // Every row on screen matches what was typed: the search narrowed the list.
    await expect.poll(async () => (await page.locator('table.list tbody tr').allTextContents()).every((t) => t.includes(b.customer))).toBe(true);
    await screenshot(page, 'bookings');
    await row.click();

    await page.getByRole('heading', { name: `${b.service} — ${b.customer}` }).waitFor();
    expect(await page.getByRole('tab', { name: 'History' }).getAttribute('aria-selected')).toBe('true');
    await historyRows(page).first().waitFor();
    const rowsBefore = await historyRows(page).count();

    const before = lastAuditId();
    await page.getByLabel('Starts').fill('2026-02-03T14:30');
    await page.getByLabel('Ends').fill('2026-02-03T16:00');
    // A new time says who asked for it: the reason goes with both rows, beside the event.
    await page.getByLabel('Who asked for the new time?').selectOption('customer');
    await page.getByLabel('Note (optional)').fill('running late');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: '2 fields recorded in the History under your name' }).waitFor();

    // Newest first: the move's two rows lead the History, read as one event by Leah.
    await expect.poll(() => historyRows(page).count()).toBe(rowsBefore + 2);
    const [lead, next] = [historyRows(page).nth(0), historyRows(page).nth(1)];
    expect(squash(await cell(lead, 'actor').textContent())).toBe(DEMO.staff);
    expect(squash(await cell(lead, 'event').textContent())).toBe('Rescheduled');
    expect(squash(await cell(lead, 'reason').textContent())).toBe('Asked by the customer: running late');
    expect(await cell(lead, 'at').locator('span').getAttribute('title')).toMatch(/ UTC$/);
    expect(await cell(next, 'actor').textContent()).toBe(''); // same action: who and when not repeated
    const start = historyRows(page)
      .filter({ has: page.locator('td[data-column="field"]', { hasText: /^Start$/ }) })
      .first();
    expect(squash(await cell(start, 'before').textContent())).toBe(squash(shown(b.start)));
    expect(squash(await cell(start, 'after').textContent())).toBe(`→ ${squash(shown('2026-02-03T20:30:00Z'))}`);
    // The page's header moved too.
    expect(squash(await page.locator('.subhead').textContent())).toContain(squash(shown('2026-02-03T20:30:00Z')));

    expect(auditRows(b.id, before).sort((x, y) => x.field!.localeCompare(y.field!))).toEqual([
      {
        actor_name: DEMO.staff,
        event: 'rescheduled',
        field: 'scheduled_end',
        old_value: new Date(b.end).toISOString(),
        new_value: '2026-02-03T22:00:00.000Z',
        origin: 'app',
      },
      {
        actor_name: DEMO.staff,
        event: 'rescheduled',
        field: 'scheduled_start',
        old_value: new Date(b.start).toISOString(),
        new_value: '2026-02-03T20:30:00.000Z',
        origin: 'app',
      },
    ]);
    await screenshot(page, 'job-card', true);
    expect(problems).toEqual([]);
  });
});

test.describe('the Timeline’s quick actions', () => {
  test('"Send invoice" on an unsent invoice ticks Invoiced and leaves its History row', async () => {
    const b = booking("EXISTS (SELECT 1 FROM invoices i WHERE i.booking_id = b.id AND i.status = 'draft')");
    const page = await office.signedIn(DEMO.staff);
    await openJobCard(page, b);
    await page.getByRole('tab', { name: 'Timeline' }).click();
    const invoiced = page.locator('ol.timeline li', { hasText: 'Invoiced' });
    expect(await invoiced.getAttribute('class')).toBe('open');
    const before = lastAuditId();
    await page.locator('[data-quick="send-invoice"]').getByRole('button', { name: 'Send invoice' }).click();
    await expect.poll(() => invoiced.getAttribute('class')).toBe('done');
    expect(squash(await invoiced.textContent())).toContain(DEMO.staff);
    expect(await page.locator('[data-quick="send-invoice"]').count()).toBe(0);
    await screenshot(page, 'timeline', true);

    const sent = historyRows(page).first();
    await expect.poll(async () => squash(await cell(sent, 'event').textContent())).toBe('Invoice sent');
    expect(squash(await cell(sent, 'before').textContent())).toBe('Draft');
    expect(squash(await cell(sent, 'after').textContent())).toBe('→ Sent');
    expect(auditRows(b.id, before)).toMatchObject([{ actor_name: DEMO.staff, event: 'invoice sent', old_value: 'draft', new_value: 'sent' }]);
  });

  test('"Add payment" on a sent invoice logs it, and "Approve" (a manager) marks the booking paid', async () => {
    const b = booking(`EXISTS (SELECT 1 FROM invoices i WHERE i.booking_id = b.id AND i.status = 'sent'
      AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.invoice_id = i.id))`);
    const amount = office.sql<{ amount_cents: number }>('SELECT amount_cents FROM invoices WHERE booking_id = ?', b.id)[0].amount_cents;
    const staff = await office.signedIn(DEMO.staff);
    await openJobCard(staff, b);
    await staff.getByRole('tab', { name: 'Timeline' }).click();
    const quick = staff.locator('[data-quick="add-payment"]');
    // The amount starts at what is owed.
    expect(await quick.getByLabel('Amount').inputValue()).toBe((amount / 100).toFixed(2));
    await quick.getByLabel('Method').selectOption('check');
    let before = lastAuditId();
    await quick.getByRole('button', { name: 'Add payment' }).click();
    await quick.filter({ hasText: '1 payment waiting for approval' }).waitFor();
    // Staff may log a payment but not approve it: no Approve button for them.
    expect(await staff.locator('[data-quick="approve"]').count()).toBe(0);
    // The payment's created row carries every field it was logged with.
    const logged = auditRows(b.id, before);
    expect(logged).toMatchObject([{ actor_name: DEMO.staff, event: 'payment logged (check)', field: '*' }]);
    expect(JSON.parse(logged[0].new_value!)).toMatchObject({ amount: String(amount), method: 'check', status: 'pending' });
    const received = historyRows(staff).first();
    // Logged, not received: it waits for a manager's approval.
    await expect.poll(async () => squash(await cell(received, 'event').textContent())).toBe('Payment logged (check)');

    const manager = await office.signedIn(DEMO.manager);
    await openJobCard(manager, b);
    await manager.getByRole('tab', { name: 'Timeline' }).click();
    const paid = manager.locator('ol.timeline li', { hasText: 'Paid' });
    expect(await paid.getAttribute('class')).toBe('open');
    before = lastAuditId();
    await manager.locator('[data-quick="approve"]').getByRole('button', { name: 'Approve' }).click();
    // It asks first, naming the amount and method; Approve in the question does it.
    const ask = manager.locator('dialog[open]');
    const dollars = (amount / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
    await ask.getByRole('heading', { name: new RegExp(`^Approve \\$${dollars.replace('.', '\\.')} check payment on INV-\\d+\\?$`) }).waitFor();
    await ask.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => paid.getAttribute('class')).toBe('done');
    expect(squash(await paid.textContent())).toContain(DEMO.manager);
    expect(auditRows(b.id, before).map((r) => [r.actor_name, r.event])).toEqual([
      [DEMO.manager, 'payment approved'],
      [DEMO.manager, 'invoice paid'],
    ]);
    // One approval, two rows, one event in the History: approved, and the invoice paid with it.
    const approval = historyRows(manager);
    await expect.poll(async () => squash(await cell(approval.nth(1), 'event').textContent())).toBe('Payment approved');
    expect(squash(await cell(approval.nth(0), 'event').textContent())).toBe('Invoice paid');
    expect(await approval.nth(1).getAttribute('class')).toContain('continued');
  });

  test('a booking moved again and again shows the count and links to the History narrowed to its reschedules', async () => {
    const [{ id, moves }] = office.sql<{ id: number; moves: number }>(`SELECT booking_id AS id, count(DISTINCT tx) AS moves FROM audit_log
      WHERE event = 'rescheduled' GROUP BY booking_id ORDER BY moves DESC, booking_id LIMIT 1`);
    expect(moves).toBeGreaterThanOrEqual(3);
    const b = booking('b.id = ?', id);
    const page = await office.signedIn(DEMO.staff);
    await openJobCard(page, b);
    await page.getByRole('tab', { name: 'Timeline' }).click();
    const quick = page.locator('[data-quick="reschedules"]');
    expect(squash(await quick.textContent())).toContain(`Moved ${moves} times.`);
    await quick.getByRole('button', { name: 'Show the reschedules in the History' }).click();

    await page.locator('.chip', { hasText: 'Event: Rescheduled' }).waitFor();
    const moved = counted(office, "a.booking_id = ? AND a.event = 'rescheduled'", id);
    expect(moved.events).toBe(moves); // each move wrote its start and its end: counted once
    await page
      .getByRole('status')
      .filter({ hasText: countText(moved, true) })
      .waitFor();
    await expect.poll(() => historyRows(page).count()).toBe(moved.rows);
    for (const text of await page.locator('#act-panel-history td[data-column="event"]').allTextContents()) {
      expect(['', 'Rescheduled']).toContain(text);
    }
  });
});

test.describe('searching and filtering a History', () => {
  test('finds a row by an old value, and each filter narrows the rows', async () => {
    const b = booking("b.status = 'completed'");
    const { address } = office.sql<{ address: string }>('SELECT address FROM bookings WHERE id = ?', b.id)[0];
    const street = address.split(',')[0];
    const page = await office.signedIn(DEMO.staff);
    await openJobCard(page, b);
    await page.getByLabel('Address').fill('77 Harbour Road, Columbus, OH 43215');
    await page.getByLabel('Price').fill('321.50');
    // Its invoice went out at the old price: the change says why.
    await page.getByLabel('Why does the price change?').selectOption('customer_agreed');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: '2 fields recorded' }).waitFor();
    const total = counted(office, 'a.booking_id = ?', b.id);
    const count = page.locator('.grid-toolbar [role="status"]');
    await expect.poll(async () => squash(await count.textContent())).toBe(countText(total));

    const history = page.locator('#act-panel-history');
    await history.getByLabel('Search', { exact: true }).fill(street);
    // The move away from the old address, and the booking's creation, which carries the address it was booked with.
    await expect.poll(async () => squash(await count.textContent())).toBe('2 changes match');
    expect(squash(await cell(historyRows(page).first(), 'before').textContent())).toBe(address);
    expect(squash(await cell(historyRows(page).first(), 'field').textContent())).toBe('Address');
    expect(squash(await cell(historyRows(page).last(), 'event').textContent())).toBe('Created');
    // An old price, typed as people type money.
    const [{ old }] = office.sql<{ old: string }>(
      "SELECT old_value AS old FROM audit_log WHERE booking_id = ? AND field = 'price' ORDER BY id DESC LIMIT 1",
      b.id,
    );
    await history.getByLabel('Search', { exact: true }).fill((Number(old) / 100).toFixed(2));
    await expect.poll(async () => squash(await cell(historyRows(page).first(), 'field').textContent())).toBe('Price');
    await history.getByLabel('Search', { exact: true }).fill('');

    const narrowed = async (label: string, value: string, where: string, ...params: unknown[]) => {
      await history.getByLabel(label, { exact: true }).selectOption(value);
      const n = counted(office, `a.booking_id = ? AND ${where}`, b.id, ...params);
      expect(n.rows).toBeGreaterThan(0);
      expect(n.rows).toBeLessThan(total.rows);
      await expect.poll(async () => squash(await count.textContent())).toBe(countText(n, true));
      await history.getByLabel(label, { exact: true }).selectOption('');
    };
    await narrowed('Kind', 'financial', "category = 'financial'");
    await narrowed('Kind', 'data_edit', "category = 'data_edit'");
    const staffId = office.sql<{ id: number }>('SELECT id FROM users WHERE name = ?', DEMO.staff)[0].id;
    await narrowed('Who', String(staffId), 'actor_id = ?', staffId);

    // A date range that ends before today's edits leaves them out.
    const [{ first }] = office.sql<{ first: string }>('SELECT min(at) AS first FROM audit_log WHERE booking_id = ?', b.id);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago' }).format(new Date(first));
    await history.getByLabel('To', { exact: true }).fill(day);
    const inRange = counted(office, 'a.booking_id = ? AND a.at < ?', b.id, new Date(new Date(`${day}T00:00:00-06:00`).getTime() + 86_400_000).toISOString());
    expect(inRange.rows).toBeLessThan(total.rows);
    await expect.poll(async () => squash(await count.textContent())).toBe(countText(inRange, true));
    await history.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(async () => squash(await count.textContent())).toBe(countText(total));
  });
});

test.describe('rights are the main process’s', () => {
  test('a fieldworker sees their job read-only, with their own steps and no office actions', async () => {
    const b = booking("b.status = 'scheduled' AND b.fieldworker_id IS NOT NULL");
    const [{ name }] = office.sql<{ name: string }>('SELECT u.name FROM bookings b JOIN users u ON u.id = b.fieldworker_id WHERE b.id = ?', b.id);
    const page = await office.signedIn(name);
    // Their list is their own jobs (fieldworker.spec.ts looks at it closely).
    const mine = office.sql<{ n: number }>(
      'SELECT count(*) AS n FROM bookings b JOIN users u ON u.id = b.fieldworker_id WHERE u.name = ? AND b.deleted_at IS NULL',
      name,
    )[0].n;
    await page.getByRole('heading', { name: 'My bookings' }).waitFor();
    await expect.poll(async () => squash(await page.locator('.pager [role="status"]').textContent())).toMatch(new RegExp(` of ${mine}$`));
    await openJobCard(page, b);
    expect(await page.getByRole('button', { name: 'Accept job' }).count()).toBe(1);
    for (const name of ['Delete', 'Cancel booking', 'Save changes']) expect(await page.getByRole('button', { name }).count()).toBe(0);
    expect(await page.getByLabel('Starts').count()).toBe(0); // details are read, not edited
  });

  test('someone demoted to fieldworker while signed in is refused "delete" with a readable message, and nothing changes', async () => {
    const admin = (name: string, input: object) => {
      const r = office.core.dispatcher.call(name, input, 'test:admin');
      if (!r.ok) throw new Error(r.error.message);
      return r.value as { id: number };
    };
    const signedIn = office.core.dispatcher.call('auth.signIn', { name: DEMO.administrator, password: 'jobtrail-demo' }, 'test:admin');
    expect(signedIn.ok).toBe(true);
    const rita = admin('users.create', { name: 'Rita Demoted', role: 'manager', password: 'rita-password' });
    const b = booking("b.status = 'scheduled'");
    const page = await office.fresh();
    const problems = watchProblems(page, /status of 403\b/);
    await page.getByLabel('User').selectOption({ label: 'Rita Demoted' });
    await page.getByLabel('Password').fill('rita-password');
    await page.getByLabel('Password').press('Enter');
    await openJobCard(page, b);
    await page.getByRole('button', { name: 'Delete' }).click();
    // While the question is on screen, an administrator changes Rita's role.
    admin('users.changeRole', { id: rita.id, role: 'fieldworker' });
    const before = lastAuditId();
    await page.getByRole('dialog').getByLabel('Why delete it?').selectOption('duplicate');
    await page.getByRole('dialog').getByRole('button', { name: 'Delete booking' }).click();
    const refusal = page.getByRole('dialog').getByRole('alert');
    await refusal.waitFor();
    expect(squash(await refusal.textContent())).toBe('Only a manager or above may delete bookings; you are signed in as fieldworker.');
    await screenshot(page, 'refused');
    expect(office.sql('SELECT deleted_at FROM bookings WHERE id = ?', b.id)).toEqual([{ deleted_at: null }]);
    expect(lastAuditId()).toBe(before);
    // The screen follows the new role: the badge says so and Delete is gone once the question is closed.
    await page.getByRole('dialog').getByRole('button', { name: 'Keep it' }).click();
    await expect.poll(async () => page.locator('.topbar .role').textContent()).toBe('Fieldworker');
    expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});

test.describe('the History grid’s own tools', () => {
  test('sorts by a column, widens a column, and exports the filtered rows as CSV with the chain head', async () => {
    const [{ id }] = office.sql<{ id: number }>(`SELECT booking_id AS id FROM audit_log WHERE booking_id IS NOT NULL
      GROUP BY booking_id HAVING count(DISTINCT actor_name) >= 3 ORDER BY count(*) DESC LIMIT 1`);
    const b = booking('b.id = ?', id);
    const page = await office.signedIn(DEMO.manager);
    await openJobCard(page, b);
    const history = page.locator('#act-panel-history');
    // Every row loaded (the grid draws only those in view, however many there are).
    await expect
      .poll(async () => squash(await history.locator('.grid-toolbar [role="status"]').textContent()))
      .toBe(countText(counted(office, 'a.booking_id = ?', id)));

    // Sorting by Who: every row names its actor (no longer grouped by action) in alphabetical order.
    await history.getByRole('button', { name: 'Who', exact: true }).click();
    await expect.poll(async () => history.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('ascending');
    const actors = (await history.locator('td[data-column="actor"]').allTextContents()).map((t) => squash(t));
    expect(actors.every((a) => a.length > 0)).toBe(true);
    expect(actors).toEqual([...actors].sort((x, y) => x.localeCompare(y, 'en')));
    await history.getByRole('button', { name: 'When', exact: true }).click();

    // Dragging the Event column's edge makes it wider, and its cells follow.
    const header = history.locator('th', { has: page.getByRole('button', { name: 'Event', exact: true }) });
    const wide = (await header.boundingBox())!.width;
    const handle = (await history.getByRole('separator', { name: 'Resize Event' }).boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + 90, handle.y + handle.height / 2, { steps: 5 });
    await page.mouse.up();
    expect((await header.boundingBox())!.width).toBeGreaterThan(wide + 60);
    expect((await history.locator('td[data-column="event"]').first().boundingBox())!.width).toBeGreaterThan(wide + 60);

    // Export what the filter shows: the financial rows only.
    await history.getByLabel('Kind', { exact: true }).selectOption('financial');
    const financial = office.sql<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE booking_id = ? AND category = 'financial'", id)[0].n;
    await expect.poll(() => historyRows(page).count()).toBe(financial);
    const [download] = await Promise.all([page.waitForEvent('download'), history.getByRole('button', { name: 'Export CSV' }).click()]);
    // The file says what it holds: the booking and the filter.
    expect(download.suggestedFilename()).toMatch(new RegExp(`^jobtrail-history-booking-${id}-financial-\\d{4}-\\d{2}-\\d{2}-\\d{6}\\.csv$`));
    const file = readCsvExport((await download.path())!);
    // Parsed back, it reads as the grid does, row for row (the grid newest first, the file oldest first).
    const onScreen = await historyRows(page).evaluateAll((trs) =>
      trs.map((tr) =>
        Object.fromEntries(
          ['event', 'field', 'before', 'after'].map((c) => [
            c,
            (tr.querySelector(`td[data-column="${c}"]`)?.textContent ?? '').replace(/^→\s*/, '').replace(/\s+/g, ' ').trim(),
          ]),
        ),
      ),
    );
    // (The later rows of one action leave its event to the first: filled in as a person reads it.)
    for (const [i, r] of onScreen.entries()) if (!r.event) r.event = onScreen[i - 1].event;
    const inFile = file.rows
      .map((r) => ({ event: r.Event, field: r.Field, before: r.Before, after: r.After }))
      .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.replace(/\s+/g, ' ').trim()])));
    expect(inFile).toEqual(onScreen.reverse());
    expect(file.rows.every((r) => r.category === 'financial')).toBe(true);
    // Its last line names the chain head the rows belong to.
    expect(file.summary).toMatchObject({ rows: financial, head: headAtExport(office.core.db) });
    const notice = history.locator('.notice');
    await expect.poll(async () => squash(await notice.textContent())).toMatch(new RegExp(`^Exported ${financial} rows; chain head [0-9a-f]{16}\\.$`));
  });
});

test.describe('the job card’s tabs', () => {
  test('are one Tab stop: the arrow keys, Home and End move along them, each selected as it takes the focus', async () => {
    const b = booking("b.status = 'scheduled'");
    const page = await office.signedIn(DEMO.staff);
    await openJobCard(page, b);
    const tabs = page.getByRole('tablist', { name: 'Job card' });
    const selected = async () => ({
      selected: squash(await tabs.locator('[role="tab"][aria-selected="true"]').textContent()),
      focused: await page.evaluate<string | undefined>('document.activeElement?.textContent'),
    });

    await tabs.getByRole('tab', { name: 'Details' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(selected).toEqual({ selected: 'Timeline', focused: 'Timeline' });
    await page.keyboard.press('ArrowRight'); // past the last, back to the first
    await expect.poll(selected).toEqual({ selected: 'Details', focused: 'Details' });
    await page.keyboard.press('End');
    await expect.poll(selected).toEqual({ selected: 'Timeline', focused: 'Timeline' });
    await page.keyboard.press('Home');
    await expect.poll(selected).toEqual({ selected: 'Details', focused: 'Details' });
    await expect(tabs.getByRole('tab', { name: 'Timeline' })).toHaveAttribute('tabindex', '-1');
  });
});
