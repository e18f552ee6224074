// The fast way through a long audit log: verify whole chunks of rows at once.
// Row by row, JavaScript spends most of its time taking 18 columns out of SQLite
// and building their JSON; here SQLite writes the canonical JSON of a whole chunk
// as one string, and each row costs one SHA-256. A row is checked against the
// STORED hash of its predecessor: if every stored hash is the hash of the stored
// hash before it and its row, the chain is intact, so chunks can be checked in any
// order and on every core. verifyChainInSteps accepts them in id order and checks
// row by row (its exact reports) wherever a chunk is not plainly intact.
import { isUtf8 } from 'node:buffer';
import { hash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type Database from 'better-sqlite3';
import { SyncWorker, type SyncJob } from './syncWorker';

/** Rows in a chunk: about a megabyte of JSON, a few milliseconds of work. */
export const CHUNK_ROWS = 5_000;

/** A chunk found intact: the stored hash it chains from, its last row's hash, and where in it a printed head is. */
export interface ChunkSeal {
  from: Uint8Array;
  to: Uint8Array;
  /** Index in the chunk of the last row sealed with the head looked for, or -1. */
  wantedAt: number;
}

export interface ChunkPlan {
  /** SELECT returning, for the rows with ids in (?, ?]: count, sealed count, plain, JSON lines, hashes. */
  sql: string;
  /** The chain starts after this id, from this hash (the checkpoint's, or the genesis). */
  start: number;
  startHash: Uint8Array;
  /** Chunks are `size` rows, the last one up to `last`. */
  size: number;
  last: number;
  want: string | undefined;
  /** Chain v2 rows (db/chain.ts): each row's values are checked against its value digest first. */
  v2?: boolean;
}

/**
 * Whether a column of audit_log has TEXT affinity (SQLite's rules for a declared
 * type), so that it cannot hold a number: SQLite stores a number written to it as
 * text. The other columns may hold numbers that SQLite writes otherwise than
 * JavaScript does, which the chunk check and the CSV export must catch.
 */
export function textualColumns(sqlite: Database.Database): (column: string) => boolean {
  const declared = new Map(sqlite.prepare('SELECT name, type FROM pragma_table_info(?)').raw().all('audit_log') as [string, string][]);
  return (c) => !/INT/i.test(declared.get(c) ?? '') && /CHAR|CLOB|TEXT/i.test(declared.get(c) ?? '');
}

/**
 * The reason column as a query reads it: a log not migrated to 0016 yet (a
 * command that only reads does not migrate) has none, and reads NULL.
 */
export function reasonColumn(sqlite: Database.Database): string {
  return textualColumns(sqlite)('reason') ? 'reason' : 'NULL';
}

/** The JSON of a v2 row's digested values, as db/chain.ts's valueDigest writes it: the reason only when there is one. */
const digestedSql = (reason: string) => `CASE WHEN ${reason} IS NULL THEN json_array(old_value, new_value, label)
  ELSE json_array(old_value, new_value, label, ${reason}) END`;

/**
 * The query a chunk is checked with. SQLite's json_array writes what
 * JSON.stringify writes for NULL, text and integers, but not for reals ("1.0" for
 * 1), integers beyond 2^53 (JavaScript reads those rounded) or blobs (an error);
 * a chunk is "plain" when no column that can hold a number holds one of those:
 * `c * 1024` of such an integer overflows, and SQLite then makes it a real too,
 * which makes the sum of them all a real. (Columns of TEXT affinity cannot hold
 * a number: SQLite stores a number written to one as text.)
 * A v2 chunk comes as one text and one blob, so SQLite concatenates twice per row
 * rather than once per column: each row is a newline, a 64-byte gap (the hash it
 * chains from, then its value digest, computed here), the JSON of its linked
 * columns, a newline, a 16-byte gap (its salt) and the JSON of its erasable
 * values (and its reason, if any); the blob holds each row's hash and salt, 48 bytes a row. An erased row
 * (no salt, its digest stored) is left to the row-by-row check.
 */
export function chunkSql(sqlite: Database.Database, hashed: readonly string[], v2 = false): string {
  const textual = textualColumns(sqlite);
  const reason = reasonColumn(sqlite);
  const numbers = hashed.filter((c) => !textual(c)).map((c) => `ifnull(${c} * 1024 * 0, 0)`);
  const plain = `typeof(sum(numbers)) <> 'real'`;
  const from = `FROM audit_log WHERE id > ? AND id <= ? ORDER BY id`;
  const gapOf = (bytes: number) => `char(10) || '${'-'.repeat(bytes)}'`;
  if (v2) {
    return `SELECT count(*), sum(well_formed), ${plain}, CAST(group_concat(line, '') AS BLOB), CAST(group_concat(bin, '') AS BLOB)
      FROM (SELECT ${gapOf(64)} || json_array(${hashed.join(', ')}) || ${gapOf(16)} || ${digestedSql(reason)} AS line,
          hash || salt AS bin, ${numbers.join(' + ') || '0'} AS numbers,
          typeof(hash) = 'blob' AND length(hash) = 32 AND typeof(salt) = 'blob' AND length(salt) = 16 AS well_formed
        ${from})`;
  }
  // Each row's JSON follows a newline and a 32-byte gap where the hash it chains
  // from is put, so that a row's hash input lies in one piece. group_concat keeps
  // the subquery's order: SQLite does not drop an ORDER BY that feeds it.
  const gap = gapOf(32);
  // A v1 row never has a reason: one that does is not well formed, and is reported row by row.
  return `SELECT count(*), sum(typeof(hash) = 'blob' AND length(hash) = 32 AND reason IS NULL), ${plain},
      CAST(${gap} || group_concat(json, ${gap}) AS BLOB), CAST(group_concat(hash, '') AS BLOB)
    FROM (SELECT json_array(${hashed.join(', ')}) AS json, hash, ${reason} AS reason, ${numbers.join(' + ') || '0'} AS numbers
      ${from})`;
}

/**
 * Finds a printed head (a hex prefix of a hash) among hashes laid end to end,
 * `size` bytes each: the index of the last one that starts with it, or -1.
 * Searched for by its bytes, not by hex per row.
 */
export function headFinder(want: string | undefined): (hashes: Buffer, size: number) => number {
  const hex = want?.toLowerCase() ?? '';
  const bytes = /^[0-9a-f]+$/.test(hex) ? Buffer.from(hex.slice(0, hex.length & ~1), 'hex') : null;
  return (hashes, size) => {
    if (bytes === null || size === 0) return -1;
    for (let from = hashes.length - size; from >= 0;) {
      const at = hashes.lastIndexOf(bytes, from);
      if (at < 0) return -1;
      if (at % size === 0 && hashes.toString('hex', at, at + size).startsWith(hex)) return at / size;
      from = at % size === 0 ? at - 1 : at - (at % size);
    }
    return -1;
  };
}

/**
 * Returns a check of the chunk of rows after an id: its seal if the chunk is full
 * (no id missing), sealed, plain and every row's hash follows from the stored one
 * before it; null if anything is otherwise, for the row-by-row check to say what.
 * `from` is the hash the chunk chains from, if the caller knows it.
 */
export function chunkChecker(
  sqlite: Database.Database,
  node: { hash: typeof hash; isUtf8: typeof isUtf8 },
  plan: ChunkPlan,
  find: (hashes: Buffer, size: number) => number,
): (after: number, from?: Uint8Array) => ChunkSeal | null {
  const query = sqlite.prepare(plan.sql).raw();
  const storedHash = sqlite.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck();
  return (after, from) => {
    const size = Math.min(plan.size, plan.last - after);
    let result;
    try {
      result = query.get(after, after + size) as [number, number, number, Buffer, Buffer];
    } catch {
      return null; // a blob, which JSON cannot hold: the row-by-row check decides
    }
    const [count, sealed, plain, text, stored] = result;
    // Valid UTF-8 is what JavaScript hashes too: it decodes the text it reads from
    // SQLite and encodes the JSON again, which changes only invalid bytes.
    if (count !== size || sealed !== size || !plain || !node.isUtf8(text)) return null;
    from ??= after === plan.start ? plan.startHash : (storedHash.get(after) as Buffer);
    if (!(from instanceof Uint8Array) || from.length !== 32) return null;
    // v2: 48 bytes a row (hash, salt); v1: the hash alone.
    const width = plan.v2 ? 48 : 32;
    const bin = stored.toString('latin1');
    const hashes = plan.v2 ? Buffer.alloc(32 * count) : stored;
    for (let i = 0, at = 1; i < count; i++) {
      const row = width * i;
      if (i === 0) text.set(from, at);
      else stored.copy(text, at, row - width, row - width + 32);
      let end: number;
      if (plan.v2) {
        const link = text.indexOf(10, at + 64);
        end = i + 1 < count ? text.indexOf(10, link + 17) : text.length;
        if (link < 0 || end < 0) return null;
        stored.copy(text, link + 1, row + 32, row + 48);
        text.write(node.hash('sha256', text.subarray(link + 1, end), 'binary'), at + 32, 'latin1');
        if (!bin.startsWith(node.hash('sha256', text.subarray(at, link), 'binary'), row)) return null;
        stored.copy(hashes, 32 * i, row, row + 32);
      } else {
        end = i + 1 < count ? text.indexOf(10, at + 32) : text.length;
        if (!bin.startsWith(node.hash('sha256', text.subarray(at, end), 'binary'), row)) return null;
      }
      at = end + 1;
    }
    return { from: Uint8Array.from(from), to: Uint8Array.from(hashes.subarray(32 * (count - 1))), wantedAt: find(hashes, 32) };
  };
}

/** The counters ChunkHelpers share with their workers. */
export const CHUNK_CONTROL = {
  /** The next chunk no one has claimed. */
  next: 0,
  /** Set when the check needs no more chunks. */
  stop: 1,
  /** Messages the workers have posted. */
  posted: 2,
} as const;

/** What a chunk worker (db/workers/chunkWorker.ts) is given. */
export interface ChunkJob extends SyncJob {
  file: string;
  plan: ChunkPlan;
  chunks: number;
}

/**
 * Chunks checked by worker threads while the caller checks others itself. Workers
 * claim chunks from a shared counter, so a slow worker only leaves more to the
 * caller. Each reads the file on a read-only connection of its own. A worker that
 * cannot start (or cannot open the file) is an error of the check, not more work
 * for the caller: take() throws why.
 */
export class ChunkHelpers {
  private readonly control = new Int32Array(new SharedArrayBuffer(12));
  private readonly workers: SyncWorker[] = [];
  private readonly found = new Map<number, ChunkSeal | null>();
  private quiet = 0; // ms waited for the workers since one last posted

  /** Workers only if it is worth starting them. */
  constructor(
    file: string,
    private readonly plan: ChunkPlan,
    private readonly chunks: number,
    private readonly checkHere: (after: number, from?: Uint8Array) => ChunkSeal | null,
  ) {
    const workers = chunks >= 8 && file !== '' ? Math.min(availableParallelism() - 1, 3) : 0;
    const job: Omit<ChunkJob, 'answers'> = { file, plan, chunks };
    try {
      for (let i = 0; i < workers; i++) {
        const worker = new SyncWorker('chunk', 'The chain check', job, this.control, CHUNK_CONTROL.posted);
        // The check does not wait for a worker to end: one that is told to stop ends after the chunk in hand.
        worker.unref();
        this.workers.push(worker);
      }
    } catch (e) {
      this.close();
      throw e;
    }
  }

  /**
   * The check of chunk `c` once someone has made it, else undefined, after a piece
   * of the work: a chunk checked here (the next no one has claimed), or, when all
   * are claimed, a short wait for the workers. `from` is the hash `c` chains from.
   * Throws if a worker could not start: with the last chunk, once each has said
   * whether it could, so that a failure is never lost behind a caller that was
   * quicker than the workers' start.
   */
  take(c: number, from: Buffer): ChunkSeal | null | undefined {
    const posted = Atomics.load(this.control, CHUNK_CONTROL.posted);
    this.drain();
    if (!this.found.has(c)) {
      const mine = Atomics.add(this.control, CHUNK_CONTROL.next, 1);
      if (mine < this.chunks) this.found.set(mine, this.checkHere(this.after(mine), mine === c ? from : undefined));
      else if (!this.waitForWorkers(posted)) this.found.set(c, this.checkHere(this.after(c), from));
    }
    if (!this.found.has(c)) return undefined;
    if (c === this.chunks - 1) this.hearFromAll();
    const seal = this.found.get(c);
    this.found.delete(c);
    return seal;
  }

  /** Stops the workers: each ends after the chunk in hand; one still starting is ended now. */
  close(): void {
    Atomics.store(this.control, CHUNK_CONTROL.stop, 1);
    for (const worker of this.workers) worker.close();
  }

  private after(c: number): number {
    return this.plan.start + c * this.plan.size;
  }

  /** Takes in the seals the workers have posted; throws if one could not start. */
  private drain(): void {
    for (const worker of this.workers) {
      for (let m; (m = worker.receive()) !== undefined;) {
        const { c, seal } = m as { c: number; seal: ChunkSeal | null };
        this.found.set(c, seal);
      }
    }
  }

  /** Waits until every worker has said it is ready, or throws why one is not (receive() keeps the time). */
  private hearFromAll(): void {
    for (;;) {
      const posted = Atomics.load(this.control, CHUNK_CONTROL.posted);
      this.drain();
      if (this.workers.every((w) => w.isReady)) return;
      try {
        Atomics.wait(this.control, CHUNK_CONTROL.posted, posted, 50);
      } catch {
        return; // a thread that may not block cannot wait to hear
      }
    }
  }

  /** False once no worker has posted for 2 s (one is stuck, or died, with a chunk), or if this thread may not block. */
  private waitForWorkers(posted: number): boolean {
    try {
      if (Atomics.wait(this.control, CHUNK_CONTROL.posted, posted, 50) !== 'timed-out') this.quiet = 0;
      else this.quiet += 50;
      return this.quiet < 2_000;
    } catch {
      return false;
    }
  }
}
