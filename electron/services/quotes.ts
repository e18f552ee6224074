import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { quotes, QUOTE_STATUSES } from '../../db/schema';
import { change, nowIso, type ServiceContext } from './context';
import { conflict, notFound } from './errors';
import { assertLiveCustomer } from './customers';
import { nextNumber } from './numbering';
import { perConnection } from './statements';

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

const insert = perConnection((db) => db.orm.insert(quotes).values({
  customerId: sql.placeholder('customerId'), title: sql.placeholder('title'), amountCents: sql.placeholder('amountCents'),
  number: sql.placeholder('number'), status: 'draft', createdAt: sql.placeholder('createdAt'),
}).returning(view).prepare());
const byId = perConnection((db) => db.orm.select(view).from(quotes).where(eq(quotes.id, sql.placeholder('id'))).prepare());
const setStatus = perConnection((db) => db.orm.update(quotes).set({ status: sql`${sql.placeholder('status')}` })
  .where(eq(quotes.id, sql.placeholder('id'))).returning(view).prepare());

export function createQuote(ctx: ServiceContext, input: { customerId: number; title: string; amountCents: number }): QuoteView {
  return change(ctx, () => {
    assertLiveCustomer(ctx.db, input.customerId);
    return insert(ctx.db).get({
      customerId: input.customerId, title: input.title, amountCents: input.amountCents,
      number: nextNumber(ctx.db, quotes, 'Q'), createdAt: nowIso(ctx),
    })!;
  });
}

export function setQuoteStatus(ctx: ServiceContext, input: { id: number; status: QuoteStatus }): QuoteView {
  return change(ctx, () => {
    const q = byId(ctx.db).get({ id: input.id });
    if (!q) throw notFound('Quote', input.id, 'id');
    if (q.status === input.status) throw conflict(`Quote ${q.number} is already ${input.status}.`, 'status');
    return setStatus(ctx.db).get({ id: input.id, status: input.status })!;
  });
}
