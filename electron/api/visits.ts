// Visit times and the visit verification report. A fieldworker records the
// time-in and time-out of their own jobs; the office records them on their behalf
// and corrects them, with a reason (services/visitTimes.ts). `confirmed` records a
// time the rules doubt (in the future, out of order, far from the schedule) after
// the person was asked. The report gathers many customers' visits: a manager's,
// as the period report is.
import { z } from 'zod';
import { VISIT_TIME_KINDS } from '../../db/schema';
import { entry, serviceContext } from './entry';
import { id, input, instant, reasonOf } from './fields';
import { VISIT_CORRECTION_REASONS } from '../services/reasons';
import { correctVisitTime, recordVisitTime } from '../services/visitTimes';
import { getCustomer } from '../services/customers';
import { personById } from '../reports/person';
import { visitReport, visitReportCsv } from '../reports/visits';

const kind = z.enum(VISIT_TIME_KINDS, 'must be time_in or time_out');

export const visitsApi = {
  'visits.record': entry({
    summary: 'Record the time-in or time-out of a visit (a fieldworker on their own jobs; the office on their behalf)',
    access: 'fieldworker',
    input: input({ bookingId: id, kind, at: instant.optional(), confirmed: z.boolean().optional() }),
    run: (ctx, i) => recordVisitTime(serviceContext(ctx), i),
  }),
  'visits.correct': entry({
    summary: 'Correct a recorded time-in or time-out, with a reason (the original stays in the History)',
    access: 'staff',
    input: input({ bookingId: id, kind, at: instant, reason: reasonOf(VISIT_CORRECTION_REASONS), confirmed: z.boolean().optional() }),
    run: (ctx, { reason, ...i }) => correctVisitTime(serviceContext(ctx, reason), i),
  }),
  'reports.visits': entry({
    // `format` says how it leaves: on screen (to print), or as a CSV or JSON file; each is recorded as a report issued.
    summary: 'Produce the visit verification report of a period, a customer or a fieldworker (recorded in the Audit log)',
    access: 'manager',
    input: input({
      from: instant,
      to: instant,
      customerId: id.optional(),
      fieldworkerId: id.optional(),
      format: z.enum(['screen', 'csv', 'json'], 'must be screen, csv or json').default('screen'),
    }).refine((i) => Date.parse(i.from) < Date.parse(i.to), { message: 'must be after from', path: ['to'] }),
    run: (ctx, i) => {
      const customer = i.customerId === undefined ? null : getCustomer(ctx.db, i.customerId, 'customerId');
      const report = visitReport(
        serviceContext(ctx),
        {
          from: i.from,
          to: i.to,
          customer: customer && { id: customer.id, name: customer.name },
          fieldworker: i.fieldworkerId === undefined ? null : personById(ctx.db, i.fieldworkerId, 'fieldworkerId'),
        },
        i.format,
      );
      return { ...report, csv: i.format === 'csv' ? visitReportCsv(report) : null };
    },
  }),
};
