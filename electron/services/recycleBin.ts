// The recycle bin: deleted bookings and customers, who deleted each, when and
// why, and how long it stays before the retention job purges it. Purging removes
// the record and what belongs only to it (a booking's invoices, payments, notes
// and custom values; a customer's bookings, quotes, inquiries and notes); every
// one of those leaves a "removed" row by trigger (migration 0019), written under
// JobTrail with the purge as its reason, and the History of each stays.
import type Database from 'better-sqlite3';
import { audited } from '../../db/actor';
import type { Db } from '../../db/open';
import { daysLeft, purgeAfter, retentionDays, retentionView, RETENTION_MIN_DAYS, type RetentionView } from './retention';

export type BinKind = 'booking' | 'customer';

export interface BinEntry {
  kind: BinKind;
  id: number;
  /** "Furnace repair · John King" for a booking, the name for a customer. */
  name: string;
  /** A booking's scheduled start; null for a customer. */
  start: string | null;
  deletedAt: string;
  /** From the "deleted" audit row; null when the History has none (deleted outside JobTrail). */
  deletedBy: string | null;
  reason: string | null;
  purgeAfter: string;
  daysLeft: number;
  /** A customer's bookings, which go with them when they are purged. */
  bookings: number;
}

export interface RecycleBin {
  entries: BinEntry[];
  retention: RetentionView;
}

/** The actor of the retention job's rows: JobTrail itself, no user (db/actor.ts). */
export const RETENTION_ACTOR = { id: null, name: 'JobTrail' } as const;

interface BinRow {
  kind: BinKind;
  id: number;
  name: string;
  start: string | null;
  deletedAt: string;
  purgeAfter: string | null;
  deletedBy: string | null;
  reason: string | null;
  bookings: number;
}

/** The last "deleted" row of each record in the bin: who, and why (an index look-up per record). */
const BIN_SQL = `
  SELECT 'booking' AS kind, b.id, b.service || ' · ' || c.name AS name, b.scheduled_start AS start,
         b.deleted_at AS deletedAt, b.purge_after AS purgeAfter, d.actor_name AS deletedBy, d.reason, 0 AS bookings
  FROM bookings b JOIN customers c ON c.id = b.customer_id
  LEFT JOIN audit_log d ON d.id = (SELECT max(a.id) FROM audit_log a
    WHERE a.booking_id = b.id AND a.entity = 'booking' AND a.entity_id = b.id AND a.event = 'deleted')
  WHERE b.deleted_at IS NOT NULL
  UNION ALL
  SELECT 'customer', c.id, c.name, NULL, c.deleted_at, c.purge_after, d.actor_name, d.reason,
         (SELECT count(*) FROM bookings x WHERE x.customer_id = c.id)
  FROM customers c
  LEFT JOIN audit_log d ON d.id = (SELECT max(a.id) FROM audit_log a
    WHERE a.customer_id = c.id AND a.entity = 'customer' AND a.entity_id = c.id AND a.event = 'deleted')
  WHERE c.deleted_at IS NOT NULL`;

/**
 * When a record may go: the date kept with it, or, for a record deleted before
 * the bin kept one, its deletion plus today's period; and never sooner than the
 * shortest period allows, whatever the column says.
 */
function dueAt(r: Pick<BinRow, 'deletedAt' | 'purgeAfter'>, days: number): string {
  const floor = purgeAfter(r.deletedAt, RETENTION_MIN_DAYS);
  const kept = r.purgeAfter ?? purgeAfter(r.deletedAt, days);
  return kept > floor ? kept : floor;
}

export function listRecycleBin(db: Db, now = new Date()): RecycleBin {
  const days = retentionDays(db);
  const rows = db.sqlite.prepare(BIN_SQL).all() as BinRow[];
  const entries = rows
    .map((r) => {
      const due = dueAt(r, days);
      return {
        kind: r.kind,
        id: r.id,
        name: r.name,
        start: r.start,
        deletedAt: r.deletedAt,
        deletedBy: r.deletedBy,
        reason: r.reason,
        purgeAfter: due,
        daysLeft: daysLeft(due, now),
        bookings: r.bookings,
      };
    })
    .sort((a, b) => a.purgeAfter.localeCompare(b.purgeAfter) || a.kind.localeCompare(b.kind) || a.id - b.id);
  return { entries, retention: retentionView(db) };
}

