// What a property's page shows beside its History: the property and its units,
// the bookings at it (whichever customer they were for) and the quotes still
// waiting for the customer's answer, so that further work is approved with the
// property's past in view.
import type { Db } from '../../db/open';
import { listBookings, type BookingView } from './bookings';
import { getProperty, type PropertyView, type UnitView } from './properties';
import { pendingQuotesAt, type QuoteView } from './quotes';

/** Enough for a property's page: its newest bookings; the Bookings list has them all. */
export const PAGE_BOOKINGS = 100;

export interface PropertyPage {
  property: PropertyView & { units: UnitView[] };
  bookings: BookingView[];
  bookingTotal: number;
  pendingQuotes: QuoteView[];
}

export function propertyPage(db: Db, id: number): PropertyPage {
  const property = getProperty(db, id);
  const { rows, total } = listBookings(db, { propertyId: id, sort: 'start_desc', limit: PAGE_BOOKINGS, offset: 0 });
  return { property, bookings: rows, bookingTotal: total, pendingQuotes: pendingQuotesAt(db, id) };
}
