// Who may move a booking from which status to which: the one table every path
// obeys (bookings.setStatus, cancel, accept, and bookings.update when it carries a
// status), enforced in the main process by statusChange.ts. The job card reads the
// same table to offer only what will be allowed, so this file has no dependencies
// beyond types.
import type { BookingStatus, Role } from '../../db/schema';

/** The ways a status change reaches the service, each a contract entry. */
export const STATUS_PATHS = ['setStatus', 'cancel', 'accept', 'update'] as const;
export type StatusPath = (typeof STATUS_PATHS)[number];

/**
 * What a transition needs beyond the role:
 * - fieldworker: someone is assigned (accepting is theirs to do);
 * - cancelReason / correctionReason: the change carries a reason of that kind;
 * - noApprovedPayment: nothing approved has been paid (a paid customer was not a no-show);
 * - onTime: not more than EARLY_HOURS before the scheduled start, unless the call confirms it.
 */
export type Need = 'fieldworker' | 'cancelReason' | 'correctionReason' | 'noApprovedPayment' | 'onTime';

export interface Transition {
  from: readonly BookingStatus[];
  to: BookingStatus;
  /** The least role. A fieldworker acts on bookings assigned to them only; the office acts on any. */
  least: Role;
  needs?: readonly Need[];
}

/**
 * The table. Cancelled and completed are final but for a manager's correction with
 * a reason; a no-show can be booked again. Fieldworkers move their own jobs along
 * scheduled → accepted → in progress → completed, or to no-show; the office may
 * record the same steps for them.
 */
export const TRANSITIONS: readonly Transition[] = [
  { from: ['quote'], to: 'pending', least: 'staff' },
  { from: ['quote', 'pending', 'no_show'], to: 'scheduled', least: 'staff' },
  { from: ['scheduled'], to: 'pending', least: 'staff' },
  { from: ['pending', 'scheduled'], to: 'accepted', least: 'fieldworker', needs: ['fieldworker'] },
  { from: ['accepted'], to: 'scheduled', least: 'staff' },
  { from: ['accepted'], to: 'in_progress', least: 'fieldworker', needs: ['onTime'] },
  { from: ['in_progress'], to: 'completed', least: 'fieldworker', needs: ['onTime'] },
  { from: ['scheduled', 'accepted'], to: 'no_show', least: 'fieldworker', needs: ['noApprovedPayment'] },
  { from: ['quote', 'pending', 'scheduled', 'accepted'], to: 'cancelled', least: 'staff', needs: ['cancelReason'] },
  // Work has begun: calling it off is a manager's decision.
  { from: ['in_progress'], to: 'cancelled', least: 'manager', needs: ['cancelReason'] },
  // Corrections of a final status.
  { from: ['cancelled'], to: 'scheduled', least: 'manager', needs: ['correctionReason'] },
  { from: ['completed'], to: 'in_progress', least: 'manager', needs: ['correctionReason'] },
];

/**
 * Starting or completing a job more than this long before its scheduled start asks
 * first: a fieldworker arriving early in the morning for a late-morning job is
 * normal; the day before (or a tap on the wrong job in the list) is not.
 */
export const EARLY_HOURS = 3;

export const isEarly = (scheduledStart: string, nowMs: number) => Date.parse(scheduledStart) - nowMs > EARLY_HOURS * 3_600_000;

/** "13 days", "5 hours": how far ahead of its start a job would be started. */
export function aheadWords(ms: number): string {
  const hours = Math.round(ms / 3_600_000);
  return hours < 48 ? `${hours} hours` : `${Math.round(hours / 24)} days`;
}

const RANK: Record<Role, number> = { fieldworker: 0, staff: 1, manager: 2, administrator: 3 };
const mayAct = (role: Role, t: Transition) => RANK[role] >= RANK[t.least];

export const STATUS_WORDS: Record<BookingStatus, string> = {
  quote: 'quote',
  pending: 'pending',
  scheduled: 'scheduled',
  accepted: 'accepted',
  in_progress: 'in progress',
  completed: 'completed',
  cancelled: 'cancelled',
  no_show: 'no-show',
};

