// The demo's properties: every customer's own address is a property of theirs, a
// customer who moves gets one at the new address, and the landlords (the property
// businesses) own several buildings of flats. Drawn from a random source of their
// own, seeded from the customer, so adding them left every other demo fact as the
// main source had drawn it.
import type { CustomerPlan } from './customers';
import type { DemoAction } from './events';
import { place } from './names';
import { Rng } from './random';

/** A property of a customer's, from when it exists (its "created" event) on. */
export interface PlannedPlace {
  at: number;
  property: number;
  units: number;
}

const BUILDINGS = [
  'Harbour View',
  'Elm Court',
  'Riverside Lofts',
  'Maple Terrace',
  'Oakridge Flats',
  'Linden House',
  'Cedar Point',
  'Willow Gardens',
  'Station Yard',
  'Foundry Lofts',
];

/** "1208 Walnut St" from "1208 Walnut St, Dayton, OH 45402": what the office calls a house. */
export const firstLine = (address: string) => address.split(',')[0].trim();

export const isLandlord = (c: Pick<CustomerPlan, 'business' | 'line'>) => c.business && c.line === 'property';

/**
 * The properties a customer starts with: their address; a landlord's buildings
 * besides (two to four, each with four to twelve flats). Each gets its index when it is added.
 */
export function firstProperties(
  c: Pick<CustomerPlan, 'index' | 'created' | 'business' | 'line'>,
  address: string,
): Extract<DemoAction, { kind: 'property.create' }>[] {
  const own = { kind: 'property.create' as const, property: -1, customer: c.index, name: firstLine(address), address, units: [] as string[] };
  if (!isLandlord(c)) return [own];
  const rng = new Rng((c.created ^ Math.imul(c.index + 1, 2654435761)) >>> 0);
  const names = rng.shuffle([...BUILDINGS]).slice(0, rng.int(2, 4));
  return [
    own,
    ...names.map((name) => {
      const floors = rng.int(2, 4);
      const perFloor = rng.int(2, 3);
      const units = Array.from({ length: floors * perFloor }, (_, i) => `Flat ${Math.floor(i / perFloor) + 1}${'ABC'[i % perFloor]}`);
      return { kind: 'property.create' as const, property: -1, customer: c.index, name, address: place(rng).address.replace(/ Apt \w+/, ''), units };
    }),
  ];
}

/**
 * Where a booking made at `at` happens: a landlord's at one of their buildings (a
 * flat, now and then the whole building), anyone else's at the address they had
 * then. Chosen from the booking's index, not drawn, for the reason above.
 */
export function placeOf(places: readonly PlannedPlace[], landlord: boolean, at: number, booking: number): { property: number; unit: number | null } {
  const known = places.filter((p) => p.at <= at);
  const mix = (Math.imul(booking + 7, 2654435761) >>> 0) / 4294967296;
  if (landlord && known.length > 1) {
    const buildings = known.slice(1);
    const b = buildings[Math.floor(mix * buildings.length)];
    const slot = Math.floor(((mix * 1000) % 1) * (b.units + 1));
    return { property: b.property, unit: slot < b.units ? slot : null };
  }
  return { property: (known.at(-1) ?? places[0]).property, unit: null };
}
