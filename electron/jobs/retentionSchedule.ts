// The retention job: at start, and once a day while the app stays open, records
// whose stay in the recycle bin is over are purged (services/recycleBin.ts). It
// is quick (a few records a day, one small transaction each), so it runs on the
// core's thread between calls rather than as a worker job.
import type { Db } from '../../db/open';
import { purgeExpired, type PurgeResult } from '../services/recycleBin';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionSchedule {
  /** Purges now (the start's run); returns what it did. */
  runNow(): PurgeResult | null;
  stop(): void;
}

export function describePurge(r: PurgeResult): string[] {
  const name = (e: { kind: string; id: number; name: string }) => `${e.kind} #${e.id} (${e.name})`;
  return [
    ...(r.purged.length
      ? [
          `The retention job purged ${r.purged.length} record${r.purged.length === 1 ? '' : 's'} whose time in the recycle bin was over: ${r.purged.map(name).join(', ')}.`,
        ]
      : []),
    ...r.failed.map((f) => `WARNING: the retention job could not purge ${name(f)}; it stays in the recycle bin: ${f.error}`),
  ];
}

export function scheduleRetention(db: Db, log: (line: string) => void, options: { now?: () => Date; everyMs?: number } = {}): RetentionSchedule {
  const run = (): PurgeResult | null => {
    if (!db.sqlite.open) return null;
    try {
      const result = purgeExpired(db, options.now?.() ?? new Date());
      for (const line of describePurge(result)) log(line);
      return result;
    } catch (e) {
      // The database busy with an import: tried again tomorrow, or at the next start.
      log(`WARNING: the retention job could not run now: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  };
  const timer = setInterval(run, options.everyMs ?? DAY_MS);
  timer.unref();
  return { runNow: run, stop: () => clearInterval(timer) };
}
