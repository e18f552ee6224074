// One running JobTrail core: the open database and the dispatcher over the
// contract. The Electron window, the web mode, the CLI and the tests all start here.
import { closeDatabase, openDatabase, type Db } from '../db/open';
import { contract } from './api/contract';
import { createDispatcher, type Dispatcher } from './api/dispatch';
import { Sessions } from './api/sessions';

export interface Core {
  db: Db;
  dispatcher: Dispatcher;
  close(): void;
}

export function startCore(dbFile: string, log?: (e: unknown) => void): Core {
  const db = openDatabase(dbFile);
  const dispatcher = createDispatcher(db, contract, new Sessions(), log);
  return { db, dispatcher, close: () => closeDatabase(db) };
}
