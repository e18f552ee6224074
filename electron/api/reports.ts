// Printable reports. Each call returns the report's data (the print components
// draw it) and records that the caller produced it: an auditor asks who saw the
// data. The check of a digest printed on one recomputes the whole chain, so it is
// a job: jobs.start { kind: 'verify', printed } (electron/api/jobs.ts).
//
// Least roles: a booking's dispute proof is staff's (they answer the customer at
// the desk; it shows invoices and payments, which are staff's to read); a
// customer's right-of-access report, a period and a person report gather far more
// than one screen shows and are managers'.
import { z } from 'zod';
import { entry, serviceContext } from './entry';
import { archiveName, category, historyFilters, id, input, instant } from './fields';
import { openedArchive } from '../services/archiveViews';
import { hasRole } from '../services/context';
import { forbidden } from '../services/errors';
import { bookingReport } from '../reports/booking';
import { customerReport } from '../reports/customer';
import { activityReport } from '../reports/activity';
import { personById } from '../reports/person';
import { historyReport } from '../reports/historyReport';

const period = {
  from: instant,
  to: instant,
};
const beforeTo = { message: 'must be after from', path: ['to'] };
const ordered = (i: { from: string; to: string }) => Date.parse(i.from) < Date.parse(i.to);

export const reportsApi = {
  'reports.booking': entry({
    summary: "Produce a booking's dispute report (recorded in its History)",
    access: 'staff',
    input: input({ bookingId: id }),
    run: (ctx, i) => bookingReport(serviceContext(ctx), i.bookingId, 'screen'),
  }),
  'reports.customer': entry({
    summary: "Produce a customer's right-of-access report (recorded in their History)",
    access: 'manager',
    input: input({ customerId: id }),
    run: (ctx, i) => customerReport(serviceContext(ctx), i.customerId, 'screen'),
  }),
  'reports.period': entry({
    summary: 'Produce a period report (recorded in the Audit log)',
    access: 'manager',
    input: input({ ...period, personId: id.optional(), category: category.optional(), event: z.string().trim().min(1).max(80).optional() }).refine(
      ordered,
      beforeTo,
    ),
    run: (ctx, i) =>
      activityReport(
        serviceContext(ctx),
        'period',
        {
          from: i.from,
          to: i.to,
          category: i.category,
          event: i.event,
          person: i.personId === undefined ? null : personById(ctx.db, i.personId, 'personId'),
        },
        'screen',
      ),
  }),
  'reports.history': entry({
    // What the History grid shows, printed: as open as reading that History (history.search is staff's).
    summary: 'Print a History as it is filtered (recorded in the Audit log)',
    access: 'staff',
    input: input({ bookingId: id.optional(), customerId: id.optional(), propertyId: id.optional(), ...historyFilters, archive: archiveName.optional() })
      .refine((i) => [i.bookingId, i.customerId, i.propertyId].filter((x) => x !== undefined).length <= 1, {
        message: 'give a booking, a customer or a property, not two of them',
        path: ['customerId'],
      })
      .refine((i) => !i.from || !i.to || Date.parse(i.from) < Date.parse(i.to), beforeTo),
    run: (ctx, { archive, ...i }) => {
      const service = serviceContext(ctx);
      // An archive is read by managers only, as archives.history is.
      if (archive !== undefined && !hasRole(service.user, 'manager')) throw forbidden("Only a manager or an administrator may print an archive's History.");
      return historyReport(
        service,
        {
          ...i,
          person: i.actorId === undefined ? null : personById(ctx.db, i.actorId, 'actorId'),
          ...(archive === undefined ? {} : { archive: openedArchive(ctx.db, archive) }),
        },
        'screen',
      );
    },
  }),
  'reports.person': entry({
    summary: "Produce a person's activity report (recorded in the Audit log)",
    access: 'manager',
    input: input({ ...period, personId: id }).refine(ordered, beforeTo),
    run: (ctx, i) =>
      activityReport(
        serviceContext(ctx),
        'person',
        {
          from: i.from,
          to: i.to,
          person: personById(ctx.db, i.personId, 'personId'),
        },
        'screen',
      ),
  }),
};
