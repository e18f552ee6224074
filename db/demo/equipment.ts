// The HVAC equipment of the demo office and the thermostat readings taken from it:
// every property with two or more finished HVAC visits has a thermostat (and every
// third one a furnace beside it), added by the office before its first such visit
// finished; at each of those visits the fieldworker records the setpoint before and
// after the work, just before marking the job completed. Derived from the planned
// events alone, with its own arithmetic rather than the plan's random stream, so
// the rest of the demo is drawn exactly as without it.
import { SERVICES } from './catalog';
import { FIELDS, type DemoAction, type DemoEvent } from './events';
import type { DemoUser } from './people';

const HVAC = new Set(SERVICES.hvac.map((s) => s.name));
const MINUTE = 60_000;

const THERMOSTATS = ['Honeywell T6 Pro', 'ecobee3 lite', 'Emerson Sensi ST55', 'Google Nest Thermostat'];
const FURNACES = ['Carrier 59SC5', 'Lennox ML180', 'Trane S9V2', 'Goodman GMVC96'];

/** A day, YYYY-MM-DD, `years` after the instant's. */
const dayAfter = (t: number, years: number) => {
  const d = new Date(t);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
};

interface Visit {
  booking: number;
  property: number;
  start: number;
  completedAt: number;
  by: number;
}

/** The events with the equipment's and the readings' added, oldest first. */
export function withEquipment(events: DemoEvent[], users: DemoUser[]): DemoEvent[] {
  const created = new Map<number, { property: number; start: number; hvac: boolean }>();
  const propertyAt = new Map<number, number>();
  const visits: Visit[] = [];
  for (const e of events) {
    if (e.kind === 'property.create') propertyAt.set(e.property, e.at);
    if (e.kind === 'booking.create') created.set(e.booking, { property: e.property, start: e.start, hvac: HVAC.has(e.service) });
    if (e.kind === 'booking.status' && e.status === 'completed') {
      const b = created.get(e.booking);
      if (b?.hvac) visits.push({ booking: e.booking, property: b.property, start: b.start, completedAt: e.at, by: e.actor });
    }
  }
  const byProperty = new Map<number, Visit[]>();
  for (const v of visits) {
    const list = byProperty.get(v.property);
    if (list) list.push(v);
    else byProperty.set(v.property, [v]);
  }
  const staff = users.flatMap((u, i) => (u.role === 'staff' ? [i] : []));
  // A loop, not Math.max(...seqs): ten million arguments overflow the stack.
  let seq = events.reduce((most, e) => Math.max(most, e.seq + 1), 0);
  const added: DemoEvent[] = [];
  const add = (at: number, actor: number, action: DemoAction) => added.push({ ...action, at, actor, rows: 1, seq: seq++ });
  let equipment = 0;
  for (const [property, seen] of [...byProperty].sort((a, b) => a[0] - b[0])) {
    if (seen.length < 2) continue;
    const first = seen[0];
    // Added on the office's computer the day before the first visit finished, as the fieldworker reported it.
    const addedAt = Math.min(
      Math.max(Math.min(first.completedAt - 24 * 60 * MINUTE, first.start - 60 * MINUTE), (propertyAt.get(property) ?? 0) + MINUTE),
      first.completedAt - 10_000,
    );
    const installed = first.start - ((property % 9) + 1) * 365 * 24 * 60 * MINUTE;
    const units = [{ what: 'Thermostat', makeModel: THERMOSTATS[property % THERMOSTATS.length], years: 5 }];
    if (property % 3 === 0) units.push({ what: 'Furnace', makeModel: FURNACES[property % FURNACES.length], years: 10 });
    const ids = units.map((u, k) => {
      add(addedAt + k * 1_000, staff[property % staff.length], {
        kind: 'equipment.add',
        equipment,
        property,
        what: u.what,
        makeModel: u.makeModel,
        serial: `${u.what.slice(0, 2).toUpperCase()}-${String(10_000 + property * 7 + k).padStart(6, '0')}`,
        installedOn: new Date(installed).toISOString().slice(0, 10),
        warrantyUntil: dayAfter(installed, u.years),
      });
      return equipment++;
    });
    for (const v of seen) {
      // Read from the thermostat: what it was set to on arrival, and what the technician left it at.
      const before = 64 + ((v.booking * 7) % 13);
      const after = [68, 70, 72][v.booking % 3];
      const arrived = Math.min(v.start + 10 * MINUTE, v.completedAt - 2_000);
      add(v.completedAt - 2_000, v.by, {
        kind: 'reading.record',
        booking: v.booking,
        field: FIELDS.setpoint,
        equipment: ids[0],
        value: String(before),
        note: 'before',
        takenAt: arrived,
      });
      add(v.completedAt - 1_000, v.by, {
        kind: 'reading.record',
        booking: v.booking,
        field: FIELDS.setpoint,
        equipment: ids[0],
        value: String(after),
        note: 'after',
        takenAt: Math.max(arrived, v.completedAt - 5 * MINUTE),
      });
    }
  }
  return [...events, ...added].sort((a, b) => a.at - b.at || a.seq - b.seq);
}
