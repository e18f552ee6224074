// Each report holds what issue 14 lists, read through the contract as the window
// reads it; producing one writes its "report generated" audit row; a digest
// printed on a report is found again, counted from, and refused once the log is altered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCore, verifyAsManager, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer, outsideConnection } from '../helpers/audit';
import { countEvents, eventKey } from '../../renderer/history/readable';
import { daysIn } from '../../electron/reports/activity';

let core: TestCore;
let customerId: number;
let bookingId: number;

beforeAll(() => {
  core = makeCore();
  const admin = core.as('administrator');
  const staff = core.as('staff');
  const field = admin('customFields.define', { entity: 'customer', label: 'Gate code', type: 'text' });
  const c = makeCustomer(core, { name: 'Nora Quist', email: 'nora@example.com', customFields: { [String(field.id)]: '4411' } });
  customerId = c.id;
  const b = makeBooking(core, c.id, { fieldworkerId: core.users.fieldworker.id, priceCents: 12_500 });
  bookingId = b.id;
  staff('bookings.reschedule', { id: b.id, scheduledStart: '2026-03-05T09:00:00Z', scheduledEnd: '2026-03-05T10:00:00Z', reason: { code: 'office' } });
  core.as('manager')('bookings.reschedule', {
    id: b.id,
    scheduledStart: '2026-03-07T13:00:00Z',
    scheduledEnd: '2026-03-07T14:00:00Z',
    reason: { code: 'office' },
  });
  staff('notes.add', { bookingId: b.id, body: 'Customer asked for a later slot' });
  const invoice = staff('invoices.create', { bookingId: b.id });
  staff('invoices.send', { id: invoice.id });
  staff('payments.add', { invoiceId: invoice.id, amountCents: 12_500, method: 'card' });
  staff('quotes.create', { customerId: c.id, title: 'Boiler swap', amountCents: 250_000 });
  staff('inquiries.record', { customerId: c.id, channel: 'phone', subject: 'Noise from the boiler' });
});
afterAll(() => core.dispose());

const reportRows = () =>
  core.db.sqlite.prepare("SELECT * FROM audit_log WHERE event = 'report generated' ORDER BY id").all() as {
    actor_name: string;
    entity: string;
    booking_id: number | null;
    customer_id: number | null;
    new_value: string;
  }[];

describe('the booking dispute report', () => {
  it('holds the booking now and as booked, the Timeline, each reschedule with who, notes, money and the complete History', () => {
    const r = core.as('staff')('reports.booking', { bookingId });
    expect(r.header).toMatchObject({
      kind: 'booking',
      businessName: 'JobTrail',
      title: 'Booking dispute report',
      generatedBy: { name: 'Sam Staff', role: 'staff' },
    });
    expect(r.header.subject).toContain('Nora Quist');
    expect(r.header.chain.head).toMatch(/^[0-9a-f]{64}$/);
    expect(r.header.chain.short).toBe(r.header.chain.head.slice(0, 16));
    expect(r.booking.scheduledStart).toBe('2026-03-07T13:00:00.000Z');
    expect(r.asBooked?.fields.price).toBe('12500');
    expect(r.asBooked?.fields.scheduled_start).not.toBe('2026-03-07T13:00:00.000Z');
    expect(r.timeline.map((s) => [s.key, s.done])).toContainEqual(['invoiced', true]);
    expect(r.reschedules).toHaveLength(2);
    expect(r.reschedules[1]).toMatchObject({
      actorName: 'Max Manager',
      oldStart: '2026-03-05T09:00:00.000Z',
      newStart: '2026-03-07T13:00:00.000Z',
      newEnd: '2026-03-07T14:00:00.000Z',
      reason: 'Asked by the office',
    });
    expect(r.notes.map((n) => n.body)).toEqual(['Customer asked for a later slot']);
    expect(r.invoices).toHaveLength(1);
    expect(r.payments[0]).toMatchObject({ amountCents: 12_500, method: 'card' });
    const events = r.history.map((h) => h.event);
    expect(events).toEqual(expect.arrayContaining(['created', 'rescheduled', 'note added', 'invoice sent', 'payment logged (card)']));
    expect(r.history.map((h) => h.id)).toEqual([...r.history.map((h) => h.id)].sort((a, b) => a - b));
  });

  it('is itself recorded: who produced it, about which booking and customer, with the head it printed', () => {
    const r = core.as('staff')('reports.booking', { bookingId });
    const row = reportRows().at(-1)!;
    expect(row).toMatchObject({ actor_name: 'Sam Staff', entity: 'report', booking_id: bookingId, customer_id: customerId });
    expect(row.new_value).toContain('Booking dispute report');
    expect(row.new_value).toContain(r.header.chain.short);
    // The row shows in the booking's own History.
    expect(
      core
        .as('staff')('reports.booking', { bookingId })
        .history.some((h) => h.event === 'report generated'),
    ).toBe(true);
  });

  it('is refused to a fieldworker, and for a booking that does not exist', () => {
    expect(core.raw('fieldworker', 'reports.booking', { bookingId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.raw('staff', 'reports.booking', { bookingId: 99_999 })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'bookingId' } });
  });
});

