// The demo office's staff. The first user is always the administrator Dana
// Whitfield (the README tells people to sign in as her). A bigger demo gets more
// fieldworkers, and enough office people to keep up with them.
import type { Role } from '../schema';
import { LINES, type Line } from './catalog';
import { FIRST_NAMES, LAST_NAMES } from './names';
import type { Rng } from './random';

export interface DemoUser {
  name: string;
  role: Role;
  /** What a fieldworker does: HVAC technician, nurse, or maintenance. */
  line?: Line;
}

export const FIRST_ADMINISTRATOR = 'Dana Whitfield';

const MANAGERS = ['Marcus Bell', 'Priya Raman'];
const STAFF = ['Leah Okafor', 'Tom Brennan', 'Sofia Alvarez'];
const FIELDWORKERS: [string, Line][] = [
  ['Jake Morrison', 'hvac'],
  ['Grace Kim', 'health'],
  ['Ben Carter', 'property'],
  ['Luis Ortega', 'hvac'],
  ['Aisha Bello', 'health'],
  ['Hannah Novak', 'property'],
];

export interface RosterSize {
  managers: number;
  staff: number;
  fieldworkers: number;
}

/** About four jobs a working day per fieldworker; never fewer people than the small office has. */
export function rosterSize(bookings: number, days: number): RosterSize {
  const perWorkday = bookings / Math.max(1, days * (5.3 / 7));
  const fieldworkers = Math.min(60, Math.max(6, Math.round(perWorkday / 4)));
  return {
    fieldworkers,
    staff: Math.min(20, Math.max(3, Math.round(fieldworkers / 2))),
    managers: Math.min(8, Math.max(2, Math.round(fieldworkers / 6))),
  };
}

export function roster(rng: Rng, size: RosterSize): DemoUser[] {
  const taken = new Set<string>([FIRST_ADMINISTRATOR, ...MANAGERS, ...STAFF, ...FIELDWORKERS.map(([n]) => n)]);
  const fresh = () => {
    for (;;) {
      const name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
      if (!taken.has(name)) {
        taken.add(name);
        return name;
      }
    }
  };
  const users: DemoUser[] = [{ name: FIRST_ADMINISTRATOR, role: 'administrator' }];
  for (let i = 0; i < size.managers; i++) users.push({ name: MANAGERS[i] ?? fresh(), role: 'manager' });
  for (let i = 0; i < size.staff; i++) users.push({ name: STAFF[i] ?? fresh(), role: 'staff' });
  for (let i = 0; i < size.fieldworkers; i++) {
    const [name, line] = FIELDWORKERS[i] ?? [fresh(), LINES[i % LINES.length]];
    users.push({ name, role: 'fieldworker', line });
  }
  return users;
}
