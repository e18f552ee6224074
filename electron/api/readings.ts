import { entry, serviceContext } from './entry';
import { customFieldValues, id, input, instant, optionalId, optionalText, reasonOf, text } from './fields';
import { CORRECTION_REASONS } from '../services/reasons';
import { correctReading, fillBookingFields, listBookingReadings, recordReading } from '../services/readings';
import { readableBooking } from '../services/fieldworkerScope';

// A reading is typed as the form shows it; the field's type checks it further (services/readings.ts).
const value = text(200);

export const readingsApi = {
  'readings.list': entry({
    // A fieldworker's own bookings only (services/fieldworkerScope.ts).
    summary: "Read a booking's readings",
    access: 'fieldworker',
    input: input({ bookingId: id }),
    run: (ctx, i) => {
      readableBooking(ctx.db, serviceContext(ctx).user, i.bookingId, 'read its readings', 'bookingId');
      return listBookingReadings(ctx.db, i.bookingId);
    },
  }),
  'readings.record': entry({
    // The assigned fieldworker on their own job; the office on any (services/readings.ts).
    summary: 'Record readings',
    access: 'fieldworker',
    input: input({ bookingId: id, definitionId: id, value, note: optionalText(40), takenAt: instant.optional(), equipmentId: optionalId.optional() }),
    run: (ctx, i) => recordReading(serviceContext(ctx), i),
  }),
  'readings.correct': entry({
    // A reading is evidence: a correction says why, and the History keeps what it said before.
    summary: 'Correct readings',
    access: 'fieldworker',
    input: input({ id, value: value.optional(), note: optionalText(40), takenAt: instant.optional(), reason: reasonOf(CORRECTION_REASONS) }),
    run: (ctx, { reason, ...i }) => correctReading(serviceContext(ctx, reason), i),
  }),
  'bookings.fillFields': entry({
    // Only fields marked "filled in by the fieldworker"; a fieldworker, on their own job only.
    summary: 'Fill in the fieldworker’s fields of bookings',
    access: 'fieldworker',
    input: input({ id, customFields: customFieldValues }),
    run: (ctx, i) => fillBookingFields(serviceContext(ctx), i),
  }),
};