describe('the customer report (right of access)', () => {
  it('holds the profile, custom fields, every booking, quote, invoice, payment, inquiry and note, and the complete History', () => {
    const r = core.as('manager')('reports.customer', { customerId });
    expect(r.customer).toMatchObject({ name: 'Nora Quist', email: 'nora@example.com' });
    expect(Object.values(r.customer.customFields)).toContain('4411');
    expect(r.customFieldDefinitions.map((d) => d.label)).toContain('Gate code');
    expect(r.bookings.map((b) => b.id)).toEqual([bookingId]);
    expect(r.quotes.map((q) => q.title)).toEqual(['Boiler swap']);
    expect(r.invoices).toHaveLength(1);
    expect(r.payments).toHaveLength(1);
    expect(r.inquiries.map((i) => i.subject)).toEqual(['Noise from the boiler']);
    expect(r.notes.map((n) => n.body)).toEqual(['Customer asked for a later slot']);
    expect(r.history.map((h) => h.event)).toEqual(expect.arrayContaining(['created', 'quote created', 'inquiry received', 'payment logged (card)']));
    expect(reportRows().at(-1)).toMatchObject({ actor_name: 'Max Manager', customer_id: customerId, booking_id: null });
  });

  it("is a manager's", () => {
    expect(core.raw('staff', 'reports.customer', { customerId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('the period and person reports', () => {
  const period = () => ({ from: '2000-01-01T00:00:00Z', to: new Date(Date.now() + 60_000).toISOString() });

  it("charts each event on the office's day, not the UTC one", () => {
    // Kiritimati is 14 hours ahead: most of a UTC day is the next day there.
    core.as('administrator')('office.update', { timeZone: 'Pacific/Kiritimati' });
    try {
      const r = core.as('manager')('reports.period', period());
      expect(r.dayZone).toBe('Pacific/Kiritimati');
      const there = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Kiritimati', year: 'numeric', month: '2-digit', day: '2-digit' });
      const days = new Map<string, Set<string>>();
      for (const h of r.history) {
        const day = there.format(new Date(h.at));
        if (!days.has(day)) days.set(day, new Set());
        days.get(day)!.add(eventKey(h));
      }
      expect(r.perDay.map((d) => [d.day, d.userAction + d.financial + d.dataEdit])).toEqual([...days].map(([day, events]) => [day, events.size]));
    } finally {
      core.as('administrator')('office.update', { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
    }
  });

  it('finds each day in a zone a quarter of an hour at a time: offsets of :30 and :45 split an hour', () => {
    const rows = ['2026-03-01T18:14:00.000Z', '2026-03-01T18:16:00.000Z', '2026-03-01T18:29:00.000Z', '2026-03-01T18:31:00.000Z'];
    expect(rows.map(daysIn('Asia/Kolkata'))).toEqual(['2026-03-01', '2026-03-01', '2026-03-01', '2026-03-02']);
    expect(rows.map(daysIn('Asia/Kathmandu'))).toEqual(['2026-03-01', '2026-03-02', '2026-03-02', '2026-03-02']);
    expect(['2026-03-02T03:30:00.000Z', '2026-03-02T06:30:00.000Z'].map(daysIn('America/Chicago'))).toEqual(['2026-03-01', '2026-03-02']);
  });

  it('a period lists every event with totals per kind, event and person, narrowed by person and kind', () => {
    const all = core.as('manager')('reports.period', period());
    expect(all.history.length).toBeGreaterThan(10);
    const sum = (t: { count: number }[]) => t.reduce((n, x) => n + x.count, 0);
    // Totals count events: each reschedule wrote its start and its end, and counts once.
    const events = countEvents(all.history);
    expect(all.history.filter((h) => h.event === 'rescheduled')).toHaveLength(4);
    expect(events).toBeLessThan(all.history.length);
    expect(sum(all.totalsByKind)).toBe(events);
    expect(sum(all.totalsByPerson)).toBe(events);
    expect(all.totalsByEvent.find((t) => t.key === 'rescheduled')?.count).toBe(2);
    expect(sum(all.perDay.map((d) => ({ count: d.userAction + d.financial + d.dataEdit })))).toBe(events);
    expect(all.totalsByPerson.map((t) => t.key)).toEqual(expect.arrayContaining(['Sam Staff', 'Max Manager']));
    const narrowed = core.as('manager')('reports.period', { ...period(), personId: core.users.staff.id, category: 'financial' });
    expect(narrowed.history.length).toBeGreaterThan(0);
    expect(narrowed.history.every((h) => h.actorName === 'Sam Staff' && h.category === 'financial')).toBe(true);
    expect(narrowed.header.subject).toContain('Sam Staff');
  });

  it('names the days the person asked for, in the zone the form sent them in, whatever zone the office PC runs in', () => {
    // March in Chicago: from its first midnight (CST, -06:00) to April's first (CDT, -05:00), the last day included.
    const chicago = core.as('manager')('reports.period', { from: '2026-03-01T00:00:00-06:00', to: '2026-04-01T00:00:00-05:00' });
    expect(chicago.header.subject).toBe('2026-03-01 to 2026-03-31');
    // One day in Berlin, whose midnight is the evening before in UTC.
    const berlin = core.as('manager')('reports.period', { from: '2026-03-10T00:00:00+01:00', to: '2026-03-11T00:00:00+01:00' });
    expect(berlin.header.subject).toBe('2026-03-10');
  });

  it('a person report holds only what that person did', () => {
    const r = core.as('manager')('reports.person', { ...period(), personId: core.users.manager.id });
    expect(r.history.length).toBeGreaterThan(0);
    expect(r.history.every((h) => h.actorId === core.users.manager.id)).toBe(true);
    expect(r.header).toMatchObject({ kind: 'person', title: 'Person report' });
  });

  it('refuses a period that ends before it starts, an unknown person, and staff', () => {
    expect(core.raw('manager', 'reports.period', { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'to' },
    });
    expect(core.raw('manager', 'reports.person', { ...period(), personId: 9999 })).toMatchObject({
      ok: false,
      error: { code: 'not_found', field: 'personId' },
    });
    expect(core.raw('staff', 'reports.period', period())).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('checking a printed head (a verify job with the digest)', () => {
  const printedCheck = async (digest: string, rows?: number) => (await verifyAsManager(core, { digest, rows })).printed!;

  it('accepts a real digest, counts the rows added since, and checks the printed row count', async () => {
    const printed = core.as('staff')('reports.booking', { bookingId }).header.chain;
    expect(await printedCheck(printed.short, printed.rows)).toMatchObject({ ok: true, verdict: 'contained', atRow: printed.rows, rowsSince: 1 }); // the report's own row
    core.as('staff')('bookings.update', { id: bookingId, address: '9 Later Road' });
    const later = await printedCheck(printed.head);
    expect(later).toMatchObject({ ok: true, atRow: printed.rows, rowsSince: 2 });
    expect(later.message).toContain('2 rows were added after it');
    expect(await printedCheck(printed.short, printed.rows + 1)).toMatchObject({ ok: false, verdict: 'row_mismatch' });
    expect(await printedCheck('ab'.repeat(8))).toMatchObject({ ok: false, verdict: 'not_in_log', atRow: null });
    expect(core.raw('manager', 'jobs.start', { kind: 'verify', printed: { digest: 'xyz' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'printed.digest' },
    });
    expect(core.raw('staff', 'jobs.start', { kind: 'verify', printed: { digest: printed.short } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses once the log was altered, even before the printed head', async () => {
    const printed = core.as('staff')('reports.booking', { bookingId }).header.chain;
    const tool = outsideConnection(core.file);
    try {
      tool.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET new_value = '1' WHERE id = 3;");
    } finally {
      tool.close();
    }
    const r = await printedCheck(printed.short, printed.rows);
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/altered|not in this log/);
  });
});