const WHO: Record<Role, string> = {
  fieldworker: 'the assigned fieldworker or the office',
  staff: 'staff or above',
  manager: 'a manager or above',
  administrator: 'an administrator',
};

/** "a manager or above, with a correction reason": who may make a transition, in words. */
export const whoMay = (t: Transition): string => `${WHO[t.least]}${how(t)}`;

const how = (t: Transition) =>
  t.needs?.includes('cancelReason') ? ', with a cancellation reason' : t.needs?.includes('correctionReason') ? ', as a correction with a reason' : '';

/** Whether the path can carry a transition at all: each entry moves to its own status; a form's save carries no status reason. */
export function pathCarries(path: StatusPath, t: Transition): boolean {
  if (path === 'accept') return t.to === 'accepted';
  if (path === 'cancel') return t.to === 'cancelled';
  if (path === 'update') return !t.needs?.some((n) => n === 'cancelReason' || n === 'correctionReason');
  return true;
}

export type Verdict = { ok: true; transition: Transition } | { ok: false; code: 'forbidden' | 'conflict'; message: string };

/**
 * Whether a role may move a booking from one status to another along a path, before
 * the needs are checked. Refusals name the current and the requested status and who may do it.
 */
export function judgeTransition(role: Role, from: BookingStatus, to: BookingStatus, path: StatusPath, bookingId: number): Verdict {
  const refuse = (code: 'forbidden' | 'conflict', message: string): Verdict => ({ ok: false, code, message });
  const toWords = STATUS_WORDS[to];
  const is = `Booking ${bookingId} is ${from === 'quote' || from === 'no_show' ? `a ${STATUS_WORDS[from]}` : STATUS_WORDS[from]}`;
  const intoTo = TRANSITIONS.filter((t) => t.to === to);
  if (!intoTo.some((t) => mayAct(role, t))) {
    if (intoTo.length) return refuse('forbidden', `${is}: only ${WHO[leastOf(intoTo)]} may set a booking to ${toWords}; you are signed in as ${role}.`);
    if (role !== 'fieldworker') return refuse('conflict', `${is}: no booking can be set to ${toWords}.`);
    const theirs = [...new Set(TRANSITIONS.filter((t) => mayAct(role, t)).map((t) => STATUS_WORDS[t.to]))];
    return refuse('forbidden', `${is}: a fieldworker may set a booking to ${theirs.join(', ')}; not to ${toWords}.`);
  }
  if (from === to) return refuse('conflict', `Booking ${bookingId} is already ${toWords}.`);
  const t = intoTo.find((x) => x.from.includes(from));
  if (!t) return refuse('conflict', `${is} and cannot become ${toWords}. ${onwards(from)}`);
  if (!mayAct(role, t)) {
    return refuse('forbidden', `${is}: only ${WHO[t.least]} may set it to ${toWords}${how(t)}; you are signed in as ${role}.`);
  }
  // Only a form's save can fall here: accept and cancel each carry the one status they set.
  if (!pathCarries(path, t)) {
    return refuse(
      'conflict',
      `${is}: setting it to ${toWords} needs a reason, so it is done with ` +
        `${to === 'cancelled' ? 'Cancel booking' : 'Correct status'}, not by saving the form.`,
    );
  }
  return { ok: true, transition: t };
}

/** Where a booking can go from a status, and who may take it there, for a refusal. */
function onwards(from: BookingStatus): string {
  const out = TRANSITIONS.filter((t) => t.from.includes(from));
  if (!out.length) return `A ${STATUS_WORDS[from]} booking stays ${STATUS_WORDS[from]}.`;
  return `From ${STATUS_WORDS[from]} it can go to ${out.map((t) => `${STATUS_WORDS[t.to]} (${whoMay(t)})`).join('; ')}.`;
}

const leastOf = (ts: readonly Transition[]): Role => ts.map((t) => t.least).sort((a, b) => RANK[a] - RANK[b])[0];

/** The statuses a role may move a booking to from its current one: what the job card offers. */
export function nextStatuses(role: Role, from: BookingStatus, path: StatusPath = 'setStatus'): Transition[] {
  return TRANSITIONS.filter((t) => t.from.includes(from) && mayAct(role, t) && pathCarries(path, t));
}
