// What every start of the app does once the database is open, in the window and
// in web mode alike: check the audit trail's integrity (what changed since it was
// last checked; the whole log when this PC has never seen it), and take the day's
// backup (then each new day's, while the app stays open). Both run beside the app, not before it: neither blocks the first screen.
// Once the start's check is over, the whole-log check starts as a job when it is
// due (weekly), and is asked after every hour while the app stays open; and the
// recycle bin's retention job runs (then daily), if the check found the log intact.
import type { Db } from '../db/open';
import type { DailyBackupResult } from './services/backups';
import { scheduleDailyBackups } from './jobs/backupSchedule';
import { checkIntegrityAtStart, describeIntegrity, describeWholeLog, type IntegrityWatch } from './services/integrityAtStart';
import { scheduleWholeChecks } from './jobs/schedule';
import { scheduleRetention } from './jobs/retentionSchedule';

export interface StartupTasks {
  integrity: IntegrityWatch;
  /** The day's backup, or null when it could not be made (logged). */
  backup: Promise<DailyBackupResult | null>;
  /** Waits for the backup and ends the check, so the database can be closed. */
  stop(): Promise<void>;
}

export interface StartupLog {
  info(line: string): void;
  warn(line: string): void;
}

export function runStartupTasks(db: Db, log: StartupLog, options: { backups?: boolean; wholeChecks?: boolean; retention?: boolean } = {}): StartupTasks {
  const integrity = checkIntegrityAtStart(db);
  const schedule = options.wholeChecks === false ? null : scheduleWholeChecks(db, log.info);
  const retention = options.retention === false ? null : scheduleRetention(db, log.info);
  void integrity.done.then((s) => {
    const bad = s.state === 'failed' || (s.state === 'done' && !s.summary.ok);
    for (const line of describeIntegrity(s, db.file)) (bad ? log.warn : log.info)(line);
    for (const line of describeWholeLog(s, db.file)) log.warn(line);
    // After the start's own check, not beside it: the two would share the disk and the cores.
    if (s.state === 'done') schedule?.askNow();
    // Nothing is removed for good from a log whose check found a problem: what is in the bin may be evidence.
    if (s.state === 'done' && s.summary.ok) retention?.runNow();
  });
  const backups = options.backups === false ? null : scheduleDailyBackups(db, log);
  const backup = backups?.first ?? Promise.resolve(null);
  return {
    integrity,
    backup,
    stop: async () => {
      schedule?.stop();
      retention?.stop();
      await Promise.all([integrity.stop(), backup, backups?.stop()]);
    },
  };
}
