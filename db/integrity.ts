// The whole integrity check of a database, the one `verify`, the audit.verify
// contract entry and the app's start all run: the chain (no audit row altered,
// inserted, removed or reordered), the audit machinery (no trigger dropped or
// altered), and the records against their History (nothing changed behind a
// dropped trigger).
import type Database from 'better-sqlite3';
import { verifyChainInSteps, type VerifyReport } from './chain';
import { here, runSteps, type StatementRunner } from './offThread';
import { migrationsDir } from './open';
import { checkSchema, type SchemaProblem } from './schemaCheck';
import { checkStateInSteps, type StateProblem } from './reconcile';
import type { UntrackedField } from './customFieldDrift';
import { TEXT_INDEX_COUNTS_SQL, textIndexProblem, type TextIndexCounts } from './historyText';
import { witnessProblem, type Witness } from './witness';
import { passwordProblems } from './passwordSignatures';

export interface IntegrityReport {
  /** Chain intact, schema as the migrations define it, every record explained by its History. */
  ok: boolean;
  chain: VerifyReport;
  schema: SchemaProblem[];
  state: StateProblem[];
  /** Why the chain's starting checkpoint is not to be trusted, if it is not. */
  checkpoint: string | null;
  /** Sealed rows written outside JobTrail: recorded, so not a failure, but worth a note. */
  outsideRows: number;
  /** Custom fields not tracked now, with how many values their History lacks: allowed, so a note, not a problem (whole check only). */
  untracked?: UntrackedField[];
  /** Why the log is not the one this PC last saw (its witness), if it is not. */
  witness: string | null;
  /** Why search would miss rows of the History (taken out of its index, or its progress moved on), if it would. */
  searchIndex: string | null;
  /** Rows whose values were erased without an erasure record to account for them, if there are (whole check only). */
  erasures?: string | null;
  /** Every problem in one line each, the chain's first; what a person reads. */
  problems: string[];
}

/** Every problem of a report in one line each, the chain's first: what a person reads, whole check or since the last. */
export function problemsOf(
  r: Pick<IntegrityReport, 'chain' | 'witness' | 'checkpoint' | 'schema' | 'state' | 'searchIndex'> & { erasures?: string | null },
): string[] {
  return [
    ...(r.chain.firstBroken ? [`audit row ${r.chain.firstBroken.id}: ${r.chain.firstBroken.problem}`] : []),
    ...(r.witness ? [r.witness] : []),
    ...(r.checkpoint ? [r.checkpoint] : []),
    ...r.schema.map((p) => p.message),
    ...r.state.map((p) => p.message),
    ...(r.searchIndex ? [r.searchIndex] : []),
    ...(r.erasures ? [r.erasures] : []),
  ];
}

export interface IntegrityOptions {
  /** A chain head printed earlier, which the log must still contain. */
  expectHead?: string;
  /** Public keys (raw) to trust instead of the ones the database lists. */
  trustedKeys?: Buffer[];
  /** The head this PC last saw (db/witness.ts): the log must still contain it. */
  witness?: Witness | null;
  /** Where the migrations are, to check the triggers against (default: this version's). */
  migrationsDir?: string;
  /** Where the long statements over the whole log run (default: on `sqlite`); see offThread.ts. The caller closes it. */
  statements?: StatementRunner;
}

/** The check as a generator that yields between steps of the chain (see verifyChainInSteps). */
export function* checkIntegrityInSteps(sqlite: Database.Database, options: IntegrityOptions = {}): Generator<unknown, IntegrityReport> {
  const chain = yield* verifyChainInSteps(sqlite, { expectHead: options.expectHead, trustedKeys: options.trustedKeys });
  const witness = options.witness ? witnessProblem(sqlite, options.witness) : null;
  const schema = checkSchema(sqlite, options.migrationsDir ?? migrationsDir());
  yield chain.rowsChecked;
  const run = options.statements ?? here(sqlite);
  // A password hash never reaches the log; its signature stands in for the History it lacks.
  const records = yield* checkStateInSteps(sqlite, run);
  const state = [...records.problems, ...passwordProblems(sqlite).map((p) => ({ entity: 'user', id: p.id, field: 'password', message: p.message }))];
  const outsideRows = (yield* run.all("SELECT count(*) FROM audit_log WHERE origin = 'outside'", [], true))[0] as number;
  const checkpoint = unaccountedCheckpoint(sqlite);
  // A file from before migration 0009 (verify opens files as they are) fed its index by a trigger, with no progress to compare.
  const fedAfterCommit = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'audit_search_progress'").get() !== undefined;
  const searchIndex = fedAfterCommit ? textIndexProblem((yield* run.all(TEXT_INDEX_COUNTS_SQL, []))[0] as TextIndexCounts) : null;
  const erasures = chain.ok ? unaccountedErasures(sqlite, chain.erasedRows) : null;
  const problems = problemsOf({ chain, witness, checkpoint, schema, state, searchIndex, erasures });
  return { ok: problems.length === 0, chain, schema, state, checkpoint, witness, outsideRows, untracked: records.untracked, searchIndex, erasures, problems };
}

/** Problems as lines for a person to read: the first `shown`, one each, then how many more of `total` there are. */
export function problemLines(problems: readonly string[], shown: number, total = problems.length): string[] {
  const lines = problems.slice(0, shown).map((p) => `  - ${p}`);
  if (total > shown) lines.push(`  … and ${(total - shown).toLocaleString('en')} more`);
  return lines;
}

export function checkIntegrity(sqlite: Database.Database, options: IntegrityOptions = {}): IntegrityReport {
  return runSteps(checkIntegrityInSteps(sqlite, options));
}

/**
 * The chain may start at a checkpoint only because the archive step moved the rows
 * before it out, and that step is itself recorded: an "archived" audit row whose
 * new value is the checkpoint's row. A checkpoint nobody archived to hides a
 * removed beginning of the log.
 */
function unaccountedCheckpoint(sqlite: Database.Database): string | null {
  const at = sqlite.prepare('SELECT last_id FROM audit_checkpoint WHERE id = 1').pluck().get() as number | undefined;
  if (at === undefined) return null;
  // JobTrail's own (sealed in its transaction): a row added with a SQLite tool, sealed later as 'outside', accounts for nothing.
  const archived = sqlite.prepare("SELECT 1 FROM audit_log WHERE event = 'archived' AND new_value = ? AND origin = 'app' LIMIT 1").get(String(at));
  return archived
    ? null
    : `the chain starts after row ${at.toLocaleString('en')} (a checkpoint), but no "archived" audit row accounts for it: the rows before it were removed`;
}

/**
 * The guard lets the erasure's update through (0021) whoever makes it: an erased
 * row must be accounted for by a "customer erased" audit row, which counts the
 * rows it erased. More rows erased than the erasure rows count were erased
 * without one (an archive may have moved erased rows out, so fewer is no problem).
 */
function unaccountedErasures(sqlite: Database.Database, erased: number): string | null {
  if (erased === 0) return null;
  const recorded = sqlite
    .prepare(
      `SELECT coalesce(sum(CAST(json_extract(new_value, '$.rows') AS INTEGER)), 0) FROM audit_log
    WHERE event = 'customer erased' AND json_valid(new_value)`,
    )
    .pluck()
    .get() as number;
  if (erased <= recorded) return null;
  const n = (x: number) => x.toLocaleString('en');
  return (
    `${n(erased)} audit rows have their values erased, but the erasure records account for ${n(recorded)}: ` +
    `${n(erased - recorded)} ${erased - recorded === 1 ? 'was' : 'were'} erased without an erasure (outside JobTrail)`
  );
}
