// Money on the job card, as the office uses it: "Add payment" starts at the balance
// due and asks before an overpayment; Approve and Reject ask first, naming the
// amount, method and invoice; Create invoice on a no-show makes the person choose
// what to bill. Screenshots of the Money tab and the dialogs go to test/output.
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

type Job = { id: number; service: string; customer: string };
const job = (where: string) =>
  office.sql<Job>(`SELECT b.id, b.service, c.name AS customer FROM bookings b
  JOIN customers c ON c.id = b.customer_id WHERE b.deleted_at IS NULL AND ${where} ORDER BY b.id LIMIT 1`)[0];
const money = (cents: number) => `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
const lastAuditId = () => office.sql<{ n: number }>('SELECT coalesce(max(id), 0) AS n FROM audit_log')[0].n;
const eventsAfter = (id: number) =>
  office.sql<{ event: string; reason: string | null; actor: string }>('SELECT event, reason, actor_name AS actor FROM audit_log WHERE id > ? ORDER BY id', id);
const dialog = (page: Page) => page.locator('dialog[open]');

async function openMoney(page: Page, b: Job): Promise<void> {
  await page.evaluate(`location.hash = '#/bookings/${b.id}'`);
  await page.getByRole('heading', { name: `${b.service} — ${b.customer}` }).waitFor();
  await page.getByRole('tab', { name: 'Invoices & payments' }).click();
}

test('a payment starts at the balance due, an overpayment is asked about, and an approval names the amount', async () => {
  const b = job(`EXISTS (SELECT 1 FROM invoices i WHERE i.booking_id = b.id AND i.status = 'sent'
    AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.invoice_id = i.id))`);
  const [inv] = office.sql<{ id: number; number: string; amount: number }>(
    "SELECT id, number, amount_cents AS amount FROM invoices WHERE booking_id = ? AND status = 'sent'",
    b.id,
  );
  const staff = await office.signedIn(DEMO.staff);
  const problems = watchProblems(staff, /status of 40[013]|status of 409/);
  await openMoney(staff, b);
  const section = staff.locator(`section[aria-label="Invoice ${inv.number}"]`);
  const form = section.getByRole('form', { name: 'Add payment' });
  // Pre-filled with the balance, and the balance said beside it and in the sums.
  expect(await form.getByLabel('Amount').inputValue()).toBe((inv.amount / 100).toFixed(2));
  await form.getByText(`Balance due ${money(inv.amount)}`).waitFor();
  await form.getByLabel('Method').selectOption('card');
  await form.getByRole('button', { name: 'Add payment' }).click();
  await section
    .locator('tbody tr', { hasText: 'Pending' })
    .filter({ hasText: money(inv.amount) })
    .waitFor();
  // Nothing is due now: the form starts at zero and says so.
  await expect.poll(() => form.getByLabel('Amount').inputValue()).toBe('0.00');
  await form.getByText('Nothing is due').waitFor();

  // The same payment again (the duplicate the issue found): asked first, and kept out when the answer is no.
  await form.getByLabel('Amount').fill((inv.amount / 100).toFixed(2));
  await form.getByRole('button', { name: 'Add payment' }).click();
  const ask = dialog(staff);
  await ask.getByRole('heading', { name: `Log ${money(inv.amount)} card payment on ${inv.number} as an overpayment?` }).waitFor();
  expect(squash(await ask.textContent())).toContain(`is more than the balance due on ${inv.number}, $0.00`);
  await screenshot(staff, 'money-overpayment-dialog');
  await staff.keyboard.press('Escape');
  await ask.waitFor({ state: 'detached' });
  expect(office.sql('SELECT count(*) AS n FROM payments WHERE invoice_id = ?', inv.id)).toEqual([{ n: 1 }]);
  // Staff log payments; approving is a manager's.
  expect(await section.getByRole('button', { name: 'Approve' }).count()).toBe(0);
  expect(problems).toEqual([]);

  const manager = await office.signedIn(DEMO.manager);
  await openMoney(manager, b);
  const mine = manager.locator(`section[aria-label="Invoice ${inv.number}"]`);
  await mine.getByRole('button', { name: 'Approve' }).click();
  const confirm = dialog(manager);
  await confirm.getByRole('heading', { name: `Approve ${money(inv.amount)} card payment on ${inv.number}?` }).waitFor();
  await screenshot(manager, 'money-approve-dialog');
  const before = lastAuditId();
  // The confirm button has the focus: Enter approves.
  await manager.keyboard.press('Enter');
  await confirm.waitFor({ state: 'detached' });
  await mine.locator('tbody tr', { hasText: 'Approved' }).waitFor();
  await mine.locator('header', { hasText: 'Paid' }).waitFor();
  expect(eventsAfter(before).map((r) => [r.actor, r.event])).toEqual([
    [DEMO.manager, 'payment approved'],
    [DEMO.manager, 'invoice paid'],
  ]);
  await screenshot(manager, 'money-tab', true);
});

test('a pending payment is rejected with a reason, kept in the History with it', async () => {
  const b = job(`EXISTS (SELECT 1 FROM payments p WHERE p.booking_id = b.id AND p.status = 'pending')`);
  const [p] = office.sql<{ id: number; amount: number; method: string; number: string }>(
    `SELECT p.id, p.amount_cents AS amount,
    p.method, i.number FROM payments p JOIN invoices i ON i.id = p.invoice_id WHERE p.booking_id = ? AND p.status = 'pending' LIMIT 1`,
    b.id,
  );
  const manager = await office.signedIn(DEMO.manager);
  await openMoney(manager, b);
  const row = manager.locator(`section[aria-label="Invoice ${p.number}"] tbody tr`, { hasText: `#${p.id}` });
  await row.getByRole('button', { name: 'Reject…' }).click();
  const ask = dialog(manager);
  await ask.getByRole('heading', { name: `Reject ${money(p.amount)} ${p.method.replace('_', ' ')} payment on ${p.number}?` }).waitFor();
  await ask.getByRole('button', { name: 'Reject payment' }).click();
  await ask.getByText('Choose why.').waitFor();
  await ask.getByLabel('Why').selectOption('duplicate');
  await ask.getByLabel('Note').fill('logged twice at the desk');
  await screenshot(manager, 'money-reject-dialog');
  const before = lastAuditId();
  await ask.getByRole('button', { name: 'Reject payment' }).click();
  await ask.waitFor({ state: 'detached' });
  await row.filter({ hasText: 'Rejected' }).waitFor();
  expect(eventsAfter(before).map((r) => [r.event, r.reason])).toEqual([['payment rejected', 'Duplicate: logged twice at the desk']]);
});

