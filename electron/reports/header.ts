// The block every page of every report carries: whose business, what report about
// what, when and by whom it was made, and the chain head it can be checked by.
import { currentHeadRow, shortDigest } from '../../db/chain';
import type { Db } from '../../db/open';
import type { SessionUser } from '../services/context';
import { officeSettings } from '../services/officeSettings';
import { cachedStatement } from '../services/statements';
import type { ReportHeader, ReportKind } from './types';

export const REPORT_TITLES: Record<ReportKind, string> = {
  booking: 'Booking dispute report',
  customer: 'Customer report (right of access)',
  period: 'Period report',
  person: 'Person report',
  history: 'History report',
  visits: 'Visit verification report',
};

/** The business's name as an administrator set it (Settings › Office), JobTrail until then. */
export function businessName(db: Db): string {
  return officeSettings(db).businessName;
}

export function reportHeader(db: Db, kind: ReportKind, subject: string, by: SessionUser, now = new Date()): ReportHeader {
  const head = currentHeadRow(db.sqlite);
  const keys = cachedStatement(db.sqlite, 'SELECT lower(hex(public_key)) FROM chain_keys ORDER BY id').pluck().all() as string[];
  // A report over the log holds nothing archived: it says so, lest "complete History" be read as all there ever was.
  const archived = cachedStatement(
    db.sqlite,
    `SELECT c.last_id AS lastId, (SELECT at FROM audit_log WHERE id > c.last_id ORDER BY id LIMIT 1) AS before
    FROM audit_checkpoint c WHERE c.id = 1`,
  ).get() as { lastId: number; before: string | null } | undefined;
  return {
    kind,
    businessName: businessName(db),
    title: REPORT_TITLES[kind],
    subject,
    generatedAt: now.toISOString(),
    generatedBy: { id: by.id, name: by.name, role: by.role },
    chain: { head: head.hash.toString('hex'), short: shortDigest(head.hash), rows: head.id },
    signingKeys: keys,
    ...(archived?.before ? { archived: { before: archived.before, lastId: archived.lastId } } : {}),
  };
}
