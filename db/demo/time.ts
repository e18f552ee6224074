// Office time for the demo: appointments start on the half hour between 8:00 and
// 16:00 local time, Monday to Saturday, and office work happens in office hours.
// The office's zone is taken as UTC−5 all year: daylight saving is not worth
// modelling in made-up data, and a fixed offset keeps the output identical everywhere.
import type { Rng } from './random';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const OFFSET = -5 * HOUR;

/** The office-local day number of an instant (days since 1970-01-01 local). */
export function localDay(t: number): number {
  return Math.floor((t + OFFSET) / DAY);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (day + 4) % 7;
}

/** The instant of a local day at a local time in minutes after midnight. */
export function at(day: number, minuteOfDay: number): number {
  return day * DAY + minuteOfDay * MINUTE - OFFSET;
}

/** Month 1–12 of an instant, local. */
export function localMonth(t: number): number {
  return new Date(t + OFFSET).getUTCMonth() + 1;
}

/** The same or the next working day: Sundays move to Monday, most Saturdays too. */
export function workday(day: number, rng: Rng): number {
  const w = weekday(day);
  if (w === 0) return day + 1;
  if (w === 6 && rng.chance(0.7)) return day + 2;
  return day;
}

/** An appointment start on a working day: 8:00 to 16:00 on the half hour. */
export function appointment(day: number, rng: Rng): number {
  return at(workday(day, rng), 8 * 60 + 30 * rng.int(0, 16));
}

/**
 * Moves an instant to office hours (8:00–17:30) on its own local day, at a random
 * minute and second, if that stays strictly between lo and hi; else leaves it.
 */
export function officeHours(t: number, rng: Rng, lo: number, hi: number): number {
  const day = localDay(t);
  const moved = at(weekday(day) === 0 ? day + 1 : day, rng.int(8 * 60, 17 * 60 + 29)) + rng.int(0, 59_999);
  return moved > lo && moved < hi ? moved : t;
}
