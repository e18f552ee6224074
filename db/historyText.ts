// Bringing the History's full-text index up to date with the log. The index is
// fed after the writing transaction commits, in batches (migration 0009 says
// why): an audit row is complete and chained the moment its change commits, and
// becomes findable by words at the next catch-up, which every search runs first.
import type Database from 'better-sqlite3';

/** Rows indexed per transaction: large enough to amortise the index's segment writes, small enough to hold the write lock briefly. */
export const TEXT_BATCH_ROWS = 20_000;

interface Statements {
  behind: Database.Statement;
  batchEnd: Database.Statement;
  index: Database.Statement;
  advance: Database.Statement;
  batch: (most: number) => number;
}
const statements = new WeakMap<Database.Database, Statements>();

function prepared(sqlite: Database.Database): Statements {
  let s = statements.get(sqlite);
  if (!s) {
    const progress = '(SELECT indexed_to FROM audit_search_progress WHERE id = 1)';
    const made: Omit<Statements, 'batch'> = {
      behind: sqlite.prepare(`SELECT coalesce(max(id), 0) > ${progress} FROM audit_log`).pluck(),
      batchEnd: sqlite.prepare(`SELECT max(id) FROM (SELECT id FROM audit_log WHERE id > ${progress} ORDER BY id LIMIT ?)`).pluck(),
      index: sqlite.prepare(`INSERT INTO audit_fts (rowid, actor_name, event, field, old_value, new_value, label)
        SELECT id, actor_name, event, field, old_value, new_value, label FROM audit_search_source
        WHERE id > ${progress} AND id <= ? ORDER BY id`),
      advance: sqlite.prepare('UPDATE audit_search_progress SET indexed_to = ? WHERE id = 1'),
    };
    // Reading the progress and moving it in one write transaction: two connections catching up never index a row twice.
    const batch = sqlite.transaction((most: number) => {
      const end = made.batchEnd.get(most) as number | null;
      if (end === null) return 0;
      const n = made.index.run(end).changes;
      made.advance.run(end);
      return n;
    });
    s = { ...made, batch: (most) => batch.immediate(most) };
    statements.set(sqlite, s);
  }
  return s;
}

/** Whether some audit rows are not in the full-text index yet: two index look-ups, cheap enough before every search. */
export function textIndexBehind(sqlite: Database.Database): boolean {
  return prepared(sqlite).behind.get() === 1;
}

/**
 * Indexes the rows not in the full-text index yet, oldest first, at most `most`
 * (all of them by default), in transactions of TEXT_BATCH_ROWS. Returns how many.
 */
export function indexHistoryText(sqlite: Database.Database, most = Infinity): number {
  const s = prepared(sqlite);
  if (s.behind.get() !== 1) return 0;
  if (sqlite.readonly) {
    throw new Error('Some History rows are not in the search index yet, and this database is open read-only: open it in JobTrail to search it');
  }
  let done = 0;
  while (done < most) {
    const n = s.batch(Math.min(TEXT_BATCH_ROWS, most - done));
    if (n === 0) break;
    done += n;
  }
  return done;
}
