// A unit's History, first page (issue 17): the warranty-dispute view, its own rows
// and its readings' across every visit, read through the contract as the
// equipment page reads it. Units are drawn with the run's seed, weighted to the
// ones read most (each drawn as often as it has readings), which have the longest
// Histories.
import type { Core } from '../app';
import { latency, page, sampler, type Call } from './reads';
import { timed, type Figure } from './figures';

export const EQUIPMENT_HISTORY_TARGET_MS = 10;
const SAMPLES = 300;

export function equipmentHistoryFigures(core: Core, call: Call, seed: number): Figure[] {
  const rng = sampler(seed);
  const units = core.db.sqlite.prepare('SELECT equipment_id FROM readings WHERE equipment_id IS NOT NULL').pluck().all() as number[];
  if (units.length === 0) throw new Error('the bench database has no readings of equipment to read the History of');
  for (let i = 0; i < 10; i++) call('history.equipment', { equipmentId: rng.pick(units), ...page });
  let rows = 0;
  const samples = Array.from({ length: SAMPLES }, () => {
    const equipmentId = rng.pick(units);
    return timed(() => {
      rows += (call('history.equipment', { equipmentId, ...page }) as { rows: unknown[] }).rows.length;
    });
  });
  const most = core.db.sqlite
    .prepare('SELECT count(*) FROM readings WHERE equipment_id IS NOT NULL GROUP BY equipment_id ORDER BY 1 DESC LIMIT 1')
    .pluck()
    .get() as number;
  return [
    latency('equipmentHistoryP95', "An equipment item's History, first page, p95", samples, EQUIPMENT_HISTORY_TARGET_MS, 95, {
      units: new Set(units).size,
      rowsPerPage: Math.round(rows / SAMPLES),
      mostReadings: most,
    }),
  ];
}
