// Small helpers for audit-trail tests: what one call wrote, the row counts of
// every table, a second plain connection "as an outside tool would" open, and
// a few fixtures built through the contract.
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { verifyChain } from '../../db/chain';
import type { ApiInput, ApiOutput } from '../../electron/api/contract';
import type { Role } from '../../db/schema';
import { auditRowsAfter, lastAuditId, type TestCore } from './core';

export type AuditRow = {
  id: number;
  at: string;
  actor_id: number | null;
  actor_name: string;
  entity: string;
  entity_id: number;
  booking_id: number | null;
  customer_id: number | null;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  old_ref: number | null;
  new_ref: number | null;
  category: string;
  event: string;
  label: string | null;
  tx: number | null;
  origin: 'app' | 'outside' | null;
  hash: Buffer | null;
};

/** Runs fn and returns its value with the audit rows it wrote, oldest first. */
export function written<T>(core: TestCore, fn: () => T): { value: T; rows: AuditRow[] } {
  const before = lastAuditId(core);
  const value = fn();
  return { value, rows: auditRowsAfter(core, before) as unknown as AuditRow[] };
}

/** The columns a person reads in History, to compare with toEqual (every one asserted). */
export function readable(r: AuditRow) {
  return {
    entity: r.entity,
    entity_id: r.entity_id,
    booking_id: r.booking_id,
    customer_id: r.customer_id,
    field: r.field,
    old_value: r.old_value,
    new_value: r.new_value,
    old_ref: r.old_ref,
    new_ref: r.new_ref,
    category: r.category,
    event: r.event,
    label: r.label,
    actor_id: r.actor_id,
    actor_name: r.actor_name,
    origin: r.origin,
  };
}

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Rows written by one app action: each sealed (32-byte hash, origin 'app'), all
 * sharing one non-null tx, stamped with a UTC millisecond time, and the chain verifies.
 */
export function expectSealedAction(core: TestCore, rows: AuditRow[]): void {
  expect(rows.length).toBeGreaterThan(0);
  const tx = rows[0].tx;
  expect(tx).not.toBeNull();
  for (const r of rows) {
    expect(r.origin).toBe('app');
    expect(Buffer.isBuffer(r.hash)).toBe(true);
    expect(r.hash!.length).toBe(32);
    expect(r.tx).toBe(tx);
    expect(r.at).toMatch(ISO_MS);
    expect(Math.abs(Date.parse(r.at) - Date.now())).toBeLessThan(60_000);
  }
  expect(verifyChain(core.db.sqlite).ok).toBe(true);
}

/** Row counts of every table (the FTS shadow tables excepted): "nothing was written" means these do not move. */
export function tableCounts(core: { db: { sqlite: Database.Database } }): Record<string, number> {
  const names = core.db.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'audit_fts%' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(names.map((n) => [n, core.db.sqlite.prepare(`SELECT count(*) FROM "${n}"`).pluck().get() as number]));
}

/** A second, plain connection to the same file: no actor, no sealing, what a SQLite tool would do. */
export function outsideConnection(file: string): Database.Database {
  const c = new Database(file);
  c.pragma('busy_timeout = 5000');
  return c;
}

/** The stored row of a table, straight from SQLite. */
export function rowOf(core: TestCore, table: string, id: number): Record<string, unknown> {
  return core.db.sqlite.prepare(`SELECT * FROM "${table}" WHERE id = ?`).get(id) as Record<string, unknown>;
}

// ── fixtures through the contract ───────────────────────────────────────────────

let seq = 0;

export function makeCustomer(core: TestCore, fields: Partial<ApiInput<'customers.create'>> = {}): ApiOutput<'customers.create'> {
  seq++;
  return core.as('staff')('customers.create', { name: `Customer ${seq}`, address: `${seq} Test Street`, ...fields });
}

export function makeBooking(core: TestCore, customerId: number, fields: Partial<ApiInput<'bookings.create'>> = {}): ApiOutput<'bookings.create'> {
  return core.as('staff')('bookings.create', {
    customerId,
    service: 'Boiler service',
    scheduledStart: '2026-03-02T09:00:00Z',
    scheduledEnd: '2026-03-02T11:00:00Z',
    priceCents: 12500,
    ...fields,
  });
}

export function makeUser(core: TestCore, name: string, role: Role): ApiOutput<'users.create'> {
  return core.as('administrator')('users.create', { name, role, password: 'a-good-password' });
}
