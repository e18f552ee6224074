// The integrity check the app runs each time it starts, so that a log tampered
// with while the app was closed is said out loud, not found by chance. It runs on
// a read-only connection of its own, in steps between which the main process
// serves the window, and keeps its result for whoever asks (the log now; the
// renderer's warning banner through the contract).
import Database from 'better-sqlite3';
import type { Db } from '../../db/open';
import { checkIntegrityInSteps, problemLines, type IntegrityReport } from '../../db/integrity';
import { offThread, Pending, type StatementRunner } from '../../db/offThread';
import { witnessOf } from '../../db/witness';

/** What the banner needs: whether to warn, and in words what is wrong. */
export interface IntegritySummary {
  ok: boolean;
  rowsChecked: number;
  head: string;
  /** The first problems, one line each (at most SHOWN). */
  problems: string[];
  problemCount: number;
  outsideRows: number;
  unsealedTail: number;
}

export type IntegrityAtStart =
  | { state: 'checking'; startedAt: string }
  | { state: 'done'; startedAt: string; finishedAt: string; summary: IntegritySummary }
  /** The check itself could not run (the file vanished, a disk error): not a verdict, but worth a warning too. */
  | { state: 'failed'; startedAt: string; finishedAt: string; error: string }
  | { state: 'stopped'; startedAt: string };

export interface IntegrityWatch {
  status(): IntegrityAtStart;
  /** Settles once the check is over (never rejects). */
  done: Promise<IntegrityAtStart>;
  /** Ends the check early (the app is quitting) and closes its connection. */
  stop(): Promise<void>;
}

const SHOWN = 20;

export function summarize(r: IntegrityReport): IntegritySummary {
  return {
    ok: r.ok, rowsChecked: r.chain.rowsChecked, head: r.chain.headShort, problems: r.problems.slice(0, SHOWN),
    problemCount: r.problems.length, outsideRows: r.outsideRows, unsealedTail: r.chain.unsealedTail,
  };
}

const watches = new WeakMap<Database.Database, IntegrityWatch>();

/** Starts the check of an open database's file; its result is also found later by integrityAtStart(db). */
export function checkIntegrityAtStart(db: Db): IntegrityWatch {
  const startedAt = new Date().toISOString();
  let status: IntegrityAtStart = { state: 'checking', startedAt };
  let stopped = false;
  const finish = (s: IntegrityAtStart) => (status = s);
  const done = (async (): Promise<IntegrityAtStart> => {
    let reader: Database.Database | undefined;
    let statements: StatementRunner | undefined;
    try {
      reader = new Database(db.file, { readonly: true, fileMustExist: true });
      statements = offThread(reader);
      // The head this PC saw last: a rolled-back copy or a lost tail is named now, not when someone compares a printout.
      const steps = checkIntegrityInSteps(reader, { statements, witness: witnessOf(db.sqlite) });
      for (let waiting: Pending | null = null; ;) {
        await (waiting ? waiting.done : new Promise((resolve) => setImmediate(resolve)));
        if (stopped) {
          steps.return(undefined as never);
          return finish({ state: 'stopped', startedAt });
        }
        const r = steps.next();
        if (r.done) return finish({ state: 'done', startedAt, finishedAt: new Date().toISOString(), summary: summarize(r.value) });
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
    status: () => status,
    done,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
  watches.set(db.sqlite, watch);
  return watch;
}

/** The start-up check of this open database, if one was started: what the renderer's banner will ask for. */
export function integrityAtStart(db: Db): IntegrityAtStart | null {
  return watches.get(db.sqlite)?.status() ?? null;
}

/** The check's outcome as lines for a log: one when intact, the problems when not. */
export function describeIntegrity(s: IntegrityAtStart, file: string): string[] {
  if (s.state === 'failed') return [`WARNING: the integrity check of ${file} could not run: ${s.error}`];
  if (s.state !== 'done') return [];
  const r = s.summary;
  if (r.ok) {
    return [`Audit trail intact: ${r.rowsChecked.toLocaleString('en')} rows, chain head ${r.head}` +
      (r.outsideRows ? ` (${r.outsideRows.toLocaleString('en')} rows written outside JobTrail)` : '')];
  }
  return [
    `WARNING: the audit trail of ${file} failed its integrity check (${r.problemCount.toLocaleString('en')} problem${r.problemCount === 1 ? '' : 's'}):`,
    ...problemLines(r.problems, 5, r.problemCount),
    `  The full report: npm run cli -- verify --db ${file}`,
  ];
}
