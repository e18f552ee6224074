// Settings › Backups: the backups of the open database, a backup made on request,
// and a restore from one of them. Administrators' alone: a backup holds every
// record, and a restore replaces the database. Both are jobs (jobs.status follows
// them): the copy and its compression, or the restore's copy and check, run on a
// worker of their own while the office works on.
import { basename } from 'node:path';
import { z } from 'zod';
import { entry, type CallContext } from './entry';
import { input } from './fields';
import { AppError } from '../services/errors';
import { backupFolder, databaseSize, describeBackups } from '../services/backups';
import { DAYS_KEPT, WEEKS_KEPT } from '../services/backupPolicy';
import { swapInRestored, whatReadsTheFile } from '../services/liveRestore';
import { listJobs, startJob } from '../jobs/registry';
import type { BackupKind } from '../services/backups';
import { startedBy } from './jobs';
import { COMMAND_LINE } from '../services/restoreRecord';

export interface BackupRow {
  file: string;
  name: string;
  kind: BackupKind;
  at: string;
  bytes: number;
  compressed: boolean;
  /** The chain head and last sealed row its witness recorded; null for a backup without one. */
  headShort: string | null;
  headId: number | null;
  /** When an automatic backup leaves the kept set at the latest; null for one made on request. */
  expiresAt: string | null;
}

const runningJobs = (ctx: CallContext) => listJobs(ctx.db).filter((j) => j.state === 'running');

export const backupsApi = {
  'backups.list': entry({
    summary: 'See the backups',
    access: 'administrator',
    input: input({}),
    run: (ctx) => {
      const last = ctx.db.sqlite.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number;
      return {
        folder: backupFolder(ctx.db.file),
        databaseBytes: databaseSize(ctx.db.sqlite),
        lastAuditId: last,
        kept: `one for each of the last ${DAYS_KEPT} days and each of the ${WEEKS_KEPT} weeks before this one; backups made on request are kept until deleted by hand`,
        backups: describeBackups(ctx.db.file).map((b): BackupRow => ({
          file: b.file,
          name: basename(b.file),
          kind: b.kind,
          at: b.at.toISOString(),
          bytes: b.bytes,
          compressed: b.compressed,
          headShort: b.headShort,
          headId: b.headId,
          expiresAt: b.expiresAt?.toISOString() ?? null,
        })),
      };
    },
  }),
  'backups.create': entry({
    summary: 'Make backups',
    access: 'administrator',
    input: input({}),
    run: (ctx) => runningJobs(ctx).find((j) => j.kind === 'backup') ?? startJob(ctx.db, { kind: 'backup' }, startedBy(ctx)),
  }),
  'backups.restore': entry({
    summary: 'Restore the database from a backup',
    access: 'administrator',
    input: input({
      file: z.string().trim().min(1, 'must not be empty').max(1000, 'must be at most 1000 characters'),
      replaceNewer: z.boolean('must be true or false').default(false),
    }),
    run: (ctx, i) => {
      const found = describeBackups(ctx.db.file).find((b) => b.file === i.file || basename(b.file) === i.file);
      if (!found) throw new AppError('not_found', `There is no backup ${basename(i.file)} in ${backupFolder(ctx.db.file)}: it was deleted or moved.`, 'file');
      const busy = whatReadsTheFile(ctx.db);
      if (busy) throw new AppError('conflict', `${busy}: a restore would replace the database under it. Restore once it is done.`);
      const db = ctx.db;
      return startJob(db, { kind: 'restore', file: found.file, replaceNewer: i.replaceNewer }, startedBy(ctx), (done) => {
        if (done.outcome?.kind !== 'restore') return;
        done.outcome = swapInRestored(db, done.outcome, { replaceNewer: i.replaceNewer, by: startedBy(ctx) ?? COMMAND_LINE });
      });
    },
  }),
};
