// How one History row reads, as plain text: the grid on screen, the export files
// and the printed reports all call these, so that the History reads alike in each.
// Pure on purpose (no React, no DOM): the core's export jobs and the CLI import it.
import { dateFormat, formatDate, formatMoney, formatsVersion, humanize, isInstant, perFormats } from '../format';
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
  /** Why the change was made, as recorded with it (migration 0016): "Asked by the customer: running late". */
  reason?: string | null;
  origin: string | null;
  /** Its values, label and reason were removed by an erasure (electron/services/erasure.ts): they read as ERASED, not as empty. */
  erased?: 0 | 1 | boolean;
}

/** What an erased value reads as, wherever the History is shown, exported or printed. */
export const ERASED = '(erased)';

/**
 * The field of a "created" row that carries the whole new record: its value is a
 * JSON object of the record's tracked fields, keyed as the update rows' fields are.
 */
export const WHOLE_RECORD_FIELD = '*';

const MONEY_FIELDS = new Set(['price', 'amount']);
const WORD_FIELDS = new Set(['status', 'role', 'active', 'track_changes', 'method', 'channel', 'fieldworker_fills']);

const FIELD_NAMES: Record<string, string> = {
  scheduled_start: 'Start',
  scheduled_end: 'End',
  price: 'Price',
  amount: 'Amount',
  track_changes: 'Change tracking',
  time_in: 'Time-in',
  time_out: 'Time-out',
  // A quote's answer (migration 0022): how the customer gave it, who did, when.
  channel: 'Answered by',
  decided_by: 'Answer from',
  decided_at: 'Answered on',
  // Readings and equipment (migration 0024).
  fieldworker_fills: 'Filled in by the fieldworker',
  make_model: 'Make and model',
  taken_at: 'Taken at',
};

/** A field's name as people read it: "Start", "Price", "Fieldworker". */
export const fieldLabel = (field: string) => (Object.hasOwn(FIELD_NAMES, field) ? FIELD_NAMES[field] : words(field));

/**
 * Text that costs a call into Intl (about 15 µs for a time), remembered: an export
 * of a million rows asks for the same prices, times and days again and again.
 */
