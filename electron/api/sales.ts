import { z } from 'zod';
import { DECISION_CHANNELS, INQUIRY_CHANNELS, QUOTE_STATUSES } from '../../db/schema';
import { entry, serviceContext } from './entry';
import { cents, id, input, instant, optionalText, text } from './fields';
import { createQuote, listQuotes, setQuoteStatus } from '../services/quotes';
import { recordInquiry } from '../services/inquiries';

export const salesApi = {
  'quotes.list': entry({
    summary: "List a customer's quotes",
    access: 'staff',
    input: input({ customerId: id }),
    run: (ctx, i) => listQuotes(ctx.db, i.customerId),
  }),
  'quotes.create': entry({
    summary: 'Create quotes',
    access: 'staff',
    input: input({ customerId: id, title: text(200), amountCents: cents, propertyId: id.nullable().optional() }),
    run: (ctx, i) => createQuote(serviceContext(ctx), i),
  }),
  'quotes.setStatus': entry({
    summary: 'Change the status of quotes',
    access: 'staff',
    // Accepting or declining records how the customer answered, who did and when (services/quotes.ts).
    input: input({
      id,
      status: z.enum(QUOTE_STATUSES, 'must be draft, sent, accepted or declined'),
      decision: input({
        channel: z.enum(DECISION_CHANNELS, 'must be phone, email or in_person'),
        decidedBy: optionalText(120),
        decidedAt: instant.optional(),
      }).optional(),
    }),
    run: (ctx, i) => setQuoteStatus(serviceContext(ctx), i),
  }),
  'inquiries.record': entry({
    summary: 'Record inquiries',
    access: 'staff',
    input: input({ customerId: id, channel: z.enum(INQUIRY_CHANNELS, 'must be phone, email or web'), subject: text(200), body: optionalText(4000) }),
    run: (ctx, i) => recordInquiry(serviceContext(ctx), i),
  }),
};
