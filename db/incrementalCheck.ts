// The integrity check of what changed since the log was last checked: what the
// app runs at start once this PC has seen the log before, so that a start does not
// wait on the whole check (db/integrity.ts), which reads every row. The rows up to
// a head that a record outside the file vouches for are not read again:
//   - the witness (db/witness.ts): the log must still hold the row this PC saw
//     last with its hash, so a copy put back, a tail cut or a rewrite is named;
//   - the head the last passing check reached (db/checkRecords.ts), when it is
//     not too far back: the rows written since the last start are checked again
//     link by link, and a problem found stays found until the log is mended,
//     though the witness has moved on with the app's writes.
// From the older of the two on: every link and v2 value digest, the newest
// signature (which vouches for every row before it as far as the links have been
// checked, and the witness for the rest), the schema, the password signatures,
// the rows the search index holds, and an archive checkpoint moved since.
// Left to the whole check: rows before the anchor altered in place (their hashes
// untouched), and the records against their History (reconcile.ts compares every
// record with every audit row of its table: a change behind a dropped trigger
// leaves no row since the anchor to start from).
import type Database from 'better-sqlite3';
import { GENESIS, verifyChainInSteps } from './chain';
import { type CheckedHead } from './checkRecords';
import { problemsOf, type IntegrityReport } from './integrity';
import { textIndexProblem, type TextIndexCounts } from './historyText';
import { migrationsDir } from './open';
import { here, runSteps, type Pending, type StatementRunner } from './offThread';
import { passwordProblems } from './passwordSignatures';
import { checkSchema } from './schemaCheck';
import { witnessProblem, type Witness } from './witness';

/** Most rows the start goes back beyond the witness to re-check those of the last run; older ones are the whole check's. */
export const MOST_ROWS_SINCE_CHECK = 250_000;

export interface IncrementalOptions {
  /** The head this PC saw last: required, it is what makes the older rows safe to skip. */
  witness: Witness;
  /** The head the last passing check verified through (db/checkRecords.ts checkedThrough). */
  checked?: (CheckedHead & { by: 'start' | 'whole' }) | null;
  migrationsDir?: string;
  /** MOST_ROWS_SINCE_CHECK, for tests. */
  mostRows?: number;
  /** Where the counts over the rows since run (default: on `sqlite`); see offThread.ts. The caller closes it. */
  statements?: StatementRunner;
}

export interface IncrementalReport extends IntegrityReport {
  /** The row the check started from, which the witness or an earlier check vouches for, and when that was. */
  anchor: { id: number; at: string; by: 'witness' | 'start' | 'whole' };
  /** The first row checked link by link (the anchor's own: its predecessor's stored hash vouches for its content). */
  from: number;
  /** The log's last row as the check found it (the chain's head may stop short of it, where a row is broken). */
  to: number;
}

export function checkSince(sqlite: Database.Database, options: IncrementalOptions): IncrementalReport {
  return runSteps(checkSinceInSteps(sqlite, options));
}

