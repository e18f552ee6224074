// The booking as it was when booked, read from its own History rows. Stands in for
// electron/services/asItWas.ts (being written beside this): swap the body for that
// service's rebuild as of the "created" row once it exists; the report's shape stays.
import type { BookingAsBooked, ReportHistoryRow } from './types';

/** The booking fields its audit rows name (migration 0003), in the order a page lists them. */
export const BOOKING_FIELDS = ['status', 'service', 'customer', 'address', 'scheduled_start', 'scheduled_end', 'fieldworker', 'price', 'quote'];

/** A "created" row that carries every tracked field holds them as a JSON object in new_value, under field '*'. */
const WHOLE_RECORD = '*';

/**
 * Each field's first value: from the "created" row when it carries it, else the
 * value the field's first later change replaced. A field in neither was never
 * changed and is not in the created row: the log does not say it, so it is
 * listed as unknown rather than taken from the record as it is now.
 */
export function bookingAsBooked(bookingId: number, history: readonly ReportHistoryRow[]): BookingAsBooked | null {
  const own = history.filter((r) => r.entity === 'booking' && r.entityId === bookingId);
  const created = own.filter((r) => r.event === 'created');
  if (created.length === 0) return null;
  const fields: Record<string, string | null> = {};
  for (const r of created) {
    if (r.field === WHOLE_RECORD && r.newValue) Object.assign(fields, parseRecord(r.newValue));
    else if (r.field) fields[r.field] = r.newValue;
  }
  const createdIds = new Set(created.map((r) => r.id));
  for (const r of own) {
    if (createdIds.has(r.id) || !r.field || r.field === WHOLE_RECORD || Object.hasOwn(fields, r.field)) continue;
    fields[r.field] = r.oldValue;
  }
  return {
    at: created[0].at,
    actorName: created[0].actorName,
    fields,
    unknown: BOOKING_FIELDS.filter((f) => !Object.hasOwn(fields, f)),
  };
}

function parseRecord(json: string): Record<string, string | null> {
  try {
    const o = JSON.parse(json) as unknown;
    if (!o || typeof o !== 'object' || Array.isArray(o)) return {};
    return Object.fromEntries(
      Object.entries(o as Record<string, unknown>).map(([k, v]) => [k, v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v)]),
    );
  } catch {
    return {};
  }
}
