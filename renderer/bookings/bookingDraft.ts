// A booking as a form holds it (local times, money as typed), and the way back
// to what the contract takes. Shared by New booking and the job card's Details.
import { FormError } from '../api/useApi';
import { changedValues, formValues } from '../components/CustomFieldInput';
import { fromLocalInput, moneyInput, parseMoney, toLocalInput } from '../format';
import type { Booking } from '../types';

export const BOOKING_STATUSES = ['quote', 'pending', 'scheduled', 'accepted', 'in_progress', 'completed', 'cancelled', 'no_show'] as const;

export interface BookingDraft {
  service: string;
  address: string;
  start: string; // <input type="datetime-local"> values
  end: string;
  fieldworkerId: string; // '' for unassigned
  price: string;
  status: Booking['status'];
  quoteId: string; // '' for none
  customFields: Record<string, string>;
}

export function draftOf(b: Booking): BookingDraft {
  return {
    service: b.service,
    address: b.address,
    start: toLocalInput(b.scheduledStart),
    end: toLocalInput(b.scheduledEnd),
    fieldworkerId: b.fieldworkerId === null ? '' : String(b.fieldworkerId),
    price: b.priceCents === null ? '' : moneyInput(b.priceCents),
    status: b.status,
    quoteId: b.quoteId === null ? '' : String(b.quoteId),
    customFields: formValues(b.customFields),
  };
}

/** The contract's fields for a draft, checked for what only the form can know (a half-typed time or amount). */
export function draftFields(d: BookingDraft) {
  const scheduledStart = fromLocalInput(d.start);
  const scheduledEnd = fromLocalInput(d.end);
  const priceCents = parseMoney(d.price);
  if (!d.service.trim()) throw new FormError('Say what the job is.', 'service');
  if (!scheduledStart) throw new FormError('Enter the date and time the job starts.', 'scheduledStart');
  if (!scheduledEnd) throw new FormError('Enter the date and time the job ends.', 'scheduledEnd');
  if (priceCents === null) throw new FormError('Enter the price as an amount, like 125.00.', 'priceCents');
  return {
    service: d.service.trim(),
    scheduledStart,
    scheduledEnd,
    priceCents,
    fieldworkerId: d.fieldworkerId ? Number(d.fieldworkerId) : null,
    quoteId: d.quoteId ? Number(d.quoteId) : null,
    status: d.status,
  };
}

/** Only what changed, so that saving writes one History row per changed field and nothing else. */
export function changedFields(before: Booking, d: BookingDraft) {
  const f = draftFields(d);
  const patch: Record<string, unknown> = {};
  if (f.service !== before.service) patch.service = f.service;
  if (d.address.trim() !== before.address) patch.address = d.address.trim();
  if (Date.parse(f.scheduledStart) !== Date.parse(before.scheduledStart)) patch.scheduledStart = f.scheduledStart;
  if (Date.parse(f.scheduledEnd) !== Date.parse(before.scheduledEnd)) patch.scheduledEnd = f.scheduledEnd;
  if (f.priceCents !== before.priceCents) patch.priceCents = f.priceCents;
  if (f.fieldworkerId !== before.fieldworkerId) patch.fieldworkerId = f.fieldworkerId;
  if (f.quoteId !== before.quoteId) patch.quoteId = f.quoteId;
  if (f.status !== before.status) patch.status = f.status;
  const customFields = changedValues(before.customFields, d.customFields);
  if (customFields) patch.customFields = customFields;
  return patch;
}

/**
 * A new booking's end follows its start, keeping the job's length (an hour at
 * first, else the last both were set to): one time to type where there were two.
 */
export function endFollowsStart(before: BookingDraft, after: BookingDraft, length: number): { draft: BookingDraft; length: number } {
  const start = Date.parse(after.start);
  const end = Date.parse(after.end);
  if (after.end !== before.end) return { draft: after, length: end > start ? end - start : length };
  if (after.start === before.start || Number.isNaN(start)) return { draft: after, length };
  return { draft: { ...after, end: toLocalInput(new Date(start + length).toISOString()) }, length };
}
