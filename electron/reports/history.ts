// A report's History: every matching row, oldest first, read page by page through
// the History's own query (services/history.ts), so a report and the grid agree
// row for row, record names included.
import type { Db } from '../../db/open';
import { queryHistory, type HistoryFilter } from '../services/history';
import { AppError } from '../services/errors';
import type { ReportHistoryRow } from './types';

/** Rows read per query: the History's keyset pages, large enough that paging costs little. */
const PAGE = 5000;

/** More than this cannot be read on paper: a report this large asks for a narrower period or person instead. */
export const REPORT_ROW_LIMIT = 200_000;

export type ReportFilter = Omit<HistoryFilter, 'limit' | 'before' | 'after' | 'order'>;

/** `names`: where the rows' records are looked up, when `db` is an open archive's view. */
export function reportHistory(db: Db, filter: ReportFilter, limit = REPORT_ROW_LIMIT, names: Db = db): ReportHistoryRow[] {
  const rows: ReportHistoryRow[] = [];
  let after: number | undefined;
  for (;;) {
    const page = queryHistory(db, { ...filter, order: 'oldest', limit: PAGE, ...(after === undefined ? {} : { after }) }, names);
    for (const r of page.rows) rows.push(r);
    if (rows.length > limit) {
      throw new AppError(
        'conflict',
        `This report would hold more than ${limit.toLocaleString('en')} History rows: ` + 'narrow it to a shorter period, a person or a kind.',
      );
    }
    if (page.nextAfter === null) return rows;
    after = page.nextAfter;
  }
}
