// A worker thread that reads the database file on a read-only connection of its
// own, started from JavaScript source (the app is bundled into one file, so a
// worker cannot be pointed at a module of ours). The chunked verify and the
// start-up check's long statements both run in one.
import { createRequire } from 'node:module';
import { Worker, type MessagePort } from 'node:worker_threads';

/** What a reader is given: the file to open, a shared counter array, and the port it answers on. */
export interface ReaderJob {
  file: string;
  control: Int32Array;
  port: MessagePort;
  [more: string]: unknown;
}

/**
 * Starts `body` (JavaScript source) on a worker thread. It sees `job` (with its
 * port), `db`, a read-only connection to job.file or null if that could not be
 * opened, and `post(index, message)`, which sends a message on job.port and then
 * counts it in job.control[index], waking whoever waits there (Atomics.wait).
 * A worker that fails only exits: callers find out by its silence or its exit.
 */
export function startReader(body: string, job: ReaderJob): Worker {
  const sqliteModule = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(`
    const __name = (f) => f; // what tsx's transform wraps inner functions in
    const { workerData: job } = require('node:worker_threads');
    let db = null;
    try {
      db = new (require(${JSON.stringify(sqliteModule)}))(job.file, { readonly: true, fileMustExist: true });
    } catch {}
    const post = (index, message) => {
      job.port.postMessage(message);
      Atomics.add(job.control, index, 1);
      Atomics.notify(job.control, index);
    };
    ${body}`, { eval: true, workerData: job, transferList: [job.port] });
  worker.on('error', () => {});
  return worker;
}
