// Audit rows cannot be changed or removed through SQL: not by the app's own
// connection, not by a second plain connection such as a SQLite tool would open.
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../db/chain';
import { makeCore, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer, outsideConnection, tableCounts } from '../helpers/audit';

let core: TestCore;
let tool: Database.Database;
let snapshot: Record<string, unknown>[];

beforeAll(() => {
  core = makeCore();
  const c = makeCustomer(core, { name: 'Olga Pike' });
  const b = makeBooking(core, c.id);
  core.as('staff')('bookings.update', { id: b.id, address: '8 Quay St', priceCents: 9000 });
  tool = outsideConnection(core.file);
  snapshot = core.db.sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all() as Record<string, unknown>[];
});
afterAll(() => {
  tool.close();
  core.dispose();
});

/** A value different from the stored one, of a type the column accepts. */
const COLUMN_CHANGES: Record<string, string> = {
  id: 'id + 1000',
  at: "'2020-01-01T00:00:00.000Z'",
  actor_id: 'coalesce(actor_id, 0) + 1',
  actor_name: "'Someone Else'",
  entity: "'nothing'",
  entity_id: 'entity_id + 1',
  booking_id: 'coalesce(booking_id, 0) + 1',
  customer_id: 'coalesce(customer_id, 0) + 1',
  field: "'other_field'",
  old_value: "'forged old'",
  new_value: "'forged new'",
  old_ref: 'coalesce(old_ref, 0) + 1',
  new_ref: 'coalesce(new_ref, 0) + 1',
  category: "CASE category WHEN 'financial' THEN 'data_edit' ELSE 'financial' END",
  event: "'nothing happened'",
  label: "'another label'",
  tx: 'coalesce(tx, 0) + 1',
  origin: "CASE origin WHEN 'app' THEN 'outside' ELSE 'app' END",
  hash: 'randomblob(32)',
  salt: 'randomblob(16)',
  vdigest: 'randomblob(32)',
  sig: 'randomblob(64)',
  sig_key: 'coalesce(sig_key, 0) + 1',
  reason: "'Asked by the customer'",
};

describe('the audit log is append-only', () => {
  it('the test covers every column of audit_log', () => {
    const columns = tool
      .prepare('PRAGMA table_info(audit_log)')
      .all()
      .map((c) => (c as { name: string }).name);
    expect(Object.keys(COLUMN_CHANGES).sort()).toEqual([...columns].sort());
  });

  it.each(Object.entries(COLUMN_CHANGES))('an UPDATE of %s from a plain connection aborts with "append-only"', (column, value) => {
    expect(() => tool.prepare(`UPDATE audit_log SET ${column} = ${value} WHERE id = 3`).run()).toThrow(/append-only/);
    expect(() => tool.prepare(`UPDATE audit_log SET ${column} = ${value}`).run()).toThrow(/append-only/);
  });

  it("an UPDATE through the app's own connection aborts the same way", () => {
    expect(() => core.db.sqlite.prepare("UPDATE audit_log SET new_value = 'x' WHERE id = 2").run()).toThrow(/append-only/);
  });

  it('a DELETE of one row, of the newest row, or of all rows aborts with "append-only"', () => {
    expect(() => tool.prepare('DELETE FROM audit_log WHERE id = 3').run()).toThrow(/append-only/);
    expect(() => tool.prepare('DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)').run()).toThrow(/append-only/);
    expect(() => tool.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => core.db.sqlite.prepare('DELETE FROM audit_log WHERE id = 1').run()).toThrow(/append-only/);
  });

  it('an INSERT that arrives with a hash or an origin already set is refused', () => {
    const insert = (extra: string, value: string) => () =>
      tool
        .prepare(
          `INSERT INTO audit_log (at, actor_id, actor_name, entity, entity_id, field, new_value, category, event, ${extra})
       VALUES ('2026-01-01T00:00:00.000Z', 1, 'Ada Admin', 'booking', 1, 'status', 'completed', 'user_action', 'status changed', ${value})`,
        )
        .run();
    expect(insert('hash', 'randomblob(32)')).toThrow(/sealed by JobTrail/);
    expect(insert('origin', "'app'")).toThrow(/sealed by JobTrail/);
    expect(insert('origin', "'outside'")).toThrow(/sealed by JobTrail/);
  });

  it("an UPDATE of a sealed row's hash is refused, to another row's hash or back to empty", () => {
    expect(() => tool.prepare('UPDATE audit_log SET hash = (SELECT hash FROM audit_log WHERE id = 2) WHERE id = 3').run()).toThrow(/append-only/);
    expect(() => tool.prepare('UPDATE audit_log SET hash = NULL WHERE id = 3').run()).toThrow(/append-only/);
    expect(() => tool.prepare('UPDATE audit_log SET origin = NULL, hash = NULL WHERE id = 3').run()).toThrow(/append-only/);
  });

  it('a row written from outside and not yet sealed cannot have its content changed either', () => {
    tool
      .prepare(
        `INSERT INTO audit_log (at, actor_id, actor_name, entity, entity_id, field, new_value, category, event)
      VALUES ('2026-01-01T00:00:00.000Z', NULL, 'a script', 'booking', 1, 'status', 'completed', 'user_action', 'status changed')`,
      )
      .run();
    const id = tool.prepare('SELECT max(id) FROM audit_log').pluck().get() as number;
    expect(() => tool.prepare("UPDATE audit_log SET new_value = 'cancelled' WHERE id = ?").run(id)).toThrow(/append-only/);
    expect(() => tool.prepare('DELETE FROM audit_log WHERE id = ?').run(id)).toThrow(/append-only/);
  });

  it('after all of that the sealed rows are exactly as they were and the chain verifies', () => {
    const now = core.db.sqlite.prepare('SELECT * FROM audit_log WHERE id <= ? ORDER BY id').all(snapshot.length);
    expect(now).toEqual(snapshot);
    expect(verifyChain(core.db.sqlite)).toMatchObject({ ok: true, rowsChecked: snapshot.length, unsealedTail: 1 });
    expect(tableCounts(core).audit_log).toBe(snapshot.length + 1);
  });
});
