// Visit times: when the fieldworker actually arrived (time-in) and left
// (time-out), apart from the scheduled times (migration 0023).
//
// - The assigned fieldworker records them on their own job; the office (staff and
//   above) may record them on the fieldworker's behalf, which the History says.
// - Each is recorded once. Changing one afterwards is a correction: the office's,
//   with a reason (VISIT_CORRECTION_REASONS); the original stays in the History as
//   the correction's "before", and the migration refuses a change through the app
//   without a reason.
// - A time in the future, out of order or far from the schedule (visitTimeRules.ts)
//   is refused as a conflict on field "confirm" unless the call confirms it: the
//   job card turns that into "Record anyway?".
// - Start work records the time-in, and Mark completed the time-out, when none is
//   recorded yet (recordOnStatus, in the status change's own transaction): the
//   moment the fieldworker said so is the visit's time unless someone records
//   another. Recording a time never changes the status: a visit recorded
//   afterwards by the office is not work started now.
import type { Db } from '../../db/open';
import type { BookingStatus } from '../../db/schema';
import { assertOwnBookingOrStaff, type BookingView } from './bookings';
import { change, nowIso, type ServiceContext } from './context';
import { AppError, conflict } from './errors';
import { isOneOf, reasonWords, VISIT_CORRECTION_REASONS } from './reasons';
import { cachedStatement } from './statements';
import { KIND_WORDS, visitTimeDoubts, type VisitTimeKind } from './visitTimeRules';

/** A change of a recorded time after it was recorded, as the History holds it. */
export interface VisitCorrection {
  /** When the correction was made. */
  at: string;
  actorName: string;
  /** Made by a program other than JobTrail: no reason was asked. */
  outside: boolean;
  /** 'time': the time itself (from → to are instants); 'fieldworker': who served (names). */
  what: 'time' | 'fieldworker';
  from: string | null;
  to: string | null;
  reason: string | null;
}

export interface VisitTimeView {
  id: number;
  kind: VisitTimeKind;
  /** The time as it stands now (after any correction). */
  at: string;
  fieldworkerId: number;
  /** The person who served, by name as it is now. */
  fieldworkerName: string;
  /** The time as first recorded; null when its "recorded" row is no longer in the log (archived). */
  original: string | null;
  recordedAt: string | null;
  recordedBy: string | null;
  /** Recorded by someone other than the fieldworker it is for (the office on their behalf). */
  onBehalf: boolean;
  corrections: VisitCorrection[];
}

export interface VisitTimes {
  bookingId: number;
  timeIn: VisitTimeView | null;
  timeOut: VisitTimeView | null;
}

interface StoredTime {
  id: number;
  bookingId: number;
  kind: VisitTimeKind;
  at: string;
  fieldworkerId: number;
  fieldworkerName: string;
}
interface TimeRow {
  entityId: number;
  bookingId: number;
  at: string;
  actorName: string;
  actorId: number | null;
  origin: string | null;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  event: string;
  reason: string | null;
}

const ids = (bookingIds: readonly number[]) => JSON.stringify(bookingIds);