export interface PurgeResult {
  purged: { kind: BinKind; id: number; name: string }[];
  /** Records due that could not be removed (a reference from elsewhere): left in the bin, named. */
  failed: { kind: BinKind; id: number; name: string; error: string }[];
}

/** Removes one booking and what belongs only to it; inside the purge's transaction. */
function removeBooking(sqlite: Database.Database, id: number): void {
  for (const sql of [
    'DELETE FROM payments WHERE booking_id = ?',
    'DELETE FROM invoices WHERE booking_id = ?',
    'DELETE FROM notes WHERE booking_id = ?',
    'DELETE FROM readings WHERE booking_id = ?',
    'DELETE FROM visit_times WHERE booking_id = ?',
    "DELETE FROM custom_field_values WHERE entity_id = ? AND definition_id IN (SELECT id FROM custom_field_definitions WHERE entity = 'booking')",
    // The report's audit row keeps which booking it was about; the door it came through lets go of it.
    'UPDATE reports_issued SET booking_id = NULL WHERE booking_id = ?',
    'DELETE FROM bookings WHERE id = ?',
  ])
    sqlite.prepare(sql).run(id);
}

function removeCustomer(sqlite: Database.Database, id: number): void {
  const bookings = sqlite.prepare('SELECT id FROM bookings WHERE customer_id = ? ORDER BY id').pluck().all(id) as number[];
  for (const b of bookings) removeBooking(sqlite, b);
  for (const sql of [
    'DELETE FROM notes WHERE customer_id = ?',
    'DELETE FROM inquiries WHERE customer_id = ?',
    'DELETE FROM quotes WHERE customer_id = ?',
    "DELETE FROM custom_field_values WHERE entity_id = ? AND definition_id IN (SELECT id FROM custom_field_definitions WHERE entity = 'customer')",
    'UPDATE reports_issued SET customer_id = NULL WHERE customer_id = ?',
    // Their properties go with them; one still holding another customer's booking (it changed hands) stops the purge, named.
    'DELETE FROM property_units WHERE property_id IN (SELECT id FROM properties WHERE customer_id = ?)',
    'DELETE FROM properties WHERE customer_id = ?',
    'DELETE FROM customers WHERE id = ?',
  ])
    sqlite.prepare(sql).run(id);
}

const dayOf = (iso: string) => iso.slice(0, 10);

/**
 * The retention job: purges every record whose stay in the bin is over, one
 * transaction each (a failure leaves that one in the bin and goes on). Customers
 * first: their bookings go with them. Only what is still deleted and due when its
 * transaction starts is removed: a record restored meanwhile stays.
 */
export function purgeExpired(db: Db, now = new Date()): PurgeResult {
  const result: PurgeResult = { purged: [], failed: [] };
  const bin = listRecycleBin(db, now);
  const due = bin.entries.filter((e) => e.purgeAfter <= now.toISOString()).sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'customer' ? -1 : 1));
  const { days } = bin.retention;
  for (const e of due) {
    const table = e.kind === 'booking' ? 'bookings' : 'customers';
    const reason =
      `Purged after the retention period (${days} days): in the recycle bin since ${dayOf(e.deletedAt)}` + (e.deletedBy ? `, deleted by ${e.deletedBy}` : '');
    try {
      const removed = audited(
        db.sqlite,
        RETENTION_ACTOR,
        () => {
          const still = db.sqlite.prepare(`SELECT deleted_at AS deletedAt, purge_after AS purgeAfter FROM ${table} WHERE id = ?`).get(e.id) as
            Pick<BinRow, 'deletedAt' | 'purgeAfter'> | undefined;
          if (!still?.deletedAt || dueAt(still, days) > now.toISOString()) return false;
          (e.kind === 'booking' ? removeBooking : removeCustomer)(db.sqlite, e.id);
          return true;
        },
        { reason },
      );
      if (removed) result.purged.push({ kind: e.kind, id: e.id, name: e.name });
    } catch (err) {
      result.failed.push({ kind: e.kind, id: e.id, name: e.name, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return result;
}
