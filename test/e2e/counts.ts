// The History grid's count as people read it: changes (one action's rows about one
// record are one change: a reschedule writes its start and its end), then the rows
// when there are more of them: "4 changes match (8 rows)".
import type { Office } from './office';
import { EVENTS_CAP } from '../../electron/services/history';

export interface Counted {
  events: number;
  rows: number;
}

/** The changes and rows among the audit rows (as `a`) that match `where`, counted as the grid counts them. */
export function counted(office: Office, where: string, ...params: unknown[]): Counted {
  return office.sql<Counted>(
    `SELECT count(DISTINCT coalesce(a.tx, -a.id) || ':' || a.entity || ':' || a.entity_id) AS events,
    count(*) AS rows FROM audit_log a WHERE ${where}`,
    ...params,
  )[0];
}

const some = (n: number, one: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : `${one}s`}`;

/** What the grid's toolbar says for these counts once it knows the changes, without how many rows are loaded so far. */
export function countText({ events, rows }: Counted, match = false): string {
  return `${some(events, 'change')}${match ? ' match' : ''}${events === rows ? '' : ` (${some(rows, 'row')})`}`;
}

/**
 * The same before the grid has every row: past EVENTS_CAP matching rows the main
 * process does not count the changes, and the toolbar says rows.
 */
export function pagedCountText(c: Counted, match = false): string {
  return c.rows > EVENTS_CAP ? `${some(c.rows, 'row')}${match ? ' match' : ''}` : countText(c, match);
}
