// A restore from the app, of the database the app itself has open. The slow half
// (the backup copied beside the database and checked in full) runs on a job's
// worker while the office works on; this is the quick half, on the core's thread
// between two calls, so no call ever sees the database half-swapped: the core's
// connection is closed, restore.ts puts the checked copy in place with the same
// locks and refusals as `cli restore` (another program holding the file, rows the
// backup lacks without the person's confirmation), and the file is opened again
// with the options the core first opened it with. The Db object every handler
// holds is the same one, now on the new connection; if the swap is refused the
// old file is opened again, unchanged.
import type Database from 'better-sqlite3';
import { eraseAgainAfterRestore } from './erasureAfterRestore';
import { closeDatabase, openDatabase, type Db, type OpenOptions } from '../../db/open';
import { writeWitness } from '../../db/witness';
import { carryJobsOver, JobFailedAfterWorker, listJobs } from '../jobs/registry';
import type { RestoreOutcome } from '../jobs/backupTypes';
import { backupCopying } from './backups';
import { integrityAtStart } from './integrityAtStart';
import { afterRestore, discardPrepared, preparedCopy, putPreparedInPlace, RestoreRefused } from './restore';
import { recordRestore, replacesItsOwnLog } from './restoreRecord';
import type { Actor } from '../../db/actor';

const openings = new WeakMap<Db, OpenOptions>();

/** How the core opened its database: a restore opens the new file the same way (its signing key, its busy timeout). */
export function rememberOpening(db: Db, options: OpenOptions): void {
  openings.set(db, options);
}

function reopen(db: Db, options: OpenOptions): void {
  const old: Database.Database = db.sqlite;
  const fresh = openDatabase(db.file, options);
  carryJobsOver(old, fresh.sqlite);
  db.sqlite = fresh.sqlite;
  db.orm = fresh.orm;
}

/** Opens the file again; when it cannot be, the job fails saying so (the core has no database until restarted). */
function reopenOrSay(db: Db, opening: OpenOptions, what: string): void {
  try {
    reopen(db, opening);
  } catch (e) {
    throw new JobFailedAfterWorker(`${what}: ${e instanceof Error ? e.message : String(e)}. Restart JobTrail.`);
  }
}

/** What of the app's own work is reading the file now, which the swap would pull it from; null when nothing is. */
export function whatReadsTheFile(db: Db): string | null {
  const job = listJobs(db).find((j) => j.state === 'running');
  if (job) return `${job.title} is running`;
  if (integrityAtStart(db)?.state === 'checking') return 'The start-up check of the audit trail is still reading the database';
  if (backupCopying(db.sqlite)) return "The day's automatic backup is copying the database";
  return null;
}

/**
 * Puts the worker's checked copy in place of the core's database and opens it
 * again. Throws JobFailedAfterWorker (the job then failed, naming why) when another
 * job is running, when the swap is refused (nothing changed), or when the restored
 * file cannot be opened.
 */
export function swapInRestored(db: Db, checked: RestoreOutcome, options: { replaceNewer: boolean; by: Actor; now?: Date }): RestoreOutcome {
  const busy = whatReadsTheFile(db);
  if (busy) {
    discardPrepared({ file: checked.copy });
    throw new JobFailedAfterWorker(`${busy}: a restore would replace the database under it. Restore again once it is done; nothing was changed.`);
  }
  const prepared = preparedCopy(checked.copy, checked.file);
  const ownLog = replacesItsOwnLog(db.file, prepared.file);
  const opening = openings.get(db) ?? {};
  closeDatabase(db);
  let keptAside: string | null;
  try {
    keptAside = putPreparedInPlace(db.file, prepared, { force: options.replaceNewer, now: options.now });
  } catch (e) {
    discardPrepared(prepared);
    const why =
      e instanceof RestoreRefused
        ? e.message.replace(/Add --force to restore anyway/, 'Confirm losing them to restore anyway')
        : `the restore failed (${e instanceof Error ? e.message : String(e)}); nothing was changed`;
    reopenOrSay(db, opening, `${why[0].toUpperCase()}${why.slice(1)}, but the database could not be opened again`);
    throw new JobFailedAfterWorker(`${why[0].toUpperCase()}${why.slice(1)}.`);
  }
  reopenOrSay(db, opening, `The backup was put in place (the replaced database is kept as ${keptAside}), but it could not be opened`);
  writeWitness(db.sqlite); // going back to the backup's head is this restore's purpose, not a loss to report at the next start
  const { migrated } = afterRestore(db, prepared, false);
  if (ownLog) recordRestore(db, options.by, { backup: prepared.named, headShort: prepared.headShort, keptAside });
  // Another database's customers are other people: only a backup of this one can bring an erased customer back.
  const erasedAgain = ownLog ? eraseAgainAfterRestore(db, keptAside, options.by, options.now) : [];
  return { ...checked, keptAside, migrated, erasedAgain };
}
