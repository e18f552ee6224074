// The period the Audit log charts cover, and its counts folded into the office's
// own calendar. The main process counts in UTC hours because only the browser
// knows the office's zone; a day here is a local day, as people mean it.
import type { ApiOutput } from '../../electron/api/contract';
import { dateFormat, dayOf, localDay, localDayStart, perFormats } from '../format';
import type { Category, HistoryFilters } from '../history/filters';

export type AuditStats = ApiOutput<'audit.stats'>;

/** When the log has no date filter, the charts show this many days up to today. */
export const DEFAULT_DAYS = 30;

export interface ChartPeriod {
  /** Local calendar days, inclusive, as <input type="date"> values. */
  firstDay: string;
  lastDay: string;
  /** The same period as instants for audit.stats (`to` is the start of the day after lastDay). */
  from: string;
  to: string;
  /** True when the log has no date filter and the charts fall back to the last DEFAULT_DAYS days. */
  fallback: boolean;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar day as a local Date at noon, so adding days never trips over a DST change. */
const noonOf = (day: string) => new Date(`${day}T12:00:00`);

export function shiftDay(day: string, days: number): string {
  const d = noonOf(day);
  d.setDate(d.getDate() + days);
  return dayOf(d);
}

/**
 * The charts' period: the log's From/To, so the charts and the rows below them
 * tell the same story. From alone runs to today, as the log does; To alone, and
 * no date at all, take the DEFAULT_DAYS days up to it (the whole log would make
 * one unreadable chart). Null when From is after To: the log shows no rows either.
 */
export function chartPeriod(filters: Pick<HistoryFilters, 'from' | 'to'>, today = localDay()): ChartPeriod | null {
  const from = DAY.test(filters.from) ? filters.from : '';
  const to = DAY.test(filters.to) ? filters.to : '';
  const lastDay = to || (from > today ? from : today);
  const firstDay = from || shiftDay(lastDay, -(DEFAULT_DAYS - 1));
  if (firstDay > lastDay) return null;
  return { firstDay, lastDay, from: localDayStart(firstDay)!, to: localDayStart(lastDay, 1)!, fallback: !from && !to };
}

export const CATEGORIES: Category[] = ['user_action', 'financial', 'data_edit'];

export type Granularity = 'day' | 'week' | 'month';

export interface CountBar extends Record<Category, number> {
  /** The first local day of the bar. */
  key: string;
  total: number;
}

/**
 * A bar is a local day while the main process counts in hours (about three
 * months); then a week (from Monday) up to two years, and a month beyond.
 */
function granularityFor(period: ChartPeriod, bucket: AuditStats['bucket']): Granularity {
  if (bucket === 'hour') return 'day';
  const days = Math.round((noonOf(period.lastDay).getTime() - noonOf(period.firstDay).getTime()) / 86_400_000) + 1;
  return days <= 731 ? 'week' : 'month';
}

/** The first day of the bar a day falls in. */
export function barStart(day: string, g: Granularity): string {
  if (g === 'day') return day;
  if (g === 'month') return `${day.slice(0, 8)}01`;
  const weekday = (noonOf(day).getDay() + 6) % 7; // Monday 0
  return shiftDay(day, -weekday);
}

/**
 * Counts per local day (or week, or month), every bar of the period present even
 * when nothing happened, so a quiet day reads as a gap and not as a missing day.
 * Hour buckets fold exactly into local days; the day buckets of long periods are
 * UTC days, which only matters at the edge of a week or month.
 */
export function countBars(stats: AuditStats, period: ChartPeriod): { granularity: Granularity; bars: CountBar[] } {
  const granularity = granularityFor(period, stats.bucket);
  const bars = new Map<string, CountBar>();
  for (let day = period.firstDay; day <= period.lastDay; day = shiftDay(day, 1)) {
    const key = barStart(day, granularity);
    if (!bars.has(key)) bars.set(key, { key, total: 0, user_action: 0, financial: 0, data_edit: 0 });
  }
  for (const c of stats.counts) {
    const day = stats.bucket === 'hour' ? dayOf(new Date(c.start)) : c.start.slice(0, 10);
    const bar = bars.get(barStart(day, granularity));
    if (!bar) continue; // an hour of the UTC range that is outside the local period
    bar[c.category] += c.events;
    bar.total += c.events;
  }
  return { granularity, bars: [...bars.values()] };
}

const dayShort = perFormats(() => dateFormat({ month: 'short', day: 'numeric' }));
const dayLong = perFormats(() => dateFormat({ weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }));
const dayMedium = perFormats(() => dateFormat({ dateStyle: 'medium' }));
const monthShort = perFormats(() => dateFormat({ month: 'short', year: '2-digit' }));
const monthLong = perFormats(() => dateFormat({ month: 'long', year: 'numeric' }));

/** An axis label: "Jan 5", or "Jan 26" for a month bar. */
export function barLabel(key: string, g: Granularity): string {
  return g === 'month' ? monthShort().format(noonOf(key)) : dayShort().format(noonOf(key));
}

/** A tooltip's title: "Mon, Jan 5, 2026", "Week of Jan 5, 2026", "January 2026". */
export function barTitle(key: string, g: Granularity): string {
  if (g === 'month') return monthLong().format(noonOf(key));
  return g === 'week' ? `Week of ${dayMedium().format(noonOf(key))}` : dayLong().format(noonOf(key));
}

/** "Dec 16, 2025 – Jan 14, 2026" */
export function periodText(p: ChartPeriod): string {
  return p.firstDay === p.lastDay
    ? dayMedium().format(noonOf(p.firstDay))
    : `${dayMedium().format(noonOf(p.firstDay))} – ${dayMedium().format(noonOf(p.lastDay))}`;
}
