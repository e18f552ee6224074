// The visit verification report: for a period, and one customer or one
// fieldworker if asked, every visit with the six things Electronic Visit
// Verification asks for (service, person served, date, place, person who served,
// begin and end), scheduled against actual, and every correction of a recorded
// time with who made it, when and why. What an insurer or an auditor asks for; it
// prints like the other reports (chain head on every page) and leaves as CSV or
// JSON, each recorded as a report issued.
import type { Db } from '../../db/open';
import type { ServiceContext, SessionUser } from '../services/context';
import { AppError } from '../services/errors';
import { csvCell } from '../services/exports';
import { cachedStatement } from '../services/statements';
import { visitTimesOf } from '../services/visitTimes';
import { LATE_MINUTES, lateByMs } from '../services/visitTimeRules';
import { periodText } from './activity';
import { reportHeader } from './header';
import { recordIssued } from './issue';
import type { Person } from './person';
import type { ReportFormat, VisitReport, VisitReportRow } from './types';

export interface VisitRequest {
  from: string;
  /** Exclusive. */
  to: string;
  customer?: { id: number; name: string } | null;
  fieldworker?: Person | null;
}

/** More visits than this do not make a report anyone reads: it asks for a shorter period, a customer or a fieldworker. */
export const VISIT_REPORT_LIMIT = 20_000;

interface Visit {
  bookingId: number;
  status: string;
  service: string;
  customerId: number;
  customerName: string;
  address: string;
  scheduledStart: string;
  scheduledEnd: string;
  fieldworkerName: string | null;
}

// The visits of a period: bookings on the calendar (not quotes, pending or
// cancelled ones, unless a time was recorded on them anyway), not deleted. One
// statement per narrowing, so each walks its own index: bookings_start,
// bookings_customer or bookings_fieldworker (customer or fieldworker, then start).
const VISITS = (narrow: string) => `SELECT b.id AS bookingId, b.status, b.service, b.customer_id AS customerId, c.name AS customerName,
    b.address, b.scheduled_start AS scheduledStart, b.scheduled_end AS scheduledEnd, u.name AS fieldworkerName
  FROM bookings b JOIN customers c ON c.id = b.customer_id LEFT JOIN users u ON u.id = b.fieldworker_id
  WHERE ${narrow} b.scheduled_start >= @from AND b.scheduled_start < @to AND b.deleted_at IS NULL
    AND (b.status NOT IN ('quote', 'pending', 'cancelled') OR EXISTS (SELECT 1 FROM visit_times v WHERE v.booking_id = b.id))
  ORDER BY b.scheduled_start, b.id LIMIT ${VISIT_REPORT_LIMIT + 1}`;

function visitsIn(db: Db, r: VisitRequest): Visit[] {
  const params = { from: r.from, to: r.to, customer: r.customer?.id ?? null, fieldworker: r.fieldworker?.id ?? null };
  const narrow =
    r.customer && r.fieldworker
      ? 'b.customer_id = @customer AND b.fieldworker_id = @fieldworker AND'
      : r.customer
        ? 'b.customer_id = @customer AND'
        : r.fieldworker
          ? 'b.fieldworker_id = @fieldworker AND'
          : '';
  const rows = cachedStatement(db.sqlite, VISITS(narrow)).all(params) as Visit[];
  if (rows.length > VISIT_REPORT_LIMIT) {
    throw new AppError(
      'conflict',
      `This report would hold more than ${VISIT_REPORT_LIMIT.toLocaleString('en')} visits: ` + 'narrow it to a shorter period, a customer or a fieldworker.',
    );
  }
  return rows;
}

export function visitSubject(r: VisitRequest): string {
  return [periodText(r.from, r.to), r.customer ? `customer ${r.customer.name}` : null, r.fieldworker ? `fieldworker ${r.fieldworker.name}` : null]
    .filter(Boolean)
    .join(' · ');
}

