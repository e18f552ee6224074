// What names the records a page of History rows is about: each row's booking (its
// number, service, day and customer), a payment's number, amount, method and
// invoice, an invoice's number, a quote's number and title, an inquiry's subject,
// a property's name, a unit's name and its property's, a piece of equipment's, a reading's field and unit.
// Read when the History is read, never stored: rows are sealed as they were written,
// and the names are the records' as they are now. One statement a page, each of its
// parts a walk of a primary key over the page's distinct ids, whatever the page holds.
import type { Db } from '../../db/open';
import type { BookingFacts, PaymentFacts } from '../../renderer/history/readable';
import type { HistoryPageRow } from './history';
import { cachedStatement } from './statements';

/** A unit as its readings' rows name it (0024): "Furnace Carrier 59SC5". */
const UNIT_NAME = "e.kind || coalesce(' ' || e.make_model, '')";

// The ids come as JSON arrays: one statement for any page, whatever number of ids it holds.
const FACTS_SQL = `
  SELECT 'booking' AS kind, b.id, b.scheduled_start AS at, b.service AS text, c.name AS other, NULL AS cents
    FROM bookings b JOIN customers c ON c.id = b.customer_id WHERE b.id IN (SELECT value FROM json_each(@bookings))
  UNION ALL
  SELECT 'payment', p.id, NULL, p.method, i.number, p.amount_cents
    FROM payments p LEFT JOIN invoices i ON i.id = p.invoice_id WHERE p.id IN (SELECT value FROM json_each(@payments))
  UNION ALL
  SELECT 'invoice', id, NULL, number, NULL, NULL FROM invoices WHERE id IN (SELECT value FROM json_each(@invoices))
  UNION ALL
  SELECT 'quote', id, NULL, number || ' ' || title, NULL, NULL FROM quotes WHERE id IN (SELECT value FROM json_each(@quotes))
  UNION ALL
  SELECT 'inquiry', id, NULL, subject, NULL, NULL FROM inquiries WHERE id IN (SELECT value FROM json_each(@inquiries))
  UNION ALL
  SELECT 'property', id, NULL, name, NULL, NULL FROM properties WHERE id IN (SELECT value FROM json_each(@properties))
  UNION ALL
  SELECT 'unit', u.id, NULL, u.name || ' · ' || p.name, NULL, NULL
    FROM property_units u JOIN properties p ON p.id = u.property_id WHERE u.id IN (SELECT value FROM json_each(@units))
  UNION ALL
  SELECT 'equipment', id, NULL, ${UNIT_NAME}, NULL, NULL FROM equipment e WHERE id IN (SELECT value FROM json_each(@equipment))
  UNION ALL
  SELECT 'reading', r.id, NULL, d.label || coalesce(' (' || r.note || ')', '') || coalesce(' · ' || ${UNIT_NAME}, ''), NULL, NULL
    FROM readings r JOIN custom_field_definitions d ON d.id = r.definition_id LEFT JOIN equipment e ON e.id = r.equipment_id
    WHERE r.id IN (SELECT value FROM json_each(@readings))`;

interface FactRow {
  kind: string;
  id: number;
  at: string | null;
  text: string;
  other: string | null;
  cents: number | null;
}

/** Entities named by a record of their own (the rest by the row's booking or label alone). */
const OWN = ['payment', 'invoice', 'quote', 'inquiry', 'property', 'unit', 'equipment', 'reading'] as const;
type Own = (typeof OWN)[number];
const isOwn = (entity: string): entity is Own => (OWN as readonly string[]).includes(entity);

/** Whole-number ids only: an outside tool may have written anything into a row, which then names nothing. */
const isId = (v: unknown): v is number => Number.isSafeInteger(v);

/** Fills in the rows' records' facts (RecordFacts); rows about one booking or payment share its one object. */
export function nameRecords(db: Db, rows: HistoryPageRow[]): void {
  const wanted: Record<'booking' | Own, Set<number>> = {
    booking: new Set(),
    payment: new Set(),
    invoice: new Set(),
    quote: new Set(),
    inquiry: new Set(),
    property: new Set(),
    unit: new Set(),
    equipment: new Set(),
    reading: new Set(),
  };
  for (const r of rows) {
    if (isId(r.bookingId)) wanted.booking.add(r.bookingId);
    if (isOwn(r.entity) && isId(r.entityId)) wanted[r.entity].add(r.entityId);
  }
  const bookings = new Map<number, BookingFacts>();
  const payments = new Map<number, PaymentFacts>();
  const names: Record<Exclude<Own, 'payment'>, Map<number, string>> = {
    invoice: new Map(),
    quote: new Map(),
    inquiry: new Map(),
    property: new Map(),
    unit: new Map(),
    equipment: new Map(),
    reading: new Map(),
  };
  if (Object.values(wanted).some((ids) => ids.size > 0)) {
    const ids = (k: keyof typeof wanted) => JSON.stringify([...wanted[k]]);
    const found = cachedStatement(db.sqlite, FACTS_SQL).all({
      bookings: ids('booking'),
      payments: ids('payment'),
      invoices: ids('invoice'),
      quotes: ids('quote'),
      inquiries: ids('inquiry'),
      properties: ids('property'),
      units: ids('unit'),
      equipment: ids('equipment'),
      readings: ids('reading'),
    }) as FactRow[];
    for (const f of found) {
      if (f.kind === 'booking') bookings.set(f.id, { id: f.id, scheduledStart: f.at!, service: f.text, customer: f.other! });
      else if (f.kind === 'payment') payments.set(f.id, { id: f.id, amountCents: f.cents!, method: f.text, invoice: f.other });
      else names[f.kind as Exclude<Own, 'payment'>].set(f.id, f.text);
    }
  }
  for (const r of rows) {
    const own = isId(r.entityId) && isOwn(r.entity) ? r.entityId : null;
    r.booking = isId(r.bookingId) ? (bookings.get(r.bookingId) ?? null) : null;
    r.payment = own !== null && r.entity === 'payment' ? (payments.get(own) ?? null) : null;
    r.recordName = own !== null && r.entity !== 'payment' ? (names[r.entity as Exclude<Own, 'payment'>].get(own) ?? null) : null;
  }
}
