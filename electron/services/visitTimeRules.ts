// What makes a recorded visit time doubtful, and how far it lies from the
// schedule, in one place: the main process refuses a doubtful time unless the
// call confirms it (services/visitTimes.ts), and the job card asks "Record
// anyway?" from the same rules before it calls. No dependencies beyond types, so
// the renderer imports it as it imports bookingStatus.ts.
import type { VISIT_TIME_KINDS } from '../../db/schema';

export type VisitTimeKind = (typeof VISIT_TIME_KINDS)[number];

export const KIND_WORDS: Record<VisitTimeKind, string> = { time_in: 'time-in', time_out: 'time-out' };

/**
 * A time more than this far outside the scheduled window asks first: an hour or
 * two either side is a normal day; a time-in at 2 a.m. for a 10 a.m. visit is
 * more likely a slip of the finger than the truth.
 */
export const FAR_HOURS = 3;
/** A time this little ahead of the clock is the two clocks disagreeing, not a time in the future. */
export const CLOCK_SLACK_MS = 2 * 60_000;

export interface VisitSchedule {
  scheduledStart: string;
  scheduledEnd: string;
  /** The times already recorded (after this one is recorded or corrected, the other one stays). */
  timeIn: string | null;
  timeOut: string | null;
}

/** "1 h 5 min", "12 min", "2 days 3 h": a stretch of time as the office says it. */
export function spanWords(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} days ${hours % 24} h` : `${days} days`;
}

/**
 * Why a time would be doubtful, each in a sentence; none when it is not. `now` is
 * the main process's clock (the renderer passes its own to ask early).
 */
export function visitTimeDoubts(kind: VisitTimeKind, at: string, s: VisitSchedule, nowMs: number): string[] {
  const t = Date.parse(at);
  const doubts: string[] = [];
  if (t - nowMs > CLOCK_SLACK_MS) doubts.push(`It is ${spanWords(t - nowMs)} in the future.`);
  if (kind === 'time_out' && s.timeIn !== null && t < Date.parse(s.timeIn)) {
    doubts.push(`It is before the time-in (${spanWords(Date.parse(s.timeIn) - t)} earlier).`);
  }
  if (kind === 'time_in' && s.timeOut !== null && t > Date.parse(s.timeOut)) {
    doubts.push(`It is after the time-out (${spanWords(t - Date.parse(s.timeOut))} later).`);
  }
  if (kind === 'time_out' && s.timeIn === null) doubts.push('No time-in is recorded yet.');
  const far = FAR_HOURS * 3_600_000;
  const start = Date.parse(s.scheduledStart);
  const end = Date.parse(s.scheduledEnd);
  if (t < start - far) doubts.push(`It is ${spanWords(start - t)} before the scheduled start.`);
  else if (t > end + far) doubts.push(`It is ${spanWords(t - end)} after the scheduled end.`);
  return doubts;
}

/** A time-in this long after the scheduled start counts as a late arrival in the report's totals. */
export const LATE_MINUTES = 15;

/** Actual against scheduled: positive when late. */
export const lateByMs = (actual: string, scheduled: string) => Date.parse(actual) - Date.parse(scheduled);

/** "12 min late", "5 min early", "on time" (within a minute). */
export function lateWords(actual: string, scheduled: string): string {
  const ms = lateByMs(actual, scheduled);
  if (Math.abs(ms) < 60_000) return 'on time';
  return `${spanWords(ms)} ${ms > 0 ? 'late' : 'early'}`;
}
