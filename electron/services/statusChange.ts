// The main process's side of the status table (bookingStatus.ts): judges a status
// change against the table, then checks what the transition needs against the
// database, inside the write's own transaction so nothing changes in between.
import type { Db } from '../../db/open';
import type { BookingStatus } from '../../db/schema';
import { nowIso, type ServiceContext } from './context';
import { AppError, conflict, forbidden } from './errors';
import { CANCEL_REASONS, CORRECTION_REASONS, isOneOf, reasonWords } from './reasons';
import { cachedStatement } from './statements';
import { aheadWords, EARLY_HOURS, judgeTransition, STATUS_WORDS, type Need, type StatusPath } from './bookingStatus';

export interface StatusChange {
  path: StatusPath;
  /** The fieldworker the booking will have once this edit is saved. */
  fieldworkerId: number | null;
  /** The caller confirmed starting or completing well before the scheduled time. */
  early?: boolean;
}

interface Current {
  id: number;
  status: BookingStatus;
  scheduledStart: string;
}

function approvedPayment(db: Db, bookingId: number): boolean {
  return cachedStatement(db.sqlite, "SELECT 1 FROM payments WHERE booking_id = ? AND status = 'approved' LIMIT 1").get(bookingId) !== undefined;
}

/** Refuses a status change the table does not allow, or whose needs are not met; returns nothing when it may go ahead. */
export function assertStatusChange(ctx: ServiceContext, current: Current, to: BookingStatus, how: StatusChange): void {
  const verdict = judgeTransition(ctx.user.role, current.status, to, how.path, current.id);
  if (!verdict.ok) throw verdict.code === 'forbidden' ? forbidden(verdict.message) : conflict(verdict.message, 'status');
  for (const need of verdict.transition.needs ?? []) checkNeed(ctx, current, to, how, need);
}

function checkNeed(ctx: ServiceContext, current: Current, to: BookingStatus, how: StatusChange, need: Need): void {
  const code = ctx.reason?.code;
  const id = current.id;
  switch (need) {
    case 'fieldworker':
      if (how.fieldworkerId === null) throw conflict('A booking can only be accepted once a fieldworker is assigned.', 'status');
      return;
    case 'cancelReason':
      if (!isOneOf(CANCEL_REASONS, code)) {
        throw new AppError('invalid_input', `Cancelling booking ${id} needs a reason: ${reasonWords(CANCEL_REASONS)}.`, 'reason');
      }
      return;
    case 'correctionReason':
      if (!isOneOf(CORRECTION_REASONS, code)) {
        throw new AppError(
          'invalid_input',
          `Booking ${id} is ${STATUS_WORDS[current.status]}: setting it back to ${STATUS_WORDS[to]} is a correction and needs a reason: ${reasonWords(CORRECTION_REASONS)}.`,
          'reason',
        );
      }
      return;
    case 'noApprovedPayment':
      if (approvedPayment(ctx.db, id)) {
        throw conflict(`Booking ${id} has an approved payment: a customer who paid is not recorded as a no-show.`, 'status');
      }
      return;
    case 'onTime': {
      const ahead = Date.parse(current.scheduledStart) - Date.parse(nowIso(ctx));
      if (ahead > EARLY_HOURS * 3_600_000 && !how.early) {
        throw conflict(
          `Booking ${id} is scheduled for ${current.scheduledStart}, ${aheadWords(ahead)} from now: ` +
            `setting it to ${STATUS_WORDS[to]} that early must be confirmed.`,
          'early',
        );
      }
    }
  }
}
