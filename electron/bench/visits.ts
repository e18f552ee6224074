// The visit verification report's figure (issue 17): a month of one fieldworker's
// visits, as an insurer asks for a caregiver's month, assembled from the database
// (the visits, their times, who recorded them and every correction), p95 of
// months and fieldworkers drawn with the run's seed. Assembled without recording
// it as issued: the bench's database is read, never written.
import type { Core } from '../app';
import type { SessionUser } from '../services/context';
import { assembleVisitReport } from '../reports/visits';
import { latency, sampler } from './reads';
import { timed, type Figure } from './figures';

export const VISIT_MONTH_TARGET_MS = 100;
const SAMPLES = 100;

export function visitReportFigures(core: Core, by: SessionUser, seed: number): Figure[] {
  const sql = core.db.sqlite;
  const rng = sampler(seed);
  // Months in which fieldworkers recorded visits: the questions an insurer would ask.
  const months = sql
    .prepare(
      `SELECT DISTINCT b.fieldworker_id AS id, u.name, substr(b.scheduled_start, 1, 7) AS month
    FROM visit_times v JOIN bookings b ON b.id = v.booking_id JOIN users u ON u.id = b.fieldworker_id
    WHERE v.kind = 'time_in'`,
    )
    .all() as { id: number; name: string; month: string }[];
  if (months.length === 0) throw new Error('the bench database has no recorded visit times to report on');
  const ask = () => {
    const m = rng.pick(months);
    const from = `${m.month}-01T00:00:00.000Z`;
    const next = new Date(from);
    next.setUTCMonth(next.getUTCMonth() + 1);
    return { from, to: next.toISOString(), fieldworker: { id: m.id, name: m.name } };
  };
  for (let i = 0; i < 5; i++) assembleVisitReport(core.db, ask(), by);
  let visits = 0;
  const samples = Array.from({ length: SAMPLES }, () => {
    const r = ask();
    return timed(() => {
      visits += assembleVisitReport(core.db, r, by).visits.length;
    });
  });
  return [
    latency('visitReportMonthP95', "Visit verification report of a fieldworker's month, p95", samples, VISIT_MONTH_TARGET_MS, 95, {
      visitsPerReport: Math.round(visits / SAMPLES),
    }),
  ];
}
