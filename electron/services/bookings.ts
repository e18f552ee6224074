import { and, asc, desc, eq, gte, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/open';
import { bookings, customers, properties, propertyUnits, quotes, users, type BookingStatus } from '../../db/schema';
import { change, hasRole, nowIso, type ServiceContext } from './context';
import { AppError, conflict, forbidden, notFound } from './errors';
import { assertDeletable, assertEditable, containsAny, definedOnly } from './records';
import { assertNothingBlocks, bookingBlockers } from './deletionBlockers';
import { purgeAfter, retentionDays } from './retention';
import { assertLiveCustomer } from './customers';
import { assertStatusChange, type StatusChange } from './statusChange';
import { readCustomFields, validateCustomFields, writeCustomFields, type CustomFieldInput } from './customFields';
import { perConnection, updateById } from './statements';
import { versionedChange, versionOf, type EditVersion } from './versions';
import { assertBookingReason } from './bookingReasons';
import { assertPropertyOf, assertUnitOf, placeBooking } from './properties';
import { recordOnStatus } from './visitTimes';

export interface BookingFields {
  customerId: number;
  service: string;
  address?: string; // defaults to the customer's address
  scheduledStart: string; // ISO-8601 instant
  scheduledEnd: string;
  status?: BookingStatus;
  fieldworkerId?: number | null;
  priceCents: number;
  quoteId?: number | null;
  /** Where it happens (properties.ts): the customer's first property, or theirs at the address, when not given. */
  propertyId?: number | null;
  unitId?: number | null;
}

export interface BookingView {
  id: number;
  customerId: number;
  customerName: string;
  service: string;
  address: string;
  scheduledStart: string;
  scheduledEnd: string;
  status: BookingStatus;
  fieldworkerId: number | null;
  fieldworkerName: string | null;
  priceCents: number;
  quoteId: number | null;
  quoteNumber: string | null;
  propertyId: number | null;
  propertyName: string | null;
  unitId: number | null;
  unitName: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

const fieldworker = alias(users, 'fieldworker');
const view = {
  id: bookings.id,
  customerId: bookings.customerId,
  customerName: customers.name,
  service: bookings.service,
  address: bookings.address,
  scheduledStart: bookings.scheduledStart,
  scheduledEnd: bookings.scheduledEnd,
  status: bookings.status,
  fieldworkerId: bookings.fieldworkerId,
  fieldworkerName: fieldworker.name,
  priceCents: bookings.priceCents,
  quoteId: bookings.quoteId,
  quoteNumber: quotes.number,
  propertyId: bookings.propertyId,
  propertyName: properties.name,
  unitId: bookings.unitId,
  unitName: propertyUnits.name,
  createdAt: bookings.createdAt,
  updatedAt: bookings.updatedAt,
  deletedAt: bookings.deletedAt,
};

function selectView(db: Db) {
  return db.orm
    .select(view)
    .from(bookings)
    .innerJoin(customers, eq(customers.id, bookings.customerId))
    .leftJoin(fieldworker, eq(fieldworker.id, bookings.fieldworkerId))
    .leftJoin(quotes, eq(quotes.id, bookings.quoteId))
    .leftJoin(properties, eq(properties.id, bookings.propertyId))
    .leftJoin(propertyUnits, eq(propertyUnits.id, bookings.unitId));
}

/** Stored instants are UTC with milliseconds, so they sort and compare as text. */
const iso = (s: string) => new Date(s).toISOString();

const byId = perConnection((db) =>
  selectView(db)
    .where(eq(bookings.id, sql.placeholder('id')))
    .prepare(),
);

function row(db: Db, id: number): BookingView | undefined {
  return byId(db).get({ id });
}

export function getBooking(db: Db, id: number, field = 'id'): BookingView & { customFields: Record<string, string | null>; version: number } {
  const version = versionOf(db, 'booking', id); // before the row: see versions.ts
  const b = row(db, id);
  if (!b) throw notFound('Booking', id, field);
  return { ...b, customFields: readCustomFields(db, 'booking', id), version };
}

export interface BookingQuery {
  search?: string;
  status?: BookingStatus;
  fieldworkerId?: number;
  customerId?: number;
  /** At a property (or one of its units), whichever customer each booking was for. */
  propertyId?: number;
  unitId?: number;
  from?: string;
  to?: string;
  deleted?: boolean;
  sort?: BookingSort;
  limit: number;
  offset: number;
  /**
   * Sorted by start, earliest first: the page opens at the first booking at or after
   * this instant (today, as the list opens), or on the last page when none is. The
   * answer's offset says where that is, so earlier bookings are the pages before.
   */
  openAt?: string;
}

const SORTABLE = {
  start: bookings.scheduledStart,
  service: sql`${bookings.service} COLLATE NOCASE`,
  customer: sql`${customers.name} COLLATE NOCASE`,
  status: bookings.status,
  fieldworker: sql`${fieldworker.name} COLLATE NOCASE`,
  price: bookings.priceCents,
};
export const BOOKING_SORTS = Object.keys(SORTABLE).flatMap((k) => [`${k}_asc`, `${k}_desc`]) as `${keyof typeof SORTABLE}_${'asc' | 'desc'}`[];
export type BookingSort = (typeof BOOKING_SORTS)[number];

export function listBookings(db: Db, q: BookingQuery): { rows: BookingView[]; total: number; offset: number } {
  const where = and(
    q.deleted ? isNotNull(bookings.deletedAt) : isNull(bookings.deletedAt),
    q.status ? eq(bookings.status, q.status) : undefined,
    q.fieldworkerId ? eq(bookings.fieldworkerId, q.fieldworkerId) : undefined,
    q.customerId ? eq(bookings.customerId, q.customerId) : undefined,
    q.propertyId ? eq(bookings.propertyId, q.propertyId) : undefined,
    q.unitId ? eq(bookings.unitId, q.unitId) : undefined,
    q.from ? gte(bookings.scheduledStart, iso(q.from)) : undefined,
    q.to ? lt(bookings.scheduledStart, iso(q.to)) : undefined,
    containsAny(q.search, [bookings.service, customers.name, bookings.address]),
  );
  const [key, direction] = (q.sort ?? 'start_desc').split('_') as [keyof typeof SORTABLE, 'asc' | 'desc'];
  const order = direction === 'asc' ? asc(SORTABLE[key]) : desc(SORTABLE[key]);
  // Every booking has its customer (customer_id is NOT NULL and a foreign key), so joining the
  // customers changes the count only when the search also looks at their names. Without a search,
  // counting 100,000 bookings need not look up 100,000 customers: that was most of a page's time.
  const count = (w: typeof where) => {
    const n = db.orm.select({ n: sql<number>`count(*)` }).from(bookings);
    return (q.search ? n.innerJoin(customers, eq(customers.id, bookings.customerId)).where(w) : n.where(w)).get()!.n;
  };
  const total = count(where);
  let offset = q.offset;
  if (q.openAt && key === 'start' && direction === 'asc') {
    const before = count(and(where, lt(bookings.scheduledStart, iso(q.openAt))));
    offset = before < total ? before : Math.max(0, total - q.limit);
  }
  // Ties (same day, same customer) keep one fixed order, so paging neither repeats nor skips a booking.
  const rows = selectView(db).where(where).orderBy(order, desc(bookings.id)).limit(q.limit).offset(offset).all();
  return { rows, total, offset };
}

// ── checks shared by create and edit ───────────────────────────────────────────

const userById = perConnection((db) =>
  db.orm
    .select({ role: users.role, active: users.active })
    .from(users)
    .where(eq(users.id, sql.placeholder('id')))
    .prepare(),
);
const quoteById = perConnection((db) =>
  db.orm
    .select({ customerId: quotes.customerId })
    .from(quotes)
    .where(eq(quotes.id, sql.placeholder('id')))
    .prepare(),
);

function assertFieldworker(db: Db, id: number | null | undefined): void {
  if (id === null || id === undefined) return;
  const u = userById(db).get({ id });
  if (!u) throw notFound('User', id, 'fieldworkerId');
  if (!u.active) throw new AppError('invalid_input', `User ${id} is deactivated and cannot take bookings.`, 'fieldworkerId');
  if (u.role !== 'fieldworker') throw new AppError('invalid_input', `User ${id} is not a fieldworker.`, 'fieldworkerId');
}

function assertQuote(db: Db, quoteId: number | null | undefined, customerId: number): void {
  if (quoteId === null || quoteId === undefined) return;
  const q = quoteById(db).get({ id: quoteId });
  if (!q) throw notFound('Quote', quoteId, 'quoteId');
  if (q.customerId !== customerId) throw new AppError('invalid_input', `Quote ${quoteId} belongs to another customer.`, 'quoteId');
}

function assertWindow(start: string, end: string): void {
  if (Date.parse(end) < Date.parse(start)) {
    throw new AppError('invalid_input', 'The end of the appointment is before its start.', 'scheduledEnd');
  }
}

// ── writes ─────────────────────────────────────────────────────────────────────

const insert = perConnection((db) =>
  db.orm
    .insert(bookings)
    .values({
      customerId: sql.placeholder('customerId'),
      service: sql.placeholder('service'),
      address: sql.placeholder('address'),
      scheduledStart: sql.placeholder('scheduledStart'),
      scheduledEnd: sql.placeholder('scheduledEnd'),
      status: sql.placeholder('status'),
      fieldworkerId: sql.placeholder('fieldworkerId'),
      priceCents: sql.placeholder('priceCents'),
      quoteId: sql.placeholder('quoteId'),
      createdAt: sql.placeholder('createdAt'),
      updatedAt: sql.placeholder('updatedAt'),
      propertyId: sql.placeholder('propertyId'),
      unitId: sql.placeholder('unitId'),
    })
    .returning({ id: bookings.id })
    .prepare(),
);

// Every write below checks what it depends on (the customer still live, the
// fieldworker still active, the booking's current status) inside its own write
// transaction: checked before it, another process could change them in between.

export function createBooking(ctx: ServiceContext, input: BookingFields & { customFields?: CustomFieldInput }): BookingView {
  return change(ctx, () => {
    const customer = assertLiveCustomer(ctx.db, input.customerId);
    assertFieldworker(ctx.db, input.fieldworkerId);
    assertQuote(ctx.db, input.quoteId, input.customerId);
    assertWindow(input.scheduledStart, input.scheduledEnd);
    if (input.status === 'accepted' && !input.fieldworkerId) {
      throw conflict('A booking can only be accepted once a fieldworker is assigned.', 'status');
    }
    validateCustomFields(ctx.db, 'booking', input.customFields ?? {});
    const { address, propertyId, unitId } = placeBooking(ctx, { ...input, customerAddress: customer.address });
    const now = nowIso(ctx);
    const { id } = insert(ctx.db).get({
      propertyId,
      unitId,
      customerId: input.customerId,
      service: input.service,
      address,
      scheduledStart: iso(input.scheduledStart),
      scheduledEnd: iso(input.scheduledEnd),
      status: input.status ?? 'scheduled',
      fieldworkerId: input.fieldworkerId ?? null,
      priceCents: input.priceCents,
      quoteId: input.quoteId ?? null,
      createdAt: now,
      updatedAt: now,
    })!;
    writeCustomFields(ctx.db, id, input.customFields ?? {});
    return row(ctx.db, id)!;
  });
}

export type BookingPatch = { id: number } & Partial<BookingFields> & { customFields?: CustomFieldInput };

/**
 * Edits any fields at once: each changed field becomes one audit row, all in one
 * transaction; refused when the version it was made on is stale (versions.ts).
 */
export function updateBooking(ctx: ServiceContext, input: BookingPatch & EditVersion): BookingView {
  const { version, override, ...patch } = input;
  return versionedChange(ctx, 'booking', input.id, { version, override }, patch, (inner) => patchBooking(inner, patch));
}

/** updateBooking's checks and writes, inside a transaction the caller opened. */
function patchBooking(ctx: ServiceContext, input: BookingPatch, how: Omit<StatusChange, 'fieldworkerId'> = { path: 'update' }): BookingView {
  const { id, customFields, ...fields } = input;
  const current = row(ctx.db, id);
  assertEditable('Booking', id, current);
  const customerId = fields.customerId ?? current.customerId;
  if (fields.customerId !== undefined) assertLiveCustomer(ctx.db, fields.customerId);
  assertFieldworker(ctx.db, fields.fieldworkerId);
  if (fields.quoteId !== undefined || fields.customerId !== undefined) {
    assertQuote(ctx.db, fields.quoteId === undefined ? current.quoteId : fields.quoteId, customerId);
  }
  if (fields.customerId !== undefined && fields.customerId !== current.customerId && fields.propertyId === undefined) {
    // For another customer, at the same address: their property there (made if they have none).
    fields.propertyId = placeBooking(ctx, { customerId, address: fields.address ?? current.address, customerAddress: null }).propertyId;
  }
  if (fields.propertyId !== undefined || fields.unitId !== undefined || fields.customerId !== undefined) {
    // A booking moved to another property goes to its address, unless one is typed; a unit must be of the property.
    const propertyId = fields.propertyId === undefined ? current.propertyId : fields.propertyId;
    if (propertyId === null) throw new AppError('invalid_input', 'A booking happens at a property; choose one.', 'propertyId');
    const place = assertPropertyOf(ctx.db, propertyId, customerId);
    if (fields.propertyId !== undefined && fields.propertyId !== current.propertyId) {
      fields.address ??= place.address;
      if (fields.unitId === undefined) fields.unitId = null;
    }
    assertUnitOf(ctx.db, fields.unitId === undefined ? current.unitId : fields.unitId, propertyId);
  }
  const start = fields.scheduledStart ?? current.scheduledStart;
  const end = fields.scheduledEnd ?? current.scheduledEnd;
  assertWindow(start, end);
  assertBookingReason(ctx, ctx.db, current, fields);
  const fieldworkerAfter = fields.fieldworkerId === undefined ? current.fieldworkerId : fields.fieldworkerId;
  // A new (or no) fieldworker has not accepted the job: it goes back to scheduled
  // until the new one accepts it, whichever form or action changed the assignment.
  if (fieldworkerAfter !== current.fieldworkerId && current.status === 'accepted' && fields.status === undefined) {
    fields.status = 'scheduled';
  } else if (fields.status !== undefined && (fields.status !== current.status || how.path !== 'update')) {
    // Every path obeys the one table (bookingStatus.ts); a form re-sending the current status changes nothing.
    assertStatusChange(ctx, current, fields.status, { ...how, fieldworkerId: fieldworkerAfter });
  }
  validateCustomFields(ctx.db, 'booking', customFields ?? {});
  const patch = definedOnly({
    ...fields,
    scheduledStart: fields.scheduledStart && iso(fields.scheduledStart),
    scheduledEnd: fields.scheduledEnd && iso(fields.scheduledEnd),
  });
  if (Object.keys(patch).length) {
    updateById(ctx.db, bookings, id, { ...patch, updatedAt: nowIso(ctx) });
  }
  writeCustomFields(ctx.db, id, customFields ?? {});
  return row(ctx.db, id)!;
}

export function rescheduleBooking(ctx: ServiceContext, input: { id: number; scheduledStart: string; scheduledEnd: string }) {
  return updateBooking(ctx, input);
}

export function assignFieldworker(ctx: ServiceContext, input: { id: number; fieldworkerId: number | null }) {
  return updateBooking(ctx, input);
}

export function linkQuote(ctx: ServiceContext, input: { id: number; quoteId: number | null }) {
  return updateBooking(ctx, input);
}

/** Cancels with the reason in the context (CANCEL_REASONS): the status table says from where, and who. */
export function cancelBooking(ctx: ServiceContext, input: { id: number }) {
  return change(ctx, () => patchBooking(ctx, { id: input.id, status: 'cancelled' }, { path: 'cancel' }));
}

/** Fieldworkers work their own bookings only; staff and above, any booking. */
export function assertOwnBookingOrStaff(ctx: ServiceContext, id: number, doing: string, field = 'id'): BookingView {
  const current = row(ctx.db, id);
  if (!current) throw notFound('Booking', id, field);
  if (!hasRole(ctx.user, 'staff') && current.fieldworkerId !== ctx.user.id) {
    throw forbidden(`Booking ${id} is not assigned to you, so you cannot ${doing}.`);
  }
  return current;
}

/**
 * Any status change the table allows the user (bookingStatus.ts): a cancellation or a
 * correction with its reason in the context; `early` confirms starting or completing
 * well before the scheduled time.
 */
export function setBookingStatus(ctx: ServiceContext, input: { id: number; status: BookingStatus; early?: boolean }) {
  return change(ctx, () => {
    assertOwnBookingOrStaff(ctx, input.id, 'change its status');
    const changed = patchBooking(ctx, { id: input.id, status: input.status }, { path: 'setStatus', early: input.early });
    // Start work and Mark completed are the visit's time-in and time-out unless one is recorded (visitTimes.ts).
    recordOnStatus(ctx, changed, input.status);
    return changed;
  });
}

/** The assigned fieldworker accepts the job. */
export function acceptBooking(ctx: ServiceContext, input: { id: number }) {
  return change(ctx, () => {
    assertOwnBookingOrStaff(ctx, input.id, 'accept it');
    return patchBooking(ctx, { id: input.id, status: 'accepted' }, { path: 'accept' });
  });
}

export function setBookingDeleted(ctx: ServiceContext, input: { id: number }, deleting: boolean): BookingView {
  return change(ctx, () => {
    assertDeletable('Booking', input.id, row(ctx.db, input.id), deleting, ctx.reason);
    if (deleting) assertNothingBlocks(`Booking ${input.id}`, bookingBlockers(ctx.db, input.id));
    const at = nowIso(ctx);
    updateById(ctx.db, bookings, input.id, {
      deletedAt: deleting ? at : null,
      purgeAfter: deleting ? purgeAfter(at, retentionDays(ctx.db)) : null,
      updatedAt: at,
    });
    return row(ctx.db, input.id)!;
  });
}
