// The customer's right-of-access report (GDPR Art. 15), and its JSON the portable
// copy (Art. 20): everything stored about the customer, deleted bookings included,
// and the complete History tied to them.
import type { Db } from '../../db/open';
import { openedArchives } from '../services/archiveViews';
import { listBookings } from '../services/bookings';
import type { ServiceContext, SessionUser } from '../services/context';
import { getCustomer } from '../services/customers';
import { listDefinitions } from '../services/customFields';
import { listInquiries } from '../services/inquiries';
import { listInvoices } from '../services/invoices';
import { listNotes } from '../services/notes';
import { listPayments } from '../services/payments';
import { listQuotes } from '../services/quotes';
import { cachedStatement } from '../services/statements';
import { reportHeader } from './header';
import { reportHistory } from './history';
import { recordIssued } from './issue';
import type { CustomerReport, CustomFields, ReportFormat } from './types';

/** Far more bookings than one customer has: the list is read whole, live and deleted alike. */
const ALL = 1_000_000;

export const customerSubject = (c: { id: number; name: string }) => `Customer ${c.id} · ${c.name}`;

/** The custom field values of all the customer's bookings in one read, by booking id. */
function bookingCustomFields(db: Db, customerId: number): Map<number, CustomFields> {
  const rows = cachedStatement(
    db.sqlite,
    `SELECT v.entity_id AS bookingId, v.definition_id AS id, v.value
    FROM custom_field_values v JOIN custom_field_definitions d ON d.id = v.definition_id
    WHERE d.entity = 'booking' AND v.entity_id IN (SELECT id FROM bookings WHERE customer_id = ?)`,
  ).all(customerId) as { bookingId: number; id: number; value: string | null }[];
  const byBooking = new Map<number, CustomFields>();
  for (const r of rows) {
    let fields = byBooking.get(r.bookingId);
    if (!fields) byBooking.set(r.bookingId, (fields = {}));
    fields[String(r.id)] = r.value;
  }
  return byBooking;
}

export function assembleCustomerReport(db: Db, customerId: number, by: SessionUser): CustomerReport {
  const customer = getCustomer(db, customerId, 'customerId');
  const fields = bookingCustomFields(db, customerId);
  const bookings = [false, true]
    .flatMap((deleted) => listBookings(db, { customerId, deleted, sort: 'start_asc', limit: ALL, offset: 0 }).rows)
    .sort((a, b) => a.scheduledStart.localeCompare(b.scheduledStart) || a.id - b.id)
    .map((b) => ({ ...b, customFields: fields.get(b.id) ?? {} }));
  // The access report holds everything stored about them: the History in the archives opened, oldest first, then the log's.
  const archived = openedArchives(db);
  const header = reportHeader(db, 'customer', customerSubject(customer), by);
  return {
    header: archived.length ? { ...header, archives: archived.map((a) => a.archive) } : header,
    customer,
    customFieldDefinitions: listDefinitions(db),
    bookings,
    quotes: listQuotes(db, customerId).reverse(),
    invoices: listInvoices(db, { customerId }).reverse(),
    payments: listPayments(db, { customerId }).reverse(),
    inquiries: listInquiries(db, customerId).reverse(),
    notes: listNotes(db, { customerId }).reverse(),
    history: [...archived.flatMap(({ view }) => reportHistory(view, { customerId }, undefined, db)), ...reportHistory(db, { customerId })],
  };
}

export function customerReport(ctx: ServiceContext, customerId: number, format: ReportFormat): CustomerReport {
  const report = assembleCustomerReport(ctx.db, customerId, ctx.user);
  recordIssued(ctx, report.header, format, { customerId });
  return report;
}
