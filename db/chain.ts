// The tamper-evident chain over the audit log. Rows are written unsealed by the
// triggers and sealed, in id order, by the app before its transaction commits.
//
// v1 (rows up to chain_meta.v2_from): hash = SHA-256(previous hash || canonical
// JSON of the row). v2 (every row sealed since migration 0011), bytes end to end:
//   vdigest = SHA-256(salt || JSON [old_value, new_value, label(, reason)])
//   hash    = SHA-256(previous hash || vdigest || JSON [the other v1 columns])
// and the last row of each of the app's transactions carries an Ed25519
// signature of its hash (db/chainKeys.ts). The values a person may ask to have
// erased enter the chain only through their salted digest: removing a value and
// its salt leaves every hash, and every digest printed before, as it was. The
// reason (migration 0016) joins the digested values only when there is one, so
// the rows sealed before it keep their hashes; a v1 row never has one.
import { isUtf8 } from 'node:buffer';
import { createHash, hash, randomBytes, randomFillSync } from 'node:crypto';
import type Database from 'better-sqlite3';
import { CHUNK_ROWS, ChunkHelpers, chunkChecker, chunkSql, headFinder, reasonColumn } from './chainChunks';
import { signerFor, signHead, v2From } from './chainKeys';
import { runSteps } from './offThread';
import { noteWrite } from './witness';
import { checkSignatures, type SignatureReport } from './chainSignatures';

export const GENESIS = Buffer.alloc(32);

/** The columns that a v1 hash covers, in the order they are hashed. */
export const HASHED = [
  'id',
  'at',
  'actor_id',
  'actor_name',
  'entity',
  'entity_id',
  'booking_id',
  'customer_id',
  'field',
  'old_value',
  'new_value',
  'old_ref',
  'new_ref',
  'category',
  'event',
  'label',
  'tx',
  'origin',
] as const;
/** What a row is read as: the hashed columns, then the reason, which only a v2 link covers. */
export const READ_COLUMNS = [...HASHED, 'reason'] as const;
const REASON_AT = HASHED.length;
const rowSql = (sqlite: Database.Database) => `${HASHED.join(', ')}, ${reasonColumn(sqlite)} AS reason`;
const TX_AT = HASHED.indexOf('tx');
const ORIGIN_AT = HASHED.indexOf('origin');

/** The values an erasure may remove: in v2 they enter the chain through their salted digest. */
export const ERASABLE = ['old_value', 'new_value', 'label'] as const;
const ERASABLE_AT = ERASABLE.map((c) => HASHED.indexOf(c));
/** The columns a v2 link covers directly, after the previous hash and the value digest. */
export const LINKED_V2 = HASHED.filter((c) => !(ERASABLE as readonly string[]).includes(c));
const LINKED_AT = LINKED_V2.map((c) => HASHED.indexOf(c));

type Cell = string | number | bigint | null;

