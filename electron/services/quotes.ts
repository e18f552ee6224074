import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { DECISION_CHANNELS, quotes, QUOTE_STATUSES } from '../../db/schema';
import { change, nowIso, type ServiceContext } from './context';
import { AppError, conflict, notFound } from './errors';
import { assertLiveCustomer } from './customers';
import { assertPropertyOf } from './properties';
import { nextNumber } from './numbering';
import { perConnection, updateById } from './statements';

export type QuoteStatus = (typeof QUOTE_STATUSES)[number];
export type DecisionChannel = (typeof DECISION_CHANNELS)[number];
export interface QuoteView {
  id: number;
  customerId: number;
  number: string;
  title: string;
  amountCents: number;
  status: QuoteStatus;
  createdAt: string;
  /** The property the work is for, if the quote names one (migration 0022). */
  propertyId: number | null;
  /** How the customer accepted or declined it, who did, and when; null until they have. */
  decisionChannel: DecisionChannel | null;
  decidedBy: string | null;
  decidedAt: string | null;
  /** Who in the office took the answer: the actor of the row that recorded it. */
  decisionTakenBy: string | null;
}

const view = {
  id: quotes.id,
  customerId: quotes.customerId,
  number: quotes.number,
  title: quotes.title,
  amountCents: quotes.amountCents,
  status: quotes.status,
  createdAt: quotes.createdAt,
  propertyId: quotes.propertyId,
  decisionChannel: quotes.decisionChannel,
  decidedBy: quotes.decidedBy,
  decidedAt: quotes.decidedAt,
  // One step down audit_quote_rows (0022), written out: drizzle would leave the column unqualified in a subquery.
  decisionTakenBy: sql<string | null>`(SELECT a.actor_name FROM audit_log a WHERE a.entity = 'quote' AND a.entity_id = "quotes"."id"
    AND a.field = 'channel' AND a.new_value IS NOT NULL ORDER BY a.id DESC LIMIT 1)`,
};

export function listQuotes(db: Db, customerId: number): QuoteView[] {
  return db.orm.select(view).from(quotes).where(eq(quotes.customerId, customerId)).orderBy(desc(quotes.id)).all();
}

const insert = perConnection((db) =>
  db.orm
    .insert(quotes)
    .values({
      customerId: sql.placeholder('customerId'),
      title: sql.placeholder('title'),
      amountCents: sql.placeholder('amountCents'),
      propertyId: sql.placeholder('propertyId'),
      number: sql.placeholder('number'),
      status: 'draft',
      createdAt: sql.placeholder('createdAt'),
    })
    .returning({ id: quotes.id })
    .prepare(),
);
const byId = perConnection((db) =>
  db.orm
    .select(view)
    .from(quotes)
    .where(eq(quotes.id, sql.placeholder('id')))
    .prepare(),
);

export function createQuote(ctx: ServiceContext, input: { customerId: number; title: string; amountCents: number; propertyId?: number | null }): QuoteView {
  return change(ctx, () => {
    assertLiveCustomer(ctx.db, input.customerId);
    if (input.propertyId) assertPropertyOf(ctx.db, input.propertyId, input.customerId);
    const { id } = insert(ctx.db).get({
      customerId: input.customerId,
      title: input.title,
      amountCents: input.amountCents,
      propertyId: input.propertyId ?? null,
      number: nextNumber(ctx.db, quotes, 'Q'),
      createdAt: nowIso(ctx),
    })!;
    return byId(ctx.db).get({ id })!;
  });
}

/** The customer's answer to a quote, as the office took it: by phone, by email or in person, from whom, when. */
export interface QuoteDecision {
  channel: DecisionChannel;
  /** Who at the customer's gave it, when not the customer themselves (a tenant, a site manager). */
  decidedBy?: string | null;
  /** When they gave it, if not just now (an email read this morning, sent last night). */
  decidedAt?: string | null;
}

/**
 * Accepting or declining records the customer's answer (`decision`, required then):
 * its rows are of the same action as the status row, so the History reads who
 * approved the work, how, and who in the office took it. Going back to draft or
 * sent clears the answer, which the History keeps.
 */
export function setQuoteStatus(ctx: ServiceContext, input: { id: number; status: QuoteStatus; decision?: QuoteDecision }): QuoteView {
  return change(ctx, () => {
    const q = byId(ctx.db).get({ id: input.id });
    if (!q) throw notFound('Quote', input.id, 'id');
    if (q.status === input.status) throw conflict(`Quote ${q.number} is already ${input.status}.`, 'status');
    const decided = input.status === 'accepted' || input.status === 'declined';
    if (decided && !input.decision) {
      throw new AppError('invalid_input', `Say how the customer ${input.status} quote ${q.number}: by phone, by email or in person.`, 'decision');
    }
    if (!decided && input.decision) throw new AppError('invalid_input', `A quote ${input.status} has no customer's answer to record.`, 'decision');
    const at = nowIso(ctx);
    if (input.decision?.decidedAt && Date.parse(input.decision.decidedAt) > Date.parse(at)) {
      throw new AppError('invalid_input', 'The customer cannot have answered in the future.', 'decision.decidedAt');
    }
    const customerName = ctx.db.sqlite.prepare('SELECT name FROM customers WHERE id = ?').pluck().get(q.customerId) as string;
    updateById(
      ctx.db,
      quotes,
      input.id,
      decided
        ? {
            status: input.status,
            decisionChannel: input.decision!.channel,
            decidedBy: input.decision!.decidedBy ?? customerName,
            decidedAt: new Date(input.decision!.decidedAt ?? at).toISOString(),
          }
        : { status: input.status, decisionChannel: null, decidedBy: null, decidedAt: null },
    );
    return byId(ctx.db).get({ id: input.id })!;
  });
}

/** A property's quotes still waiting for the customer's answer (draft or sent), newest first. */
export function pendingQuotesAt(db: Db, propertyId: number): QuoteView[] {
  return db.orm
    .select(view)
    .from(quotes)
    .where(sql`${quotes.propertyId} = ${propertyId} AND ${quotes.status} IN ('draft', 'sent')`)
    .orderBy(desc(quotes.id))
    .all();
}
