import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { quotes, QUOTE_STATUSES } from '../../db/schema';
import { change, nowIso, type ServiceContext } from './context';
import { conflict, notFound } from './errors';
import { assertLiveCustomer } from './customers';
import { nextNumber } from './numbering';

export type QuoteStatus = (typeof QUOTE_STATUSES)[number];
export interface QuoteView {
  id: number; customerId: number; number: string; title: string; amountCents: number; status: QuoteStatus; createdAt: string;
}

const view = {
  id: quotes.id, customerId: quotes.customerId, number: quotes.number, title: quotes.title,
  amountCents: quotes.amountCents, status: quotes.status, createdAt: quotes.createdAt,
};

export function listQuotes(db: Db, customerId: number): QuoteView[] {
  return db.orm.select(view).from(quotes).where(eq(quotes.customerId, customerId)).orderBy(desc(quotes.id)).all();
}

export function createQuote(ctx: ServiceContext, input: { customerId: number; title: string; amountCents: number }): QuoteView {
  assertLiveCustomer(ctx.db, input.customerId);
  return change(ctx, () => ctx.db.orm.insert(quotes).values({
    ...input, number: nextNumber(ctx.db, quotes, 'Q'), status: 'draft', createdAt: nowIso(ctx),
  }).returning(view).get());
}

export function setQuoteStatus(ctx: ServiceContext, input: { id: number; status: QuoteStatus }): QuoteView {
  const q = ctx.db.orm.select(view).from(quotes).where(eq(quotes.id, input.id)).get();
  if (!q) throw notFound('Quote', input.id, 'id');
  if (q.status === input.status) throw conflict(`Quote ${q.number} is already ${input.status}.`, 'status');
  return change(ctx, () => ctx.db.orm.update(quotes).set({ status: input.status })
    .where(eq(quotes.id, input.id)).returning(view).get()!);
}
