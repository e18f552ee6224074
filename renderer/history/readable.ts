// How one History row reads, as plain text: the grid on screen, the export files
// and the printed reports all call these, so that the History reads alike in each.
// Pure on purpose (no React, no DOM): the core's export jobs and the CLI import it.
import { formatDate, formatMoney, humanize, isInstant } from '../format';
import { hourTemplated } from '../zonedTime';

/** The parts of a History row these functions read (the contract's HistoryRow has them all). */
export interface ReadableRow {
  at: string;
  actorId: number | null;
  actorName: string;
  entity: string;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  event: string;
  label: string | null;
  recordName?: string | null;
  origin: string | null;
}

/**
 * The field of a "created" row that carries the whole new record: its value is a
 * JSON object of the record's tracked fields, keyed as the update rows' fields are.
 */
export const WHOLE_RECORD_FIELD = '*';

const MONEY_FIELDS = new Set(['price', 'amount']);
const WORD_FIELDS = new Set(['status', 'role', 'active', 'track_changes', 'method']);

const FIELD_NAMES: Record<string, string> = {
  scheduled_start: 'Start', scheduled_end: 'End', price: 'Price', amount: 'Amount', track_changes: 'Change tracking',
};

/** A field's name as people read it: "Start", "Price", "Fieldworker". */
export const fieldLabel = (field: string) => (Object.hasOwn(FIELD_NAMES, field) ? FIELD_NAMES[field] : words(field));

/**
 * Text that costs a call into Intl (about 15 µs for a time), remembered: an export
 * of a million rows asks for the same prices, times and days again and again.
 */
function remembered(format: (value: string) => string): (value: string) => string {
  const known = new Map<string, string>();
  return (value) => {
    let text = known.get(value);
    if (text === undefined) {
      if (known.size >= 20_000) known.clear();
      text = format(value);
      known.set(value, text);
    }
    return text;
  };
}
const moneyText = remembered(formatMoney);
const words = remembered(humanize);
const dayText = remembered(formatDate);

/**
 * formatWhen(v), the same text, from a template per local hour: times in created
 * records are nearly all different, so remembering them alone left an Intl call each.
 * The formatter is format.ts's (dateTime), as formatWhen writes without seconds.
 */
