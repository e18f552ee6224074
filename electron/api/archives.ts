// Archiving old History (electron/services/archive.ts): a manager starts it as a
// long job (followed with jobs.status, cancelled with jobs.cancel); every History
// view asks whether rows have left for an archive, to say so above its rows. An
// archive file is opened again to be read (electron/services/archiveViews.ts):
// opening is a job; an open one's History reads, prints and exports as the log's.
import { z } from 'zod';
import { entry } from './entry';
import { archiveName, historyFilters, historyPage, id, input } from './fields';
import { AppError } from '../services/errors';
import { archivedSoFar } from '../services/archive';
import { closeArchive, listArchives, openedArchive } from '../services/archiveViews';
import { queryHistory } from '../services/history';
import { startJob } from '../jobs/registry';

/** A day (YYYY-MM-DD, its start in UTC) or an instant with its zone: History written before it is archived. */
const before = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/, 'must be a date, like 2025-01-01')
  .transform((s) => (s.length === 10 ? `${s}T00:00:00.000Z` : s))
  .refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real date')
  .transform((s) => new Date(s).toISOString());

export const archivesApi = {
  'archives.start': entry({
    summary: 'Archive old History (move the audit rows before a date into a verified archive file)',
    access: 'manager',
    input: input({ before }),
    run: (ctx, i) => {
      if (Date.parse(i.before) > Date.now()) {
        throw new AppError('invalid_input', 'The date must not be in the future: only History already written can be archived.', 'before');
      }
      return startJob(ctx.db, { kind: 'archive', before: i.before }, ctx.user && { id: ctx.user.id, name: ctx.user.name });
    },
  }),
  'archives.status': entry({
    summary: 'See whether older History is in an archive, and since when',
    access: 'fieldworker',
    input: input({}),
    run: (ctx) => archivedSoFar(ctx.db.sqlite),
  }),
  'archives.list': entry({
    summary: 'See the archive files and which are open',
    access: 'manager',
    input: input({}),
    run: (ctx) => listArchives(ctx.db),
  }),
  'archives.open': entry({
    summary: 'Open an archive to read it (checked whole, then loaded, as a job)',
    access: 'manager',
    input: input({ fileName: archiveName }),
    run: (ctx, i) => {
      openable(ctx.db, i.fileName);
      return startJob(ctx.db, { kind: 'archiveOpen', fileName: i.fileName }, ctx.user && { id: ctx.user.id, name: ctx.user.name });
    },
  }),
  'archives.close': entry({
    summary: 'Close an open archive (the file stays as it is)',
    access: 'manager',
    input: input({ fileName: archiveName }),
    run: (ctx, i) => closeArchive(ctx.db, i.fileName),
  }),
  'archives.history': entry({
    summary: "Read an open archive's History",
    access: 'manager',
    input: input({ fileName: archiveName, bookingId: id.optional(), customerId: id.optional(), ...historyFilters, ...historyPage }),
    run: (ctx, { fileName, ...f }) => {
      const { view, archive } = openedArchive(ctx.db, fileName);
      return { ...queryHistory(view, f, ctx.db), archive };
    },
  }),
};

/** An archive of another database, or a file that is not one, is named before a job starts. */
function openable(db: Parameters<typeof listArchives>[0], fileName: string): void {
  const found = listArchives(db).find((a) => a.fileName === fileName);
  if (!found) throw new AppError('not_found', `There is no archive called ${fileName} in the archives folder.`, 'fileName');
  if (found.problem) throw new AppError('invalid_input', found.problem, 'fileName');
  if (!found.ofThisDatabase) throw new AppError('conflict', `${fileName} is an archive of another database: it cannot be read beside this one.`, 'fileName');
}
