// The period report (every event in a date range, narrowed by person and kind) and
// the person report (everything one person did in a period): one read of the
// History, totals and the chart of the period counted from the same rows.
import type { Db } from '../../db/open';
import type { AuditCategory } from '../../db/schema';
import type { ServiceContext, SessionUser } from '../services/context';
import { currentEvent, eventKey } from '../../renderer/history/readable';
import { officeSettings } from '../services/officeSettings';
import { reportHeader } from './header';
import { reportHistory, type ReportFilter } from './history';
import { recordIssued } from './issue';
import type { ActivityReport, ActivityScope, ReportFormat, ReportHistoryRow, Total } from './types';

export interface ActivityRequest {
  from: string;
  /** Exclusive. */
  to: string;
  person?: { id: number; name: string } | null;
  category?: AuditCategory;
  event?: string;
}

/**
 * The calendar day of a stored (UTC) instant in a time zone, as YYYY-MM-DD. Every
 * zone's offset is a whole number of quarter hours, so one answer serves each
 * quarter hour: a month's thousands of events ask Intl a few thousand times at most.
 */
export function daysIn(zone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const known = new Map<string, string>();
  return (iso) => {
    const quarter = `${iso.slice(0, 14)}${Math.floor(Number(iso.slice(14, 16)) / 15)}`;
    let d = known.get(quarter);
    if (d === undefined) known.set(quarter, (d = format.format(new Date(iso))));
    return d;
  };
}

/**
 * An instant's calendar day in the offset it was written with: a form sends the
 * office's local midnights (2026-04-01T00:00:00-05:00), and those are its days,
 * whatever zone this process runs in. `less` ms before it: the day an end ends.
 */
function dayAsWritten(iso: string, less = 0): string {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(iso);
  const ahead = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0;
  return new Date(Date.parse(iso) - less + ahead).toISOString().slice(0, 10);
}

/** The period as people say it: its first and last day as they asked for them ("2026-03-01 to 2026-03-31"). */
export function periodText(from: string, to: string): string {
  const first = dayAsWritten(from);
  const last = dayAsWritten(to, 1);
  return first === last ? first : `${first} to ${last}`;
}

export function activitySubject(kind: 'period' | 'person', r: ActivityRequest): string {
  const parts = [
    kind === 'person' && r.person ? r.person.name : null,
    periodText(r.from, r.to),
    kind === 'period' && r.person ? `by ${r.person.name}` : null,
    r.category?.replace('_', ' ') ?? null,
    r.event ?? null,
  ];
  return parts.filter(Boolean).join(' · ');
}

function totals(counts: Map<string, number>): Total[] {
  return [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/**
 * Totals per kind, event and person, and per day in the office's time zone (a
 * Chicago office's evening is its day, not the next UTC one): one pass over the
 * rows, no query per row. They count events, as the History does (countEvents): a
 * reschedule writes its start and its end, and is one reschedule.
 */
export function activityFigures(
  rows: readonly ReportHistoryRow[],
  zone: string,
): Pick<ActivityReport, 'totalsByKind' | 'totalsByEvent' | 'totalsByPerson' | 'perDay' | 'dayZone'> {
  const day = daysIn(zone);
  const kinds = new Map<string, number>();
  const events = new Map<string, number>();
  const people = new Map<string, number>();
  const days = new Map<string, { day: string; userAction: number; financial: number; dataEdit: number }>();
  const counted = new Set<string>();
  for (const r of rows) {
    const key = eventKey(r);
    if (counted.has(key)) continue;
    counted.add(key);
    bump(kinds, r.category);
    bump(events, currentEvent(r.event)); // old and new names of one event in one line
    bump(people, r.actorName);
    const d = day(r.at);
    let slot = days.get(d);
    if (!slot) days.set(d, (slot = { day: d, userAction: 0, financial: 0, dataEdit: 0 }));
    if (r.category === 'user_action') slot.userAction++;
    else if (r.category === 'financial') slot.financial++;
    else slot.dataEdit++;
  }
  return { totalsByKind: totals(kinds), totalsByEvent: totals(events), totalsByPerson: totals(people), perDay: [...days.values()], dayZone: zone };
}

export function assembleActivityReport(db: Db, kind: 'period' | 'person', r: ActivityRequest, by: SessionUser): ActivityReport {
  const scope: ActivityScope = { from: r.from, to: r.to, person: r.person ?? null, category: r.category ?? null, event: r.event ?? null };
  const filter: ReportFilter = { from: r.from, to: r.to, actorId: r.person?.id, category: r.category, event: r.event };
  const history = reportHistory(db, filter);
  return { header: reportHeader(db, kind, activitySubject(kind, r), by), scope, ...activityFigures(history, officeSettings(db).timeZone), history };
}

export function activityReport(ctx: ServiceContext, kind: 'period' | 'person', r: ActivityRequest, format: ReportFormat): ActivityReport {
  const report = assembleActivityReport(ctx.db, kind, r, ctx.user);
  recordIssued(ctx, report.header, format);
  return report;
}