test('Create invoice on a no-show asks what to bill, and bills a fee with its line', async () => {
  const b = job(`b.status = 'no_show' AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.booking_id = b.id)`);
  const staff = await office.signedIn(DEMO.staff);
  await openMoney(staff, b);
  await staff.getByRole('button', { name: 'Create invoice…' }).click();
  const form = dialog(staff);
  await form.getByText('This booking was a no-show').waitFor();
  // Nothing chosen for the person: the button waits for a choice.
  await expect(form.getByRole('button', { name: 'Create invoice' })).toBeDisabled();
  await form.getByLabel('No-show fee').check();
  await form.getByLabel('Amount').fill('75.00');
  await form.getByRole('button', { name: 'Create invoice for $75.00' }).waitFor();
  await screenshot(staff, 'money-invoice-dialog');
  await form.getByRole('button', { name: 'Create invoice for $75.00' }).click();
  await form.waitFor({ state: 'detached' });
  await staff
    .locator('section.invoice', { hasText: `No-show fee: ${b.service}` })
    .filter({ hasText: '$75.00' })
    .waitFor();
  expect(office.sql('SELECT amount_cents AS amount, purpose, line, status FROM invoices WHERE booking_id = ?', b.id)).toEqual([
    { amount: 7500, purpose: 'no_show_fee', line: `No-show fee: ${b.service}`, status: 'draft' },
  ]);
  await screenshot(staff, 'money-tab-fee', true);
});
