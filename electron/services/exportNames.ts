// The names an export gives the records its rows are about: the booking by id, date,
// service and customer; the invoice by number; the payment by id, amount and method;
// and what the History grid calls a row's own record (its recordName). Each record
// is looked up once, then remembered: an export of millions of rows asks about a few
// thousand records, never once per row.
import type Database from 'better-sqlite3';
import type { Db } from '../../db/open';
import {
  bookingName, goneBookingName, invoiceName, paymentName, type BookingFacts, type PaymentFacts, type RecordNames,
} from '../../renderer/history/readable';
import type { HistoryRow } from './history';

export interface RowNames extends RecordNames {
  /** What the grid's page query names the row's own record (history.ts, RECORD_NAME), for fieldText. */
  recordName: string | null;
}

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

interface PaymentRow extends PaymentFacts { invoice: string | null }

/** A function naming each row's records, with its own statements and memory, for one export on one connection. */
export function recordNamer(db: Db): (row: HistoryRow) => RowNames {
  const sqlite: Database.Database = db.sqlite;
  const bookingSql = sqlite.prepare(`SELECT b.id, b.scheduled_start AS scheduledStart, b.service, c.name AS customer
    FROM bookings b JOIN customers c ON c.id = b.customer_id WHERE b.id = ?`);
  const invoiceSql = sqlite.prepare('SELECT number FROM invoices WHERE id = ?').pluck();
  const paymentSql = sqlite.prepare(`SELECT p.id, p.amount_cents AS amountCents, p.method, i.number AS invoice
    FROM payments p LEFT JOIN invoices i ON i.id = p.invoice_id WHERE p.id = ?`);
  const quoteSql = sqlite.prepare("SELECT number || ' ' || title FROM quotes WHERE id = ?").pluck();
  const inquirySql = sqlite.prepare('SELECT subject FROM inquiries WHERE id = ?').pluck();

  const booking = remembering((id) => {
    const b = bookingSql.get(id) as BookingFacts | undefined;
    return b ? bookingName(b) : null;
  });
  const invoice = remembering((id) => (invoiceSql.get(id) as string | undefined) ?? null);
  const payment = remembering((id) => {
    const p = paymentSql.get(id) as PaymentRow | undefined;
    return p ? { name: paymentName(p), recordName: p.invoice ? `Payment on ${p.invoice}` : null } : null;
  });
  const quote = remembering((id) => (quoteSql.get(id) as string | undefined) ?? null);
  const inquiry = remembering((id) => (inquirySql.get(id) as string | undefined) ?? null);

  return (row) => {
    let bookingText: string | null = null;
    if (row.bookingId !== null) {
      bookingText = booking(row.bookingId) ?? goneBookingName(row.bookingId, row.label);
    }
    switch (row.entity) {
      case 'invoice': {
        const number = invoice(row.entityId);
        return { booking: bookingText, own: number === null ? null : invoiceName(number), recordName: number };
      }
      case 'payment': {
        const p = payment(row.entityId);
        return { booking: bookingText, own: p?.name ?? null, recordName: p?.recordName ?? null };
      }
      case 'quote': return { booking: bookingText, own: null, recordName: quote(row.entityId) };
      case 'inquiry': return { booking: bookingText, own: null, recordName: inquiry(row.entityId) };
      default: return { booking: bookingText, own: null, recordName: null };
    }
  };
}
