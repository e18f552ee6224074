// The demo history as a list of things people did, in the words of the services.
// Records are named by their index in the plan (customer 0, booking 17, ...), not
// by database id: the ids come into being when the events are applied.

import type { Reason } from '../../electron/services/reasons';

export type PaymentMethod = 'cash' | 'card' | 'check' | 'bank_transfer';

/** Custom field values by the plan's field index. */
export type FieldValues = Record<number, string>;

export type DemoAction =
  | { kind: 'user.create'; user: number }
  | { kind: 'field.define'; field: number }
  | { kind: 'customer.create'; customer: number; name: string; email: string | null; phone: string | null; address: string; fields: FieldValues }
  | { kind: 'customer.update'; customer: number; patch: { address?: string; phone?: string; email?: string }; fields: FieldValues }
  | { kind: 'inquiry.record'; customer: number; channel: 'phone' | 'email' | 'web'; subject: string }
  /** A customer's property (db/demo/properties.ts): their own address, or a landlord's building with its flats. */
  | { kind: 'property.create'; property: number; customer: number; name: string; address: string; units: string[] }
  | { kind: 'quote.create'; quote: number; customer: number; title: string; amountCents: number }
  | { kind: 'quote.status'; quote: number; status: 'sent' | 'accepted' | 'declined' }
  | {
      kind: 'booking.create';
      booking: number;
      customer: number;
      service: string;
      start: number;
      end: number;
      fieldworker: number | null;
      priceCents: number;
      quote: number | null;
      fields: FieldValues;
      /** Where: a property's index, and the index of one of its units or null. */
      property: number;
      unit: number | null;
    }
  | { kind: 'booking.reschedule'; booking: number; start: number; end: number; reason: Reason }
  | { kind: 'booking.assign'; booking: number; fieldworker: number }
  | { kind: 'booking.accept'; booking: number }
  | { kind: 'booking.status'; booking: number; status: 'in_progress' | 'completed' | 'no_show' }
  | { kind: 'booking.cancel'; booking: number; reason: Reason }
  /** A recorded visit time moved by `minutes` by the office, with a reason (electron/services/visitTimes.ts). */
  | { kind: 'visit.correct'; booking: number; time: 'time_in' | 'time_out'; minutes: number; reason: Reason }
  | { kind: 'booking.linkQuote'; booking: number; quote: number }
  | { kind: 'booking.fields'; booking: number; fields: FieldValues }
  | { kind: 'booking.delete'; booking: number; reason: Reason }
  | { kind: 'booking.restore'; booking: number }
  | { kind: 'note.booking'; booking: number; body: string }
  | { kind: 'note.customer'; customer: number; body: string }
  | { kind: 'invoice.create'; invoice: number; booking: number }
  | { kind: 'invoice.send'; invoice: number }
  | { kind: 'payment.add'; payment: number; invoice: number; amountCents: number; method: PaymentMethod }
  | { kind: 'payment.approve'; payment: number }
  | { kind: 'payment.refund'; payment: number }
  /** A unit at a property (db/demo/equipment.ts); `what` is its kind (a furnace, a thermostat). */
  | { kind: 'equipment.add'; equipment: number; property: number; what: string; makeModel: string; serial: string; installedOn: string; warrantyUntil: string }
  /** A reading the fieldworker took at the visit, from a unit: `takenAt` in ms since the epoch. */
  | { kind: 'reading.record'; booking: number; field: number; equipment: number; value: string; note: 'before' | 'after'; takenAt: number };

export type DemoEvent = DemoAction & {
  /** When it happened, in ms since the epoch. */
  at: number;
  /** Who did it: an index into the plan's users. */
  actor: number;
  /** The audit rows the triggers will write for it: what the progress line counts. */
  rows: number;
  /** Generation order, to keep the sort stable where two events share a millisecond. */
  seq: number;
};

export interface DemoField {
  entity: 'booking' | 'customer';
  label: string;
  type: 'text' | 'number';
  trackChanges: boolean;
  /** Filled in by the assigned fieldworker on their job card (migration 0024). */
  fieldworkerFills?: boolean;
}

/** The custom fields every demo database has, by plan index. */
export const FIELDS = {
  gateCode: 0,
  equipmentSerial: 1,
  contactTime: 2,
  internalRating: 3,
  setpoint: 4,
} as const;

export const DEMO_FIELDS: DemoField[] = [
  { entity: 'booking', label: 'Gate code', type: 'text', trackChanges: true },
  { entity: 'booking', label: 'Equipment serial', type: 'text', trackChanges: true },
  { entity: 'customer', label: 'Preferred contact time', type: 'text', trackChanges: true },
  // Kept out of the History on purpose: an office's private opinion of a customer.
  { entity: 'customer', label: 'Internal rating', type: 'number', trackChanges: false },
  // Read by the fieldworker at each HVAC visit, before and after the work (db/demo/equipment.ts).
  { entity: 'booking', label: 'Thermostat setpoint', type: 'number', trackChanges: true, fieldworkerFills: true },
];

export function trackedCount(values: FieldValues): number {
  return Object.keys(values).filter((k) => DEMO_FIELDS[Number(k)].trackChanges).length;
}
