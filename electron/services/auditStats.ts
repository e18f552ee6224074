// The figures above the Audit log: how much happened, to whom and by whom, in a
// period. Each is one grouped query over the period's slice of the audit_at index.
// They count events, as the History does: one action's rows about one record are
// one change (a reschedule writes its start and its end).
import type { Db } from '../../db/open';
import type { AuditCategory } from '../../db/schema';
import { cachedStatement } from './statements';

export interface AuditStats {
  from: string;
  to: string;
  /**
   * Audit rows per bucket and category. Hours for a period of up to HOURLY_DAYS: the
   * office's days are local, and only the renderer knows its zone, so it folds
   * hours into its own days. Longer periods come in UTC days, to stay small.
   */
  bucket: 'hour' | 'day';
  /**
   * Events per bucket and category, each counted once, in the bucket and category of
   * its first row (a booking created with a custom field's value is one change).
   */
  counts: { start: string; category: AuditCategory; events: number }[];
  /** The customers whose bookings were moved most often; one action moving start and end counts once. */
  topRescheduled: { customerId: number; name: string; reschedules: number }[];
  /** Who changed most: actions (not field rows) per actor, including changes made outside JobTrail. */
  topEditors: { actorId: number | null; name: string; actions: number }[];
}

export const HOURLY_DAYS = 92;

const utc = (s: string) => new Date(s).toISOString();

export function auditStats(db: Db, period: { from: string; to: string }): AuditStats {
  const range = { from: utc(period.from), to: utc(period.to) };
  const bucket = Date.parse(range.to) - Date.parse(range.from) <= HOURLY_DAYS * 86_400_000 ? 'hour' : 'day';
  // at is ISO text: its first 13 characters are the hour, its first 10 the day.
  const start = bucket === 'hour' ? `substr(at, 1, 13) || ':00:00.000Z'` : `substr(at, 1, 10) || 'T00:00:00.000Z'`;
  // With min(id), SQLite takes the other columns from that row: each event's first.
  const counts = cachedStatement(
    db.sqlite,
    `
    SELECT start, category, count(*) AS events FROM (
      SELECT min(id), ${start} AS start, category FROM audit_log WHERE at >= @from AND at < @to
      GROUP BY coalesce(tx, -id), entity, entity_id)
    GROUP BY start, category ORDER BY start`,
  ).all(range) as AuditStats['counts'];
  const topRescheduled = cachedStatement(
    db.sqlite,
    `
    SELECT a.customer_id AS customerId, c.name, count(DISTINCT coalesce(a.tx, a.id)) AS reschedules
    FROM audit_log a JOIN customers c ON c.id = a.customer_id
    WHERE a.at >= @from AND a.at < @to AND a.event = 'rescheduled'
    GROUP BY a.customer_id ORDER BY reschedules DESC, c.name LIMIT 10`,
  ).all(range) as AuditStats['topRescheduled'];
  // Grouped by actor id, so a renamed user's rows stay theirs (shown under today's
  // name) and every change from outside the app gathers under one "(outside JobTrail)".
  const topEditors = cachedStatement(
    db.sqlite,
    `
    SELECT actor_id AS actorId, coalesce((SELECT name FROM users WHERE id = actor_id), max(actor_name)) AS name,
           count(DISTINCT coalesce(tx, id)) AS actions
    FROM audit_log WHERE at >= @from AND at < @to
    GROUP BY actor_id ORDER BY actions DESC, name LIMIT 10`,
  ).all(range) as AuditStats['topEditors'];
  return { ...range, bucket, counts, topRescheduled, topEditors };
}
