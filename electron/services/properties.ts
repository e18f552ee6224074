// A customer's properties (sites) and their units (migration 0022). A property
// keeps its id when it changes hands, so its History (propertyHistory.ts) runs on
// across owners and tenants; its bookings stay with the customer they were for.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { customers, properties, propertyUnits } from '../../db/schema';
import { change, nowIso, type ServiceContext } from './context';
import { AppError, conflict, notFound } from './errors';
import { assertLiveCustomer } from './customers';
import { assertDeletable, assertEditable, definedOnly } from './records';
import { perConnection, updateById } from './statements';

export interface PropertyFields {
  name: string;
  address: string;
  accessNotes?: string | null;
}

export interface UnitView {
  id: number;
  propertyId: number;
  name: string;
  notes: string | null;
  deletedAt: string | null;
}

export interface PropertyView {
  id: number;
  customerId: number;
  customerName: string;
  name: string;
  address: string;
  accessNotes: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface PropertyListRow extends PropertyView {
  units: UnitView[];
  /** Bookings at it that are not deleted, whichever customer they were for. */
  bookingCount: number;
}

const view = {
  id: properties.id,
  customerId: properties.customerId,
  customerName: customers.name,
  name: properties.name,
  address: properties.address,
  accessNotes: properties.accessNotes,
  createdAt: properties.createdAt,
  updatedAt: properties.updatedAt,
  deletedAt: properties.deletedAt,
};
const unitView = {
  id: propertyUnits.id,
  propertyId: propertyUnits.propertyId,
  name: propertyUnits.name,
  notes: propertyUnits.notes,
  deletedAt: propertyUnits.deletedAt,
};

const byId = perConnection((db) =>
  db.orm
    .select(view)
    .from(properties)
    .innerJoin(customers, eq(customers.id, properties.customerId))
    .where(eq(properties.id, sql.placeholder('id')))
    .prepare(),
);
const unitById = perConnection((db) =>
  db.orm
    .select(unitView)
    .from(propertyUnits)
    .where(eq(propertyUnits.id, sql.placeholder('id')))
    .prepare(),
);
const unitsOf = perConnection((db) =>
  db.orm
    .select(unitView)
    .from(propertyUnits)
    .where(and(eq(propertyUnits.propertyId, sql.placeholder('propertyId')), isNull(propertyUnits.deletedAt)))
    .orderBy(sql`${propertyUnits.name} COLLATE NOCASE`, asc(propertyUnits.id))
    .prepare(),
);

export function findProperty(db: Db, id: number): PropertyView | undefined {
  return byId(db).get({ id });
}

export function getProperty(db: Db, id: number, field = 'id'): PropertyView & { units: UnitView[] } {
  const p = findProperty(db, id);
  if (!p) throw notFound('Property', id, field);
  return { ...p, units: unitsOf(db).all({ propertyId: id }) };
}

/** A customer's properties, theirs now (a property that changed hands is listed under its new customer), by name. */
export function listProperties(db: Db, customerId: number, deleted = false): PropertyListRow[] {
  const bookingCount = sql<number>`(SELECT count(*) FROM bookings b WHERE b.property_id = "properties"."id" AND b.deleted_at IS NULL)`;
  const rows = db.orm
    .select({ ...view, bookingCount })
    .from(properties)
    .innerJoin(customers, eq(customers.id, properties.customerId))
    .where(and(eq(properties.customerId, customerId), deleted ? sql`${properties.deletedAt} IS NOT NULL` : isNull(properties.deletedAt)))
    .orderBy(sql`${properties.name} COLLATE NOCASE`, asc(properties.id))
    .all();
  return rows.map((p) => ({ ...p, units: unitsOf(db).all({ propertyId: p.id }) }));
}

/** Throws unless the property exists and is not deleted: bookings, units and quotes may only point at live ones. */
export function assertLiveProperty(db: Db, id: number, field = 'propertyId'): PropertyView {
  const p = findProperty(db, id);
  if (!p) throw notFound('Property', id, field);
  assertEditable('Property', id, p);
  return p;
}

const insert = perConnection((db) =>
  db.orm
    .insert(properties)
    .values({
      customerId: sql.placeholder('customerId'),
      name: sql.placeholder('name'),
      address: sql.placeholder('address'),
      accessNotes: sql.placeholder('accessNotes'),
      createdAt: sql.placeholder('createdAt'),
      updatedAt: sql.placeholder('updatedAt'),
    })
    .returning({ id: properties.id })
    .prepare(),
);
const insertUnit = perConnection((db) =>
  db.orm
    .insert(propertyUnits)
    .values({
      propertyId: sql.placeholder('propertyId'),
      name: sql.placeholder('name'),
      notes: sql.placeholder('notes'),
      createdAt: sql.placeholder('createdAt'),
      updatedAt: sql.placeholder('updatedAt'),
    })
    .returning({ id: propertyUnits.id })
    .prepare(),
);

/** Unit names compare as people read them: "flat 4b" is Flat 4B. */
const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

function assertNewUnitNames(db: Db, propertyId: number, names: readonly string[], field = 'units'): void {
  const taken = unitsOf(db)
    .all({ propertyId })
    .map((u) => u.name);
  names.forEach((n, i) => {
    if (taken.some((t) => sameName(t, n)) || names.slice(0, i).some((t) => sameName(t, n))) {
      throw conflict(`The property already has a unit called "${n}".`, field);
    }
  });
}

/** Inside the caller's transaction: the property, then its units, each with its "created" row. */
export function insertProperty(ctx: ServiceContext, input: PropertyFields & { customerId: number; units?: readonly string[] }): number {
  const now = nowIso(ctx);
  const { id } = insert(ctx.db).get({
    customerId: input.customerId,
    name: input.name,
    address: input.address,
    accessNotes: input.accessNotes ?? null,
    createdAt: now,
    updatedAt: now,
  })!;
  assertNewUnitNames(ctx.db, id, input.units ?? []);
  for (const name of input.units ?? []) insertUnit(ctx.db).get({ propertyId: id, name, notes: null, createdAt: now, updatedAt: now });
  return id;
}

export function createProperty(
  ctx: ServiceContext,
  input: PropertyFields & { customerId: number; units?: readonly string[] },
): PropertyView & { units: UnitView[] } {
  return change(ctx, () => {
    assertLiveCustomer(ctx.db, input.customerId);
    return getProperty(ctx.db, insertProperty(ctx, input));
  });
}

export function updateProperty(ctx: ServiceContext, input: { id: number } & Partial<PropertyFields>): PropertyView & { units: UnitView[] } {
  const { id, ...fields } = input;
  return change(ctx, () => {
    assertEditable('Property', id, findProperty(ctx.db, id));
    const patch = definedOnly(fields);
    if (Object.keys(patch).length) updateById(ctx.db, properties, id, { ...patch, updatedAt: nowIso(ctx) });
    return getProperty(ctx.db, id);
  });
}

/**
 * A change of owner or tenant: the property, its units and its History go to the
 * other customer; bookings made for the one before stay theirs (they were for them).
 */
export function moveProperty(ctx: ServiceContext, input: { id: number; customerId: number }): PropertyView & { units: UnitView[] } {
  return change(ctx, () => {
    const p = findProperty(ctx.db, input.id);
    assertEditable('Property', input.id, p);
    assertLiveCustomer(ctx.db, input.customerId);
    if (p.customerId === input.customerId) throw conflict(`${p.name} already belongs to ${p.customerName}.`, 'customerId');
    updateById(ctx.db, properties, input.id, { customerId: input.customerId, updatedAt: nowIso(ctx) });
    return getProperty(ctx.db, input.id);
  });
}

const OPEN_STATUSES = "('quote', 'pending', 'scheduled', 'accepted', 'in_progress')";

/** Soft delete with its reason (in the context), refused while a booking at it is still to be worked; restore needs none. */
export function setPropertyDeleted(ctx: ServiceContext, input: { id: number }, deleting: boolean): PropertyView {
  return change(ctx, () => {
    const p = findProperty(ctx.db, input.id);
    assertDeletable('Property', input.id, p, deleting, ctx.reason);
    if (deleting) {
      const n = ctx.db.sqlite
        .prepare(`SELECT count(*) FROM bookings WHERE property_id = ? AND deleted_at IS NULL AND status IN ${OPEN_STATUSES}`)
        .pluck()
        .get(input.id) as number;
      if (n > 0) throw conflict(`${p.name} has ${n} open booking${n === 1 ? '' : 's'}; cancel, move or delete ${n === 1 ? 'it' : 'them'} first.`);
    } else {
      assertLiveCustomer(ctx.db, p.customerId, 'id');
    }
    updateById(ctx.db, properties, input.id, { deletedAt: deleting ? nowIso(ctx) : null, updatedAt: nowIso(ctx) });
    return findProperty(ctx.db, input.id)!;
  });
}

// ── units ──────────────────────────────────────────────────────────────────────

export function addUnit(ctx: ServiceContext, input: { propertyId: number; name: string; notes?: string | null }): UnitView {
  return change(ctx, () => {
    assertLiveProperty(ctx.db, input.propertyId);
    assertNewUnitNames(ctx.db, input.propertyId, [input.name], 'name');
    const now = nowIso(ctx);
    const { id } = insertUnit(ctx.db).get({ propertyId: input.propertyId, name: input.name, notes: input.notes ?? null, createdAt: now, updatedAt: now })!;
    return unitById(ctx.db).get({ id })!;
  });
}

export function updateUnit(ctx: ServiceContext, input: { id: number; name?: string; notes?: string | null }): UnitView {
  const { id, ...fields } = input;
  return change(ctx, () => {
    const u = unitById(ctx.db).get({ id });
    assertEditable('Unit', id, u);
    if (fields.name !== undefined && !sameName(fields.name, u.name)) assertNewUnitNames(ctx.db, u.propertyId, [fields.name], 'name');
    const patch = definedOnly(fields);
    if (Object.keys(patch).length) updateById(ctx.db, propertyUnits, id, { ...patch, updatedAt: nowIso(ctx) });
    return unitById(ctx.db).get({ id })!;
  });
}

/** A unit is deleted with a reason, and not while a booking at it is still to be worked. */
export function setUnitDeleted(ctx: ServiceContext, input: { id: number }, deleting: boolean): UnitView {
  return change(ctx, () => {
    const u = unitById(ctx.db).get({ id: input.id });
    assertDeletable('Unit', input.id, u, deleting, ctx.reason);
    if (deleting) {
      const n = ctx.db.sqlite
        .prepare(`SELECT count(*) FROM bookings WHERE unit_id = ? AND deleted_at IS NULL AND status IN ${OPEN_STATUSES}`)
        .pluck()
        .get(input.id) as number;
      if (n > 0) throw conflict(`${u.name} has ${n} open booking${n === 1 ? '' : 's'}; finish or move ${n === 1 ? 'it' : 'them'} first.`);
    } else if (
      unitsOf(ctx.db)
        .all({ propertyId: u.propertyId })
        .some((t) => sameName(t.name, u.name))
    ) {
      throw conflict(`The property has another unit called "${u.name}" now; rename that one first.`);
    }
    updateById(ctx.db, propertyUnits, input.id, { deletedAt: deleting ? nowIso(ctx) : null, updatedAt: nowIso(ctx) });
    return unitById(ctx.db).get({ id: input.id })!;
  });
}

// ── where a booking happens ────────────────────────────────────────────────────

export interface Place {
  propertyId: number;
  unitId: number | null;
  address: string;
}

/** Checks a unit named for a booking or a quote: live, and of that property. */
export function assertUnitOf(db: Db, unitId: number | null | undefined, propertyId: number): void {
  if (unitId === null || unitId === undefined) return;
  const u = unitById(db).get({ id: unitId });
  if (!u) throw notFound('Unit', unitId, 'unitId');
  if (u.deletedAt) throw conflict(`Unit ${u.name} is deleted; restore it before booking work there.`, 'unitId');
  if (u.propertyId !== propertyId) throw new AppError('invalid_input', `Unit ${u.name} is not at property ${propertyId}.`, 'unitId');
}

/** Checks a property named for a customer's booking or quote: live, and theirs. */
export function assertPropertyOf(db: Db, propertyId: number, customerId: number): PropertyView {
  const p = assertLiveProperty(db, propertyId);
  if (p.customerId !== customerId) {
    throw new AppError('invalid_input', `${p.name} belongs to ${p.customerName}, not to this booking's customer.`, 'propertyId');
  }
  return p;
}

const byAddress = perConnection((db) =>
  db.orm
    .select({ id: properties.id })
    .from(properties)
    .where(
      and(
        eq(properties.customerId, sql.placeholder('customerId')),
        isNull(properties.deletedAt),
        sql`lower(trim(${properties.address})) = lower(trim(${sql.placeholder('address')}))`,
      ),
    )
    .orderBy(asc(properties.id))
    .limit(1)
    .prepare(),
);
const firstOf = perConnection((db) =>
  db.orm
    .select({ id: properties.id, address: properties.address })
    .from(properties)
    .where(and(eq(properties.customerId, sql.placeholder('customerId')), isNull(properties.deletedAt)))
    .orderBy(asc(properties.id))
    .limit(1)
    .prepare(),
);

/** The first line of an address ("12 Harbour St"): a new property's name until someone names it. */
export const firstLine = (address: string) => address.split(',')[0].trim() || address.trim();

/**
 * Where a new booking happens, inside its transaction. A property named is checked
 * (the customer's, live; the unit its own) and gives the address unless one is
 * typed. Without one (the import, the contract called directly; the window always
 * names one): the customer's property at the address typed, else at their own
 * address, as bookings were before properties; a new address becomes a new
 * property of theirs. A customer with no address on file: their first property.
 */
export function placeBooking(
  ctx: ServiceContext,
  input: {
    customerId: number;
    propertyId?: number | null;
    unitId?: number | null;
    address?: string | null;
    customerAddress: string | null;
  },
): Place {
  if (input.propertyId) {
    const p = assertPropertyOf(ctx.db, input.propertyId, input.customerId);
    assertUnitOf(ctx.db, input.unitId, p.id);
    return { propertyId: p.id, unitId: input.unitId ?? null, address: input.address ?? p.address };
  }
  if (input.unitId) throw new AppError('invalid_input', 'A unit needs its property.', 'propertyId');
  const address = input.address ?? input.customerAddress;
  if (!address) {
    const first = firstOf(ctx.db).get({ customerId: input.customerId });
    if (first) return { propertyId: first.id, unitId: null, address: first.address };
  }
  if (!address) throw new AppError('invalid_input', 'The booking needs an address, and the customer has none on file.', 'address');
  const found = byAddress(ctx.db).get({ customerId: input.customerId, address });
  if (found) return { propertyId: found.id, unitId: null, address };
  return { propertyId: insertProperty(ctx, { customerId: input.customerId, name: firstLine(address), address }), unitId: null, address };
}
