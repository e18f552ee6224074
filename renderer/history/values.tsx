// How one History value reads: money as money, instants in local time (the UTC
// instant on hover), statuses in words, and an empty value as a visible "(empty)".
// Everything is text; nothing a value holds is ever read as HTML.
import { formatDate, formatMoney, formatWhen, humanize, isInstant, utcTitle } from '../format';
import type { HistoryRow } from '../types';

const MONEY_FIELDS = new Set(['price', 'amount']);
const WORD_FIELDS = new Set(['status', 'role', 'active', 'track_changes']);

export function valueText(field: string | null, value: string | null): string {
  if (value === null) return '(empty)';
  if (field && MONEY_FIELDS.has(field)) return formatMoney(value);
  if (isInstant(value)) return formatWhen(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  if (field && WORD_FIELDS.has(field)) return humanize(value);
  return value;
}

export function Value({ field, value }: { field: string | null; value: string | null }) {
  if (value === null) return <span className="empty-value">(empty)</span>;
  return <span title={isInstant(value) ? utcTitle(value) : value.length > 120 ? value : undefined}>{valueText(field, value)}</span>;
}

const FIELD_NAMES: Record<string, string> = {
  scheduled_start: 'Start', scheduled_end: 'End', price: 'Price', amount: 'Amount', track_changes: 'Change tracking',
};

/**
 * A row's own subject when it is a record inside the booking or customer the row
 * belongs to: the invoice or payment by number, the quote by number and title.
 */
function subRecord(r: Pick<HistoryRow, 'entity' | 'recordName'>): string | null {
  switch (r.entity) {
    case 'invoice': case 'payment': return r.recordName ?? humanize(r.entity);
    case 'quote': return `Quote ${r.recordName ?? ''}`.trim();
    case 'inquiry': return 'Inquiry';
    case 'note': return 'Note';
    default: return null;
  }
}

/** What changed, in words: "Start", "INV-0007: Status", "Payment on INV-0007: Amount", "Note". */
export function fieldText(r: Pick<HistoryRow, 'field' | 'entity' | 'recordName'>): string {
  const field = r.field === null || r.entity === 'note' ? '' : FIELD_NAMES[r.field] ?? humanize(r.field);
  return [subRecord(r), field].filter(Boolean).join(': ');
}

/** The booking, customer, user or setting a row belongs to, by name as it was. */
export function recordText(r: Pick<HistoryRow, 'entity' | 'label'>): string {
  if (r.entity === 'user') return `User ${r.label ?? ''}`.trim();
  if (r.entity === 'custom_field') return r.label ? humanize(r.label) : 'Custom field';
  return r.label ?? '(record no longer exists)';
}

/**
 * Written by something other than JobTrail: sealed as such, or (not sealed yet,
 * until the app's next change) with no actor.
 */
export const madeOutside = (r: { origin: string | null; actorId: number | null }) => r.origin === 'outside' || r.actorId === null;
