// The recycle bin as a manager and an auditor see it: deleting refused while money
// or work hangs on a booking, each blocker named with its link; the bin saying who
// deleted what, when, why and how many days are left; restoring within the period;
// and after it (the clock injected, never slept) the record gone for good with
// what belonged only to it, while its History stays and says it was purged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../electron/api/contract';
import { checkIntegrity } from '../../db/integrity';
import { purgeExpired } from '../../electron/services/recycleBin';
import { makeCore, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer, tableCounts } from '../helpers/audit';

let core: TestCore;
beforeAll(() => {
  core = makeCore();
});
afterAll(() => core.dispose());

const DAY = 24 * 60 * 60 * 1000;
const inDays = (n: number) => new Date(Date.now() + n * DAY);
const duplicate = { code: 'duplicate' } as const;
const bin = () => core.as('manager')('recycleBin.list');
const inBin = (kind: string, id: number) => bin().entries.find((e) => e.kind === kind && e.id === id);

/** A refusal that wrote nothing, with its blockers. */
function refusedDelete(id: number) {
  const before = tableCounts(core);
  const r = core.raw('manager', 'bookings.delete', { id, reason: duplicate }) as Result<unknown>;
  expect(tableCounts(core)).toEqual(before);
  if (r.ok) throw new Error(`booking ${id} was deleted`);
  return r.error;
}

describe('deleting a booking that money or work hangs on', () => {
  it('is refused while an invoice was sent and is not paid, naming the invoice and linking to it', () => {
    const b = makeBooking(core, makeCustomer(core).id, { priceCents: 11000 });
    const inv = core.as('staff')('invoices.create', { bookingId: b.id });
    core.as('staff')('invoices.send', { id: inv.id });
    const error = refusedDelete(b.id);
    expect(error.code).toBe('conflict');
    expect(error.message).toContain(`${inv.number} was sent and is not paid ($110.00 due)`);
    expect(error.details?.blockers).toEqual([{ what: expect.stringContaining(inv.number), href: `#/bookings/${b.id}?act=money` }]);
  });

  it('is refused while a payment is pending, naming it; once approved and the invoice paid, it may be deleted', () => {
    const b = makeBooking(core, makeCustomer(core).id, { priceCents: 5000 });
    const inv = core.as('staff')('invoices.create', { bookingId: b.id });
    core.as('staff')('invoices.send', { id: inv.id });
    const p = core.as('staff')('payments.add', { invoiceId: inv.id, amountCents: 5000, method: 'card' });
    const blockers = refusedDelete(b.id).details!.blockers!;
    expect(blockers.map((x) => x.what)).toEqual([
      `Invoice ${inv.number} was sent and is not paid ($50.00 due)`,
      `Payment #${p.id} of $50.00 (card) on ${inv.number} is pending: approve or reject it`,
    ]);
    core.as('manager')('payments.approve', { id: p.id });
    expect(core.raw('manager', 'bookings.delete', { id: b.id, reason: duplicate }).ok).toBe(true);
  });

  it("is refused while the fieldworker's visit is under way", () => {
    const start = new Date(Date.now() - 60 * 60 * 1000).toISOString();
    const b = makeBooking(core, makeCustomer(core).id, {
      scheduledStart: start,
      scheduledEnd: inDays(0.1).toISOString(),
      fieldworkerId: core.users.fieldworker.id,
    });
    core.as('fieldworker')('bookings.accept', { id: b.id });
    core.as('fieldworker')('bookings.setStatus', { id: b.id, status: 'in_progress' });
    expect(refusedDelete(b.id).details!.blockers).toEqual([
      {
        what: `Booking #${b.id} · Boiler service: ${core.users.fieldworker.name}'s visit is under way and not closed`,
        href: `#/bookings/${b.id}?tab=timeline`,
      },
    ]);
  });

  it('refuses a customer whose bookings owe money, naming the invoice', () => {
    const c = makeCustomer(core);
    const b = makeBooking(core, c.id);
    const inv = core.as('staff')('invoices.create', { bookingId: b.id });
    core.as('staff')('invoices.send', { id: inv.id });
    core.as('staff')('bookings.cancel', { id: b.id, reason: { code: 'customer_cancelled' } });
    const r = core.raw('manager', 'customers.delete', { id: c.id, reason: duplicate });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(new RegExp(`^${c.name} cannot be deleted while money or work hangs on it: Invoice ${inv.number}`));
  });
});

