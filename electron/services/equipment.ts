// Equipment at a property: the furnace, the heat pump, the thermostat a
// technician reads at each visit. Its fields (kind, make and model, serial number,
// installed on, warranty until) are audited by triggers (0024), and its readings
// (readings.ts) run across every booking at the property: the unit's History is
// what a warranty dispute is settled with.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { bookings, customers, equipment, properties } from '../../db/schema';
import { change, nowIso, type ServiceContext } from './context';
import { AppError, notFound } from './errors';
import { definedOnly } from './records';
import { perConnection, updateById } from './statements';

export interface EquipmentFields {
  kind: string;
  makeModel?: string | null;
  serialNumber?: string | null;
  /** Days, YYYY-MM-DD, as on the warranty card. */
  installedOn?: string | null;
  warrantyUntil?: string | null;
}

export interface EquipmentView {
  id: number;
  propertyId: number;
  propertyName: string;
  propertyAddress: string;
  customerId: number;
  customerName: string;
  kind: string;
  makeModel: string | null;
  serialNumber: string | null;
  installedOn: string | null;
  warrantyUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

/** How a unit is named wherever it is listed: "Furnace Carrier 59SC5", as its readings' History rows name it (0024). */
export const equipmentName = sql<string>`${equipment.kind} || coalesce(' ' || ${equipment.makeModel}, '')`;

const view = {
  id: equipment.id,
  propertyId: equipment.propertyId,
  propertyName: properties.name,
  propertyAddress: properties.address,
  customerId: properties.customerId,
  customerName: customers.name,
  kind: equipment.kind,
  makeModel: equipment.makeModel,
  serialNumber: equipment.serialNumber,
  installedOn: equipment.installedOn,
  warrantyUntil: equipment.warrantyUntil,
  createdAt: equipment.createdAt,
  updatedAt: equipment.updatedAt,
};

function selectView(db: Db) {
  return db.orm
    .select(view)
    .from(equipment)
    .innerJoin(properties, eq(properties.id, equipment.propertyId))
    .innerJoin(customers, eq(customers.id, properties.customerId));
}

const byId = perConnection((db) =>
  selectView(db)
    .where(eq(equipment.id, sql.placeholder('id')))
    .prepare(),
);

export function getEquipment(db: Db, id: number, field = 'id'): EquipmentView {
  const e = byId(db).get({ id });
  if (!e) throw notFound('Equipment', id, field);
  return e;
}

/** A property's equipment, by kind. */
export function listPropertyEquipment(db: Db, propertyId: number): EquipmentView[] {
  return selectView(db)
    .where(eq(equipment.propertyId, propertyId))
    .orderBy(sql`${equipment.kind} COLLATE NOCASE`, asc(equipment.id))
    .all();
}

/** The equipment at a booking's property: what its readings may be read from. None when the booking has no property. */
export function listBookingEquipment(db: Db, bookingId: number): EquipmentView[] {
  return selectView(db)
    .innerJoin(bookings, eq(bookings.propertyId, equipment.propertyId))
    .where(eq(bookings.id, bookingId))
    .orderBy(sql`${equipment.kind} COLLATE NOCASE`, asc(equipment.id))
    .all();
}

const atBooking = perConnection((db) =>
  db.orm
    .select({ id: equipment.id })
    .from(equipment)
    .innerJoin(bookings, eq(bookings.propertyId, equipment.propertyId))
    .where(and(eq(equipment.id, sql.placeholder('equipmentId')), eq(bookings.id, sql.placeholder('bookingId'))))
    .prepare(),
);

/** A reading's unit must be at the property of the booking it is read at. */
export function equipmentAtBooking(db: Db, equipmentId: number, bookingId: number): void {
  getEquipment(db, equipmentId, 'equipmentId');
  if (!atBooking(db).get({ equipmentId, bookingId })) {
    throw new AppError('invalid_input', `Equipment ${equipmentId} is not at the property of booking ${bookingId}.`, 'equipmentId');
  }
}

function assertDates(f: { installedOn?: string | null; warrantyUntil?: string | null }): void {
  if (f.installedOn && f.warrantyUntil && f.warrantyUntil < f.installedOn) {
    throw new AppError('invalid_input', 'The warranty cannot end before the unit was installed.', 'warrantyUntil');
  }
}

const liveProperty = perConnection((db) =>
  db.orm
    .select({ id: properties.id })
    .from(properties)
    .where(and(eq(properties.id, sql.placeholder('id')), isNull(properties.deletedAt)))
    .prepare(),
);

const insert = perConnection((db) =>
  db.orm
    .insert(equipment)
    .values({
      propertyId: sql.placeholder('propertyId'),
      kind: sql.placeholder('kind'),
      makeModel: sql.placeholder('makeModel'),
      serialNumber: sql.placeholder('serialNumber'),
      installedOn: sql.placeholder('installedOn'),
      warrantyUntil: sql.placeholder('warrantyUntil'),
      createdAt: sql.placeholder('createdAt'),
      updatedAt: sql.placeholder('updatedAt'),
    })
    .returning({ id: equipment.id })
    .prepare(),
);

export function addEquipment(ctx: ServiceContext, input: EquipmentFields & { propertyId: number }): EquipmentView {
  return change(ctx, () => {
    if (!liveProperty(ctx.db).get({ id: input.propertyId })) {
      throw notFound('Property', input.propertyId, 'propertyId');
    }
    assertDates(input);
    const now = nowIso(ctx);
    const { id } = insert(ctx.db).get({
      propertyId: input.propertyId,
      kind: input.kind,
      makeModel: input.makeModel ?? null,
      serialNumber: input.serialNumber ?? null,
      installedOn: input.installedOn ?? null,
      warrantyUntil: input.warrantyUntil ?? null,
      createdAt: now,
      updatedAt: now,
    })!;
    return getEquipment(ctx.db, id);
  });
}

/** Edits any fields at once: each changed one is a History row of its own (0024). */
export function updateEquipment(ctx: ServiceContext, input: Partial<EquipmentFields> & { id: number }): EquipmentView {
  return change(ctx, () => {
    const { id, ...fields } = input;
    const current = getEquipment(ctx.db, id);
    assertDates({
      installedOn: fields.installedOn === undefined ? current.installedOn : fields.installedOn,
      warrantyUntil: fields.warrantyUntil === undefined ? current.warrantyUntil : fields.warrantyUntil,
    });
    const patch = definedOnly(fields);
    if (Object.keys(patch).length) updateById(ctx.db, equipment, id, { ...patch, updatedAt: nowIso(ctx) });
    return getEquipment(ctx.db, id);
  });
}