const whenTemplated = hourTemplated(new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
const instantText = remembered((v) => {
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? v : whenTemplated(d);
});

/** A digit first: what an instant or a day must start with, tested before their patterns. */
const startsWithDigit = (s: string) => {
  const c = s.charCodeAt(0);
  return c >= 48 && c <= 57;
};

export function valueText(field: string | null, value: string | null): string {
  if (value === null) return '(empty)';
  if (field === WHOLE_RECORD_FIELD) return createdText(value);
  if (field && MONEY_FIELDS.has(field)) return moneyText(value);
  if (typeof value !== 'string' || startsWithDigit(value)) { // an outside tool may have stored a blob
    if (isInstant(value)) return instantText(value);
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return dayText(value);
  }
  if (field && WORD_FIELDS.has(field)) return words(value);
  return value;
}

/** JSON.parse reads an object only from text that starts with { or white space: anything else is shown as stored without a parse. */
const mayBeObject = (s: string) => {
  const c = s.charCodeAt(0);
  return c === 123 || c === 32 || c === 9 || c === 10 || c === 13;
};

/**
 * A whole new record in one line: "Status: Scheduled · Start: Jan 3, 2026, 10:00 AM ·
 * Price: $120.00". Status first, as the old created rows carried only it; references
 * (keys ending in _ref) are ids the names beside them already say; empty fields are left out.
 */
function createdText(json: string): string {
  if (typeof json === 'string' && !mayBeObject(json)) return json;
  let record: unknown;
  try {
    record = JSON.parse(json);
  } catch {
    return json; // not ours to interpret: shown as stored
  }
  if (!record || typeof record !== 'object' || Array.isArray(record)) return json;
  // One pass in the record's own key order (an export reads hundreds of thousands of these), status put first.
  let status = '';
  let rest = '';
  for (const [key, v] of Object.entries(record as Record<string, unknown>)) {
    if (key.endsWith('_ref') || v === null || v === undefined || v === '') continue;
    const text = `${fieldLabel(key)}: ${valueText(key, typeof v === 'string' ? v : JSON.stringify(v))}`;
    if (key === 'status') status = text;
    else rest = rest ? `${rest} · ${text}` : text;
  }
  return status && rest ? `${status} · ${rest}` : status || rest;
}

/** The event as the grid names it: "Created", "Rescheduled", "Payment received". */
export const eventText = (r: Pick<ReadableRow, 'event'>) => words(r.event);

const KINDS: Record<string, string> = { user_action: 'User action', financial: 'Financial', data_edit: 'Data edit' };

/** A row's kind (its category) in words: "User action", "Financial", "Data edit". */
export const kindText = (category: string) => KINDS[category] ?? words(category);

/**
 * A row's own subject when it is a record inside the booking or customer the row
 * belongs to: the invoice or payment by number, the quote by number and title.
 */
function subRecord(r: Pick<ReadableRow, 'entity' | 'recordName'>): string | null {
  switch (r.entity) {
    case 'invoice': case 'payment': return r.recordName ?? humanize(r.entity);
    case 'quote': return `Quote ${r.recordName ?? ''}`.trim();
    case 'inquiry': return 'Inquiry';
    case 'note': return 'Note';
    default: return null;
  }
}

/** What changed, in words: "Start", "INV-0007: Status", "Payment on INV-0007: Amount", "Note". */
export function fieldText(r: Pick<ReadableRow, 'field' | 'entity' | 'recordName'>): string {
  const whole = r.field === null || r.field === WHOLE_RECORD_FIELD || r.entity === 'note';
  return [subRecord(r), whole ? '' : fieldLabel(r.field!)].filter(Boolean).join(': ');
}

/** The booking, customer, user or setting a row belongs to, by name as it was. */
export function recordText(r: Pick<ReadableRow, 'entity' | 'label'>): string {
  if (r.entity === 'user') return `User ${r.label ?? ''}`.trim();
  if (r.entity === 'custom_field') return r.label ? humanize(r.label) : 'Custom field';
  return r.label ?? '(record no longer exists)';
}

/** What names a booking beyond its History: the record as it is now. */
export interface BookingFacts { id: number; scheduledStart: string; service: string; customer: string }

/** "Booking #1951 · Jan 3, 2026 · Furnace tune-up · Olive Harbor": bookings have no number but their id. */
export const bookingName = (b: BookingFacts) => `Booking #${b.id} · ${dayText(b.scheduledStart)} · ${b.service} · ${b.customer}`;

/** A booking no longer in its table (purged): its id, and its name as the row recorded it. */
export const goneBookingName = (id: number, label: string | null) => [`Booking #${id}`, label].filter(Boolean).join(' · ');

export const invoiceName = (number: string) => `Invoice ${number}`;

export interface PaymentFacts { id: number; amountCents: number; method: string }

/** "Payment #12 · $120.00 · Card": payments have no number but their id. */
export const paymentName = (p: PaymentFacts) => `Payment #${p.id} · ${moneyText(String(p.amountCents))} · ${humanize(p.method)}`;

/** What names a row's record in an export or a report, looked up by the caller once per record. */
export interface RecordNames {
  /** The booking the row belongs to (bookingName, or goneBookingName); null when it belongs to none. */
  booking: string | null;
  /** The row's own record when it is an invoice or a payment (invoiceName, paymentName). */
  own: string | null;
}

/**
 * The record a row is about, named so that it can be found without JobTrail:
 * "Payment #12 · $120.00 · Card — Booking #1951 · Jan 3, 2026 · Furnace tune-up · Olive Harbor".
 */
export function recordFullText(r: Pick<ReadableRow, 'entity' | 'label'>, names: RecordNames): string {
  const whose = names.booking ?? recordText(r);
  return names.own ? `${names.own} — ${whose}` : whose;
}

/**
 * Deleted, restored, password changed: events about the whole record, with no
 * before and after to show. (A created row with every field is not one of them:
 * its After lists the fields.)
 */
export const wholeRecordEvent = (r: Pick<ReadableRow, 'field' | 'oldValue' | 'newValue'>) =>
  r.oldValue === null && r.newValue === null && (r.field === null || r.field === 'password');

/** The Before cell as read: nothing for an event about the whole record, or before a record existed. */
export function beforeText(r: Pick<ReadableRow, 'field' | 'oldValue' | 'newValue'>): string {
  if (wholeRecordEvent(r) || (r.field === WHOLE_RECORD_FIELD && r.oldValue === null)) return '';
  return valueText(r.field, r.oldValue);
}

/** The After cell as read: nothing for an event about the whole record. */
export const afterText = (r: Pick<ReadableRow, 'field' | 'oldValue' | 'newValue'>) =>
  (wholeRecordEvent(r) ? '' : valueText(r.field, r.newValue));

/**
 * Written by something other than JobTrail: sealed as such, or (not sealed yet,
 * until the app's next change) with no actor.
 */
export const madeOutside = (r: Pick<ReadableRow, 'origin' | 'actorId'>) => r.origin === 'outside' || r.actorId === null;

