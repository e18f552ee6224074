import { z } from 'zod';
import { entry, serviceContext } from './entry';
import { input } from './fields';
import { listRecycleBin } from '../services/recycleBin';
import { RETENTION_MAX_DAYS, RETENTION_MIN_DAYS, setRetentionDays } from '../services/retention';

export const recycleBinApi = {
  // Restoring is bookings.restore and customers.restore; purging is the retention job's alone.
  'recycleBin.list': entry({
    summary: 'See the recycle bin',
    access: 'manager',
    input: input({}),
    run: (ctx) => listRecycleBin(ctx.db),
  }),
  'retention.set': entry({
    summary: 'Change the retention period',
    access: 'administrator',
    input: input({
      days: z
        .int('must be a whole number of days')
        .min(RETENTION_MIN_DAYS, `must be at least ${RETENTION_MIN_DAYS} days`)
        .max(RETENTION_MAX_DAYS, `must be at most ${RETENTION_MAX_DAYS} days`),
    }),
    run: (ctx, i) => setRetentionDays(serviceContext(ctx), i),
  }),
};
