import { z } from 'zod';
import { entry, serviceContext } from './entry';
import { editVersion } from './editVersion';
import { bookingStatus, byId, cents, customFieldValues, id, input, instant, optionalId, page, reasonOf, text } from './fields';
import { ASKED_BY, CORRECTION_REASONS, DELETE_REASONS } from '../services/reasons';
import {
  acceptBooking,
  assignFieldworker,
  cancelBooking,
  createBooking,
  getBooking,
  linkQuote,
  listBookings,
  rescheduleBooking,
  setBookingDeleted,
  setBookingStatus,
  updateBooking,
  BOOKING_SORTS,
} from '../services/bookings';
import { addNote, listNotes } from '../services/notes';
import { assertMayReadNotes, bookingAsSeen, bookingQueryFor, readableBooking } from '../services/fieldworkerScope';
import { cancelReason, statusReason } from './statusReasons';

const editable = {
  customerId: id,
  service: text(120),
  address: text(300),
  scheduledStart: instant,
  scheduledEnd: instant,
  status: bookingStatus,
  fieldworkerId: optionalId,
  priceCents: cents,
  quoteId: optionalId,
  propertyId: id,
  unitId: optionalId,
};

/** An edit's reason: who asked for a new time, or why a price changed once invoiced. */
const editReason = reasonOf([...ASKED_BY, ...CORRECTION_REASONS]);

export const bookingsApi = {
  'bookings.list': entry({
    // A fieldworker's own bookings, without prices; deleted ones are the managers' (services/fieldworkerScope.ts).
    summary: 'List bookings',
    access: 'fieldworker',
    input: input({
      search: z.string().trim().max(200).optional(),
      status: bookingStatus.optional(),
      fieldworkerId: id.optional(),
      customerId: id.optional(),
      from: instant.optional(),
      to: instant.optional(),
      propertyId: id.optional(),
      unitId: id.optional(),
      deleted: z.boolean().default(false),
      sort: z.enum(BOOKING_SORTS, `must be one of ${BOOKING_SORTS.join(', ')}`).default('start_desc'),
      ...page,
      openAt: instant.optional(),
    }),
    run: (ctx, i) => {
      const { user } = serviceContext(ctx);
      const found = listBookings(ctx.db, bookingQueryFor(user, i));
      return { ...found, rows: found.rows.map((b) => bookingAsSeen(user, b)) };
    },
  }),
  'bookings.get': entry({
    summary: 'Open a booking',
    access: 'fieldworker',
    input: byId,
    run: (ctx, i) => {
      const { user } = serviceContext(ctx);
      readableBooking(ctx.db, user, i.id, 'open it');
      return bookingAsSeen(user, getBooking(ctx.db, i.id));
    },
  }),
  'bookings.create': entry({
    summary: 'Create bookings',
    access: 'staff',
    input: input({
      ...editable,
      address: editable.address.optional(),
      status: bookingStatus.optional(),
      fieldworkerId: optionalId.optional(),
      quoteId: optionalId.optional(),
      customFields: customFieldValues.optional(),
      propertyId: id.optional(),
      unitId: optionalId.optional(),
    }),
    run: (ctx, i) => createBooking(serviceContext(ctx), i),
  }),
  'bookings.update': entry({
    // A new time needs who asked for it; a price changed after the invoice went out, why (services/bookingReasons.ts).
    summary: 'Edit bookings',
    access: 'staff',
    input: input(editable)
      .partial()
      .extend({ id, customFields: customFieldValues.optional(), reason: editReason.optional(), ...editVersion }),
    run: (ctx, { reason, ...i }) => updateBooking(serviceContext(ctx, reason), i),
  }),
  'bookings.reschedule': entry({
    // Who asked for the new time is part of its audit rows: a late-change fee rests on it.
    summary: 'Reschedule bookings',
    access: 'staff',
    input: input({ id, scheduledStart: instant, scheduledEnd: instant, reason: reasonOf(ASKED_BY) }),
    run: (ctx, { reason, ...i }) => rescheduleBooking(serviceContext(ctx, reason), i),
  }),
  'bookings.setStatus': entry({
    // Who may go from which status to which: services/bookingStatus.ts. A cancellation or a
    // correction carries its reason; `early` confirms starting or completing well ahead of time.
    summary: 'Change the status of bookings',
    access: 'fieldworker',
    input: input({ id, status: bookingStatus, reason: statusReason.optional(), early: z.boolean().optional() }),
    run: (ctx, { reason, ...i }) => bookingAsSeen(serviceContext(ctx).user, setBookingStatus(serviceContext(ctx, reason), i)),
  }),
  'bookings.assign': entry({
    summary: 'Assign fieldworkers',
    access: 'staff',
    input: input({ id, fieldworkerId: optionalId }),
    run: (ctx, i) => assignFieldworker(serviceContext(ctx), i),
  }),
  'bookings.accept': entry({
    summary: 'Accept bookings',
    access: 'fieldworker',
    input: byId,
    run: (ctx, i) => bookingAsSeen(serviceContext(ctx).user, acceptBooking(serviceContext(ctx), i)),
  }),
  'bookings.cancel': entry({
    summary: 'Cancel bookings',
    access: 'staff',
    input: input({ id, reason: cancelReason }),
    run: (ctx, { reason, ...i }) => cancelBooking(serviceContext(ctx, reason), i),
  }),
  'bookings.linkQuote': entry({
    summary: 'Link quotes to bookings',
    access: 'staff',
    input: input({ id, quoteId: optionalId }),
    run: (ctx, i) => linkQuote(serviceContext(ctx), i),
  }),
  'bookings.delete': entry({
    summary: 'Delete bookings',
    access: 'manager',
    input: input({ id, reason: reasonOf(DELETE_REASONS) }),
    run: (ctx, i) => setBookingDeleted(serviceContext(ctx, i.reason), i, true),
  }),
  'bookings.restore': entry({
    summary: 'Restore bookings',
    access: 'manager',
    input: byId,
    run: (ctx, i) => setBookingDeleted(serviceContext(ctx), i, false),
  }),
  'notes.add': entry({
    summary: 'Add notes',
    access: 'fieldworker',
    input: input({ bookingId: id.optional(), customerId: id.optional(), body: text(4000) }),
    run: (ctx, i) => addNote(serviceContext(ctx), i),
  }),
  'notes.list': entry({
    summary: 'Read notes',
    access: 'fieldworker',
    input: input({ bookingId: id.optional(), customerId: id.optional() }).refine(
      (i) => (i.bookingId === undefined) !== (i.customerId === undefined),
      'must name a bookingId or a customerId',
    ),
    run: (ctx, i) => {
      assertMayReadNotes(ctx.db, serviceContext(ctx).user, i);
      return listNotes(ctx.db, i.bookingId !== undefined ? { bookingId: i.bookingId } : { customerId: i.customerId! });
    },
  }),
};
