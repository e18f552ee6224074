// What hands the History over, measured on the bench's database: "as it was" on
// the big log, a booking's dispute report of 5,000 History rows to HTML, and a
// period report of 20,000 rows printed to PDF by headless Chromium (issue 14).
import { join } from 'node:path';
import { audited } from '../../db/actor';
import type { Core } from '../app';
import type { SessionUser } from '../services/context';
import { asItWasFigures } from './asItWas';
import { round, type Figure } from './figures';
import { benchBookingReportHtml, benchPeriodReportPdf, type ReportFigure } from './reports';

const BOOKING_ROWS = 5000;
const PERIOD_ROWS = 20_000;

export function asItWasBenchFigures(file: string, seed: number): Figure[] {
  return asItWasFigures(file, { seed }).figures;
}

const reportFigure = (key: string, label: string, f: ReportFigure, detail: Record<string, unknown> = {}): Figure => ({
  key,
  label,
  value: round(f.ms / 1000, 2),
  unit: 's',
  target: { op: '<=', value: f.targetMs / 1000 },
  detail: { rows: f.rows, ...detail },
});

/**
 * On the scratch copy (it writes): one booking moved until its History holds 5,000
 * rows, each move its own audited action, as the History grid's scale test does;
 * then the last 20,000 rows of the log as the period report's range.
 */
export async function reportBenchFigures(writer: Core, by: SessionUser, cacheDir: string): Promise<Figure[]> {
  const sqlite = writer.db.sqlite;
  const b = sqlite.prepare('SELECT id, scheduled_start AS start FROM bookings WHERE deleted_at IS NULL ORDER BY id DESC LIMIT 1').get() as {
    id: number;
    start: string;
  };
  const have = sqlite.prepare('SELECT count(*) FROM audit_log WHERE booking_id = ?').pluck().get(b.id) as number;
  const move = sqlite.prepare('UPDATE bookings SET scheduled_start = ?, scheduled_end = ? WHERE id = ?');
  const base = Date.parse(b.start);
  sqlite.transaction(() => {
    for (let i = 1; i <= Math.ceil((BOOKING_ROWS - have) / 2); i++) {
      const start = new Date(base + i * 60_000);
      audited(sqlite, { id: by.id, name: by.name }, () => move.run(start.toISOString(), new Date(start.getTime() + 3_600_000).toISOString(), b.id));
    }
  })();
  const booking = await benchBookingReportHtml(writer.db, b.id, by);

  // A log smaller than that (a quick run) is printed whole.
  const from = (sqlite
    .prepare('SELECT at FROM audit_log ORDER BY id DESC LIMIT 1 OFFSET ?')
    .pluck()
    .get(PERIOD_ROWS - 1) ?? sqlite.prepare('SELECT at FROM audit_log ORDER BY id LIMIT 1').pluck().get()) as string;
  const to = new Date(Date.now() + 86_400_000).toISOString();
  const period = await benchPeriodReportPdf(writer.db, { from, to }, by, join(cacheDir, 'period-report.pdf'));
  return [
    reportFigure('bookingReportHtml', `A booking's dispute report of ${BOOKING_ROWS.toLocaleString('en')} History rows to HTML`, booking, {
      bytes: booking.bytes,
    }),
    reportFigure('periodReportPdf', `A period report of ${PERIOD_ROWS.toLocaleString('en')} rows to PDF in headless Chromium`, period),
  ];
}