/** JSON of the hashed columns in a fixed order: the same text in every version and on every OS. */
export function canonical(row: readonly Cell[]): string {
  return JSON.stringify(row.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
}

/** v1: a row's link, from the row's columns as HASHED (a reason read after them is not part of it). */
export function linkHash(prev: Buffer, row: readonly Cell[]): Buffer {
  return createHash('sha256')
    .update(prev)
    .update(canonical(row.length > HASHED.length ? row.slice(0, HASHED.length) : row))
    .digest();
}

/** The values a v2 row's digest covers: the erasable columns, and the reason when there is one. */
function digestedValues(row: readonly Cell[]): Cell[] {
  const values = ERASABLE_AT.map((i) => row[i]);
  const reason = row[REASON_AT];
  if (reason !== null && reason !== undefined) values.push(reason);
  return values;
}

/** v2: what the chain commits to instead of a row's erasable values (row as HASHED, then the reason). */
export function valueDigest(salt: Uint8Array, row: readonly Cell[]): Buffer {
  return createHash('sha256')
    .update(salt)
    .update(JSON.stringify(digestedValues(row)))
    .digest();
}

/** v2: a row's link, from the row's columns (as HASHED) and its value digest. */
export function linkHashV2(prev: Buffer, row: readonly Cell[], vdigest: Buffer): Buffer {
  return createHash('sha256')
    .update(prev)
    .update(vdigest)
    .update(canonical(LINKED_AT.map((i) => row[i])))
    .digest();
}

/**
 * A sealed row's link recomputed from the one before it (row as READ_COLUMNS), or
 * why it cannot fit: what verify checks each row by, in the database and in an
 * archive file (db/archiveFile.ts) alike. `erased`: a v2 row whose values an
 * erasure removed, checked by its stored value digest.
 */
export function expectedLink(
  prev: Buffer,
  cells: readonly Cell[],
  v2From: number,
  salt: Uint8Array | null,
  vdigest: Uint8Array | null,
): { hash: Buffer; erased: boolean } | { problem: string } {
  if (Number(cells[0]) <= v2From) {
    if (cells[REASON_AT] !== null) return { problem: 'it carries a reason, which no row of the first chain format can have: altered' };
    return { hash: linkHash(prev, cells), erased: false };
  }
  // A value changed with its salt kept changes this digest, and so the link.
  if (salt !== null) return { hash: linkHashV2(prev, cells, valueDigest(salt, cells)), erased: false };
  if (vdigest instanceof Uint8Array && vdigest.length === 32) {
    if (digestedValues(cells).some((v) => v !== null)) return { problem: 'its values were put back after an erasure removed them: altered' };
    return { hash: linkHashV2(prev, cells, Buffer.from(vdigest)), erased: true };
  }
  return { problem: 'its content or hash does not match the chain: altered, inserted or reordered (no salt, and no value digest)' };
}

export function shortDigest(hash: Buffer): string {
  return hash.toString('hex').slice(0, 16);
}

interface Statements {
  unsealed: Database.Statement;
  lastSealed: Database.Statement;
  checkpoint: Database.Statement;
  seal: Database.Statement;
  /** Null on a file from before chain v2, which has no v2 columns (verify reads such files as they are). */
  sealV2: Database.Statement | null;
  signLater: Database.Statement | null;
  /** The last row sealed as v1 (constant: chain_meta cannot change). */
  v2From: number;
}
const statements = new WeakMap<Database.Database, Statements>();

function prepared(sqlite: Database.Database): Statements {
  let s = statements.get(sqlite);
  if (!s) {
    const from = v2From(sqlite);
    const v2 = Number.isFinite(from);
    s = {
      // Unsealed rows are the log's tail: an unsealed row before a sealed one is
      // one inserted into the log, which verify reports, and sealing it here
      // would only hide where it stands.
      unsealed: sqlite.prepare(`SELECT ${rowSql(sqlite)} FROM audit_log WHERE id > ? ORDER BY id`).raw(),
      lastSealed: sqlite.prepare('SELECT id, hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1'),
      checkpoint: sqlite.prepare('SELECT last_id AS id, last_hash AS hash FROM audit_checkpoint WHERE id = 1'),
      seal: sqlite.prepare('UPDATE audit_log SET origin = ?, hash = ? WHERE id = ?'),
      // vdigest stays NULL: it is recomputed from the salt and the values, and stored only when an erasure removes them.
      sealV2: v2 ? sqlite.prepare('UPDATE audit_log SET origin = ?, hash = ?, salt = ?, vdigest = NULL, sig = ?, sig_key = ? WHERE id = ?') : null,
      signLater: v2 ? sqlite.prepare('UPDATE audit_log SET sig = ?, sig_key = ? WHERE id = ? AND sig IS NULL') : null,
      v2From: from,
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
 * v2 rows get a fresh salt each, and the last one the signature of the new head,
 * unless `sign` is false: a savepoint inside a batch leaves that to signBatch(),
 * once per commit. Returns the number of rows sealed.
 */
export function sealChain(sqlite: Database.Database, tx: number | null, sign = true): number {
  const s = prepared(sqlite);
  // Before reading the tail: a key new to this log adds its own audit row, sealed here too.
  const signer = sign && Number.isFinite(s.v2From) ? signerFor(sqlite) : null;
  const head = chainHead(s);
  const rows = s.unsealed.all(head.id) as Cell[][];
  if (rows.length === 0) return 0;
  const salts = saltsFor(rows.length);
  let prev = head.hash;
  rows.forEach((row, i) => {
    const id = Number(row[0]);
    const rowTx = row[TX_AT];
    const origin = tx !== null && rowTx !== null && Number(rowTx) === tx ? 'app' : 'outside';
    row[ORIGIN_AT] = origin;
    if (id <= s.v2From) {
      prev = linkHash(prev, row);
      s.seal.run(origin, prev, id);
      return;
    }
    const salt = salts.subarray(16 * i, 16 * i + 16);
    prev = linkHashV2(prev, row, valueDigest(salt, row));
    const sig = signer && i === rows.length - 1 ? signHead(signer, id, prev) : null;
    s.sealV2!.run(origin, prev, salt, sig, sig ? signer!.keyId : null, id);
  });
  return rows.length;
}

/** Salts come from a pool filled 4 KiB at a time: one call into the OS's random source per 256 rows, not per seal. */
const pool = { bytes: Buffer.alloc(4096), used: 4096 };
function saltsFor(rows: number): Buffer {
  const need = 16 * rows;
  if (need > pool.bytes.length) return randomBytes(need);
  if (pool.used + need > pool.bytes.length) {
    randomFillSync(pool.bytes);
    pool.used = 0;
  }
  // Copied out: the pool is overwritten when it is refilled.
  const salts = Buffer.from(pool.bytes.subarray(pool.used, pool.used + need));
  pool.used += need;
  return salts;
}

/**
 * Signs the head once for a batch of audited changes made as savepoints of one
 * transaction (the import, the demo generator), just before it commits: one
 * signature per commit, as for a single change. Inside the transaction.
 */
export function signBatch(sqlite: Database.Database): void {
  const s = prepared(sqlite);
  if (!Number.isFinite(s.v2From)) return;
  const signer = signerFor(sqlite);
  sealChain(sqlite, null, false); // a key new to this log wrote its row just now
  const head = s.lastSealed.get() as { id: number; hash: Buffer } | undefined;
  if (signer && head && head.id > s.v2From) s.signLater!.run(signHead(signer, head.id, head.hash), signer.keyId, head.id);
  noteWrite(sqlite); // written once this batch has committed (the witness waits for the thread to be free)
}

/** The hash of the last sealed row: what a printed report shows, cheap enough for every report. */
export function currentHead(sqlite: Database.Database): Buffer {
  return chainHead(prepared(sqlite)).hash;
}

/** The last sealed row, id and hash: the head a report prints, and the rows it covers. */
export function currentHeadRow(sqlite: Database.Database): { id: number; hash: Buffer } {
  return chainHead(prepared(sqlite));
}

export interface VerifyReport {
  ok: boolean;
  rowsChecked: number;
  /** Rows written outside the app since the last app transaction, not sealed yet. */
  unsealedTail: number;
  headId: number;
  head: string; // full hex digest of the last sealed row (or the checkpoint)
  headShort: string; // what a printed report shows
  firstBroken?: { id: number; problem: string };
  /** With expectHead: the row sealed with that digest (rows after it were added since it was printed). */
  expectedHeadAt?: number;
  /** Rows checked of each format: v1 before migration 0011, v2 (salted, signed) since. */
  v1Rows: number;
  v2Rows: number;
  /** v2 rows whose values were erased: their digests are checked, their values are gone. */
  erasedRows: number;
  /** Who signed the chain, and how far (null for a log with no v2 rows). */
  signatures: SignatureReport | null;
}

export interface VerifyOptions {
  /** A chain head printed earlier, which the log must still contain. */
  expectHead?: string;
  /** Public keys (raw, 32 bytes) to trust instead of the ones the database lists: an auditor's copy from a report. */
  trustedKeys?: Buffer[];
  /**
   * Check only the rows after this one, chaining from this hash: a row whose hash
   * a check outside the file vouches for (the witness, an earlier check), so the
   * rows up to it need not be read again.
   */
  after?: { id: number; hash: Buffer };
}

/** Most rows verified between two yields of verifyChainInSteps: a few milliseconds of work. */
export const VERIFY_STEP_ROWS = 20_000;

/**
 * Recomputes the chain from the checkpoint (or the start) and reports the first row
 * that does not fit: altered, inserted, removed, reordered, or a forged hash; then
 * checks that the head is signed by a key of the log's (or one the caller trusts):
 * rows after the last valid signature were not written by JobTrail.
 * A removed tail cannot be seen from inside the database; compare `head` with a
 * digest printed earlier (expectHead) or the witness kept outside (db/witness.ts).
 */
export function verifyChain(sqlite: Database.Database, options: VerifyOptions = {}): VerifyReport {
  return runSteps(verifyChainInSteps(sqlite, options));
}

/**
 * verifyChain as a generator that yields between steps, so a caller with an event
 * loop (the app checking its log at start) can let other work run in between. It
 * holds a read transaction on the connection until it ends: give it a connection
 * of its own.
 */
export function* verifyChainInSteps(sqlite: Database.Database, options: VerifyOptions = {}): Generator<number, VerifyReport> {
  // One read transaction, so the check sees one state of the log across all its
  // queries and pauses (inside the caller's, if there is one).
  const ownRead = !sqlite.inTransaction;
  if (ownRead) sqlite.exec('BEGIN');
  try {
    // Worker threads read the committed file: only for a file, with no writes of this connection's pending.
    return yield* verifyState(sqlite, options, ownRead && !sqlite.memory ? sqlite.name : '');
  } finally {
    if (ownRead && sqlite.inTransaction) sqlite.exec('COMMIT');
  }
}

function* verifyState(sqlite: Database.Database, options: VerifyOptions, file: string): Generator<number, VerifyReport> {
  const s = prepared(sqlite);
  const v2 = Number.isFinite(s.v2From);
  const checkpoint = s.checkpoint.get() as { id: number; hash: Buffer } | undefined;
  const start = options.after ?? checkpoint;
  let prev = start?.hash ?? GENESIS;
  let prevId = start?.id ?? 0;
  let checked = 0;
  let unsealedTail = 0;
  let erasedRows = 0;
  let firstBroken: VerifyReport['firstBroken'];
  // A digest printed earlier must still be in the chain (rows added since are fine):
  // looked for during the one pass over the log.
  const want = options.expectHead?.toLowerCase();
  const find = headFinder(want);
  const isWanted = (hash: Buffer) => find(hash, hash.length) === 0;
  let expectedHeadAt = start && isWanted(start.hash) ? start.id : undefined;
  // Archived rows leave the log; one still at or before the checkpoint means the
  // checkpoint was put there to make verify skip rows that are in fact still here.
  const skipped = checkpoint ? (sqlite.prepare('SELECT min(id) FROM audit_log WHERE id <= ?').pluck().get(checkpoint.id) as number | null) : null;
  if (checkpoint && skipped !== null) {
    return {
      ok: false,
      rowsChecked: 0,
      unsealedTail: 0,
      headId: 0,
      head: GENESIS.toString('hex'),
      headShort: GENESIS.toString('hex').slice(0, 16),
      firstBroken: {
        id: skipped,
        problem: `it is still in the log, though the chain claims to start after row ${checkpoint.id}: the checkpoint was forged to skip it`,
      },
      v1Rows: 0,
      v2Rows: 0,
      erasedRows: 0,
      signatures: null,
    };
  }

  const STORED = HASHED.length + 1;
  /** The check of one row, which every report comes from; false once the chain is broken. */
  const checkRow = (row: (Cell | Buffer)[]): boolean => {
    const id = Number(row[0]);
    const stored = row[STORED] as Buffer | null;
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
    const link = expectedLink(
      prev,
      row.slice(0, STORED) as Cell[],
      s.v2From,
      (row[STORED + 1] ?? null) as Buffer | null,
      (row[STORED + 2] ?? null) as Buffer | null,
    );
    if ('problem' in link) {
      firstBroken = { id, problem: link.problem };
      return false;
    }
    if (link.erased) erasedRows++;
    const expected = link.hash;
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
  const rowsAfter = sqlite.prepare(`SELECT ${rowSql(sqlite)}, hash${v2 ? ', salt, vdigest' : ''} FROM audit_log WHERE id > ? ORDER BY id`).raw();
  /** Row by row from where the check stands, until past `until` (unless in an unsealed tail) or broken. */
  function* rowByRow(until: number): Generator<number, void> {
    for (const row of rowsAfter.iterate(prevId) as IterableIterator<(Cell | Buffer)[]>) {
      if (prevId >= until && unsealedTail === 0) return;
      if (!checkRow(row)) return;
      if (checked % VERIFY_STEP_ROWS === 0) yield checked;
    }
  }

  // Whole chunks at a time (see chainChunks.ts), as far as rows are sealed in this
  // state of the log, the v1 rows and the v2 rows each by their own plan; a chunk
  // not plainly intact, and whatever follows, row by row, so that every report
  // still comes from checkRow. Chunks end at the last sealed row; an unsealed row
  // before it fails its chunk and is reported row by row.
  const last = chainHead(s).id;
  // (SQLite hands text over in the database's encoding, which must be UTF-8 as hashed.)
  const utf8 = sqlite.pragma('encoding', { simple: true }) === 'UTF-8';
  for (const format of ['v1', 'v2'] as const) {
    const end = format === 'v1' ? Math.min(last, s.v2From) : last;
    const chunks = utf8 && !firstBroken && end > prevId ? Math.ceil((end - prevId) / CHUNK_ROWS) : 0;
    if (chunks === 0) continue;
    const plan = {
      sql: chunkSql(sqlite, format === 'v1' ? HASHED : LINKED_V2, format === 'v2'),
      start: prevId,
      startHash: prev,
      size: CHUNK_ROWS,
      last: end,
      want,
      v2: format === 'v2',
    };
    const helpers = new ChunkHelpers(file, plan, chunks, chunkChecker(sqlite, { hash, isUtf8 }, plan, find));
    try {
      for (let c = 0; c < chunks && !firstBroken && prevId === plan.start + c * CHUNK_ROWS; c++) {
        const to = Math.min(prevId + CHUNK_ROWS, end);
        let seal;
        while ((seal = helpers.take(c, prev)) === undefined) yield checked;
        if (seal && Buffer.compare(seal.from, prev) === 0) {
          if (seal.wantedAt >= 0) expectedHeadAt = prevId + 1 + seal.wantedAt;
          prev = Buffer.from(seal.to);
          checked += to - prevId;
          prevId = to;
          yield checked;
        } else {
          yield* rowByRow(to);
        }
      }
    } finally {
      helpers.close();
    }
  }
  if (!firstBroken) yield* rowByRow(Infinity);

  const head = prev.toString('hex');
  if (!firstBroken && want && expectedHeadAt === undefined) {
    firstBroken = {
      id: prevId + 1,
      problem: `the expected head ${want} is not in this log: rows after row ${prevId} were removed, or the chain was rewritten`,
    };
  }
  const v1Rows = Math.max(0, Math.min(prevId, s.v2From) - (start?.id ?? 0));
  const signatures =
    v2 && !firstBroken ? checkSignatures(sqlite, { headId: prevId, v2From: s.v2From, trustedKeys: options.trustedKeys, searchAfter: options.after?.id }) : null;
  if (!firstBroken && signatures?.problem) firstBroken = signatures.problem;
  return {
    ok: !firstBroken,
    rowsChecked: checked,
    unsealedTail,
    headId: prevId,
    head,
    headShort: head.slice(0, 16),
    firstBroken,
    expectedHeadAt,
    v1Rows,
    v2Rows: checked - Math.min(checked, v1Rows),
    erasedRows,
    signatures,
  };
}
