// The import's `property` and `unit` columns (bookingImport.ts): a row names the
// customer's property by its name or its address, and a unit of it by name. What
// the customer does not have yet is made, through the services (so audited like
// the window's "Add property" and "Add unit"), the first time a row names it.
import { addUnit, createProperty } from './properties';
import type { ServiceContext } from './context';

export interface ImportPlace {
  property: string | null;
  unit: string | null;
}

/** The row's place, or what is wrong with it. */
export function importPlace(property: string, unit: string): ImportPlace | string {
  if (property.length > 120) return 'the property is longer than 120 characters';
  if (unit.length > 80) return 'the unit is longer than 80 characters';
  if (unit && !property) return `the unit "${unit}" needs its property: give the property column too`;
  return { property: property || null, unit: unit || null };
}

const fold = (s: string) => s.trim().toLocaleLowerCase();

/**
 * Where each row's booking happens, inside the import's write transaction: the
 * property and unit ids, made when missing; nothing when the row names none (the
 * booking then goes where bookings.create puts it). Remembered for the import, so
 * a file of a thousand rows at one building looks it up once.
 */
export function importPlaces(ctx: ServiceContext) {
  const byCustomer = ctx.db.sqlite.prepare(`SELECT id, name, address FROM properties WHERE customer_id = ? AND deleted_at IS NULL ORDER BY id`);
  const unitsOf = ctx.db.sqlite.prepare('SELECT id, name FROM property_units WHERE property_id = ? AND deleted_at IS NULL');
  const addressOf = ctx.db.sqlite.prepare('SELECT address FROM customers WHERE id = ?').pluck();
  const known = new Map<string, { id: number; units: Map<string, number> }>();
  return (customerId: number, place: ImportPlace, address: string | undefined): { propertyId?: number; unitId?: number } => {
    if (!place.property) return {};
    const key = `${customerId}\u0000${fold(place.property)}`;
    let p = known.get(key);
    if (!p) {
      const all = byCustomer.all(customerId) as { id: number; name: string; address: string }[];
      const found = all.find((x) => fold(x.name) === fold(place.property!)) ?? all.find((x) => fold(x.address) === fold(place.property!));
      const id =
        found?.id ??
        createProperty(ctx, {
          customerId,
          name: place.property,
          address: address ?? (addressOf.get(customerId) as string | null) ?? place.property,
        }).id;
      p = { id, units: new Map((unitsOf.all(id) as { id: number; name: string }[]).map((u) => [fold(u.name), u.id])) };
      known.set(key, p);
    }
    if (!place.unit) return { propertyId: p.id };
    let unitId = p.units.get(fold(place.unit));
    if (unitId === undefined) {
      unitId = addUnit(ctx, { propertyId: p.id, name: place.unit }).id;
      p.units.set(fold(place.unit), unitId);
    }
    return { propertyId: p.id, unitId };
  };
}
