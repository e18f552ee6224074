// The first start of a new database: the person sees where it is, then either
// makes the first administrator (users.ts) or fills it with the demo office, which
// the demo generator writes through the services like the command line's `seed`,
// so every demo row is audited and chained as people's own changes are.
import { dirname } from 'node:path';
import type { Db } from '../../db/open';
import { SeedRefused, seedOpenDatabase, DEMO_PASSWORD } from '../cli/seed';
import { FIRST_ADMINISTRATOR } from '../../db/demo/people';
import { conflict } from './errors';
import { hasAnyUser } from './users';

const TAKEN = 'This database already has users: the first start is over. Sign in, or ask an administrator to add you.';

/** Where the database is: asked only while it has no users, when whoever installed JobTrail is choosing how to start. */
export function databasePlace(db: Db): { file: string; folder: string } {
  if (hasAnyUser(db)) throw conflict(TAKEN);
  return { file: db.file, folder: dirname(db.file) };
}

export interface DemoStarted {
  users: number;
  customers: number;
  bookings: number;
  /** Who to sign in as, and the password every demo user has. */
  signInAs: string;
  password: string;
}

/**
 * Fills the empty database with the demo office (a few seconds); refused once it has any
 * user. The contract always makes the whole demo; a smaller one is for tests.
 */
export function startWithDemo(db: Db, options: { now?: number; customers?: number; bookings?: number } = {}): DemoStarted {
  if (hasAnyUser(db)) throw conflict(TAKEN);
  try {
    const made = seedOpenDatabase(db, options);
    return { ...made, signInAs: FIRST_ADMINISTRATOR, password: DEMO_PASSWORD };
  } catch (e) {
    if (e instanceof SeedRefused) throw conflict(TAKEN);
    throw e;
  }
}
