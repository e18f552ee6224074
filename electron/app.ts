// One running JobTrail core: the open database and the dispatcher over the
// contract. The Electron window, the web mode, the CLI and the tests all start here.
import { indexHistoryTextIfFree } from '../db/historyText';
import { closeDatabase, openDatabase, type Db } from '../db/open';
import { contract } from './api/contract';
import { createDispatcher, type Dispatcher } from './api/dispatch';
import { Sessions } from './api/sessions';

export interface Core {
  db: Db;
  dispatcher: Dispatcher;
  close(): void;
}

/** How often an idle core brings the search index up to date, and how many rows at most per turn (tens of milliseconds of work). */
const TEXT_INDEX_EVERY_MS = 1000;
const TEXT_INDEX_ROWS_PER_TURN = 5000;

export function startCore(dbFile: string, log?: (e: unknown) => void): Core {
  const db = openDatabase(dbFile);
  const dispatcher = createDispatcher(db, contract, new Sessions(), log);
  // Between calls, never inside one: the event loop only turns when no transaction is open.
  const indexer = setInterval(() => {
    if (!db.sqlite.open) return clearInterval(indexer);
    try {
      indexHistoryTextIfFree(db.sqlite, TEXT_INDEX_ROWS_PER_TURN);
    } catch (e) {
      (log ?? console.error)(e);
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
