// Local time with the zone's name ("Jan 3, 2026, 10:00:00 AM CST"): what an export
// or a printed page needs, where the screen can leave the zone to the computer. On
// paper and in files it is the office's zone (officeZone.ts).
// Intl formats one instant in about 15 µs, too slow for an export of millions of
// rows; within one local hour at one offset only the minutes and seconds change, so
// the hour's text is formatted once and they are put into it.

import { intlZone, offsetAt, officeZoneVersion, wallClock } from './officeZone';

type Piece = string | typeof MINUTE | typeof SECOND;
const MINUTE = 0;
const SECOND = 1;

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Minutes this computer's clock is ahead of UTC at an instant: the screen's zone. */
const computerOffset = (ms: number) => -new Date(ms).getTimezoneOffset();

/**
 * `fmt.format(date)`, the same text, from a template per local hour and offset.
 * `offset` is the zone `fmt` formats in (this computer's unless told). A locale
 * whose minutes are not two Latin digits (Arabic digits, say) is left to Intl for
 * every instant: the template would not read as Intl does.
 */
export function hourTemplated(fmt: Intl.DateTimeFormat, offset: (ms: number) => number = computerOffset): (d: Date) => string {
  const templates = new Map<string, Piece[] | null>();
  return (d) => {
    const ms = d.getTime();
    const off = offset(ms);
    // The wall clock read with the UTC getters: its hour, minutes and seconds are the zone's.
    const wall = new Date(ms + off * 60_000);
    const key = `${Math.floor(wall.getTime() / 3_600_000)}@${off}`;
    let t = templates.get(key);
    if (t === undefined) {
      if (templates.size > 10_000) templates.clear(); // an export walks time in order: old hours are not asked again
      t = template(fmt, d, wall);
      templates.set(key, t);
    }
    if (t === null) return fmt.format(d);
    let s = '';
    for (const p of t) s += p === MINUTE ? two(wall.getUTCMinutes()) : p === SECOND ? two(wall.getUTCSeconds()) : p;
    return s;
  };
}

function template(fmt: Intl.DateTimeFormat, d: Date, wall: Date): Piece[] | null {
  const text = fmt.format(d);
  let parts = fmt.formatToParts(d);
  // V8's format() writes the narrow no-break space of newer ICU before "AM" as a plain space; formatToParts does not.
  if (parts.map((p) => p.value).join('') !== text) parts = parts.map((p) => ({ ...p, value: p.value.replace(/\u202f/g, ' ') }));
  const ok =
    parts.map((p) => p.value).join('') === text &&
    parts.every((p) => (p.type === 'minute' ? p.value === two(wall.getUTCMinutes()) : p.type === 'second' ? p.value === two(wall.getUTCSeconds()) : true));
  return ok ? parts.map((p) => (p.type === 'minute' ? MINUTE : p.type === 'second' ? SECOND : p.value)) : null;
}

/** The office zone's formatter and templates, made again when the zone changes. */
let zonedVersion = -1;
let zonedFormat: Intl.DateTimeFormat;
let zoned: (d: Date) => string;

function inOfficeZone(): void {
  if (zonedVersion === officeZoneVersion()) return;
  zonedVersion = officeZoneVersion();
  zonedFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'long', ...intlZone() });
  zoned = hourTemplated(zonedFormat, offsetAt);
  utcHours.clear();
}

/** An instant as the audit log stores it: UTC, to the millisecond. */
const STORED = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

interface UtcHour {
  /** Minutes the local clock is ahead of UTC's within the hour, modulo 60 (30 in India, 45 in Nepal). */
  shift: number;
  /** The local hour the UTC hour starts in, and the next one (when shift is not 0). */
  first: Piece[];
  next: Piece[] | null;
}
/** Per UTC hour ("2026-01-03T16"): null where the offset changes within it, or the locale is not templated. */
const utcHours = new Map<string, UtcHour | null>();

function utcHour(prefix: string): UtcHour | null {
  const start = Date.parse(`${prefix}:00:00.000Z`);
  const offset = offsetAt(start);
  if (offsetAt(start + 3_599_999) !== offset) return null;
  const shift = ((offset % 60) + 60) % 60;
  const first = template(zonedFormat, new Date(start), wallClock(start));
  const later = start + (60 - shift) * 60_000;
  const next = shift === 0 ? null : template(zonedFormat, new Date(later), wallClock(later));
  return first && (shift === 0 || next) ? { shift, first, next } : null;
}

/**
 * A stored instant by its text alone: the UTC hour's templates are found by the
 * text's first 13 characters, and its minutes and seconds read off it, where parsing
 * it and asking the Date for its local parts cost several times more.
 */
function zonedStored(iso: string): string {
  const prefix = iso.slice(0, 13);
  let h = utcHours.get(prefix);
  if (h === undefined) {
    if (utcHours.size > 10_000) utcHours.clear();
    h = utcHour(prefix);
    utcHours.set(prefix, h);
  }
  if (h === null) return zoned(new Date(iso));
  const minute = (iso.charCodeAt(14) - 48) * 10 + iso.charCodeAt(15) - 48 + h.shift;
  const t = minute < 60 ? h.first : h.next!;
  const mm = two(minute < 60 ? minute : minute - 60);
  const ss = iso.slice(17, 19);
  let s = '';
  for (const p of t) s += p === MINUTE ? mm : p === SECOND ? ss : p;
  return s;
}

/** "Jan 3, 2026, 10:00:00 AM CST": local date and time to the second, with the zone's name as this computer says it. */
export function formatWhenZoned(iso: string | null | undefined): string {
  if (!iso) return '';
  inOfficeZone();
  if (STORED.test(iso)) return zonedStored(iso);
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : zoned(d);
}

/** "2026-01-03 16:00:00 UTC", as the History shows the instant on hover (format.ts, utcTitle), without a Date for a stored instant. */
export function formatUtc(iso: string): string {
  if (STORED.test(iso)) return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : `${d
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, '')} UTC`;
}