function remembered(format: (value: string) => string): (value: string) => string {
  const known = new Map<string, string>();
  let formats = formatsVersion();
  return (value) => {
    if (formats !== formatsVersion()) {
      known.clear(); // the office's locale or currency changed: the texts remembered are in the old ones
      formats = formatsVersion();
    }
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
const whenTemplated = perFormats(() => hourTemplated(dateFormat({ dateStyle: 'medium', timeStyle: 'short' })));
const instantText = remembered((v) => {
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? v : whenTemplated()(d);
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
  if (typeof value !== 'string' || startsWithDigit(value)) {
    // an outside tool may have stored a blob
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

/**
 * A payment's first row said "payment received (card)" until payments were logged
 * pending and approved apart: it was written when the payment was logged, received
 * or not, so it reads as what it was.
 */
const LOGGED_PAYMENT = /^payment received \(/;

/** A stored event under the name it has now: "payment received (card)" is "payment logged (card)". */
export const currentEvent = (event: string) => (LOGGED_PAYMENT.test(event) ? event.replace(LOGGED_PAYMENT, 'payment logged (') : event);

/** The event as the grid names it: "Created", "Rescheduled", "Payment logged (card)", "Payment approved". */
export const eventText = (r: Pick<ReadableRow, 'event'>) => words(currentEvent(r.event));

/** The reason recorded with the change, or nothing: "Customer cancelled: storm warning". */
export const reasonText = (r: Pick<ReadableRow, 'reason'>) => r.reason ?? '';

const KINDS: Record<string, string> = { user_action: 'User action', financial: 'Financial', data_edit: 'Data edit' };

/** A row's kind (its category) in words: "User action", "Financial", "Data edit". */
export const kindText = (category: string) => KINDS[category] ?? words(category);

/** What names a booking beyond its History: the record as it is now. */
export interface BookingFacts {
  id: number;
  scheduledStart: string;
  service: string;
  customer: string;
}

/** What names a payment: its number (the id), amount and method, and the invoice it pays, as they are now. */
export interface PaymentFacts {
  id: number;
  amountCents: number;
  method: string;
  invoice: string | null;
}

/**
 * The records a History row is about, looked up when the History is read (never
 * stored: rows are sealed as written), so they are named as they are now: a
 * booking moved since reads with its new day.
 */
export interface RecordFacts {
  /** The booking the row belongs to; null when it belongs to none, or the booking is gone (purged). */
  booking: BookingFacts | null;
  /** A payment row's payment; null for other rows, or when it is gone. */
  payment: PaymentFacts | null;
  /** An invoice row's number, a quote's number and title, an inquiry's subject, a property's name, a unit's and its property's. */
  recordName: string | null;
}

export const NO_FACTS: RecordFacts = { booking: null, payment: null, recordName: null };

const bookingDay = perFormats(() => dateFormat({ weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' }));
const bookingDayText = remembered((v) => {
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? v : bookingDay().format(d);
});

/**
 * "Booking #1951 · Furnace repair · Tue, Dec 15, 2026 · John King": bookings have no
 * number but their id; the day (with its weekday, as the office says it) and the
 * service tell two bookings of one customer apart at a glance.
 */
export const bookingName = (b: BookingFacts) => `Booking #${b.id} · ${b.service} · ${bookingDayText(b.scheduledStart)} · ${b.customer}`;

/** A booking no longer in its table (purged): its id, and its name as the row recorded it. */
export const goneBookingName = (id: unknown, label: string | null) => [`Booking #${String(id)}`, label].filter(Boolean).join(' · ');

export const invoiceName = (number: string) => `Invoice ${number}`;

/** "Payment #37 · $110.00 cash · INV-001458": which of several payments on one invoice. */
export function paymentName(p: PaymentFacts): string {
  const paid = `Payment #${p.id} · ${moneyText(String(p.amountCents))} ${words(p.method).toLowerCase()}`;
  return p.invoice ? `${paid} · ${p.invoice}` : paid;
}

/**
 * A row's own subject when it is a record inside the booking or customer the row
 * belongs to: the invoice by number, the payment by number, amount and method, the
 * quote by number and title.
 */
function subRecord(r: Pick<ReadableRow, 'entity'> & { entityId?: unknown }, f: RecordFacts): string | null {
  switch (r.entity) {
    case 'invoice':
      return f.recordName ?? 'Invoice';
    case 'payment':
      return f.payment ? paymentName(f.payment) : r.entityId !== undefined ? `Payment #${String(r.entityId)}` : 'Payment';
    case 'quote':
      return `Quote ${f.recordName ?? ''}`.trim();
    case 'inquiry':
      return 'Inquiry';
    case 'note':
      return 'Note';
    case 'visit_time':
      return 'Visit time';
    case 'property':
      return `Property ${f.recordName ?? ''}`.trim();
    case 'unit':
      return `Unit ${f.recordName ?? ''}`.trim();
    case 'equipment':
      return `Equipment ${f.recordName ?? ''}`.trim();
    case 'reading':
      return `Reading ${f.recordName ?? ''}`.trim();
    default:
      return null;
  }
}

/** What changed, in words: "Start", "INV-0007: Status", "Payment #37 · $110.00 cash · INV-0007: Amount", "Note". */
export function fieldText(r: Pick<ReadableRow, 'field' | 'entity'> & { entityId?: unknown }, f: RecordFacts): string {
  const whole = r.field === null || r.field === WHOLE_RECORD_FIELD || r.entity === 'note';
  return [subRecord(r, f), whole ? '' : fieldLabel(r.field!)].filter(Boolean).join(': ');
}

/** The customer, user or setting a row belongs to, by name as it was (the row's label). */
export function recordText(r: Pick<ReadableRow, 'entity' | 'label' | 'erased'>): string {
  if (r.erased && r.label === null) return ERASED;
  if (r.entity === 'user') return `User ${r.label ?? ''}`.trim();
  if (r.entity === 'audit_log') return 'Audit log'; // an "archived" row: the log itself
  if (r.entity === 'custom_field') return r.label ? humanize(r.label) : 'Custom field';
  if (r.entity === 'setting') return 'Settings'; // an office setting (the retention period): the field names which
  if (r.entity === 'database') return 'The database'; // restored from a backup
  return r.label ?? '(record no longer exists)';
}

/**
 * The booking, customer, user or setting a row belongs to: a booking by number,
 * service, day and customer (bookingName); the rest by name as the row recorded it.
 */
export function recordCellText(r: Pick<ReadableRow, 'entity' | 'label' | 'erased'> & { bookingId: unknown }, f: RecordFacts): string {
  if (f.booking) return bookingName(f.booking);
  if (r.bookingId !== null && r.bookingId !== undefined) return goneBookingName(r.bookingId, r.label);
  return recordText(r);
}

/**
 * The record a row is about, named so that it can be found without JobTrail (an
 * export's Record): "Payment #12 · $120.00 card · INV-0007 — Booking #1951 · …".
 */
export function recordFullText(r: Pick<ReadableRow, 'entity' | 'label' | 'erased'> & { bookingId: unknown; entityId?: unknown }, f: RecordFacts): string {
  const whose = recordCellText(r, f);
  const own =
    r.entity === 'invoice'
      ? f.recordName === null
        ? null
        : invoiceName(f.recordName)
      : r.entity === 'payment' && f.payment
        ? paymentName(f.payment)
        : (r.entity === 'property' || r.entity === 'unit' || r.entity === 'equipment' || r.entity === 'reading') && f.recordName !== null
          ? subRecord(r, f)
          : null;
  return own ? `${own} — ${whose}` : whose;
}

/** What one event's rows share: one action's rows about one record (a reschedule writes its start and its end). */
export interface EventKeyParts {
  id: number;
  action: number | null;
  entity: string;
  entityId: number;
}

/** The event a row belongs to; a row written outside JobTrail (no action) is an event of its own. */
export const eventKey = (r: EventKeyParts) => `${r.action ?? -r.id}:${r.entity}:${r.entityId}`;

/** How many events some rows hold: what the History counts as changes, however many fields each one wrote. */
export function countEvents(rows: readonly EventKeyParts[]): number {
  const keys = new Set<string>();
  for (const r of rows) keys.add(eventKey(r));
  return keys.size;
}

/**
 * Deleted, restored, password changed: events about the whole record, with no
 * before and after to show. (A created row with every field is not one of them:
 * its After lists the fields.)
 */
export const wholeRecordEvent = (r: Pick<ReadableRow, 'field' | 'oldValue' | 'newValue'>) =>
  r.oldValue === null && r.newValue === null && (r.field === null || r.field === 'password');

/** The Before cell as read: nothing for an event about the whole record, or before a record existed. */
export function beforeText(r: Pick<ReadableRow, 'field' | 'oldValue' | 'newValue' | 'erased'>): string {
  // An erased "created" row had no before either; any other erased row about a field had one.
  if (r.erased) return r.field === null || r.field === WHOLE_RECORD_FIELD ? '' : ERASED;
  if (wholeRecordEvent(r) || (r.field === WHOLE_RECORD_FIELD && r.oldValue === null)) return '';
  return valueText(r.field, r.oldValue);
}

/** The After cell as read: nothing for an event about the whole record. */
export const afterText = (r: Pick<ReadableRow, 'field' | 'oldValue' | 'newValue' | 'erased'>) =>
  r.erased ? (r.field === null ? '' : ERASED) : wholeRecordEvent(r) ? '' : valueText(r.field, r.newValue);

/**
 * Written by something other than JobTrail: sealed as such, or (not sealed yet,
 * until the app's next change) with no actor.
 */
export const madeOutside = (r: Pick<ReadableRow, 'origin' | 'actorId'>) => r.origin === 'outside' || (r.origin !== 'app' && r.actorId === null);
