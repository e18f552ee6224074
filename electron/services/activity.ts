import type { Db } from '../../db/open';
import { listBookings } from './bookings';
import { getCustomer } from './customers';
import { listInvoices } from './invoices';
import { listQuotes } from './quotes';
import { listInquiries } from './inquiries';

/** Everything linked to a customer, for the profile's Activity tab. */
export function customerActivity(db: Db, customerId: number) {
  getCustomer(db, customerId);
  return {
    quotes: listQuotes(db, customerId),
    bookings: listBookings(db, { customerId, limit: 500, offset: 0 }).rows,
    invoices: listInvoices(db, { customerId }),
    inquiries: listInquiries(db, customerId),
  };
}
