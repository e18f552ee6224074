// Customers in the browser, on the seeded demo office: find a customer, edit their
// profile and see the edit in their History beside their bookings' events, open
// every kind of record their Activity lists, and meet the refusals of the roles.
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { counted, countText } from './counts';
import { DEMO, openOffice, screenshot, squash, watchProblems, type Office } from './office';

let office: Office;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  office = await openOffice(browser);
});
test.afterAll(async () => {
  await office?.dispose();
});

interface Picked {
  id: number;
  name: string;
  phone: string;
  quotes: number;
  bookings: number;
  invoices: number;
  inquiries: number;
  open: number;
}

/** A customer with something in every Activity list and a booking still open (so deleting them is refused). */
function pickCustomer(): Picked {
  const [c] = office.sql<Picked>(`
    SELECT * FROM (SELECT c.id, c.name, c.phone,
        (SELECT count(*) FROM quotes WHERE customer_id = c.id) AS quotes,
        (SELECT count(*) FROM bookings WHERE customer_id = c.id AND deleted_at IS NULL) AS bookings,
        (SELECT count(*) FROM invoices WHERE customer_id = c.id) AS invoices,
        (SELECT count(*) FROM inquiries WHERE customer_id = c.id) AS inquiries,
        (SELECT count(*) FROM bookings WHERE customer_id = c.id AND deleted_at IS NULL
           AND status IN ('quote', 'pending', 'scheduled', 'accepted', 'in_progress')) AS open
      FROM customers c WHERE c.deleted_at IS NULL AND c.phone IS NOT NULL)
    WHERE quotes > 0 AND bookings > 0 AND invoices > 0 AND inquiries > 0 AND open > 0
    ORDER BY bookings LIMIT 1`);
  expect(c, 'the demo office has a customer with quotes, bookings, invoices, inquiries and an open booking').toBeDefined();
  return c;
}

const money = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
const text = async (page: Page, selector: string) => squash(await page.locator(selector).first().textContent());
const list = (page: Page, id: string) => page.locator(`section[data-list="${id}"]`);
const dialog = (page: Page) => page.locator('dialog[open]');

async function openProfile(page: Page, c: { name: string; phone: string | null }): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await page.getByRole('heading', { name: /^(All|My) customers$/i }).waitFor();
  await page.getByRole('searchbox', { name: 'Search' }).fill(c.name);
  const rows = page.locator('table.grid.list tbody tr');
  await expect.poll(() => rows.count()).toBe(1);
  if (c.phone) expect(squash(await rows.first().textContent())).toContain(c.phone);
  await rows.first().click();
  await page.getByRole('heading', { level: 1, name: c.name }).waitFor();
}

