// One of the chain check's helpers (ChunkHelpers in db/chainChunks.ts): checks whole
// chunks of the audit log on a read-only connection of its own, claiming each from
// the counter it shares with the check and the other helpers, until none is left
// or it is told to stop, and posts each chunk's seal (null: not plainly intact).
import { isUtf8 } from 'node:buffer';
import { hash } from 'node:crypto';
import { workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { CHUNK_CONTROL, chunkChecker, headFinder, type ChunkJob, type ChunkSeal } from '../chainChunks';
import { answer, hello } from '../syncWorker';

const job = workerData as ChunkJob;
const { control } = job.answers;
// Ready only once the chunk's statement is prepared: a file that is not a JobTrail log fails here, not chunk by chunk.
const ready = hello(job.answers, () => {
  const db = new Database(job.file, { readonly: true, fileMustExist: true });
  try {
    return { db, check: chunkChecker(db, { hash, isUtf8 }, job.plan, headFinder(job.plan.want)) };
  } catch (e) {
    db.close();
    throw e;
  }
});
if (ready) {
  try {
    for (let c; !Atomics.load(control, CHUNK_CONTROL.stop) && (c = Atomics.add(control, CHUNK_CONTROL.next, 1)) < job.chunks;) {
      let seal: ChunkSeal | null = null;
      try {
        seal = ready.check(job.plan.start + c * job.plan.size);
      } catch {
        // Left to the row-by-row check, which says exactly what is wrong.
      }
      answer(job.answers, { c, seal });
    }
  } finally {
    ready.db.close();
    job.answers.port.close();
  }
}
