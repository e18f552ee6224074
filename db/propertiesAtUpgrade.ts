// Bookings made before properties existed (migration 0022) are placed at one: each
// customer gets a property per distinct address (their own address first, then
// their bookings' in the order they were first used), and each booking is put at
// the one with its address. Done in the open that applies the migration, in one
// audited transaction, so that every property it creates has its "created" row and
// every booking a "property changed" row, with JobTrail's upgrade as the actor and
// sealed as the app's own (a migration's SQL has no actor: its rows would read as
// made outside JobTrail). The migration and the placement are two transactions: an
// open that ended between them (a crash, a power cut) leaves the next open to place
// them, whichever migrations it applies.
import type Database from 'better-sqlite3';
import { audited } from './actor';

/** JobTrail itself (not a person, and not "outside", which a NULL id means), as db/passwordSignatures.ts's upgrade. */
const UPGRADE_ACTOR = { id: 0, name: 'JobTrail (upgrade: properties)' };

/** The first line of an address ("12 Harbour St"), what the office calls the place until someone names it. */
const FIRST_LINE = "CASE WHEN instr(address, ',') > 1 THEN trim(substr(address, 1, instr(address, ',') - 1)) ELSE address END";

/**
 * Bookings made before 0022 and not placed yet. One made since without a property
 * was not left so by JobTrail, which places every booking it makes: that is a
 * change from outside, which the History shows and the upgrade leaves alone.
 */
const UNPLACED = "property_id IS NULL AND created_at < (SELECT applied_at FROM schema_migrations WHERE name = '0022_properties.sql')";

export function placeBookingsAtUpgrade(sqlite: Database.Database, applied: readonly string[]): void {
  const unplaced = sqlite.prepare(`SELECT 1 FROM bookings WHERE ${UNPLACED} LIMIT 1`).get();
  if (!unplaced) return;
  // Not in the open that applied 0022: only if that one ended before placing them, which then left no row of
  // the upgrade's. After the placement, an old booking taken off its property was taken from outside, as above.
  const placedBefore = () => sqlite.prepare('SELECT 1 FROM audit_log WHERE actor_id = @id AND actor_name = @name LIMIT 1').get(UPGRADE_ACTOR) !== undefined;
  if (!applied.includes('0022_properties.sql') && placedBefore()) return;
  audited(sqlite, UPGRADE_ACTOR, () => {
    const now = new Date().toISOString();
    // Ordered so that ids follow each customer's use: their own address, then their bookings' oldest first.
    sqlite
      .prepare(
        `
      INSERT INTO properties (customer_id, name, address, created_at, updated_at)
      SELECT customer_id, ${FIRST_LINE}, address, @now, @now FROM (
        SELECT customer_id, address, min(k) AS k FROM (
          SELECT id AS customer_id, trim(address) AS address, 0 AS k FROM customers WHERE trim(coalesce(address, '')) <> ''
          UNION ALL
          SELECT customer_id, address, id AS k FROM bookings WHERE ${UNPLACED})
        GROUP BY customer_id, address)
      ORDER BY customer_id, k`,
      )
      .run({ now });
    sqlite
      .prepare(
        `
      UPDATE bookings SET property_id = (
        SELECT p.id FROM properties p WHERE p.customer_id = bookings.customer_id AND p.address = bookings.address
        ORDER BY p.id LIMIT 1)
      WHERE ${UNPLACED}`,
      )
      .run();
  });
}