test.describe('customers', () => {
  test('edits a profile, shows the edit and the bookings’ events in History, and opens every record of Activity', async () => {
    const c = pickCustomer();
    const page = await office.signedIn(DEMO.staff);
    const problems = watchProblems(page);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('heading', { name: 'All Customers' }).waitFor();
    const [{ n: customers }] = office.sql<{ n: number }>('SELECT count(*) AS n FROM customers WHERE deleted_at IS NULL');
    await page.getByText(`1–${customers} of ${customers}`).waitFor();
    await screenshot(page, 'customers');
    await openProfile(page, c);

    // Staff book, quote and record inquiries; only a manager may delete.
    await page.getByRole('button', { name: 'New booking' }).waitFor();
    expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);

    // Details: an untracked field says so where it is edited; Enter saves.
    const untracked = office.sql<{ label: string }>(`SELECT label FROM custom_field_definitions WHERE entity = 'customer' AND track_changes = 0`);
    for (const { label } of untracked) {
      const field = page.locator('.field', { has: page.getByLabel(label, { exact: true }) });
      expect(squash(await field.textContent())).toContain('Changes to this field are not kept in the History.');
    }
    const newPhone = '(614) 555-0123';
    await page.getByLabel('Phone').fill(newPhone);
    await page.getByLabel('Phone').press('Enter');
    await page.getByRole('status').filter({ hasText: 'Saved. 1 field recorded in the History under your name.' }).waitFor();
    expect(
      office.sql(
        `SELECT actor_name AS actor, old_value AS old, new_value AS new FROM audit_log
      WHERE customer_id = ? AND field = 'phone'`,
        c.id,
      ),
    ).toEqual([{ actor: DEMO.staff, old: c.phone, new: newPhone }]);
    await screenshot(page, 'customer-profile');

    // History: the edit on top, with who, before and after; every row of the customer counted.
    await page.getByRole('tab', { name: 'History' }).click();
    const edit = page.locator('table.history tbody tr', { hasText: newPhone });
    await edit.waitFor();
    const editText = squash(await edit.textContent());
    expect(editText).toContain(DEMO.staff);
    expect(editText).toContain('Contact changed');
    expect(editText).toContain(`${c.phone}→ ${newPhone}`);
    await page.getByText(countText(counted(office, 'a.customer_id = ?', c.id)), { exact: true }).waitFor();
    await screenshot(page, 'customer-history');

    // ...and the bookings' own events: a booking's creation, under the booking's name, by whoever made it.
    // (One whose creation wrote a single row, so that its row is the one that names the actor.)
    const [booking] = office.sql<{ id: number; service: string; label: string; actor: string }>(
      `
      SELECT b.id, b.service, a.label, a.actor_name AS actor FROM bookings b
      JOIN audit_log a ON a.booking_id = b.id AND a.entity = 'booking' AND a.event = 'created'
      WHERE b.customer_id = ? AND NOT EXISTS (SELECT 1 FROM audit_log x WHERE x.tx = a.tx AND x.id <> a.id)
      ORDER BY b.id DESC LIMIT 1`,
      c.id,
    );
    await page.getByRole('searchbox', { name: 'Search' }).fill(booking.service);
    const created = page
      .locator('table.history tbody tr')
      .filter({ has: page.locator(`a[href="#/bookings/${booking.id}"]`) })
      .filter({ has: page.locator('td[data-column="event"]', { hasText: /^Created$/ }) });
    await created.waitFor();
    const createdText = squash(await created.textContent());
    expect(createdText).toContain(booking.actor);
    // Named by number, service, day and customer: apart from the customer's other bookings of that service.
    expect(createdText).toContain(`Booking #${booking.id} · ${booking.service} · `);
    expect(createdText).toContain(` · ${booking.label.split(' · ').at(-1)}`);

    // Activity: every list, as long as the database says.
    await page.getByRole('tab', { name: /Activity/ }).click();
    for (const [id, title, n] of [
      ['cust-quotes', 'Quotes', c.quotes],
      ['cust-bookings', 'Bookings', c.bookings],
      ['cust-invoices', 'Invoices', c.invoices],
      ['cust-inquiries', 'Inquiries', c.inquiries],
    ] as const) {
      await list(page, id).waitFor();
      expect(squash(await list(page, id).locator('h2').textContent())).toBe(`${title} ${n}`);
      expect(await list(page, id).locator('tbody tr').count()).toBe(n);
    }
    await screenshot(page, 'customer-activity');

    // A quote's card: what it is, its linked bookings, and a status change staff may make.
    const [quote] = office.sql<{ id: number; number: string; title: string; amount: number; status: string }>(
      `
      SELECT id, number, title, amount_cents AS amount, status FROM quotes WHERE customer_id = ? ORDER BY id DESC LIMIT 1`,
      c.id,
    );
    const linked = office.sql<{ service: string }>('SELECT service FROM bookings WHERE quote_id = ? AND deleted_at IS NULL', quote.id);
    await page.getByRole('button', { name: `Open quote ${quote.number}` }).click();
    await dialog(page)
      .getByRole('heading', { name: `Quote ${quote.number}` })
      .waitFor();
    const quoteCard = squash(await dialog(page).textContent());
    expect(quoteCard).toContain(quote.title);
    expect(quoteCard).toContain(money(quote.amount));
    for (const b of linked) expect(quoteCard).toContain(b.service);
    if (linked.length === 0) expect(quoteCard).toContain('No booking carries out this quote yet');
    const to = quote.status === 'sent' ? 'declined' : 'sent';
    await dialog(page).getByLabel('Change status to').selectOption(to);
    await dialog(page).getByRole('button', { name: 'Change status' }).click();
    await dialog(page)
      .getByRole('status')
      .filter({ hasText: `Marked ${to}.` })
      .waitFor();
    expect(office.sql('SELECT status FROM quotes WHERE id = ?', quote.id)).toEqual([{ status: to }]);
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'detached' });
    expect(squash(await list(page, 'cust-quotes').locator('tbody tr', { hasText: quote.number }).textContent())).toContain(to === 'sent' ? 'Sent' : 'Declined');

    // An invoice's card: its payments, the money steps of the job card, and the way to its job card.
    const [invoice] = office.sql<{ id: number; number: string; amount: number; bookingId: number; service: string; payments: number; status: string }>(
      `
      SELECT i.id, i.number, i.amount_cents AS amount, i.booking_id AS bookingId, b.service, i.status,
        (SELECT count(*) FROM payments p WHERE p.invoice_id = i.id) AS payments
      FROM invoices i JOIN bookings b ON b.id = i.booking_id WHERE i.customer_id = ? ORDER BY i.status = 'sent' DESC, payments DESC, i.id DESC LIMIT 1`,
      c.id,
    );
    await page.getByRole('button', { name: `Open invoice ${invoice.number}` }).click();
    const invoiceCard = dialog(page);
    await invoiceCard.getByRole('heading', { name: `Invoice ${invoice.number}` }).waitFor();
    await invoiceCard.locator('.invoice header', { hasText: money(invoice.amount) }).waitFor();
    const paymentRows = invoiceCard.locator('table tbody tr');
    if (invoice.payments === 0) await paymentRows.filter({ hasText: 'No payments logged.' }).waitFor();
    else await expect.poll(() => paymentRows.count()).toBe(invoice.payments);
    expect(await invoiceCard.getByRole('link', { name: invoice.service }).getAttribute('href')).toBe(`#/bookings/${invoice.bookingId}`);
    if (invoice.status === 'sent') {
      // The form starts at the balance due; $25.00 over it goes in only once confirmed as an overpayment.
      const [{ due }] = office.sql<{ due: number }>(
        `SELECT i.amount_cents - coalesce((SELECT sum(p.amount_cents) FROM payments p
        WHERE p.invoice_id = i.id AND p.status IN ('pending', 'approved')), 0) AS due FROM invoices i WHERE i.id = ?`,
        invoice.id,
      );
      expect(await invoiceCard.getByLabel('Amount').inputValue()).toBe((Math.max(due, 0) / 100).toFixed(2));
      await invoiceCard.getByLabel('Amount').fill('25.00');
      await invoiceCard.getByRole('button', { name: 'Add payment' }).click();
      if (due < 2500) await page.getByRole('button', { name: 'Log overpayment' }).click();
      await paymentRows.filter({ hasText: 'Pending' }).filter({ hasText: '$25.00' }).waitFor();
      expect(office.sql(`SELECT amount_cents AS amount, status FROM payments WHERE invoice_id = ? ORDER BY id DESC LIMIT 1`, invoice.id)).toEqual([
        { amount: 2500, status: 'pending' },
      ]);
    }
    await invoiceCard.getByRole('button', { name: 'Close' }).click();
    await dialog(page).waitFor({ state: 'detached' });

    // An inquiry's card: how it came in and what was asked.
    const [inquiry] = office.sql<{ subject: string; channel: string }>(
      'SELECT subject, channel FROM inquiries WHERE customer_id = ? ORDER BY id DESC LIMIT 1',
      c.id,
    );
    await page.getByRole('button', { name: `Open inquiry ${inquiry.subject}` }).click();
    await dialog(page).getByRole('heading', { name: 'Inquiry' }).waitFor();
    const inquiryCard = squash(await dialog(page).textContent());
    expect(inquiryCard).toContain(inquiry.subject);
    expect(inquiryCard).toContain({ phone: 'Phone', email: 'Email', web: 'Web form' }[inquiry.channel]);
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'detached' });

    // A booking opens its own job card (the list runs newest first, as the bookings grid does).
    const order = office
      .sql<{ id: number }>(
        `SELECT id FROM bookings WHERE customer_id = ? AND deleted_at IS NULL
      ORDER BY scheduled_start DESC, id DESC`,
        c.id,
      )
      .map((b) => b.id);
    await list(page, 'cust-bookings').locator('tbody tr').nth(order.indexOf(booking.id)).getByRole('button').click();
    await page.getByRole('heading', { level: 1, name: `${booking.service} — ${c.name}` }).waitFor();
    expect(await text(page, '.crumbs')).toContain(`#${booking.id}`);

    expect(problems).toEqual([]);
  });

  test('refuses, in words, to delete a customer who still has open bookings', async () => {
    const c = pickCustomer();
    const page = await office.signedIn(DEMO.manager);
    const problems = watchProblems(page, /status of 409\b/);
    await openProfile(page, c);
    await page.getByRole('button', { name: 'Delete' }).click();
    await dialog(page).getByRole('heading', { name: 'Delete this customer?' }).waitFor();
    await dialog(page).getByLabel('Why delete them?').selectOption('duplicate');
    await dialog(page).getByRole('button', { name: 'Delete customer' }).click();
    const refusal = dialog(page).getByRole('alert');
    await refusal.waitFor();
    expect(squash(await refusal.textContent())).toContain(`has ${c.open} open booking${c.open === 1 ? '' : 's'}; cancel or delete`);
    expect(office.sql('SELECT deleted_at AS deletedAt FROM customers WHERE id = ?', c.id)).toEqual([{ deletedAt: null }]);
    await dialog(page).getByRole('button', { name: 'Keep it' }).click();
    await dialog(page).waitFor({ state: 'detached' });
    expect(await page.getByText('This customer was deleted').count()).toBe(0);

    // One with nothing open and nothing owed (recycle-bin.spec.ts has those refusals) goes, and comes back.
    const [idle] = office.sql<{ id: number; name: string; phone: string | null }>(`SELECT id, name, phone FROM customers c WHERE deleted_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.customer_id = c.id AND b.deleted_at IS NULL
        AND b.status IN ('quote', 'pending', 'scheduled', 'accepted', 'in_progress'))
      AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.customer_id = c.id AND i.status = 'sent')
      AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.customer_id = c.id AND p.status = 'pending') ORDER BY id LIMIT 1`);
    await openProfile(page, idle);
    await page.getByRole('button', { name: 'Delete' }).click();
    await dialog(page).getByLabel('Why delete them?').selectOption('duplicate');
    await dialog(page).getByRole('button', { name: 'Delete customer' }).click();
    await page.getByText('This customer was deleted').waitFor();
    expect(await page.getByRole('button', { name: 'New booking' }).count()).toBe(0);
    // Gone from the list, kept among the deleted ones, from where a manager restores it.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill(idle.name);
    await page.getByText(`No customer matches “${idle.name}”.`).waitFor();
    await page.getByLabel('Deleted only').check();
    await page.getByRole('heading', { name: 'Deleted customers' }).waitFor();
    await page.locator('table.grid.list tbody tr', { hasText: idle.name }).click();
    await page.getByRole('button', { name: 'Restore customer' }).click();
    await page.getByRole('button', { name: 'New booking' }).waitFor();
    expect(await page.getByText('This customer was deleted').count()).toBe(0);
    expect(
      office.sql(
        `SELECT event FROM audit_log WHERE entity = 'customer' AND entity_id = ? AND event IN ('deleted', 'restored')
      ORDER BY id`,
        idle.id,
      ),
    ).toEqual([{ event: 'deleted' }, { event: 'restored' }]);
    expect(problems).toEqual([]);
  });

  test('shows a fieldworker the profile to read, with nothing to change', async () => {
    // One of their own customers: a fieldworker is shown no other (fieldworker.spec.ts).
    const [c] = office.sql<{ name: string; phone: string }>(
      `SELECT c.name, c.phone FROM customers c WHERE c.deleted_at IS NULL
      AND c.phone IS NOT NULL AND EXISTS (SELECT 1 FROM bookings b JOIN users u ON u.id = b.fieldworker_id
        WHERE b.customer_id = c.id AND b.deleted_at IS NULL AND u.name = ?) ORDER BY c.id LIMIT 1`,
      DEMO.fieldworker,
    );
    const page = await office.signedIn(DEMO.fieldworker);
    const problems = watchProblems(page);
    await openProfile(page, c);
    expect(squash(await page.locator('.profile-list').textContent())).toContain(c.phone);
    expect(await page.getByRole('tab').count()).toBe(0);
    for (const name of ['Save changes', 'New booking', 'Record inquiry', 'New quote', 'Delete']) {
      expect(await page.getByRole('button', { name }).count(), name).toBe(0);
    }
    expect(problems).toEqual([]);
  });

  test('creates a customer, then records an inquiry and a quote for them', async () => {
    const page = await office.signedIn(DEMO.staff);
    const problems = watchProblems(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('button', { name: 'New customer' }).click();
    // A refusal shows under the field it is about, before anything is written.
    await dialog(page).getByRole('button', { name: 'Create customer' }).click();
    await dialog(page).getByText('Enter the customer’s name.').waitFor();
    await dialog(page).getByLabel('Name').fill('Harbor View Dental');
    await dialog(page).getByLabel('Email').fill('not an email');
    await dialog(page).getByLabel('Phone').fill('(614) 555-0142');
    await dialog(page).getByLabel('Phone').press('Enter');
    await dialog(page)
      .locator('.field', { has: page.getByLabel('Email') })
      .locator('.field-error')
      .waitFor();
    await dialog(page).getByLabel('Email').fill('office@harborview.example');
    await dialog(page).getByRole('button', { name: 'Create customer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Harbor View Dental' }).waitFor();
    const [{ id }] = office.sql<{ id: number }>(`SELECT id FROM customers WHERE name = 'Harbor View Dental'`);

    await page.getByRole('button', { name: 'Record inquiry' }).click();
    await dialog(page).getByLabel('Came by').selectOption('email');
    await dialog(page).getByLabel('Subject').fill('Chair-side compressor is noisy');
    await dialog(page).getByLabel('Subject').press('Enter');
    await list(page, 'cust-inquiries').locator('tbody tr', { hasText: 'Chair-side compressor is noisy' }).waitFor();
    expect(squash(await list(page, 'cust-inquiries').locator('h2').textContent())).toBe('Inquiries 1');

    await page.getByRole('button', { name: 'New quote' }).click();
    await dialog(page).getByLabel('What it is for').fill('Replace compressor');
    await dialog(page).getByLabel('Amount').fill('1,250.50');
    await dialog(page).getByLabel('Amount').press('Enter');
    await list(page, 'cust-quotes').locator('tbody tr', { hasText: 'Replace compressor' }).filter({ hasText: '$1,250.50' }).waitFor();
    expect(squash(await list(page, 'cust-bookings').textContent())).toContain('No bookings for this customer yet.');
    await page.getByRole('tab', { name: 'Details' }).click();
    expect(office.sql('SELECT title, amount_cents AS amount, status FROM quotes WHERE customer_id = ?', id)).toEqual([
      { title: 'Replace compressor', amount: 125050, status: 'draft' },
    ]);
    expect(problems).toEqual([]);
  });
});
