// Producing a report is itself an event: the row inserted here fires the "report
// generated" audit row (migration 0015), with the producer as its actor.
import { change, type ServiceContext } from '../services/context';
import { cachedStatement } from '../services/statements';
import type { ReportFormat, ReportHeader } from './types';

export interface Issued { bookingId?: number | null; customerId?: number | null }

/** Records who produced which report, about whom, with the chain head it printed; returns its id. */
export function recordIssued(ctx: ServiceContext, header: ReportHeader, format: ReportFormat, about: Issued = {}): number {
  return change(ctx, () => Number(cachedStatement(ctx.db.sqlite,
    `INSERT INTO reports_issued (kind, subject, format, booking_id, customer_id, chain_head, chain_rows, issued_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(header.kind, header.subject, format, about.bookingId ?? null, about.customerId ?? null,
    header.chain.short, header.chain.rows, header.generatedAt).lastInsertRowid));
}
