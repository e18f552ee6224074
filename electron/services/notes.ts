import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { notes, users } from '../../db/schema';
import { change, nowIso, type ServiceContext } from './context';
import { AppError } from './errors';
import { assertLiveCustomer } from './customers';
import { assertOwnBookingOrStaff } from './bookings';
import { assertEditable } from './records';
import { perConnection } from './statements';

export interface NoteView {
  id: number;
  customerId: number;
  bookingId: number | null;
  authorName: string | null;
  body: string;
  createdAt: string;
}

const view = {
  id: notes.id,
  customerId: notes.customerId,
  bookingId: notes.bookingId,
  authorName: users.name,
  body: notes.body,
  createdAt: notes.createdAt,
};

export function listNotes(db: Db, by: { bookingId: number } | { customerId: number }): NoteView[] {
  const where = 'bookingId' in by ? eq(notes.bookingId, by.bookingId) : eq(notes.customerId, by.customerId);
  return db.orm.select(view).from(notes).leftJoin(users, eq(users.id, notes.authorId)).where(where).orderBy(desc(notes.id)).all();
}

const insert = perConnection((db) =>
  db.orm
    .insert(notes)
    .values({
      customerId: sql.placeholder('customerId'),
      bookingId: sql.placeholder('bookingId'),
      authorId: sql.placeholder('authorId'),
      body: sql.placeholder('body'),
      createdAt: sql.placeholder('createdAt'),
    })
    .returning({ id: notes.id })
    .prepare(),
);
const byId = perConnection((db) =>
  db.orm
    .select(view)
    .from(notes)
    .leftJoin(users, eq(users.id, notes.authorId))
    .where(eq(notes.id, sql.placeholder('id')))
    .prepare(),
);

/** A note on a booking (fieldworkers: their own bookings) or on a customer's profile. */
export function addNote(ctx: ServiceContext, input: { bookingId?: number; customerId?: number; body: string }): NoteView {
  return change(ctx, () => {
    const customerId = noteCustomer(ctx, input);
    const { id } = insert(ctx.db).get({
      customerId,
      bookingId: input.bookingId ?? null,
      authorId: ctx.user.id,
      body: input.body,
      createdAt: nowIso(ctx),
    })!;
    return byId(ctx.db).get({ id })!;
  });
}

/** Whose note it is, checked inside the note's transaction: the booking still assigned to a fieldworker, the record still live. */
function noteCustomer(ctx: ServiceContext, input: { bookingId?: number; customerId?: number }): number {
  if (input.bookingId !== undefined) {
    const b = assertOwnBookingOrStaff(ctx, input.bookingId, 'add a note to it', 'bookingId');
    assertEditable('Booking', input.bookingId, b);
    return b.customerId;
  }
  if (input.customerId !== undefined) {
    if (ctx.user.role === 'fieldworker') throw new AppError('forbidden', 'A fieldworker may add notes to their own bookings only.');
    return assertLiveCustomer(ctx.db, input.customerId).id;
  }
  throw new AppError('invalid_input', 'Say which booking or customer the note is for.', 'bookingId');
}
