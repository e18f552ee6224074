// The automatic backup: at start, and again each hour the app stays open, which
// makes the day's backup once the date has changed (dailyBackup makes at most one
// a local day, then prunes to the kept set). An office that leaves JobTrail open
// all week still gets a restore point for each day. It runs on the core's thread:
// the copy in small steps between calls, the compression on Node's thread pool.
import type { Db } from '../../db/open';
import { dailyBackup, type DailyBackupResult } from '../services/backups';

const ASK_EVERY_MS = 60 * 60 * 1000;

export interface BackupSchedule {
  /** The start's backup (or its skip), or null when it failed (logged). */
  first: Promise<DailyBackupResult | null>;
  /** No more backups; settles once a backup being made is done. */
  stop(): Promise<void>;
}

export function scheduleDailyBackups(
  db: Db,
  log: { info(line: string): void; warn(line: string): void },
  options: { askEveryMs?: number; now?: () => Date } = {},
): BackupSchedule {
  let running: Promise<DailyBackupResult | null> | null = null;
  const run = (): Promise<DailyBackupResult | null> => {
    running ??= dailyBackup(db.sqlite, db.file, { now: options.now?.() })
      .then(
        (r) => {
          if (r.made) log.info(`Backup made: ${r.made.file}` + (r.pruned.length ? ` (${r.pruned.length} older automatic backups removed)` : ''));
          return r;
        },
        (e: unknown) => {
          // A failed backup must not stop the office working, but it must not pass unseen either.
          log.warn(`WARNING: today's backup of ${db.file} failed: ${e instanceof Error ? e.message : String(e)}`);
          return null;
        },
      )
      .finally(() => {
        running = null;
      });
    return running;
  };
  const first = run();
  const timer = setInterval(() => {
    if (db.sqlite.open) void run();
  }, options.askEveryMs ?? ASK_EVERY_MS);
  timer.unref();
  return {
    first,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
