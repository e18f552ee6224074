// A History printed as it is filtered on screen (a booking's, a customer's, a
// property's across its bookings and customers, a unit's across its visits: the
// warranty-dispute report; or the Audit log): the same rows the grid shows, oldest
// first, with the totals and the chart of the period report, under the header every
// report carries.
import type { Db } from '../../db/open';
import type { AuditCategory } from '../../db/schema';
import { getBooking } from '../services/bookings';
import type { ServiceContext, SessionUser } from '../services/context';
import { getCustomer } from '../services/customers';
import { officeSettings } from '../services/officeSettings';
import { getProperty } from '../services/properties';
import { getEquipment } from '../services/equipment';
import type { OpenedArchive } from '../services/archiveViews';
import { activityFigures, periodText } from './activity';
import { bookingSubject } from './booking';
import { equipmentSubject, placeOf } from './equipment';
import { reportHeader } from './header';
import { reportHistory } from './history';
import { recordIssued } from './issue';
import type { ActivityReport, ReportFormat } from './types';

export interface HistoryReportRequest {
  bookingId?: number;
  customerId?: number;
  propertyId?: number;
  equipmentId?: number;
  text?: string;
  from?: string;
  to?: string;
  person?: { id: number; name: string } | null;
  outside?: boolean;
  category?: AuditCategory;
  event?: string;
  /** An open archive's History instead of the log's. */
  archive?: { view: Db; archive: OpenedArchive };
}

/** The record the History is of, as the subject names it, and the customer it is recorded against when printed. */
function whose(db: Db, r: HistoryReportRequest): { record: string | null; customerId: number | null } {
  if (r.bookingId !== undefined) return { record: bookingSubject(getBooking(db, r.bookingId)), customerId: r.customerId ?? null };
  if (r.customerId !== undefined) return { record: getCustomer(db, r.customerId).name, customerId: r.customerId };
  if (r.propertyId !== undefined) {
    // Its customer today: a landlord asking who printed their building's History asks on their own profile.
    const p = getProperty(db, r.propertyId, 'propertyId');
    return { record: `${placeOf({ propertyName: p.name, propertyAddress: p.address })} · ${p.customerName}`, customerId: p.customerId };
  }
  if (r.equipmentId !== undefined) {
    // Recorded with the customer whose property holds the unit: "who printed the furnace's History?" is asked there.
    const unit = getEquipment(db, r.equipmentId, 'equipmentId');
    return { record: equipmentSubject(unit), customerId: unit.customerId };
  }
  return { record: null, customerId: null };
}

/** "Booking 74 · … · 2026-01-01 to 2026-01-31 · by Leah Okafor · financial · “Harbour”". */
function subject(record: string | null, r: HistoryReportRequest): string {
  return [
    record ?? (r.archive ? `The archive ${r.archive.archive.fileName}` : 'The whole Audit log'),
    r.from || r.to ? periodText(r.from ?? '1970-01-01T00:00:00Z', r.to ?? new Date().toISOString()) : null,
    r.person ? `by ${r.person.name}` : r.outside ? 'outside JobTrail' : null,
    r.category?.replace('_', ' ') ?? null,
    r.event ?? null,
    r.text ? `“${r.text}”` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

function assembleHistoryReport(db: Db, r: HistoryReportRequest, by: SessionUser, record: string | null): ActivityReport {
  const history = reportHistory(
    r.archive?.view ?? db,
    {
      bookingId: r.bookingId,
      customerId: r.customerId,
      propertyId: r.propertyId,
      equipmentId: r.equipmentId,
      text: r.text,
      from: r.from,
      to: r.to,
      actorId: r.person?.id,
      outside: r.outside,
      category: r.category,
      event: r.event,
    },
    undefined,
    db,
  );
  const header = reportHeader(db, 'history', subject(record, r), by);
  return {
    header: r.archive ? { ...header, archives: [r.archive.archive] } : header,
    scope: {
      from: r.from ?? null,
      to: r.to ?? null,
      person: r.person ?? null,
      category: r.category ?? null,
      event: r.event ?? null,
      record,
      text: r.text ?? null,
      outside: r.outside ?? false,
    },
    ...activityFigures(history, officeSettings(db).timeZone),
    history,
  };
}

export function historyReport(ctx: ServiceContext, r: HistoryReportRequest, format: ReportFormat): ActivityReport {
  // The record is looked up once: it names the subject and says whose profile the printing is recorded on.
  const { record, customerId } = whose(ctx.db, r);
  const report = assembleHistoryReport(ctx.db, r, ctx.user, record);
  recordIssued(ctx, report.header, format, { bookingId: r.bookingId ?? null, customerId });
  return report;
}
