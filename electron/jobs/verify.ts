// The whole integrity check (db/integrity.ts) driven step by step, saying how far
// it has got and stopping when asked: what the verify job and `cli verify` run.
import type Database from 'better-sqlite3';
import { untrackedText } from '../../db/customFieldDrift';
import { checkIntegrityInSteps, type IntegrityOptions, type IntegrityReport } from '../../db/integrity';
import { Pending } from '../../db/offThread';
import { JobCancelled } from './cancel';
import { ProgressMeter } from './progress';
import type { JobProgress, VerifyOutcome } from './types';

export interface StepHooks {
  onProgress?(p: JobProgress): void;
  /** Asked between steps: true stops the check (JobCancelled). */
  shouldStop?(): boolean;
}

export const CHAIN_PHASE = 'Checking the chain';
export const RECORDS_PHASE = 'Checking records against their History';

/**
 * The audit rows the chain check will count: rows from the checkpoint on (the
 * archive step moved those before it out), read before the check's own read, so
 * rows written meanwhile may make it a few short.
 */
function chainRows(sqlite: Database.Database): number {
  const last = sqlite.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number;
  const from = sqlite.prepare('SELECT last_id FROM audit_checkpoint WHERE id = 1').pluck().get() as number | undefined;
  return Math.max(0, last - (from ?? 0));
}

/**
 * Runs the check on `sqlite`, blocking (its long statements run `options.statements`,
 * by default on this same connection: for a thread of its own). The check yields
 * the rows verified so far while it walks the chain, then each table's name once
 * its records are checked against their History.
 */
export function checkIntegrityWithProgress(sqlite: Database.Database, options: IntegrityOptions = {}, hooks: StepHooks = {}): IntegrityReport {
  const meter = new ProgressMeter();
  const total = chainRows(sqlite);
  let tables = 0;
  let rows = 0;
  hooks.onProgress?.(meter.at(CHAIN_PHASE, 'audit rows', 0, total));
  const steps = checkIntegrityInSteps(sqlite, options);
  try {
    for (;;) {
      if (hooks.shouldStop?.()) throw new JobCancelled();
      const r = steps.next();
      if (r.done) return r.value;
      if (r.value instanceof Pending) r.value.wait();
      else if (typeof r.value === 'number') rows = r.value;
      else if (typeof r.value === 'string') tables++;
      hooks.onProgress?.(tables === 0 ? meter.at(CHAIN_PHASE, 'audit rows', rows, Math.max(total, rows)) : meter.at(RECORDS_PHASE, 'tables', tables, null));
    }
  } finally {
    steps.return(undefined as never); // ends the chain's read transaction if the check stopped halfway
  }
}

/** What the window shows of a finished check: the same as audit.verify answers. */
export function verifyOutcome(r: IntegrityReport): VerifyOutcome {
  const s = r.chain.signatures;
  return {
    kind: 'verify',
    ok: r.ok,
    rowsChecked: r.chain.rowsChecked,
    unsealedTail: r.chain.unsealedTail,
    head: r.chain.headShort,
    firstBroken: r.chain.firstBroken ?? null,
    problems: r.problems,
    outsideRows: r.outsideRows,
    untracked: (r.untracked ?? []).map(untrackedText),
    // What an auditor needs to check a copy alone: the keys that signed it (verify --public-key), and how far.
    signing: s && {
      v1Rows: r.chain.v1Rows,
      v2Rows: r.chain.v2Rows,
      signedThrough: s.signedThrough,
      keys: s.keys.map((k) => ({ fingerprint: k.fingerprint, publicKey: k.publicKey, addedAt: k.addedAt, trusted: k.trusted })),
    },
  };
}
