// A date and time as one line of text in the office's locale ("2/3/2026 2:30 PM",
// "03.02.2026 14:30"), and back: typed in one field, it is one Tab stop where the
// browser's date-time input is seven. Values are wall-clock times as an
// <input type="datetime-local"> holds them ("2026-02-03T14:30"): which zone they are
// in stays the form's business (format.ts fromLocalInput), so both formatters here
// run in UTC, where a wall-clock time is itself.
import { dateFormat } from '../format';

type Part = 'day' | 'month' | 'year';

/** How the office's locale writes a date in figures: the order of its parts and what goes between them. */
function localeDate(): { order: Part[]; separator: string; twelveHour: boolean } {
  const fmt = dateFormat({ year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', timeZone: 'UTC', numberingSystem: 'latn' });
  const parts = fmt.formatToParts(Date.UTC(2026, 1, 3, 14));
  const order = parts.map((p) => p.type).filter((t): t is Part => t === 'day' || t === 'month' || t === 'year');
  const between = parts.find((p, i) => p.type === 'literal' && i > 0 && order.includes(parts[i - 1].type as Part));
  const separator = /[./-]/.exec(between?.value ?? '')?.[0] ?? '/';
  const cycle = fmt.resolvedOptions().hourCycle;
  return { order, separator, twelveHour: cycle === 'h12' || cycle === 'h11' };
}

const pad = (n: number) => String(n).padStart(2, '0');
const LOCAL_VALUE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** "2026-02-03T14:30" as the office writes it: "2/3/2026 2:30 PM" (with its seconds, when the value has them). */
export function dateTimeText(value: string): string {
  const m = LOCAL_VALUE.exec(value);
  if (!m) return '';
  const [year, month, day, hour, minute] = m.slice(1, 6).map(Number);
  const { order, separator, twelveHour } = localeDate();
  const date = order.map((p) => String({ day, month, year }[p])).join(separator);
  const clock = `${pad(minute)}${m[6] === undefined ? '' : `:${m[6]}`}`;
  const time = twelveHour ? `${hour % 12 || 12}:${clock} ${hour < 12 ? 'AM' : 'PM'}` : `${pad(hour)}:${clock}`;
  return `${date} ${time}`;
}

/** The value read back in words, so a typing person sees which day they have named: "Tuesday, February 3, 2026 at 2:30 PM". */
export function dateTimeWords(value: string): string {
  const m = LOCAL_VALUE.exec(value);
  if (!m) return '';
  const [year, month, day, hour, minute, second] = m.slice(1).map((n) => Number(n ?? 0));
  return dateFormat({ dateStyle: 'full', timeStyle: m[6] === undefined ? 'short' : 'medium', timeZone: 'UTC' }).format(
    Date.UTC(year, month - 1, day, hour, minute, second),
  );
}

const TYPED =
  /^(\d{1,4})\s*[./-]\s*(\d{1,2})\s*(?:[./-]\s*(\d{1,4}))?\.?(?:\s*[,T]\s*|\s+)(\d{1,2})(?:\s*[:.hH]\s*(\d{2})(?::(\d{2}))?)?\s*(?:([ap])\.?\s*m?\.?)?$/i;

/**
 * What someone typed, as a datetime-local value, or null when it is not one day and
 * time. Accepted: the office's order of day, month and year with any of / . - between
 * them; the year left out (then `year`) or in two figures; a year first reads as
 * 2026-02-03; the time as 14:30, 2:30 pm, 2pm or 14, with seconds (14:30:05) kept
 * where the value is `toSecond`.
 */
export function parseDateTime(text: string, year = new Date().getFullYear(), toSecond = false): string | null {
  const m = TYPED.exec(text.trim());
  if (!m) return null;
  const [a, b, c, h, min] = [m[1], m[2], m[3], m[4], m[5]];
  const given: Partial<Record<Part, number>> = {};
  if (a.length >= 3) Object.assign(given, { year: +a, month: +b, day: c === undefined ? NaN : +c });
  else {
    const order = localeDate().order;
    const dayMonth = order.filter((p) => p !== 'year');
    const figures = c === undefined ? [+a, +b] : [+a, +b, +c];
    (c === undefined ? dayMonth : order).forEach((p, i) => {
      given[p] = figures[i];
    });
    if (given.year === undefined) given.year = year;
  }
  let y = given.year!;
  if (y < 100) y += 2000;
  const { month = NaN, day = NaN } = given;
  let hour = Number(h);
  const minute = min === undefined ? 0 : Number(min);
  const second = Number(m[6] ?? 0);
  const half = m[7]?.toLowerCase();
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'p' ? 12 : 0);
  }
  const days = new Date(Date.UTC(y, month, 0)).getUTCDate();
  if (!(y >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= days && hour <= 23 && minute <= 59 && second <= 59)) return null;
  return `${y}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}${toSecond ? `:${pad(second)}` : ''}`;
}
