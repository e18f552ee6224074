import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { inquiries, INQUIRY_CHANNELS } from '../../db/schema';
import { change, nowIso, type ServiceContext } from './context';
import { assertLiveCustomer } from './customers';
import { perConnection } from './statements';

export type InquiryChannel = (typeof INQUIRY_CHANNELS)[number];
export interface InquiryView {
  id: number;
  customerId: number;
  channel: InquiryChannel;
  subject: string;
  body: string | null;
  createdAt: string;
}

const view = {
  id: inquiries.id,
  customerId: inquiries.customerId,
  channel: inquiries.channel,
  subject: inquiries.subject,
  body: inquiries.body,
  createdAt: inquiries.createdAt,
};

export function listInquiries(db: Db, customerId: number): InquiryView[] {
  return db.orm.select(view).from(inquiries).where(eq(inquiries.customerId, customerId)).orderBy(desc(inquiries.id)).all();
}

const insert = perConnection((db) =>
  db.orm
    .insert(inquiries)
    .values({
      customerId: sql.placeholder('customerId'),
      channel: sql.placeholder('channel'),
      subject: sql.placeholder('subject'),
      body: sql.placeholder('body'),
      createdAt: sql.placeholder('createdAt'),
    })
    .returning(view)
    .prepare(),
);

export function recordInquiry(ctx: ServiceContext, input: { customerId: number; channel: InquiryChannel; subject: string; body?: string | null }): InquiryView {
  return change(ctx, () => {
    assertLiveCustomer(ctx.db, input.customerId);
    return insert(ctx.db).get({
      customerId: input.customerId,
      channel: input.channel,
      subject: input.subject,
      body: input.body ?? null,
      createdAt: nowIso(ctx),
    })!;
  });
}
