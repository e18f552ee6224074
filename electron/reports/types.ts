// What each report holds: assembled by the core (electron/reports/*.ts), drawn by
// the print components (renderer/reports/print/), written as JSON by the CLI.
// Types only: the renderer imports this file with `import type`.
import type { BookingView } from '../services/bookings';
import type { CustomerView } from '../services/customers';
import type { HistoryPageRow } from '../services/history';
import type { OpenedArchive } from '../services/archiveViews';
import type { InvoiceView } from '../services/invoices';
import type { PaymentView } from '../services/payments';
import type { NoteView } from '../services/notes';
import type { QuoteView } from '../services/quotes';
import type { InquiryView } from '../services/inquiries';
import type { TimelineStep } from '../services/timeline';
import type { CustomFieldDefinition } from '../services/customFields';
import type { VisitCorrection, VisitTimes } from '../services/visitTimes';
import type { VisitTimeKind } from '../services/visitTimeRules';

export type ReportKind = 'booking' | 'customer' | 'period' | 'person' | 'history' | 'visits';

/** How a report left JobTrail: a file from the CLI, or shown in the window (to print or save as PDF). */
export type ReportFormat = 'html' | 'json' | 'csv' | 'screen';

/** What every page of a report carries, so a single page still says what it is and can be checked. */
export interface ReportHeader {
  kind: ReportKind;
  businessName: string;
  /** "Booking dispute report". */
  title: string;
  /** What it is about: "Booking 1042 · Boiler service · Nora Quist". */
  subject: string;
  /** UTC instant (ISO); the page shows local time with the zone, and UTC. */
  generatedAt: string;
  generatedBy: { id: number | null; name: string; role: string | null };
  /** The chain head when the report was made: its full digest (hex), the short one pages print, and the rows it covers. */
  chain: { head: string; short: string; rows: number };
  /** The log's signing keys (hex), so an auditor can verify a copy with `verify --public-key`. */
  signingKeys: string[];
  /** Once History was archived: rows up to `lastId`, written before `before` (the oldest row kept), are in archive files, not in the report. */
  archived?: { before: string; lastId: number };
  /** Archives opened in the app whose rows the report holds as well (or alone, for an archive's History): each named, with its chain head and check. */
  archives?: OpenedArchive[];
}

/** A History row as the grid shows it (record names included). */
export type ReportHistoryRow = HistoryPageRow;

/** Custom field values by their definition's id (as the services give them); the report's definitions name them. */
export type CustomFields = Record<string, string | null>;

/** One action that moved the appointment: the start and end before and after, who, when, and why if said. */
export interface Reschedule {
  at: string;
  actorName: string;
  oldStart: string | null;
  newStart: string | null;
  oldEnd: string | null;
  newEnd: string | null;
  /** Who asked for it, as recorded with its rows (migration 0016); null for a move made before reasons were asked, or outside JobTrail. */
  reason: string | null;
}

/** The booking's fields as the "created" audit row carries them; `known` false when that row predates full created rows. */
export interface BookingAsBooked {
  at: string;
  actorName: string;
  /** Field → value as first recorded (the audit row's own field names: status, scheduled_start, price, …). */
  fields: Record<string, string | null>;
  /** Fields whose first value the log does not hold (rows written before "created" rows carried every field). */
  unknown: string[];
}

export interface BookingReport {
  header: ReportHeader;
  booking: BookingView & { customFields: CustomFields };
  customFieldDefinitions: CustomFieldDefinition[];
  asBooked: BookingAsBooked | null;
  timeline: TimelineStep[];
  /** The visit's actual time-in and time-out, who recorded them and every correction (migration 0023). */
  visit: VisitTimes;
  reschedules: Reschedule[];
  notes: NoteView[];
  invoices: InvoiceView[];
  payments: PaymentView[];
  history: ReportHistoryRow[];
}

export interface CustomerReport {
  header: ReportHeader;
  customer: CustomerView & { customFields: CustomFields };
  customFieldDefinitions: CustomFieldDefinition[];
  bookings: (BookingView & { customFields: CustomFields })[];
  quotes: QuoteView[];
  invoices: InvoiceView[];
  payments: PaymentView[];
  inquiries: InquiryView[];
  notes: NoteView[];
  history: ReportHistoryRow[];
}

/** What a period or person report was narrowed to, as asked. */
export interface ActivityScope {
  /** Null: from the first row (a History printed with no date filter). */
  from: string | null;
  /** Exclusive, as the History's filters are; null: up to the newest row. */
  to: string | null;
  person: { id: number; name: string } | null;
  category: string | null;
  event: string | null;
  /** A printed History: whose it is ("Booking 74 · Unit turnover inspection · Cynthia Webb"; null for the whole Audit log), the words searched, and whether only changes made outside JobTrail. */
  record?: string | null;
  text?: string | null;
  outside?: boolean;
}

export interface Total {
  key: string;
  count: number;
}

export interface ActivityReport {
  header: ReportHeader;
  scope: ActivityScope;
  /** Events per category (user_action, financial, data_edit) and per event, most first. */
  totalsByKind: Total[];
  totalsByEvent: Total[];
  /** Events per person (actor name as recorded), most first. */
  totalsByPerson: Total[];
  /** Events per day and category, the days in dayZone: the chart of the period. */
  perDay: { day: string; userAction: number; financial: number; dataEdit: number }[];
  /** The time zone perDay's days are in: the office's (Settings › Office), or this computer's until one is chosen. */
  dayZone: string;
  history: ReportHistoryRow[];
}

/** A visit's time change after it was recorded, with which end of the visit it changed. */
export type VisitReportCorrection = VisitCorrection & { kind: VisitTimeKind };

/**
 * One visit with the six things Electronic Visit Verification asks for: the
 * service, the person served, the date, the place, the person who served, and when
 * it began and ended (scheduled against actual), and every correction.
 */
export interface VisitReportRow {
  bookingId: number;
  status: string;
  service: string;
  customerId: number;
  personServed: string;
  /** The visit's day (UTC, YYYY-MM-DD): the actual time-in's, else the scheduled start's. */
  date: string;
  place: string;
  /** Who served: the fieldworker the time-in (else time-out) was recorded for, else the one assigned; null when nobody. */
  personWhoServed: string | null;
  scheduledStart: string;
  scheduledEnd: string;
  timeIn: string | null;
  timeOut: string | null;
  /** Who recorded each time, and whether on the fieldworker's behalf. */
  timeInRecordedBy: string | null;
  timeOutRecordedBy: string | null;
  onBehalf: boolean;
  /** Both times recorded. */
  verified: boolean;
  corrections: VisitReportCorrection[];
}

export interface VisitReport {
  header: ReportHeader;
  scope: { from: string; to: string; customer: { id: number; name: string } | null; fieldworker: { id: number; name: string } | null };
  totals: { visits: number; verified: number; missingTimeIn: number; missingTimeOut: number; late: number; corrected: number };
  visits: VisitReportRow[];
}

export type AnyReport =
  | { kind: 'visits'; report: VisitReport }
  | { kind: 'booking'; report: BookingReport }
  | { kind: 'customer'; report: CustomerReport }
  | { kind: 'period'; report: ActivityReport }
  | { kind: 'person'; report: ActivityReport }
  | { kind: 'history'; report: ActivityReport };
