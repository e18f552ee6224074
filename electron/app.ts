// One running JobTrail core: the open database and the dispatcher over the
// contract. The Electron window, the web mode, the CLI and the tests all start here.
import { indexHistoryTextIfFree } from '../db/historyText';
import { closeDatabase, openDatabase, type Db, type OpenOptions } from '../db/open';
import { fileProblem } from '../db/openErrors';
import { contract } from './api/contract';
import { createDispatcher, type Dispatcher } from './api/dispatch';
import { Sessions } from './api/sessions';
import { rememberOpening } from './services/liveRestore';

export interface Core {
  db: Db;
  dispatcher: Dispatcher;
  close(): void;
}

/** How often an idle core brings the search index up to date, and how many rows at most per turn (tens of milliseconds of work). */
const TEXT_INDEX_EVERY_MS = 1000;
const TEXT_INDEX_ROWS_PER_TURN = 5000;
/** After failures in a row, turns left out before the next try: at most about a minute apart. */
const MAX_SKIPPED_TURNS = 60;

function indexFailure(e: unknown, file: string): unknown {
  const said = fileProblem(e, file);
  return said ? `The History's search index cannot be updated: ${said} JobTrail keeps trying, quietly.` : e;
}

/** `open.keys`: where the chain's signing key lives (the desktop app's is wrapped by the OS's protected storage); `open.busyTimeoutMs`: how long a write waits for another program's lock. */
export function startCore(dbFile: string, log?: (e: unknown) => void, open: Pick<OpenOptions, 'keys' | 'busyTimeoutMs'> = {}): Core {
  const db = openDatabase(dbFile, open);
  rememberOpening(db, open); // a restore from the app opens the restored file the same way
  const dispatcher = createDispatcher(db, contract, new Sessions(), log);
  // Between calls, never inside one: the event loop only turns when no transaction is open.
  // A turn that fails (a disk gone read-only or full) is said once, in words, and
  // tried less and less often until it works again: never a stack trace a second.
  let failures = 0;
  let skip = 0;
  const indexer = setInterval(() => {
    if (!db.sqlite.open) return clearInterval(indexer);
    if (skip > 0) return void skip--;
    try {
      indexHistoryTextIfFree(db.sqlite, TEXT_INDEX_ROWS_PER_TURN);
      if (failures > 0) (log ?? console.error)(`The History's search index is being updated again (${db.file}).`);
      failures = 0;
    } catch (e) {
      if (failures === 0) (log ?? console.error)(indexFailure(e, db.file));
      failures++;
      skip = Math.min(2 ** failures, MAX_SKIPPED_TURNS);
    }
  }, TEXT_INDEX_EVERY_MS);
  indexer.unref();
  return {
    db,
    dispatcher,
    close: () => {
      clearInterval(indexer);
      closeDatabase(db);
    },
  };
}
