// A change made outside JobTrail (a SQLite tool, a script) is still recorded,
// with an actor that says so, and is sealed as 'outside', never as 'app'.
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../db/chain';
import { makeCore, USER_NAMES, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer, outsideConnection, readable, written, type AuditRow } from '../helpers/audit';

let core: TestCore;
let tool: Database.Database;
beforeAll(() => {
  core = makeCore();
  tool = outsideConnection(core.file);
});
afterAll(() => {
  tool.close();
  core.dispose();
});

const auditRow = (id: number) => core.db.sqlite.prepare('SELECT * FROM audit_log WHERE id = ?').get(id) as AuditRow;
const maxId = () => core.db.sqlite.prepare('SELECT max(id) FROM audit_log').pluck().get() as number;

describe('changes made outside the app', () => {
  it("a raw UPDATE is recorded as '(outside JobTrail)', sealed as 'outside' by the next app transaction, and verify stays ok", () => {
    const c = makeCustomer(core, { name: 'Quentin Roy' });
    const b = makeBooking(core, c.id, { address: '14 Mill Road' });
    const before = maxId();
    tool.prepare("UPDATE bookings SET address = '99 Fake Street' WHERE id = ?").run(b.id);

    const outside = auditRow(before + 1);
    expect(maxId()).toBe(before + 1);
    expect(readable(outside)).toEqual({
      entity: 'booking',
      entity_id: b.id,
      booking_id: b.id,
      customer_id: c.id,
      field: 'address',
      old_value: '14 Mill Road',
      new_value: '99 Fake Street',
      old_ref: null,
      new_ref: null,
      category: 'data_edit',
      event: 'address changed',
      label: 'Boiler service · Quentin Roy',
      actor_id: null,
      actor_name: '(outside JobTrail)',
      origin: null,
    });
    expect([outside.tx, outside.hash]).toEqual([null, null]);
    // Not sealed yet: verify says so, but nothing is broken.
    expect(verifyChain(core.db.sqlite)).toMatchObject({ ok: true, unsealedTail: 1 });

    // The next app transaction seals it, as 'outside'; its own row is 'app'.
    const app = written(core, () => core.as('staff')('customers.update', { id: c.id, phone: '555-0142' })).rows;
    const sealed = auditRow(before + 1);
    expect(sealed.origin).toBe('outside');
    expect(sealed.hash).toHaveLength(32);
    expect(sealed.actor_name).toBe('(outside JobTrail)');
    expect(app.map((r) => [r.id, r.origin, r.actor_name])).toEqual([[before + 2, 'app', USER_NAMES.staff]]);
    expect(verifyChain(core.db.sqlite)).toMatchObject({ ok: true, unsealedTail: 0 });

    // History shows the outside change for what it is.
    const history = core.as('staff')('history.booking', { bookingId: b.id }).rows;
    expect(history[0]).toMatchObject({ field: 'address', actorName: '(outside JobTrail)', actorId: null, origin: 'outside' });
    expect(history.filter((h) => h.origin === 'app').length).toBe(history.length - 1);
  });

  it("a row INSERTed straight into audit_log claiming to be the administrator is sealed as 'outside'", () => {
    const c = makeCustomer(core, { name: 'Rosa Sand' });
    const b = makeBooking(core, c.id);
    // The forger even copies the tx of a genuine app row.
    const genuineTx = auditRow(maxId()).tx;
    tool
      .prepare(
        `INSERT INTO audit_log (at, actor_id, actor_name, entity, entity_id, booking_id, customer_id, field,
        old_value, new_value, category, event, label, tx)
      VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?, ?, 'booking', ?, ?, ?, 'status', 'scheduled', 'completed',
              'user_action', 'status changed', 'Boiler service · Rosa Sand', ?)`,
      )
      .run(core.users.administrator.id, USER_NAMES.administrator, b.id, b.id, c.id, genuineTx);
    const forged = maxId();
    expect(auditRow(forged).origin).toBeNull();

    core.as('staff')('customers.update', { id: c.id, phone: '555-0143' });
    expect(auditRow(forged)).toMatchObject({ actor_id: core.users.administrator.id, actor_name: USER_NAMES.administrator, origin: 'outside' });
    expect(auditRow(forged + 1).origin).toBe('app');
    expect(verifyChain(core.db.sqlite)).toMatchObject({ ok: true, unsealedTail: 0 });
  });

  it("a script that fills in session_actor itself still has its rows sealed as 'outside'", () => {
    const c = makeCustomer(core, { name: 'Saul Tenn' });
    const before = maxId();
    tool.transaction(() => {
      tool.prepare('INSERT INTO session_actor (id, user_id, user_name, tx) VALUES (1, ?, ?, 777)').run(core.users.manager.id, USER_NAMES.manager);
      tool.prepare("UPDATE customers SET email = 'saul@example.com' WHERE id = ?").run(c.id);
      tool.prepare('DELETE FROM session_actor').run();
    })();
    expect(auditRow(before + 1)).toMatchObject({ actor_name: USER_NAMES.manager, tx: 777, origin: null });
    core.as('staff')('customers.update', { id: c.id, phone: '555-0144' });
    expect(auditRow(before + 1).origin).toBe('outside');
    expect(auditRow(before + 2).origin).toBe('app');
    expect(verifyChain(core.db.sqlite).ok).toBe(true);
  });

  it('a hard DELETE from outside is recorded as "removed"', () => {
    const c = makeCustomer(core, { name: 'Tess Ulm' });
    const before = maxId();
    tool.prepare('DELETE FROM customers WHERE id = ?').run(c.id);
    expect(readable(auditRow(before + 1))).toMatchObject({
      entity: 'customer',
      entity_id: c.id,
      customer_id: c.id,
      old_value: 'Tess Ulm',
      new_value: null,
      event: 'removed',
      actor_id: null,
      actor_name: '(outside JobTrail)',
    });
    core.as('staff')('customers.create', { name: 'Next Customer' });
    expect(auditRow(before + 1).origin).toBe('outside');
  });

  it("read-only calls never seal: an outside row stays unsealed until the next write, and only outside rows are 'outside'", () => {
    const c = makeCustomer(core, { name: 'Uri Vale' });
    const before = maxId();
    tool.prepare("UPDATE customers SET notes = 'edited in a tool' WHERE id = ?").run(c.id);
    core.as('staff')('customers.get', { id: c.id });
    core.as('staff')('history.customer', { customerId: c.id });
    expect(auditRow(before + 1).origin).toBeNull();
    core.as('staff')('customers.update', { id: c.id, phone: '555-0145' });
    const origins = core.db.sqlite.prepare("SELECT origin, count(*) AS n FROM audit_log WHERE actor_name = '(outside JobTrail)' GROUP BY origin").all();
    expect(origins).toEqual([{ origin: 'outside', n: 3 }]);
    // Exactly the five rows written from outside in this file are 'outside'; every other row is the app's.
    const byOrigin = core.db.sqlite.prepare('SELECT origin, count(*) AS n FROM audit_log GROUP BY origin ORDER BY origin').all();
    expect(byOrigin).toEqual([
      { origin: 'app', n: maxId() - 5 },
      { origin: 'outside', n: 5 },
    ]);
  });
});