/** The check as a generator that yields between steps of the chain (see verifyChainInSteps). */
export function* checkSinceInSteps(sqlite: Database.Database, options: IncrementalOptions): Generator<unknown, IncrementalReport> {
  const w = options.witness;
  // A check beyond the witness was of a log since put back to an older copy on purpose: a restore moves the witness back.
  const c = options.checked && options.checked.headId <= w.headId ? options.checked : null;
  const fromCheck = c && w.headId - c.headId <= (options.mostRows ?? MOST_ROWS_SINCE_CHECK);
  const anchor = fromCheck ? { id: c.headId, at: c.at, by: c.by } : { id: w.headId, at: w.at, by: 'witness' as const };
  // Every head recorded outside the file must still be in the log as it was seen: the witness's words first.
  const seen = [w, ...(c ? [{ databaseId: w.databaseId, headId: c.headId, head: c.head, at: c.at }] : [])];
  const witness = seen.map((s) => witnessProblem(sqlite, s)).find((p) => p !== null) ?? null;
  const after = startingPoint(sqlite, anchor.id);
  const chain = yield* verifyChainInSteps(sqlite, { after });
  const to = (sqlite.prepare('SELECT max(id) FROM audit_log').pluck().get() as number | null) ?? 0;
  yield chain.rowsChecked;
  const schema = checkSchema(sqlite, options.migrationsDir ?? migrationsDir());
  yield 'schema';
  const state = passwordProblems(sqlite).map((p) => ({ entity: 'user', id: p.id, field: 'password', message: p.message }));
  const run = options.statements ?? here(sqlite);
  const outsideRows = (yield* run.all("SELECT count(*) FROM audit_log WHERE id > ? AND origin = 'outside'", [after.id], true))[0] as number;
  const checkpoint = checkpointSince(sqlite, after.id);
  const searchIndex = yield* searchIndexSince(sqlite, run, after.id);
  const problems = problemsOf({ chain, witness, checkpoint, schema, state, searchIndex });
  return { ok: problems.length === 0, chain, schema, state, checkpoint, witness, outsideRows, searchIndex, problems, anchor, from: after.id + 1, to };
}

/**
 * Where the links are recomputed from: the sealed row before the anchor, with its
 * stored hash, so the anchor's own content is checked too (its hash is what was
 * seen; its predecessor's cannot be made to fit it). A row missing or unsealed in
 * between is then reported as the whole check reports it. An archive checkpoint
 * moved past it since: the archive's own verification vouches for the rows before.
 */
function startingPoint(sqlite: Database.Database, anchorId: number): { id: number; hash: Buffer } {
  const sealed = sqlite.prepare('SELECT id, hash FROM audit_log WHERE id < ? AND hash IS NOT NULL ORDER BY id DESC LIMIT 1').get(anchorId) as
    { id: number; hash: Buffer } | undefined;
  const checkpoint = sqlite.prepare('SELECT last_id AS id, last_hash AS hash FROM audit_checkpoint WHERE id = 1').get() as
    { id: number; hash: Buffer } | undefined;
  if (checkpoint && (!sealed || checkpoint.id >= sealed.id)) return checkpoint;
  return sealed ?? { id: 0, hash: GENESIS };
}

/** A checkpoint moved past where this check starts must be accounted for by an "archived" row written since (as integrity.ts asks of any). */
function checkpointSince(sqlite: Database.Database, afterId: number): string | null {
  const at = sqlite.prepare('SELECT last_id FROM audit_checkpoint WHERE id = 1').pluck().get() as number | undefined;
  if (at === undefined || at < afterId) return null;
  const archived = sqlite
    .prepare("SELECT 1 FROM audit_log WHERE id > ? AND event = 'archived' AND new_value = ? AND origin = 'app' LIMIT 1")
    .get(afterId, String(at));
  return archived
    ? null
    : `the chain starts after row ${at.toLocaleString('en')} (a checkpoint), but no "archived" audit row accounts for it: the rows before it were removed`;
}

/**
 * The search index over the rows this check covers: the rows it holds from here
 * to where it says it has read must be the log's (the whole check counts them all).
 */
function* searchIndexSince(sqlite: Database.Database, run: StatementRunner, afterId: number): Generator<Pending, string | null> {
  if (!sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'audit_search_progress'").get()) return null;
  const c = (yield* run.all(
    `SELECT p.indexed_to AS indexedTo, (SELECT coalesce(max(id), 0) FROM audit_log) AS last,
      (SELECT count(*) FROM audit_log WHERE id > @after AND id <= p.indexed_to) AS logged,
      (SELECT count(*) FROM audit_fts_docsize WHERE id > @after AND id <= p.indexed_to) AS held
    FROM (SELECT 1) LEFT JOIN audit_search_progress p ON p.id = 1`,
    [{ after: afterId }],
  ))[0] as TextIndexCounts;
  return textIndexProblem(c, afterId);
}
