// Producing a report is itself an event: the row inserted here fires the "report
// generated" audit row (migration 0015), with the producer as its actor.
import { change, type ServiceContext } from '../services/context';
import { cachedStatement } from '../services/statements';
import type { ReportFormat, ReportHeader } from './types';

export interface Issued {
  bookingId?: number | null;
  customerId?: number | null;
}

type IssuedKind = ReportHeader['kind'] | 'export';

function insertIssued(
  ctx: ServiceContext,
  kind: IssuedKind,
  subject: string,
  format: ReportFormat,
  about: Issued,
  head: { short: string; rows: number },
  at: string,
): number {
  return change(ctx, () =>
    Number(
      cachedStatement(
        ctx.db.sqlite,
        `INSERT INTO reports_issued (kind, subject, format, booking_id, customer_id, chain_head, chain_rows, issued_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(kind, subject, format, about.bookingId ?? null, about.customerId ?? null, head.short, head.rows, at).lastInsertRowid,
    ),
  );
}

/** Records who produced which report, about whom, with the chain head it printed; returns its id. */
export function recordIssued(ctx: ServiceContext, header: ReportHeader, format: ReportFormat, about: Issued = {}): number {
  return insertIssued(ctx, header.kind, header.subject, format, about, header.chain, header.generatedAt);
}

/** An export of History left JobTrail as a file: recorded like a report once written, with the chain head the file names. */
export function recordExport(ctx: ServiceContext, title: string, format: 'csv' | 'json', about: Issued, head: { short: string; rows: number }): number {
  return insertIssued(ctx, 'export', title, format, about, head, new Date().toISOString());
}
