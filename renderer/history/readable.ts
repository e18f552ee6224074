// How one History row reads, as plain text: the grid on screen, the export files
// and the printed reports all call these, so that the History reads alike in each.
// Pure on purpose (no React, no DOM): the core's export jobs and the CLI import it.
import { formatDate, formatMoney, formatWhen, humanize, isInstant } from '../format';

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
export const fieldLabel = (field: string) => FIELD_NAMES[field] ?? humanize(field);

export function valueText(field: string | null, value: string | null): string {
  if (value === null) return '(empty)';
  if (field === WHOLE_RECORD_FIELD) return createdText(value);
  if (field && MONEY_FIELDS.has(field)) return formatMoney(value);
  if (isInstant(value)) return formatWhen(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  if (field && WORD_FIELDS.has(field)) return humanize(value);
  return value;
}

/**
 * A whole new record in one line: "Status: Scheduled · Start: Jan 3, 2026, 10:00 AM ·
 * Price: $120.00". Status first, as the old created rows carried only it; references
 * (keys ending in _ref) are ids the names beside them already say; empty fields are left out.
 */
function createdText(json: string): string {
  let record: unknown;
  try {
    record = JSON.parse(json);
  } catch {
    return json; // not ours to interpret: shown as stored
  }
  if (!record || typeof record !== 'object' || Array.isArray(record)) return json;
  const entries = Object.entries(record as Record<string, unknown>)
    .filter(([key, v]) => !key.endsWith('_ref') && v !== null && v !== undefined && v !== '')
    .sort(([a], [b]) => Number(b === 'status') - Number(a === 'status'));
  return entries.map(([key, v]) => `${fieldLabel(key)}: ${valueText(key, typeof v === 'string' ? v : JSON.stringify(v))}`).join(' · ');
}

/** The event as the grid names it: "Created", "Rescheduled", "Payment received". */
export const eventText = (r: Pick<ReadableRow, 'event'>) => humanize(r.event);

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

