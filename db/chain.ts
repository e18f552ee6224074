// The tamper-evident chain over the audit log. Each row's hash is
// SHA-256(previous hash || canonical content). Rows are written unsealed by the
// triggers and sealed, in id order, by the app before its transaction commits.
import { isUtf8 } from 'node:buffer';
import { createHash, hash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { CHUNK_ROWS, ChunkHelpers, chunkChecker, chunkSql, headFinder } from './chainChunks';
import { runSteps } from './offThread';

export const GENESIS = Buffer.alloc(32);

/** The columns that a hash covers, in the order they are hashed. */
const HASHED = [
  'id', 'at', 'actor_id', 'actor_name', 'entity', 'entity_id', 'booking_id', 'customer_id', 'field',
  'old_value', 'new_value', 'old_ref', 'new_ref', 'category', 'event', 'label', 'tx', 'origin',
] as const;
const HASHED_SQL = HASHED.join(', ');
const TX_AT = HASHED.indexOf('tx');
const ORIGIN_AT = HASHED.indexOf('origin');

type Cell = string | number | bigint | null;

/** JSON of the hashed columns in a fixed order: the same text in every version and on every OS. */
export function canonical(row: readonly Cell[]): string {
  return JSON.stringify(row.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
}

export function linkHash(prev: Buffer, row: readonly Cell[]): Buffer {
  return createHash('sha256').update(prev).update(canonical(row)).digest();
}

export function shortDigest(hash: Buffer): string {
  return hash.toString('hex').slice(0, 16);
}

interface Statements {
  unsealed: Database.Statement;
  lastSealed: Database.Statement;
  checkpoint: Database.Statement;
  seal: Database.Statement;
}
const statements = new WeakMap<Database.Database, Statements>();

function prepared(sqlite: Database.Database): Statements {
  let s = statements.get(sqlite);
  if (!s) {
    s = {
      // Unsealed rows are the log's tail: an unsealed row before a sealed one is
      // one inserted into the log, which verify reports, and sealing it here
      // would only hide where it stands.
      unsealed: sqlite.prepare(`SELECT ${HASHED_SQL} FROM audit_log WHERE id > ? ORDER BY id`).raw(),
      lastSealed: sqlite.prepare('SELECT id, hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1'),
      checkpoint: sqlite.prepare('SELECT last_id AS id, last_hash AS hash FROM audit_checkpoint WHERE id = 1'),
      seal: sqlite.prepare('UPDATE audit_log SET origin = ?, hash = ? WHERE id = ?'),
    };
    statements.set(sqlite, s);
  }
  return s;
}

function chainHead(s: Statements): { id: number; hash: Buffer } {
  const last = (s.lastSealed.get() ?? s.checkpoint.get()) as { id: number; hash: Buffer } | undefined;
  return last ?? { id: 0, hash: GENESIS };
}

/**
 * Seals every unsealed row, in id order. Must run inside the writing transaction.
 * A row whose tx is this transaction's is the app's own; any other unsealed row was
 * written by someone else since the last app transaction (a SQLite tool, a script)
 * and is sealed as 'outside', so it can never pass for a change made in the app.
 * Returns the number of rows sealed.
 */
export function sealChain(sqlite: Database.Database, tx: number | null): number {
  const s = prepared(sqlite);
  const head = chainHead(s);
  const rows = s.unsealed.all(head.id) as Cell[][];
  if (rows.length === 0) return 0;
  let prev = head.hash;
  for (const row of rows) {
    const rowTx = row[TX_AT];
    const origin = tx !== null && rowTx !== null && Number(rowTx) === tx ? 'app' : 'outside';
    row[ORIGIN_AT] = origin;
    prev = linkHash(prev, row);
    s.seal.run(origin, prev, row[0]);
  }
  return rows.length;
}

/** The hash of the last sealed row: what a printed report shows, cheap enough for every report. */
export function currentHead(sqlite: Database.Database): Buffer {
  return chainHead(prepared(sqlite)).hash;
}

export interface VerifyReport {
  ok: boolean;
  rowsChecked: number;
  /** Rows written outside the app since the last app transaction, not sealed yet. */
  unsealedTail: number;
  headId: number;
  head: string;        // full hex digest of the last sealed row (or the checkpoint)
  headShort: string;   // what a printed report shows
  firstBroken?: { id: number; problem: string };
  /** With expectHead: the row sealed with that digest (rows after it were added since it was printed). */
  expectedHeadAt?: number;
}

/** Most rows verified between two yields of verifyChainInSteps: a few milliseconds of work. */
export const VERIFY_STEP_ROWS = 20_000;

/**
 * Recomputes the chain from the checkpoint (or the start) and reports the first row
 * that does not fit: altered, inserted, removed, reordered, or a forged hash.
 * A removed tail cannot be seen from inside the database; compare `head` with a
 * digest printed earlier for that (see expectHead).
 */
export function verifyChain(sqlite: Database.Database, expectHead?: string): VerifyReport {
  return runSteps(verifyChainInSteps(sqlite, expectHead));
}

/**
 * verifyChain as a generator that yields between steps, so a caller with an event
 * loop (the app checking its log at start) can let other work run in between. It
 * holds a read transaction on the connection until it ends: give it a connection
 * of its own.
 */
export function* verifyChainInSteps(sqlite: Database.Database, expectHead?: string): Generator<number, VerifyReport> {
  // One read transaction, so the check sees one state of the log across all its
  // queries and pauses (inside the caller's, if there is one).
  const ownRead = !sqlite.inTransaction;
  if (ownRead) sqlite.exec('BEGIN');
  try {
    // Worker threads read the committed file: only for a file, with no writes of this connection's pending.
    return yield* verifyState(sqlite, expectHead, ownRead && !sqlite.memory ? sqlite.name : '');
  } finally {
    if (ownRead && sqlite.inTransaction) sqlite.exec('COMMIT');
  }
}

function* verifyState(sqlite: Database.Database, expectHead: string | undefined, file: string): Generator<number, VerifyReport> {
  const s = prepared(sqlite);
  const start = s.checkpoint.get() as { id: number; hash: Buffer } | undefined;
  let prev = start?.hash ?? GENESIS;
  let prevId = start?.id ?? 0;
  let checked = 0;
  let unsealedTail = 0;
  let firstBroken: VerifyReport['firstBroken'];
  // A digest printed earlier must still be in the chain (rows added since are fine):
  // looked for during the one pass over the log.
  const want = expectHead?.toLowerCase();
  const find = headFinder(want);
  const isWanted = (hash: Buffer) => find(hash, hash.length) === 0;
  let expectedHeadAt = start && isWanted(start.hash) ? start.id : undefined;
  // Archived rows leave the log; one still at or before the checkpoint means the
  // checkpoint was put there to make verify skip rows that are in fact still here.
  const skipped = start ? sqlite.prepare('SELECT min(id) FROM audit_log WHERE id <= ?').pluck().get(start.id) as number | null : null;
  if (start && skipped !== null) {
    return {
      ok: false, rowsChecked: 0, unsealedTail: 0, headId: 0, head: GENESIS.toString('hex'), headShort: GENESIS.toString('hex').slice(0, 16),
      firstBroken: { id: skipped, problem: `it is still in the log, though the chain claims to start after row ${start.id}: the checkpoint was forged to skip it` },
    };
  }

  /** The check of one row, which every report comes from; false once the chain is broken. */
  const checkRow = (row: (Cell | Buffer)[]): boolean => {
    const id = Number(row[0]);
    const stored = row[HASHED.length] as Buffer | null;
    if (stored === null) {
      unsealedTail++;
      return true;
    }
    if (unsealedTail > 0) {
      firstBroken = { id: id - 1, problem: 'an unsealed row stands before sealed rows: it was inserted into the log' };
      return false;
    }
    if (id !== prevId + 1) {
      firstBroken = { id: prevId + 1, problem: `row ${prevId + 1} is missing: removed from the log` };
      return false;
    }
    const expected = linkHash(prev, row.slice(0, HASHED.length) as Cell[]);
    if (!expected.equals(stored)) {
      firstBroken = { id, problem: 'its content or hash does not match the chain: altered, inserted or reordered' };
      return false;
    }
    if (isWanted(stored)) expectedHeadAt = id;
    prev = stored;
    prevId = id;
    checked++;
    return true;
  };
  const rowsAfter = sqlite.prepare(`SELECT ${HASHED_SQL}, hash FROM audit_log WHERE id > ? ORDER BY id`).raw();
  /** Row by row from where the check stands, until past `until` (unless in an unsealed tail) or broken. */
  function* rowByRow(until: number): Generator<number, void> {
    for (const row of rowsAfter.iterate(prevId) as IterableIterator<(Cell | Buffer)[]>) {
      if (prevId >= until && unsealedTail === 0) return;
      if (!checkRow(row)) return;
      if (checked % VERIFY_STEP_ROWS === 0) yield checked;
    }
  }

  // Whole chunks at a time (see chainChunks.ts), as far as rows are sealed in this
  // state of the log; a chunk not plainly intact, and whatever follows, row by row,
  // so that every report still comes from checkRow.
  // Chunks end at the last sealed row; an unsealed row before it fails its chunk and is reported row by row.
  const last = chainHead(s).id;
  // (SQLite hands text over in the database's encoding, which must be UTF-8 as hashed.)
  const utf8 = sqlite.pragma('encoding', { simple: true }) === 'UTF-8';
  const chunks = utf8 && last > prevId ? Math.ceil((last - prevId) / CHUNK_ROWS) : 0;
  if (chunks > 0) {
    const plan = { sql: chunkSql(sqlite, HASHED), start: prevId, startHash: prev, size: CHUNK_ROWS, last, want };
    const helpers = new ChunkHelpers(file, plan, chunks, chunkChecker(sqlite, { hash, isUtf8 }, plan, find));
    try {
      for (let c = 0; c < chunks && !firstBroken && prevId === plan.start + c * CHUNK_ROWS; c++) {
        const end = Math.min(prevId + CHUNK_ROWS, last);
        let seal;
        while ((seal = helpers.take(c, prev)) === undefined) yield checked;
        if (seal && Buffer.compare(seal.from, prev) === 0) {
          if (seal.wantedAt >= 0) expectedHeadAt = prevId + 1 + seal.wantedAt;
          prev = Buffer.from(seal.to);
          checked += end - prevId;
          prevId = end;
          yield checked;
        } else {
          yield* rowByRow(end);
        }
      }
    } finally {
      helpers.close();
    }
  }
  if (!firstBroken) yield* rowByRow(Infinity);

  const head = prev.toString('hex');
  if (!firstBroken && want && expectedHeadAt === undefined) {
    firstBroken = { id: prevId + 1,
      problem: `the expected head ${want} is not in this log: rows after row ${prevId} were removed, or the chain was rewritten` };
  }
  return {
    ok: !firstBroken, rowsChecked: checked, unsealedTail, headId: prevId, head,
    headShort: head.slice(0, 16), firstBroken, expectedHeadAt,
  };
}
