// The integrity check the app runs each time it starts, so that a log tampered
// with while the app was closed is said out loud, not found by chance. Once this
// PC has seen the log (it has a witness), the start checks only what changed
// since it was last checked (db/incrementalCheck.ts): seconds at any size, where
// reading the whole log takes a minute at ten million rows. The whole log is
// checked on a schedule instead (weekly: db/checkRecords.ts fullCheckDue), and
// its last verdict is shown beside the start's. Without a witness (the first
// start on this PC, a copied file) nothing vouches for the older rows, so the
// start reads the whole log, as the scheduled check would, and records it as one.
// It runs on a read-only connection of its own, in steps between which the main
// process serves the window, and keeps its result for whoever asks (the log now;
// the renderer's warning banner through the contract).
import Database from 'better-sqlite3';
import type { Db } from '../../db/open';
import { checkIntegrityInSteps, problemLines, type IntegrityReport } from '../../db/integrity';
import { checkSinceInSteps, type IncrementalReport } from '../../db/incrementalCheck';
import {
  checkedThrough,
  fullCheckEveryDays,
  fullCheckResult,
  isFullCheckDue,
  lastFullCheck,
  recordFullCheck,
  recordStartCheck,
  type FullCheckRecord,
} from '../../db/checkRecords';
import { offThread, Pending, type StatementRunner } from '../../db/offThread';
import { witnessOf } from '../../db/witness';
import { wholeCheckRunning } from '../jobs/registry';

/** What the banner needs: whether to warn, and in words what is wrong. */
export interface IntegritySummary {
  ok: boolean;
  rowsChecked: number;
  headId: number;
  head: string;
  /** The first problems, one line each (at most SHOWN). */
  problems: string[];
  problemCount: number;
  outsideRows: number;
  unsealedTail: number;
  /**
   * A check of the rows since an earlier one: the row it began from (which the
   * witness or that check vouches for), when that was seen, and the rows added
   * after it. Null when the whole log was checked.
   */
  since: { row: number; at: string; by: 'witness' | 'start' | 'whole'; rowsAdded: number } | null;
}

/** The scheduled check of the whole log: its last verdict on this PC, and whether another is due. */
export interface WholeLogStatus {
  last: FullCheckRecord | null;
  due: boolean;
  /** A whole check is running now (scheduled, or a manager's): its verdict will be the next `last`. */
  running: boolean;
  everyDays: number;
}

type StartCheckState =
  | { state: 'checking'; startedAt: string }
  | { state: 'done'; startedAt: string; finishedAt: string; summary: IntegritySummary }
  /** The check itself could not run (the file vanished, a disk error): not a verdict, but worth a warning too. */
  | { state: 'failed'; startedAt: string; finishedAt: string; error: string }
  | { state: 'stopped'; startedAt: string };

export type IntegrityAtStart = StartCheckState & {
  /** 'since': the rows since the last check, the rest left to the scheduled whole check; 'whole': every row, at this start. */
  scope: 'since' | 'whole';
  /** Why this start reads the whole log, in words (null when it does not). */
  whyWhole: string | null;
  wholeLog: WholeLogStatus;
};

export interface IntegrityWatch {
  status(): IntegrityAtStart;
  /** Settles once the check is over (never rejects). */
  done: Promise<IntegrityAtStart>;
  /** Ends the check early (the app is quitting) and closes its connection. */
  stop(): Promise<void>;
}

export interface StartCheckOptions {
  /** The clock that decides whether a whole check is due (tests move it on). */
  now?: () => Date;
  /** Days between whole checks (default: fullCheckEveryDays()). */
  everyDays?: number;
}

const SHOWN = 20;

export function summarize(r: IntegrityReport | IncrementalReport): IntegritySummary {
  const since = 'anchor' in r ? { row: r.anchor.id, at: r.anchor.at, by: r.anchor.by, rowsAdded: Math.max(0, r.to - r.anchor.id) } : null;
  return {
    ok: r.ok,
    rowsChecked: r.chain.rowsChecked,
    headId: r.chain.headId,
    head: r.chain.headShort,
    problems: r.problems.slice(0, SHOWN),
    problemCount: r.problems.length,
    outsideRows: r.outsideRows,
    unsealedTail: r.chain.unsealedTail,
    since,
  };
}

const NO_WITNESS =
  'JobTrail has no record on this PC of how far this log had got (its first start here, or a copied file), ' + 'so nothing vouches for its older rows';

const watches = new WeakMap<Database.Database, IntegrityWatch>();

