// Long jobs (the check of the audit trail, exports of History) run beside ordinary
// calls: started here, followed by polling their status, cancelled, and an export's
// file handed to the window when it is small enough. See electron/jobs/registry.ts.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { entry, serviceContext, type CallContext } from './entry';
import { recordExport } from '../reports/issue';
import { archiveName, historyFilters, id, input } from './fields';
import { openedArchive } from '../services/archiveViews';
import { AppError } from '../services/errors';
import { PRINTED_DIGEST } from '../../db/expectedHead';
import { CSV_IN_APP_LIMIT, unknownRecordIn } from '../services/exports';
import { cancelJob, jobStatus, listJobs, startJob } from '../jobs/registry';

/** The History's filters, as the History calls take them (history.ts), and the record the History belongs to. */
const exportScope = input({
  bookingId: id.optional(),
  customerId: id.optional(),
  propertyId: id.optional(),
  equipmentId: id.optional(),
  ...historyFilters,
  archive: archiveName.optional(),
}).refine((s) => !s.from || !s.to || Date.parse(s.from) <= Date.parse(s.to), { message: 'must not be before from', path: ['to'] });

/** What the file is called after ("booking-1042"): any text, made safe for every file system's names. */
const fileStem = z
  .string()
  .trim()
  .max(60, 'must be at most 60 characters')
  .transform((s) =>
    s
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, ''),
  )
  .refine((s) => s.length > 0, 'must hold a letter or a digit');

const jobRequest = z.discriminatedUnion(
  'kind',
  [
    input({
      kind: z.literal('verify'),
      printed: input({
        digest: z
          .string()
          .trim()
          .regex(PRINTED_DIGEST, 'must be 16 to 64 letters and digits (0–9, a–f), as printed on a report')
          .transform((s) => s.toLowerCase()),
        rows: z
          .int('must be a whole number')
          .min(1, 'must be at least 1')
          .max(2 ** 53 - 1)
          .optional(),
      }).optional(),
    }),
    input({ kind: z.literal('export'), format: z.enum(['csv', 'json'], 'must be csv or json'), scope: exportScope, name: fileStem.optional() }),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? 'must be verify or export' : undefined) },
);

const jobId = input({ id: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters') });

/** Who started a job: named on it, and the actor of what it records. */
export const startedBy = (ctx: CallContext) => (ctx.user ? { id: ctx.user.id, name: ctx.user.name } : null);

export const jobsApi = {
  // Both kinds are managers' today (audit.verify and history.exportCsv): a kind for another role checks it in run.
  'jobs.start': entry({
    summary: 'Start long jobs (a check of the audit trail, an export of History)',
    access: 'manager',
    input: jobRequest,
    run: (ctx, request) => {
      if (request.kind === 'export' && request.scope.archive !== undefined) openedArchive(ctx.db, request.scope.archive);
      const unknown = request.kind === 'export' && request.scope.archive === undefined ? unknownRecordIn(ctx.db, request.scope) : null;
      if (unknown) {
        throw new AppError(
          'not_found',
          `${unknown.what[0].toUpperCase()}${unknown.what.slice(1)} does not exist, and has no History to export.`,
          `scope.${unknown.key}`,
        );
      }
      // Auditors ask who took the data away: a written export is recorded like a report, under who asked for it.
      const service = serviceContext(ctx);
      return startJob(
        ctx.db,
        request,
        startedBy(ctx),
        request.kind !== 'export'
          ? undefined
          : (done) => {
              if (done.outcome?.kind !== 'export') return;
              recordExport(
                service,
                done.title,
                request.format,
                { bookingId: request.scope.bookingId, customerId: request.scope.customerId },
                { short: done.outcome.head, rows: done.outcome.chainRows },
              );
            },
      );
    },
  }),
  'jobs.status': entry({
    summary: 'See how far a job has got',
    access: 'manager',
    input: jobId,
    run: (ctx, i) => jobStatus(ctx.db, i.id),
  }),
  'jobs.cancel': entry({
    summary: 'Cancel jobs',
    access: 'manager',
    input: jobId,
    run: (ctx, i) => cancelJob(ctx.db, i.id),
  }),
  'jobs.list': entry({
    summary: 'List the jobs running and ended in the last hour',
    access: 'manager',
    input: input({}),
    run: (ctx) => listJobs(ctx.db),
  }),
  'jobs.download': entry({
    summary: "Open a finished export's file in the window",
    access: 'manager',
    input: jobId,
    run: (ctx, i): { fileName: string; text: string } => {
      const job = jobStatus(ctx.db, i.id);
      const outcome = job.outcome;
      if (outcome?.kind !== 'export') {
        throw new AppError(
          'conflict',
          job.kind !== 'export'
            ? 'A check of the audit trail writes no file: its result is in the job itself.'
            : job.state === 'running'
              ? 'This export is still running: its file can be opened once it is done.'
              : `This export ${job.state === 'cancelled' ? 'was cancelled' : 'failed'} and left no file: export again.`,
        );
      }
      if (!outcome.downloadable) {
        throw new AppError(
          'conflict',
          `This export has ${outcome.rows.toLocaleString('en')} rows, more than the window opens ` +
            `(${CSV_IN_APP_LIMIT.toLocaleString('en')}): open the file itself, at ${outcome.file}`,
        );
      }
      try {
        return { fileName: outcome.fileName, text: readFileSync(outcome.file, 'utf8') };
      } catch (e) {
        if ((e as { code?: string }).code !== 'ENOENT') throw e;
        throw new AppError('not_found', `The export's file is no longer at ${outcome.file}: it was moved or deleted. Export again.`);
      }
    },
  }),
};
