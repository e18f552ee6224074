// The History filters, and how they live in the address: a link can open a
// History already narrowed ("the reschedules of this booking"), and Back keeps them.
import { localDayStart } from '../format';

export type Category = 'user_action' | 'financial' | 'data_edit';

export interface HistoryFilters {
  text: string;
  category: Category | '';
  /** A user id, as text (a select's value), or OUTSIDE for changes made outside JobTrail. */
  actor: string;
  /** Local calendar days, as <input type="date"> values; `to` includes its whole day. */
  from: string;
  to: string;
  /** An exact event name, such as "rescheduled". */
  event: string;
  /** The kind of record (a row's entity): "property", "booking"…; '' for every kind. */
  record: string;
}

/** The "who" of a change no JobTrail user made (a SQLite tool, a script). */
export const OUTSIDE = 'outside';

export const NO_FILTERS: HistoryFilters = { text: '', category: '', actor: '', from: '', to: '', event: '', record: '' };

const KEYS: Record<keyof HistoryFilters, string> = {
  text: 'hq',
  category: 'hcat',
  actor: 'hactor',
  from: 'hfrom',
  to: 'hto',
  event: 'hevent',
  record: 'hrec',
};

export function filtersFromParams(params: Record<string, string>): HistoryFilters {
  const f = { ...NO_FILTERS };
  for (const [k, p] of Object.entries(KEYS) as [keyof HistoryFilters, string][]) {
    if (params[p] !== undefined) f[k] = params[p] as never;
  }
  return f;
}

/** Route parameters for filters (empty ones drop out of the address). */
export function filtersToParams(f: HistoryFilters): Record<string, string> {
  return Object.fromEntries((Object.entries(KEYS) as [keyof HistoryFilters, string][]).map(([k, p]) => [p, f[k]]));
}

export function hasFilters(f: HistoryFilters): boolean {
  return Object.values(f).some((v) => v !== '');
}

/** The filter part of a History call, as the contract wants it. */
export function filterInput(f: HistoryFilters) {
  return {
    text: f.text.trim() || undefined,
    category: f.category || undefined,
    actorId: f.actor && f.actor !== OUTSIDE ? Number(f.actor) : undefined,
    outside: f.actor === OUTSIDE || undefined,
    from: (f.from && localDayStart(f.from)) || undefined,
    to: (f.to && localDayStart(f.to, 1)) || undefined,
    event: f.event || undefined,
    entity: f.record || undefined,
  };
}

/** The kinds of record the History's rows are about, as the Record filter offers them. */
export const RECORD_KINDS: [entity: string, label: string][] = [
  ['booking', 'Bookings'],
  ['customer', 'Customers'],
  ['property', 'Properties'],
  ['unit', 'Units'],
  ['quote', 'Quotes'],
  ['invoice', 'Invoices'],
  ['payment', 'Payments'],
  ['note', 'Notes'],
  ['inquiry', 'Inquiries'],
  ['user', 'Users'],
  ['custom_field', 'Custom fields'],
  ['setting', 'Settings'],
];

export const CATEGORY_LABELS: Record<Category, string> = {
  user_action: 'User actions',
  financial: 'Financial',
  data_edit: 'Data edits',
};
