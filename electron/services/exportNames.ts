// The facts an export names each row's records by (RecordFacts, as the History
// grid's page reads them: recordFacts.ts): the booking by number, service, day and
// customer; the payment by number, amount, method and invoice; the invoice by its
// number. Each record is looked up once, then remembered: an export of millions
// of rows asks about a few thousand records, never once per row.
import type Database from 'better-sqlite3';
import type { Db } from '../../db/open';
import { NO_FACTS, type BookingFacts, type PaymentFacts, type RecordFacts } from '../../renderer/history/readable';
import type { HistoryRow } from './history';

/** Records remembered per kind before the memory is emptied: an export walks time in order, so old records seldom come back. */
const REMEMBERED = 50_000;

function remembering<T>(look: (id: number) => T): (id: number) => T {
  const known = new Map<number, T>();
  return (id) => {
    let v = known.get(id);
    if (v === undefined && !known.has(id)) {
      if (known.size >= REMEMBERED) known.clear();
      v = look(id);
      known.set(id, v);
    }
    return v as T;
  };
}

/** A function naming each row's records, with its own statements and memory, for one export on one connection. */
export function recordNamer(db: Db): (row: HistoryRow) => RecordFacts {
  const sqlite: Database.Database = db.sqlite;
  const bookingSql = sqlite.prepare(`SELECT b.id, b.scheduled_start AS scheduledStart, b.service, c.name AS customer
    FROM bookings b JOIN customers c ON c.id = b.customer_id WHERE b.id = ?`);
  const paymentSql = sqlite.prepare(`SELECT p.id, p.amount_cents AS amountCents, p.method, i.number AS invoice
    FROM payments p LEFT JOIN invoices i ON i.id = p.invoice_id WHERE p.id = ?`);
  const ownNameSql = {
    invoice: sqlite.prepare('SELECT number FROM invoices WHERE id = ?').pluck(),
    quote: sqlite.prepare("SELECT number || ' ' || title FROM quotes WHERE id = ?").pluck(),
    inquiry: sqlite.prepare('SELECT subject FROM inquiries WHERE id = ?').pluck(),
    property: sqlite.prepare('SELECT name FROM properties WHERE id = ?').pluck(),
    unit: sqlite.prepare("SELECT u.name || ' · ' || p.name FROM property_units u JOIN properties p ON p.id = u.property_id WHERE u.id = ?").pluck(),
    equipment: sqlite.prepare("SELECT kind || coalesce(' ' || make_model, '') FROM equipment WHERE id = ?").pluck(),
    reading: sqlite
      .prepare(
        `SELECT d.label || coalesce(' (' || r.note || ')', '') || coalesce(' · ' || e.kind || coalesce(' ' || e.make_model, ''), '')
      FROM readings r JOIN custom_field_definitions d ON d.id = r.definition_id LEFT JOIN equipment e ON e.id = r.equipment_id WHERE r.id = ?`,
      )
      .pluck(),
  };

  const booking = remembering((id) => (bookingSql.get(id) as BookingFacts | undefined) ?? null);
  const payment = remembering((id) => (paymentSql.get(id) as PaymentFacts | undefined) ?? null);
  const ownName = {
    invoice: remembering((id) => (ownNameSql.invoice.get(id) as string | undefined) ?? null),
    quote: remembering((id) => (ownNameSql.quote.get(id) as string | undefined) ?? null),
    inquiry: remembering((id) => (ownNameSql.inquiry.get(id) as string | undefined) ?? null),
    property: remembering((id) => (ownNameSql.property.get(id) as string | undefined) ?? null),
    unit: remembering((id) => (ownNameSql.unit.get(id) as string | undefined) ?? null),
    equipment: remembering((id) => (ownNameSql.equipment.get(id) as string | undefined) ?? null),
    reading: remembering((id) => (ownNameSql.reading.get(id) as string | undefined) ?? null),
  };
  // Facts objects remembered too: rows of one booking (most of an export) get the same one.
  const bookingOnly = remembering((id): RecordFacts => {
    const b = booking(id);
    return b ? { booking: b, payment: null, recordName: null } : NO_FACTS;
  });

  return (row) => {
    // Whole-number ids only, as the page's look-up takes them: an outside tool may have written anything.
    const bookingId = Number.isSafeInteger(row.bookingId) ? row.bookingId! : null;
    const own = Number.isSafeInteger(row.entityId) ? row.entityId : null;
    const entity = row.entity;
    if (
      own !== null &&
      (entity === 'payment' ||
        entity === 'invoice' ||
        entity === 'quote' ||
        entity === 'inquiry' ||
        entity === 'property' ||
        entity === 'unit' ||
        entity === 'equipment' ||
        entity === 'reading')
    ) {
      return {
        booking: bookingId === null ? null : booking(bookingId),
        payment: entity === 'payment' ? payment(own) : null,
        recordName: entity === 'payment' ? null : ownName[entity](own),
      };
    }
    return bookingId === null ? NO_FACTS : bookingOnly(bookingId);
  };
}