describe('the recycle bin', () => {
  it('lists a deleted booking with who deleted it, when, the reason and the days left; restoring takes it out', () => {
    const b = makeBooking(core, makeCustomer(core, { name: 'Hana Ito' }).id);
    core.as('manager')('bookings.delete', { id: b.id, reason: { code: 'entered_in_error', note: 'booked twice by phone' } });
    const entry = inBin('booking', b.id)!;
    expect(entry).toMatchObject({ name: 'Boiler service · Hana Ito', deletedBy: core.users.manager.name, daysLeft: 90 });
    expect(entry.reason).toMatch(/entered in error/i);
    expect(entry.reason).toContain('booked twice by phone');
    expect(Date.now() - Date.parse(entry.deletedAt)).toBeLessThan(60_000);
    core.as('manager')('bookings.restore', { id: b.id });
    expect(inBin('booking', b.id)).toBeUndefined();
    // Restored within the period: nothing of it is purged later.
    purgeExpired(core.db, inDays(200));
    expect(core.as('staff')('bookings.get', { id: b.id }).deletedAt).toBeNull();
  });

  it("is the managers': staff may not see it, and only an administrator sets the period", () => {
    expect(core.raw('staff', 'recycleBin.list')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.raw('manager', 'retention.set', { days: 120 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.raw('administrator', 'retention.set', { days: 29 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'days', message: expect.stringContaining('at least 30 days') },
    });
  });
});

describe('after the retention period', () => {
  it('purges a booking with its invoice, payment and notes; its History stays, with the purge under JobTrail', () => {
    const c = makeCustomer(core, { name: 'Olu Bankole' });
    const b = makeBooking(core, c.id, { priceCents: 9000 });
    const inv = core.as('staff')('invoices.create', { bookingId: b.id });
    core.as('staff')('invoices.send', { id: inv.id });
    const p = core.as('staff')('payments.add', { invoiceId: inv.id, amountCents: 9000, method: 'cash' });
    core.as('manager')('payments.approve', { id: p.id });
    core.as('staff')('notes.add', { bookingId: b.id, body: 'Gate code 4411' });
    core.as('manager')('bookings.delete', { id: b.id, reason: duplicate });
    const historyBefore = core.as('staff')('history.booking', { bookingId: b.id, limit: 500 }).rows.length;

    expect(purgeExpired(core.db, inDays(89)).purged).toEqual([]);
    const done = purgeExpired(core.db, inDays(91));
    expect(done.purged).toContainEqual({ kind: 'booking', id: b.id, name: 'Boiler service · Olu Bankole' });
    const count = (sql: string) => core.db.sqlite.prepare(sql).pluck().get(b.id) as number;
    expect([
      count('SELECT count(*) FROM bookings WHERE id = ?'),
      count('SELECT count(*) FROM invoices WHERE booking_id = ?'),
      count('SELECT count(*) FROM payments WHERE booking_id = ?'),
      count('SELECT count(*) FROM notes WHERE booking_id = ?'),
    ]).toEqual([0, 0, 0, 0]);

    const rows = core.db.sqlite
      .prepare('SELECT entity, event, actor_name AS actor, actor_id AS actorId, origin, reason, label FROM audit_log WHERE booking_id = ? ORDER BY id')
      .all(b.id) as { entity: string; event: string; actor: string; actorId: number | null; origin: string; reason: string | null; label: string | null }[];
    const deleted = rows.find((r) => r.event === 'deleted')!;
    expect(deleted.actor).toBe(core.users.manager.name);
    const purge = rows.filter((r) => r.event === 'removed');
    expect(purge.map((r) => r.entity).sort()).toEqual(['booking', 'invoice', 'note', 'payment']);
    for (const r of purge) {
      // Each names the booking as its other rows do, the booking's own row too.
      expect(r).toMatchObject({ actor: 'JobTrail', actorId: null, origin: 'app', label: 'Boiler service · Olu Bankole' });
      expect(r.reason).toMatch(/^Purged after the retention period \(90 days\): in the recycle bin since \d{4}-\d{2}-\d{2}, deleted by /);
    }
    expect(rows.length).toBe(historyBefore + 4);
    // Nothing left the database without its row: the chain, the triggers and the records check all hold.
    const report = checkIntegrity(core.db.sqlite);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('purges a customer with their bookings, and leaves what was restored meanwhile', () => {
    const c = makeCustomer(core);
    const done = makeBooking(core, c.id);
    core.as('staff')('bookings.cancel', { id: done.id, reason: { code: 'customer_cancelled' } });
    core.as('manager')('customers.delete', { id: c.id, reason: duplicate });
    const kept = makeCustomer(core);
    core.as('manager')('customers.delete', { id: kept.id, reason: duplicate });
    core.as('manager')('customers.restore', { id: kept.id });
    expect(inBin('customer', c.id)).toMatchObject({ bookings: 1 });

    purgeExpired(core.db, inDays(91));
    expect(core.db.sqlite.prepare('SELECT count(*) FROM customers WHERE id IN (?, ?)').pluck().get(c.id, kept.id)).toBe(1);
    expect(core.db.sqlite.prepare('SELECT count(*) FROM bookings WHERE customer_id = ?').pluck().get(c.id)).toBe(0);
    expect(checkIntegrity(core.db.sqlite).ok).toBe(true);
  });

  it('is audited when changed; a longer period lengthens stays, a shorter one never shortens them', () => {
    const b = makeBooking(core, makeCustomer(core).id);
    core.as('manager')('bookings.delete', { id: b.id, reason: duplicate });
    core.as('administrator')('retention.set', { days: 180 });
    expect(inBin('booking', b.id)!.daysLeft).toBe(180);
    core.as('administrator')('retention.set', { days: 30 });
    expect(inBin('booking', b.id)!.daysLeft).toBe(180);
    expect(purgeExpired(core.db, inDays(91)).purged.map((p) => p.id)).not.toContain(b.id);
    const changes = core.db.sqlite
      .prepare("SELECT field, old_value AS old, new_value AS new, actor_name AS actor FROM audit_log WHERE entity = 'setting' ORDER BY id")
      .all();
    expect(changes).toEqual([
      { field: 'retention_days', old: null, new: '180', actor: core.users.administrator.name },
      { field: 'retention_days', old: '180', new: '30', actor: core.users.administrator.name },
    ]);
    // Deleted from now on: 30 days.
    const later = makeBooking(core, makeCustomer(core).id);
    core.as('manager')('bookings.delete', { id: later.id, reason: duplicate });
    expect(inBin('booking', later.id)!.daysLeft).toBe(30);
    core.as('administrator')('retention.set', { days: 90 });
  });
});
