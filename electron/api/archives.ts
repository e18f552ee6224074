// Archiving old History (electron/services/archive.ts): a manager starts it as a
// long job (followed with jobs.status, cancelled with jobs.cancel); every History
// view asks whether rows have left for an archive, to say so above its rows.
import { z } from 'zod';
import { entry } from './entry';
import { input } from './fields';
import { AppError } from '../services/errors';
import { archivedSoFar } from '../services/archive';
import { startJob } from '../jobs/registry';

/** A day (YYYY-MM-DD, its start in UTC) or an instant with its zone: History written before it is archived. */
const before = z.string().trim()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/, 'must be a date, like 2025-01-01')
  .transform((s) => (s.length === 10 ? `${s}T00:00:00.000Z` : s))
  .refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real date')
  .transform((s) => new Date(s).toISOString());

export const archivesApi = {
  'archives.start': entry({
    summary: 'Archive old History (move the audit rows before a date into a verified archive file)', access: 'manager',
    input: input({ before }),
    run: (ctx, i) => {
      if (Date.parse(i.before) > Date.now()) {
        throw new AppError('invalid_input', 'The date must not be in the future: only History already written can be archived.', 'before');
      }
      return startJob(ctx.db, { kind: 'archive', before: i.before }, ctx.user && { id: ctx.user.id, name: ctx.user.name });
    },
  }),
  'archives.status': entry({
    summary: 'See whether older History is in an archive, and since when', access: 'fieldworker', input: input({}),
    run: (ctx) => archivedSoFar(ctx.db.sqlite),
  }),
};
