// Technicians' readings: what the fieldworker fills in on their job card. A
// booking field marked "filled in by the fieldworker" (customFields.ts) has one
// value per booking, which the assigned fieldworker sets; and readings of it,
// which repeat within a visit (a thermostat setpoint before and after the work)
// and may belong to a unit at the booking's property (equipment.ts). Every
// reading is a row of its own, audited by triggers (0024): the booking's History
// shows each one, who recorded it and when, and every correction of it.
import { asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { bookings, customFieldDefinitions as defs, equipment, readings, users } from '../../db/schema';
import { change, nowIso, type ServiceContext } from './context';
import { AppError, conflict, forbidden, notFound } from './errors';
import { assertOwnBookingOrStaff, type BookingView } from './bookings';
import { readCustomFields, validateCustomFields, writeCustomFields, type CustomFieldInput } from './customFields';
import { CORRECTION_REASONS, isOneOf, reasonWords } from './reasons';
import { definedOnly } from './records';
import { equipmentName, equipmentAtBooking } from './equipment';
import { perConnection, updateById } from './statements';

export interface ReadingView {
  id: number;
  bookingId: number;
  /** The visit: its service and when it was scheduled, to tell visits apart in a unit's readings. */
  bookingService: string;
  bookingStart: string;
  definitionId: number;
  /** The field's label as it is now ("Thermostat setpoint"). */
  field: string;
  type: string;
  equipmentId: number | null;
  equipmentName: string | null;
  value: string;
  /** Tells two readings of one visit apart: "before", "after". */
  note: string | null;
  takenAt: string;
  recordedById: number | null;
  recordedBy: string | null;
  recordedAt: string;
}

const view = {
  id: readings.id,
  bookingId: readings.bookingId,
  bookingService: bookings.service,
  bookingStart: bookings.scheduledStart,
  definitionId: readings.definitionId,
  field: defs.label,
  type: defs.type,
  equipmentId: readings.equipmentId,
  equipmentName: sql<string | null>`${equipmentName}`,
  value: readings.value,
  note: readings.note,
  takenAt: readings.takenAt,
  recordedById: readings.recordedBy,
  recordedBy: users.name,
  recordedAt: readings.recordedAt,
};

function selectView(db: Db, where: SQL | undefined) {
  return db.orm
    .select(view)
    .from(readings)
    .innerJoin(bookings, eq(bookings.id, readings.bookingId))
    .innerJoin(defs, eq(defs.id, readings.definitionId))
    .leftJoin(equipment, eq(equipment.id, readings.equipmentId))
    .leftJoin(users, eq(users.id, readings.recordedBy))
    .where(where);
}

/** A booking's readings, in the order they were taken. */
export function listBookingReadings(db: Db, bookingId: number): ReadingView[] {
  return selectView(db, eq(readings.bookingId, bookingId)).orderBy(asc(readings.takenAt), asc(readings.id)).all();
}

/** A unit's readings across every visit, newest first: the warranty-dispute table. */
export function listEquipmentReadings(db: Db, equipmentId: number, limit = 500): ReadingView[] {
  return selectView(db, eq(readings.equipmentId, equipmentId)).orderBy(desc(readings.takenAt), desc(readings.id)).limit(limit).all();
}

const byId = perConnection((db) => selectView(db, eq(readings.id, sql.placeholder('id'))).prepare());
const definitionOf = perConnection((db) =>
  db.orm
    .select({ id: defs.id, entity: defs.entity, label: defs.label, fieldworkerFills: defs.fieldworkerFills })
    .from(defs)
    .where(eq(defs.id, sql.placeholder('id')))
    .prepare(),
);
const insert = perConnection((db) =>
  db.orm
    .insert(readings)
    .values({
      bookingId: sql.placeholder('bookingId'),
      definitionId: sql.placeholder('definitionId'),
      equipmentId: sql.placeholder('equipmentId'),
      value: sql.placeholder('value'),
      note: sql.placeholder('note'),
      takenAt: sql.placeholder('takenAt'),
      recordedBy: sql.placeholder('recordedBy'),
      recordedAt: sql.placeholder('recordedAt'),
    })
    .returning({ id: readings.id })
    .prepare(),
);

/** A booking a reading may be written on: the user's own (a fieldworker) or any (the office), live and not cancelled. */
function workableBooking(ctx: ServiceContext, bookingId: number, doing: string, field = 'bookingId'): BookingView {
  const b = assertOwnBookingOrStaff(ctx, bookingId, doing, field);
  if (b.deletedAt) throw conflict(`Booking ${bookingId} is deleted; restore it before changing it.`);
  if (b.status === 'cancelled') throw conflict(`Booking ${bookingId} is cancelled, so nothing more is read on it.`);
  return b;
}

/** A value of a field that takes readings, checked against its type (the message names the field). */
function checkedValue(db: Db, definitionId: number, value: string): void {
  const def = definitionOf(db).get({ id: definitionId });
  if (!def || def.entity !== 'booking') throw new AppError('invalid_input', `There is no booking custom field ${definitionId}.`, 'definitionId');
  if (!def.fieldworkerFills) {
    throw conflict(`${def.label} is filled in by the office, not by the fieldworker, so it takes no readings.`, 'definitionId');
  }
  try {
    validateCustomFields(db, 'booking', { [definitionId]: value });
  } catch (err) {
    if (err instanceof AppError) throw new AppError(err.code, err.message, 'value');
    throw err;
  }
}

/** A time a reading was taken: not in the future, as the clock of the one recording it says. */
function takenAtOf(ctx: ServiceContext, takenAt: string | undefined): string {
  const now = nowIso(ctx);
  if (takenAt === undefined) return now;
  const at = new Date(takenAt).toISOString();
  if (at > now) throw new AppError('invalid_input', 'A reading cannot have been taken in the future.', 'takenAt');
  return at;
}

export interface ReadingInput {
  bookingId: number;
  definitionId: number;
  value: string;
  note?: string | null;
  takenAt?: string;
  equipmentId?: number | null;
}

/** Records one reading on a booking: the assigned fieldworker on their own job, or the office on any. */
export function recordReading(ctx: ServiceContext, input: ReadingInput): ReadingView {
  return change(ctx, () => {
    workableBooking(ctx, input.bookingId, 'record readings on it');
    checkedValue(ctx.db, input.definitionId, input.value);
    if (input.equipmentId != null) equipmentAtBooking(ctx.db, input.equipmentId, input.bookingId);
    const { id } = insert(ctx.db).get({
      bookingId: input.bookingId,
      definitionId: input.definitionId,
      equipmentId: input.equipmentId ?? null,
      value: input.value,
      note: input.note ?? null,
      takenAt: takenAtOf(ctx, input.takenAt),
      recordedBy: ctx.user.id,
      recordedAt: nowIso(ctx),
    })!;
    return byId(ctx.db).get({ id })!;
  });
}

/**
 * Corrects a reading's value, note or time, with the reason in the context (a
 * reading is evidence: the History keeps what it said before, and why it changed).
 * Its field, unit and booking are what it was read from, and do not change.
 */
export function correctReading(ctx: ServiceContext, input: { id: number; value?: string; note?: string | null; takenAt?: string }): ReadingView {
  return change(ctx, () => {
    const current = byId(ctx.db).get({ id: input.id });
    if (!current) throw notFound('Reading', input.id, 'id');
    workableBooking(ctx, current.bookingId, 'correct its readings', 'id');
    if (!isOneOf(CORRECTION_REASONS, ctx.reason?.code)) {
      throw new AppError('invalid_input', `Correcting a reading needs a reason (${reasonWords(CORRECTION_REASONS).toLowerCase()}).`, 'reason');
    }
    if (input.value !== undefined) checkedValue(ctx.db, current.definitionId, input.value);
    const patch = definedOnly({ value: input.value, note: input.note, takenAt: input.takenAt && takenAtOf(ctx, input.takenAt) });
    if (Object.keys(patch).length) updateById(ctx.db, readings, input.id, patch);
    return byId(ctx.db).get({ id: input.id })!;
  });
}

/**
 * The fieldworker-filled fields of a booking, set on the job card: the assigned
 * fieldworker's own job, or the office's. Only fields marked so: the rest are the
 * office's, through the booking's edit. Tracked fields write their History rows (0006).
 */
export function fillBookingFields(ctx: ServiceContext, input: { id: number; customFields: CustomFieldInput }): Record<string, string | null> {
  return change(ctx, () => {
    workableBooking(ctx, input.id, 'fill in its fields', 'id');
    const found = validateCustomFields(ctx.db, 'booking', input.customFields);
    const office = found.find((d) => !d.fieldworkerFills);
    if (office) throw forbidden(`${office.label} is filled in by the office; only fields marked "filled in by the fieldworker" are set here.`);
    writeCustomFields(ctx.db, input.id, input.customFields);
    if (found.length) updateById(ctx.db, bookings, input.id, { updatedAt: nowIso(ctx) });
    return readCustomFields(ctx.db, 'booking', input.id);
  });
}
