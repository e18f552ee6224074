import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { inquiries, INQUIRY_CHANNELS } from '../../db/schema';
import { change, nowIso, type ServiceContext } from './context';
import { assertLiveCustomer } from './customers';

export type InquiryChannel = (typeof INQUIRY_CHANNELS)[number];
export interface InquiryView {
  id: number; customerId: number; channel: InquiryChannel; subject: string; body: string | null; createdAt: string;
}

const view = {
  id: inquiries.id, customerId: inquiries.customerId, channel: inquiries.channel, subject: inquiries.subject,
  body: inquiries.body, createdAt: inquiries.createdAt,
};

export function listInquiries(db: Db, customerId: number): InquiryView[] {
  return db.orm.select(view).from(inquiries).where(eq(inquiries.customerId, customerId)).orderBy(desc(inquiries.id)).all();
}

export function recordInquiry(ctx: ServiceContext,
  input: { customerId: number; channel: InquiryChannel; subject: string; body?: string | null }): InquiryView {
  assertLiveCustomer(ctx.db, input.customerId);
  return change(ctx, () => ctx.db.orm.insert(inquiries).values({ ...input, body: input.body ?? null, createdAt: nowIso(ctx) })
    .returning(view).get());
}
