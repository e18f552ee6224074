import { z } from 'zod';
import { entry, serviceContext } from './entry';
import { historyFilters, historyPage, id, input, instant } from './fields';
import { queryHistory } from '../services/history';
import { bookingTimeline } from '../services/timeline';
import { getCustomer } from '../services/customers';
import { auditStats } from '../services/auditStats';
import { integrityAtStart } from '../services/integrityAtStart';
import { asItWas, AS_IT_WAS_ENTITIES } from '../services/asItWas';
import { asItWasAsSeen, assertMayRebuild, historyAsSeen, readableBooking, seesMoney, timelineAsSeen } from '../services/fieldworkerScope';

const filters = { ...historyFilters, ...historyPage };

export const historyApi = {
  'history.booking': entry({
    // A fieldworker's own bookings only, without money (services/fieldworkerScope.ts).
    summary: "Read a booking's History",
    access: 'fieldworker',
    input: input({ bookingId: id, ...filters }),
    run: (ctx, i) => {
      const { user } = serviceContext(ctx);
      readableBooking(ctx.db, user, i.bookingId, 'read its History', 'bookingId');
      return historyAsSeen(user, queryHistory(ctx.db, { ...i, hideMoney: !seesMoney(user) }));
    },
  }),
  'history.customer': entry({
    summary: "Read a customer's History",
    access: 'staff',
    input: input({ customerId: id, ...filters }),
    run: (ctx, i) => {
      getCustomer(ctx.db, i.customerId, 'customerId');
      return queryHistory(ctx.db, i);
    },
  }),
  'history.search': entry({
    summary: 'Search the Audit log',
    access: 'staff',
    input: input({ ...filters, entity: z.string().trim().max(40).optional() }),
    run: (ctx, i) => queryHistory(ctx.db, i),
  }),
  'history.asItWas': entry({
    // A fieldworker's own bookings, without the price; money and customers are the office's (services/fieldworkerScope.ts).
    summary: 'See a booking, customer, invoice or payment as it was',
    access: 'fieldworker',
    input: input({
      entity: z.enum(AS_IT_WAS_ENTITIES, `must be one of ${AS_IT_WAS_ENTITIES.join(', ')}`),
      id,
      afterAuditId: id.optional(),
      at: instant.optional(),
    }).refine((i) => i.afterAuditId === undefined || i.at === undefined, { message: 'give either afterAuditId or at, not both', path: ['at'] }),
    run: (ctx, i) => {
      const { user } = serviceContext(ctx);
      assertMayRebuild(ctx.db, user, i.entity, i.id);
      return asItWasAsSeen(
        user,
        i.at !== undefined
          ? asItWas(ctx.db, { entity: i.entity, id: i.id, at: i.at })
          : asItWas(ctx.db, { entity: i.entity, id: i.id, afterAuditId: i.afterAuditId }),
      );
    },
  }),
  'timeline.get': entry({
    summary: "Read a booking's Timeline",
    access: 'fieldworker',
    input: input({ bookingId: id }),
    run: (ctx, i) => {
      const { user } = serviceContext(ctx);
      readableBooking(ctx.db, user, i.bookingId, 'read its Timeline', 'bookingId');
      return timelineAsSeen(user, bookingTimeline(ctx.db, i.bookingId));
    },
  }),
  'audit.stats': entry({
    summary: 'See the Audit log charts',
    access: 'staff',
    input: input({ from: instant, to: instant }).refine((i) => Date.parse(i.from) <= Date.parse(i.to), { message: 'must not be before from', path: ['to'] }),
    run: (ctx, i) => auditStats(ctx.db, i),
  }),
  'audit.integrityAtStart': entry({
    // Everyone signed in: whoever sits at the PC should hear that the log failed its check, not only a manager.
    summary: "See the start-up integrity check's result",
    access: 'fieldworker',
    input: input({}),
    run: (ctx) => integrityAtStart(ctx.db),
  }),
};
