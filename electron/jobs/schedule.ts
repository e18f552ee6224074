// The whole-log check on a schedule: the start only checks what changed since the
// last check (electron/services/integrityAtStart.ts), so every so often (weekly by
// default) the core starts a verify job of its own, beside the office's work. Its
// verdict is recorded like a manager's (registry.ts) and shown by the banner.
import type { Db } from '../../db/open';
import { fullCheckEveryDays, isFullCheckDue, lastFullCheck } from '../../db/checkRecords';
import { startJob, wholeCheckRunning } from './registry';

/** How often a core that stays open for weeks asks whether a whole check is due. */
const ASK_EVERY_MS = 60 * 60 * 1000;
/** A log that failed its whole check is checked again at the next start, or after this long: not every hour. */
const RECHECK_FAILED_AFTER_MS = 24 * 60 * 60 * 1000;

export interface WholeCheckSchedule {
  /** Asks now: once the start's own check is over. */
  askNow(): void;
  stop(): void;
}

export function scheduleWholeChecks(
  db: Db,
  log: (line: string) => void,
  options: { now?: () => Date; everyDays?: number; askEveryMs?: number } = {},
): WholeCheckSchedule {
  const ask = (atStart: boolean) => {
    if (!db.sqlite.open || wholeCheckRunning(db)) return;
    try {
      const now = options.now?.() ?? new Date();
      const last = lastFullCheck(db.sqlite);
      if (!isFullCheckDue(last, now, options.everyDays ?? fullCheckEveryDays())) return;
      // A minute's work at ten million rows: a failed log is not read again every hour while the office works.
      if (!atStart && last && !last.ok && now.getTime() - Date.parse(last.finishedAt) < RECHECK_FAILED_AFTER_MS) return;
      startJob(db, { kind: 'verify' }, null);
      log("The weekly check of the whole audit trail has started, beside the office's work.");
    } catch (e) {
      // Three jobs already running, a records file that cannot be read: asked again within the hour.
      log(`The weekly check of the whole audit trail could not start now: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const timer = setInterval(() => ask(false), options.askEveryMs ?? ASK_EVERY_MS);
  timer.unref();
  return { askNow: () => ask(true), stop: () => clearInterval(timer) };
}
