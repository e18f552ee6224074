// The booking dispute report ("Print proof"): the booking now and as booked, its
// Timeline, every move of the appointment, notes, money, and its complete History.
import type { Db } from '../../db/open';
import { getBooking } from '../services/bookings';
import type { ServiceContext, SessionUser } from '../services/context';
import { listDefinitions } from '../services/customFields';
import { listInvoices } from '../services/invoices';
import { listNotes } from '../services/notes';
import { listPayments } from '../services/payments';
import { bookingTimeline } from '../services/timeline';
import { bookingAsBooked } from './asBooked';
import { reportHeader } from './header';
import { reportHistory } from './history';
import { recordIssued } from './issue';
import type { BookingReport, ReportFormat, ReportHistoryRow, Reschedule } from './types';

export function bookingSubject(b: { id: number; service: string; customerName: string }): string {
  return `Booking ${b.id} · ${b.service} · ${b.customerName}`;
}

/** One reschedule per action: its start and end rows (written together) read as one move. */
export function reschedulesOf(history: readonly ReportHistoryRow[]): Reschedule[] {
  const moves = new Map<number | string, Reschedule>();
  for (const r of history) {
    if (r.event !== 'rescheduled') continue;
    const key = r.action ?? `row ${r.id}`;
    let m = moves.get(key);
    if (!m) {
      moves.set(key, (m = { at: r.at, actorName: r.actorName, oldStart: null, newStart: null, oldEnd: null, newEnd: null, reason: r.reason }));
    }
    if (r.field === 'scheduled_start') Object.assign(m, { oldStart: r.oldValue, newStart: r.newValue });
    if (r.field === 'scheduled_end') Object.assign(m, { oldEnd: r.oldValue, newEnd: r.newValue });
  }
  return [...moves.values()];
}

export function assembleBookingReport(db: Db, bookingId: number, by: SessionUser): BookingReport {
  const booking = getBooking(db, bookingId, 'bookingId');
  const history = reportHistory(db, { bookingId });
  const timeline = bookingTimeline(db, bookingId);
  return {
    header: reportHeader(db, 'booking', bookingSubject(booking), by),
    booking,
    customFieldDefinitions: listDefinitions(db, 'booking'),
    asBooked: bookingAsBooked(bookingId, history),
    timeline: timeline.steps,
    visit: timeline.visit,
    reschedules: reschedulesOf(history),
    notes: listNotes(db, { bookingId }).reverse(),
    invoices: listInvoices(db, { bookingId }).reverse(),
    payments: listPayments(db, { bookingId }).reverse(),
    history,
  };
}

/** Assembles the report and records that `ctx.user` produced it. */
export function bookingReport(ctx: ServiceContext, bookingId: number, format: ReportFormat): BookingReport {
  const report = assembleBookingReport(ctx.db, bookingId, ctx.user);
  recordIssued(ctx, report.header, format, { bookingId, customerId: report.booking.customerId });
  return report;
}
