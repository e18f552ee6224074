// The long read-only statements of the start-up check (db/offThread.ts), on a
// connection of this thread's own, so that the thread that asked stays free while
// SQLite works. Each request is one statement, answered with its rows or its error.
import { workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { StatementJob, StatementRequest } from '../offThread';
import { answer, hello } from '../syncWorker';

const job = workerData as StatementJob;
const { port } = job.answers;
const db = hello(job.answers, () => new Database(job.file, { readonly: true, fileMustExist: true }));
if (db) {
  port.on('message', ({ sql, params, pluck }: StatementRequest) => {
    try {
      const stmt = db.prepare(sql);
      answer(job.answers, { rows: (pluck ? stmt.pluck() : stmt).all(...params) });
    } catch (e) {
      answer(job.answers, { error: e instanceof Error ? e.message : String(e) });
    }
  });
  // The starter closes its end when it is done: the connection closes, and with nothing left to listen to, the thread ends.
  port.on('close', () => db.close());
}
