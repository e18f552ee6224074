// A property's History, first page (issue 17): what a landlord reads before
// approving further work, its own rows, its units', its quotes' and every
// booking's at it, across customers, read through the contract as the property's
// page reads it. Properties are drawn with the run's seed, each as often as it has
// bookings (the busy buildings, with the longest Histories, are read most); the
// busiest one is timed on its own too.
import type { Core } from '../app';
import { latency, page, sampler, type Call } from './reads';
import { percentile, round, timed, type Figure } from './figures';

export const PROPERTY_HISTORY_TARGET_MS = 10;
const SAMPLES = 300;

export function propertyHistoryFigures(core: Core, call: Call, seed: number): Figure[] {
  const rng = sampler(seed);
  const sql = core.db.sqlite;
  const drawn = sql.prepare('SELECT property_id FROM bookings WHERE property_id IS NOT NULL').pluck().all() as number[];
  if (drawn.length === 0) throw new Error('the bench database has no bookings at a property to read the History of');
  for (let i = 0; i < 10; i++) call('history.property', { propertyId: rng.pick(drawn), ...page });
  let rows = 0;
  const samples = Array.from({ length: SAMPLES }, () => {
    const propertyId = rng.pick(drawn);
    return timed(() => {
      rows += (call('history.property', { propertyId, ...page }) as { rows: unknown[] }).rows.length;
    });
  });
  const busiest = sql
    .prepare(
      `SELECT property_id AS id, count(*) AS bookings FROM bookings WHERE property_id IS NOT NULL
    GROUP BY property_id ORDER BY 2 DESC LIMIT 1`,
    )
    .get() as { id: number; bookings: number };
  const onBusiest = Array.from({ length: 30 }, () => timed(() => call('history.property', { propertyId: busiest.id, ...page })));
  return [
    latency('propertyHistoryP95', "A property's History, first page, p95", samples, PROPERTY_HISTORY_TARGET_MS, 95, {
      properties: new Set(drawn).size,
      rowsPerPage: Math.round(rows / SAMPLES),
      busiestBookings: busiest.bookings,
      busiestP95: round(percentile(onBusiest, 95), 3),
    }),
  ];
}
