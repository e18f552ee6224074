import { z } from 'zod';
import { entry } from './entry';
import { historyFilters, historyPage, id, input, instant } from './fields';
import { queryHistory } from '../services/history';
import { bookingTimeline } from '../services/timeline';
import { getBooking } from '../services/bookings';
import { getCustomer } from '../services/customers';
import { auditStats } from '../services/auditStats';
import { integrityAtStart } from '../services/integrityAtStart';
import { asItWas, AS_IT_WAS_ENTITIES } from '../services/asItWas';
import { hasRole, roleRefusal } from '../services/context';
import { forbidden } from '../services/errors';

const filters = { ...historyFilters, ...historyPage };

export const historyApi = {
  'history.booking': entry({
    summary: "Read a booking's History", access: 'fieldworker', input: input({ bookingId: id, ...filters }),
    run: (ctx, i) => { getBooking(ctx.db, i.bookingId, 'bookingId'); return queryHistory(ctx.db, i); },
  }),
  'history.customer': entry({
    summary: "Read a customer's History", access: 'staff', input: input({ customerId: id, ...filters }),
    run: (ctx, i) => { getCustomer(ctx.db, i.customerId, 'customerId'); return queryHistory(ctx.db, i); },
  }),
  'history.search': entry({
    summary: 'Search the Audit log', access: 'staff',
    input: input({ ...filters, entity: z.string().trim().max(40).optional() }),
    run: (ctx, i) => queryHistory(ctx.db, i),
  }),
  'history.asItWas': entry({
    // A booking's and its money's History is open to fieldworkers; a customer's, like history.customer, to staff.
    summary: 'See a booking, customer, invoice or payment as it was', access: 'fieldworker',
    input: input({
      entity: z.enum(AS_IT_WAS_ENTITIES, `must be one of ${AS_IT_WAS_ENTITIES.join(', ')}`), id,
      afterAuditId: id.optional(), at: instant.optional(),
    }).refine((i) => i.afterAuditId === undefined || i.at === undefined,
      { message: 'give either afterAuditId or at, not both', path: ['at'] }),
    run: (ctx, i) => {
      if (i.entity === 'customer' && ctx.user && !hasRole(ctx.user, 'staff')) {
        throw forbidden(roleRefusal('staff', "see a customer's record as it was", ctx.user));
      }
      return i.at !== undefined ? asItWas(ctx.db, { entity: i.entity, id: i.id, at: i.at })
        : asItWas(ctx.db, { entity: i.entity, id: i.id, afterAuditId: i.afterAuditId });
    },
  }),
  'timeline.get': entry({
    summary: "Read a booking's Timeline", access: 'fieldworker', input: input({ bookingId: id }),
    run: (ctx, i) => bookingTimeline(ctx.db, i.bookingId),
  }),
  'audit.stats': entry({
    summary: 'See the Audit log charts', access: 'staff',
    input: input({ from: instant, to: instant }).refine((i) => Date.parse(i.from) <= Date.parse(i.to),
      { message: 'must not be before from', path: ['to'] }),
    run: (ctx, i) => auditStats(ctx.db, i),
  }),
  'audit.integrityAtStart': entry({
    // Everyone signed in: whoever sits at the PC should hear that the log failed its check, not only a manager.
    summary: "See the start-up integrity check's result", access: 'fieldworker', input: input({}),
    run: (ctx) => integrityAtStart(ctx.db),
  }),
};
