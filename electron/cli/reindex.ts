// `reindex`: empties the History's search index and builds it again from the log.
// The index only finds rows (the History and its chain are the log itself), so it
// can always be rebuilt; verify says when it must be: rows taken out of it, or its
// progress record moved on, would hide rows from search.
import { rebuildHistoryText } from '../../db/historyText';
import { closeDatabase } from '../../db/open';
import { checkPath, parseOptions, required, type Command } from './args';
import { openForWriting } from './database';
import { progressWriter } from './progress';

const usage = `Usage: npm run cli -- reindex --db FILE

Empties the History's full-text search index and indexes every audit row again,
with a progress line. Audit rows are only read. Safe while JobTrail runs on the
file: a search meanwhile waits for the index to catch up.

  --db FILE   the database whose search index to rebuild`;

export const reindexCommand: Command = {
  usage,
  run(argv) {
    const { help, values } = parseOptions(argv, ['db']);
    if (help) {
      console.log(usage);
      return 0;
    }
    const file = checkPath(required(values, 'db'), 'db', 'database', 'read');
    const db = openForWriting(file);
    try {
      const n = (x: number) => x.toLocaleString('en');
      const total = db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
      const progress = progressWriter('reindex');
      const started = performance.now();
      const rows = rebuildHistoryText(db.sqlite, (done) => progress.update(`${n(done)} / ${n(total)} audit rows`));
      progress.done();
      console.log(`Search index rebuilt: ${n(rows)} audit rows indexed in ${((performance.now() - started) / 1000).toFixed(1)} s (${file})`);
      return 0;
    } finally {
      closeDatabase(db);
    }
  },
};