export function assembleVisitReport(db: Db, r: VisitRequest, by: SessionUser): VisitReport {
  const visits = visitsIn(db, r);
  const times = visitTimesOf(
    db,
    visits.map((v) => v.bookingId),
  );
  const rows = visits.map((v): VisitReportRow => {
    const t = times.get(v.bookingId)!;
    const timeIn = t.timeIn?.at ?? null;
    const corrections = [
      ...(t.timeIn?.corrections ?? []).map((c) => ({ ...c, kind: 'time_in' as const })),
      ...(t.timeOut?.corrections ?? []).map((c) => ({ ...c, kind: 'time_out' as const })),
    ].sort((a, b) => a.at.localeCompare(b.at));
    return {
      bookingId: v.bookingId,
      status: v.status,
      service: v.service,
      customerId: v.customerId,
      personServed: v.customerName,
      date: (timeIn ?? v.scheduledStart).slice(0, 10),
      place: v.address,
      personWhoServed: t.timeIn?.fieldworkerName ?? t.timeOut?.fieldworkerName ?? v.fieldworkerName,
      scheduledStart: v.scheduledStart,
      scheduledEnd: v.scheduledEnd,
      timeIn,
      timeOut: t.timeOut?.at ?? null,
      timeInRecordedBy: t.timeIn?.recordedBy ?? null,
      timeOutRecordedBy: t.timeOut?.recordedBy ?? null,
      onBehalf: !!(t.timeIn?.onBehalf || t.timeOut?.onBehalf),
      verified: timeIn !== null && t.timeOut !== null,
      corrections,
    };
  });
  return {
    header: reportHeader(db, 'visits', visitSubject(r), by),
    scope: { from: r.from, to: r.to, customer: r.customer ?? null, fieldworker: r.fieldworker ?? null },
    totals: {
      visits: rows.length,
      verified: rows.filter((v) => v.verified).length,
      missingTimeIn: rows.filter((v) => v.timeIn === null).length,
      missingTimeOut: rows.filter((v) => v.timeOut === null).length,
      late: rows.filter((v) => v.timeIn !== null && lateByMs(v.timeIn, v.scheduledStart) > LATE_MINUTES * 60_000).length,
      corrected: rows.filter((v) => v.corrections.length > 0).length,
    },
    visits: rows,
  };
}

/** Assembles the report and records that `ctx.user` produced it, in the format it leaves in. */
export function visitReport(ctx: ServiceContext, r: VisitRequest, format: ReportFormat): VisitReport {
  const report = assembleVisitReport(ctx.db, r, ctx.user);
  recordIssued(ctx, report.header, format, { customerId: r.customer?.id ?? null });
  return report;
}

const CSV_COLUMNS: [string, (v: VisitReportRow) => unknown][] = [
  ['Booking', (v) => v.bookingId],
  ['Service', (v) => v.service],
  ['Person served', (v) => v.personServed],
  ['Date', (v) => v.date],
  ['Place', (v) => v.place],
  ['Person who served', (v) => v.personWhoServed],
  ['Scheduled start', (v) => v.scheduledStart],
  ['Scheduled end', (v) => v.scheduledEnd],
  ['Time-in', (v) => v.timeIn],
  ['Time-out', (v) => v.timeOut],
  ['Late by (min)', (v) => (v.timeIn ? Math.round(lateByMs(v.timeIn, v.scheduledStart) / 60_000) : null)],
  ['Duration (min)', (v) => (v.timeIn && v.timeOut ? Math.round((Date.parse(v.timeOut) - Date.parse(v.timeIn)) / 60_000) : null)],
  ['Time-in recorded by', (v) => v.timeInRecordedBy],
  ['Time-out recorded by', (v) => v.timeOutRecordedBy],
  ['Verified', (v) => (v.verified ? 'yes' : 'no')],
  ['Status', (v) => v.status],
  [
    'Corrections',
    (v) =>
      v.corrections
        .map(
          (c) =>
            `${c.kind === 'time_in' ? 'Time-in' : 'Time-out'} ${c.from ?? '?'} → ${c.to ?? '?'} by ${c.actorName} at ${c.at}` +
            (c.reason ? ` (${c.reason})` : c.outside ? ' (outside JobTrail, no reason)' : ''),
        )
        .join('; '),
  ],
];

/**
 * The report as a CSV file: one line per visit, instants in UTC (ISO 8601), and
 * first the lines that say what it is and the chain head it can be checked by.
 */
export function visitReportCsv(r: VisitReport): string {
  const h = r.header;
  const about = [
    `# ${h.title}: ${h.subject}`,
    `# Generated ${h.generatedAt} by ${h.generatedBy.name}`,
    `# Chain head ${h.chain.head} (${h.chain.rows} rows); check it: npm run cli -- verify --db FILE --expect-head ${h.chain.short}`,
  ];
  const lines = r.visits.map((v) => CSV_COLUMNS.map(([, cell]) => csvCell(cell(v))).join(','));
  return [...about, CSV_COLUMNS.map(([title]) => title).join(','), ...lines].join('\r\n') + '\r\n';
}