/** The stored times of some bookings, and their rows of the History (down audit_visit_time_rows, one walk per booking). */
function readTimes(db: Db, bookingIds: readonly number[]): { stored: StoredTime[]; rows: TimeRow[] } {
  const stored = cachedStatement(
    db.sqlite,
    `SELECT v.id, v.booking_id AS bookingId, v.kind, v.at, v.fieldworker_id AS fieldworkerId,
      u.name AS fieldworkerName
    FROM visit_times v JOIN users u ON u.id = v.fieldworker_id
    WHERE v.booking_id IN (SELECT value FROM json_each(?))`,
  ).all(ids(bookingIds)) as StoredTime[];
  if (stored.length === 0) return { stored, rows: [] };
  const rows = cachedStatement(
    db.sqlite,
    `SELECT entity_id AS entityId, booking_id AS bookingId, at, actor_name AS actorName,
      actor_id AS actorId, origin, field, old_value AS oldValue, new_value AS newValue, event, reason
    FROM audit_log WHERE entity = 'visit_time' AND booking_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
  ).all(ids([...new Set(stored.map((s) => s.bookingId))])) as TimeRow[];
  return { stored, rows };
}

/** The value a "recorded" row carries for its kind (0023: field '*', a JSON object keyed by the kind). */
function recordedValue(r: TimeRow, kind: VisitTimeKind): string | null {
  if (r.field !== '*' || r.newValue === null) return null;
  try {
    const v = (JSON.parse(r.newValue) as Record<string, unknown>)[kind];
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}

/** `mine`: the time's own rows of the History, oldest first. */
function view(s: StoredTime, mine: readonly TimeRow[]): VisitTimeView {
  const recorded = mine.find((r) => r.event.endsWith('recorded') || r.event.endsWith('recorded on behalf'));
  const corrections = mine
    .filter((r) => r.event.endsWith('corrected'))
    .map((r): VisitCorrection => ({
      at: r.at,
      actorName: r.actorName,
      outside: r.origin === 'outside' || (r.origin !== 'app' && r.actorId === null),
      what: r.field === 'fieldworker' ? 'fieldworker' : 'time',
      from: r.oldValue,
      to: r.newValue,
      reason: r.reason,
    }));
  const firstTime = corrections.find((c) => c.what === 'time');
  return {
    id: s.id,
    kind: s.kind,
    at: s.at,
    fieldworkerId: s.fieldworkerId,
    fieldworkerName: s.fieldworkerName,
    original: recorded ? recordedValue(recorded, s.kind) : (firstTime?.from ?? null),
    recordedAt: recorded?.at ?? null,
    recordedBy: recorded?.actorName ?? null,
    onBehalf: recorded?.event.endsWith('on behalf') ?? false,
    corrections,
  };
}

/** The visit times of many bookings at once (the visit verification report): two statements, whatever their number. */
export function visitTimesOf(db: Db, bookingIds: readonly number[]): Map<number, VisitTimes> {
  const out = new Map<number, VisitTimes>(bookingIds.map((id) => [id, { bookingId: id, timeIn: null, timeOut: null }]));
  const { stored, rows } = readTimes(db, bookingIds);
  // Grouped once by the time they are about: a month's report holds thousands of times.
  const byTime = new Map<number, TimeRow[]>();
  for (const r of rows) {
    const list = byTime.get(r.entityId);
    if (list) list.push(r);
    else byTime.set(r.entityId, [r]);
  }
  for (const s of stored) {
    const v = out.get(s.bookingId)!;
    const shown = view(s, byTime.get(s.id) ?? []);
    if (s.kind === 'time_in') v.timeIn = shown;
    else v.timeOut = shown;
  }
  return out;
}

export const bookingVisitTimes = (db: Db, bookingId: number): VisitTimes => visitTimesOf(db, [bookingId]).get(bookingId)!;

const storedAt = (db: Db, bookingId: number, kind: VisitTimeKind) =>
  cachedStatement(db.sqlite, 'SELECT id, at FROM visit_times WHERE booking_id = ? AND kind = ?').get(bookingId, kind) as { id: number; at: string } | undefined;

const insertTime = (db: Db, b: { id: number }, kind: VisitTimeKind, at: string, fieldworkerId: number) =>
  cachedStatement(db.sqlite, 'INSERT INTO visit_times (booking_id, kind, at, fieldworker_id) VALUES (?, ?, ?, ?)').run(b.id, kind, at, fieldworkerId);

/** Statuses with no visit to speak of: not yet on the calendar, or called off. */
const NO_VISIT: readonly BookingStatus[] = ['quote', 'pending', 'cancelled'];

function assertVisit(b: BookingView, kind: VisitTimeKind): number {
  const words = KIND_WORDS[kind];
  if (b.deletedAt) throw conflict(`Booking ${b.id} is deleted: restore it before recording its ${words}.`, 'bookingId');
  if (NO_VISIT.includes(b.status)) {
    throw conflict(`Booking ${b.id} is ${b.status === 'cancelled' ? 'cancelled' : `a ${b.status}`}: there is no visit to record a ${words} for.`, 'bookingId');
  }
  if (b.fieldworkerId === null) throw conflict(`Booking ${b.id} has no fieldworker assigned: a ${words} is recorded for the person who served.`, 'bookingId');
  return b.fieldworkerId;
}

/** Refuses a doubtful time unless the caller confirmed it, naming every doubt. */
function assertNotDoubtful(ctx: ServiceContext, b: BookingView, kind: VisitTimeKind, at: string, confirmed: boolean | undefined): void {
  if (confirmed) return;
  const other = (k: VisitTimeKind) => (k === kind ? null : (storedAt(ctx.db, b.id, k)?.at ?? null));
  const doubts = visitTimeDoubts(
    kind,
    at,
    {
      scheduledStart: b.scheduledStart,
      scheduledEnd: b.scheduledEnd,
      timeIn: other('time_in'),
      timeOut: other('time_out'),
    },
    Date.parse(nowIso(ctx)),
  );
  if (doubts.length) throw conflict(`Check the ${KIND_WORDS[kind]} of booking ${b.id} before it is recorded: ${doubts.join(' ')}`, 'confirm');
}

export interface RecordInput {
  bookingId: number;
  kind: VisitTimeKind;
  /** When; now when not given (the "Record arrival" button). */
  at?: string;
  /** The caller saw the doubts about this time and records it anyway. */
  confirmed?: boolean;
}

/** Records a time-in or time-out, by the assigned fieldworker or by the office on their behalf. */
export function recordVisitTime(ctx: ServiceContext, input: RecordInput): VisitTimes {
  return change(ctx, () => {
    const b = assertOwnBookingOrStaff(ctx, input.bookingId, `record its ${KIND_WORDS[input.kind]}`, 'bookingId');
    const fieldworkerId = assertVisit(b, input.kind);
    const existing = storedAt(ctx.db, b.id, input.kind);
    if (existing) {
      throw conflict(
        `The ${KIND_WORDS[input.kind]} of booking ${b.id} is already recorded (${existing.at}): ` +
          'changing it is a correction, which the office makes with a reason.',
        'kind',
      );
    }
    const at = new Date(input.at ?? nowIso(ctx)).toISOString();
    assertNotDoubtful(ctx, b, input.kind, at, input.confirmed);
    insertTime(ctx.db, b, input.kind, at, fieldworkerId);
    return bookingVisitTimes(ctx.db, b.id);
  });
}

/** Corrects a recorded time: the reason (in the context) goes into its audit row, beside the time it replaces. */
export function correctVisitTime(ctx: ServiceContext, input: Required<Pick<RecordInput, 'bookingId' | 'kind' | 'at'>> & { confirmed?: boolean }): VisitTimes {
  const words = KIND_WORDS[input.kind];
  if (!isOneOf(VISIT_CORRECTION_REASONS, ctx.reason?.code)) {
    throw new AppError(
      'invalid_input',
      `Correcting the ${words} of booking ${input.bookingId} needs a reason: ${reasonWords(VISIT_CORRECTION_REASONS)}.`,
      'reason',
    );
  }
  return change(ctx, () => {
    const b = assertOwnBookingOrStaff(ctx, input.bookingId, `correct its ${words}`, 'bookingId');
    if (b.deletedAt) throw conflict(`Booking ${b.id} is deleted: restore it before correcting its ${words}.`, 'bookingId');
    const existing = storedAt(ctx.db, b.id, input.kind);
    if (!existing) throw new AppError('not_found', `No ${words} is recorded for booking ${b.id}: record it first.`, 'kind');
    const at = new Date(input.at).toISOString();
    if (at === existing.at) throw conflict(`The ${words} of booking ${b.id} is already ${at}: nothing to correct.`, 'at');
    assertNotDoubtful(ctx, b, input.kind, at, input.confirmed);
    cachedStatement(ctx.db.sqlite, 'UPDATE visit_times SET at = ? WHERE id = ?').run(at, existing.id);
    return bookingVisitTimes(ctx.db, b.id);
  });
}

const ON_STATUS: Partial<Record<BookingStatus, VisitTimeKind>> = { in_progress: 'time_in', completed: 'time_out' };

/**
 * Inside a status change's transaction (bookings.setBookingStatus): Start work
 * records the time-in, Mark completed the time-out, now, when none is recorded.
 * A time-out that would come before a time-in recorded later than now is left for
 * someone to record, rather than recorded out of order without anyone asked.
 */
export function recordOnStatus(ctx: ServiceContext, b: BookingView, to: BookingStatus): void {
  const kind = ON_STATUS[to];
  if (!kind || b.fieldworkerId === null || storedAt(ctx.db, b.id, kind)) return;
  // The instant the status change's own row carries, so the Timeline's step and the time agree to the millisecond.
  const at =
    (cachedStatement(
      ctx.db.sqlite,
      `SELECT at FROM audit_log WHERE booking_id = ? AND entity = 'booking' AND field = 'status'
    ORDER BY id DESC LIMIT 1`,
    )
      .pluck()
      .get(b.id) as string | undefined) ?? new Date(nowIso(ctx)).toISOString();
  const timeIn = kind === 'time_out' ? storedAt(ctx.db, b.id, 'time_in') : undefined;
  if (timeIn && timeIn.at > at) return;
  insertTime(ctx.db, b, kind, at, b.fieldworkerId);
}
