// The erasure figures, on the scratch copy: a customer with about 2,000 History
// rows erased as the app's "Erase customer…" does it (records cleared, rows
// erased and taken out of search, the file's unused bytes scrubbed, the WAL
// emptied), and apart from it the merge of the search index that takes the erased
// rows' words out of its segments, which rewrites the whole index.
import type { Core } from '../app';
import type { SessionUser } from '../services/context';
import { eraseCustomer, scrubAfterErasure } from '../services/erasure';
import { round, type Figure } from './figures';

/** The History size the benchmark erases: a customer of many years with a busy property. */
const ROWS = 2000;

export function erasureFigures(core: Core, administrator: SessionUser): Figure[] {
  const sqlite = core.db.sqlite;
  // The customer whose History is nearest the size (set-up, not timed: it counts every customer's rows).
  const pick = sqlite
    .prepare(
      `SELECT customer_id AS id, count(*) AS rows FROM audit_log WHERE customer_id IS NOT NULL
    GROUP BY customer_id ORDER BY abs(count(*) - ${ROWS}), customer_id LIMIT 1`,
    )
    .get() as { id: number; rows: number } | undefined;
  if (!pick) return [];
  const t0 = performance.now();
  const r = eraseCustomer({ db: core.db, user: administrator }, { customerId: pick.id, reference: 'benchmark' }, { mergeIndex: false });
  const seconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  scrubAfterErasure(core.db, pick.id);
  const merge = (performance.now() - t1) / 1000;
  return [
    {
      key: 'erasureSeconds',
      label: `Erasure of a customer with ${pick.rows.toLocaleString('en')} History rows (records, History, search index, file)`,
      value: round(seconds, 2),
      unit: 's',
      target: { op: '<=', value: 5 },
      detail: { customerId: pick.id, historyRows: pick.rows, rowsErased: r.rowsErased, walCleared: r.walCleared },
    },
    {
      key: 'erasureIndexMergeSeconds',
      label: 'After an erasure: the search index merged, its segments without the erased words',
      value: round(merge, 2),
      unit: 's',
    },
  ];
}