/** Starts the check of an open database's file; its result is also found later by integrityAtStart(db). */
export function checkIntegrityAtStart(db: Db, options: StartCheckOptions = {}): IntegrityWatch {
  const startedAt = new Date().toISOString();
  const witness = witnessOf(db.sqlite);
  const scope = witness ? 'since' : 'whole';
  const wholeLog = (): WholeLogStatus => {
    const everyDays = options.everyDays ?? fullCheckEveryDays();
    const last = lastFullCheck(db.sqlite);
    return { last, due: isFullCheckDue(last, options.now?.() ?? new Date(), everyDays), running: wholeCheckRunning(db), everyDays };
  };
  let state: StartCheckState = { state: 'checking', startedAt };
  let shown: { of: StartCheckState; whole: string; status: IntegrityAtStart } | undefined;
  // The same answer while nothing changed: the banner asks again and again.
  const status = (): IntegrityAtStart => {
    const whole = wholeLog();
    const key = JSON.stringify(whole);
    if (shown?.of !== state || shown.whole !== key) {
      shown = { of: state, whole: key, status: { ...state, scope, whyWhole: witness ? null : NO_WITNESS, wholeLog: whole } };
    }
    return shown.status;
  };
  let stopped = false;
  const finish = (s: StartCheckState) => {
    state = s;
    return status();
  };
  const done = (async (): Promise<IntegrityAtStart> => {
    let reader: Database.Database | undefined;
    let statements: StatementRunner | undefined;
    try {
      reader = new Database(db.file, { readonly: true, fileMustExist: true });
      // The rows since the last check are few enough to count here; a worker would take longer to start than they take to read.
      if (!witness) statements = offThread(reader);
      const steps: Generator<unknown, IntegrityReport | IncrementalReport> = witness
        ? checkSinceInSteps(reader, { witness, checked: checkedThrough(db.sqlite) })
        : checkIntegrityInSteps(reader, { statements, witness: null });
      for (let waiting: Pending | null = null; ;) {
        await (waiting ? waiting.done : new Promise((resolve) => setImmediate(resolve)));
        if (stopped) {
          steps.return(undefined as never);
          return finish({ state: 'stopped', startedAt });
        }
        const r = steps.next();
        if (r.done) {
          const finishedAt = new Date().toISOString();
          remember(db, r.value, { startedAt, finishedAt });
          return finish({ state: 'done', startedAt, finishedAt, summary: summarize(r.value) });
        }
        waiting = r.value instanceof Pending ? r.value : null;
      }
    } catch (e) {
      return finish({ state: 'failed', startedAt, finishedAt: new Date().toISOString(), error: e instanceof Error ? e.message : String(e) });
    } finally {
      statements?.close();
      await statements?.closed;
      reader?.close();
    }
  })();
  const watch: IntegrityWatch = {
    status,
    done,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
  watches.set(db.sqlite, watch);
  return watch;
}

/**
 * What the next start begins from: a whole check is recorded as one, whatever it
 * found; a check of the rows since only when it passed, so that a problem it found
 * is found again next time, however far the witness moves on meanwhile.
 */
function remember(db: Db, r: IntegrityReport | IncrementalReport, times: { startedAt: string; finishedAt: string }): void {
  try {
    if (!('anchor' in r)) {
      recordFullCheck(db.sqlite, fullCheckResult(r), times);
    } else if (r.ok) {
      recordStartCheck(db.sqlite, { headId: r.chain.headId, head: r.chain.head, at: times.finishedAt });
    }
  } catch {
    // A record that cannot be written (a read-only profile) costs the next start some rows to read again, never a verdict.
  }
}

/** The start-up check of this open database, if one was started: what the renderer's banner will ask for. */
export function integrityAtStart(db: Db): IntegrityAtStart | null {
  return watches.get(db.sqlite)?.status() ?? null;
}

const count = (n: number) => n.toLocaleString('en');

/** The start-up check's outcome as lines for a log: one when intact, the problems when not. */
export function describeIntegrity(s: IntegrityAtStart, file: string): string[] {
  if (s.state === 'failed') return [`WARNING: the integrity check of ${file} could not run: ${s.error}`];
  if (s.state !== 'done') return [];
  const r = s.summary;
  if (r.ok) {
    const outside = r.outsideRows ? ` (${count(r.outsideRows)} rows written outside JobTrail)` : '';
    if (!r.since) return [`Audit trail intact: ${count(r.rowsChecked)} rows, chain head ${r.head}${outside}`];
    const whole = s.wholeLog.last;
    return [
      `Audit trail intact: ${count(r.since.rowsAdded)} rows added since row ${count(r.since.row)} (checked ${r.since.at}), ` +
        `chain head ${r.head}${outside}; ` +
        (whole ? `the whole log was last checked on ${whole.finishedAt}` : 'the whole log has not been checked on this PC yet') +
        (s.wholeLog.due ? ', a whole check is due' : ''),
    ];
  }
  return [
    `WARNING: the audit trail of ${file} failed its integrity check (${count(r.problemCount)} problem${r.problemCount === 1 ? '' : 's'}):`,
    ...problemLines(r.problems, 5, r.problemCount),
    `  The full report: npm run cli -- verify --db ${file}`,
  ];
}

/**
 * The last whole-log check, when it failed: still standing whatever the start
 * found, since the start does not read the rows it found broken. Nothing when it
 * is this start's own check (already described).
 */
export function describeWholeLog(s: IntegrityAtStart, file: string): string[] {
  const whole = s.wholeLog.last;
  if (!whole || whole.ok || whole.startedAt === s.startedAt) return [];
  return [
    `WARNING: the whole-log integrity check of ${file} on ${whole.finishedAt} found ${count(whole.problemCount)} ` +
      `problem${whole.problemCount === 1 ? '' : 's'}:`,
    ...problemLines(whole.problems, 5, whole.problemCount),
  ];
}
