// Reading the audit trail. Every query is newest first and paged by keyset
// ("rows before id N"), so page 500 costs what page 1 costs, and each one is a
// single walk down one index (see the audit_* indexes in 0002_audit_log.sql).
import type { Db } from '../../db/open';
import type { AuditCategory } from '../../db/schema';
import { cachedStatement } from './statements';

export interface HistoryRow {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string;
  entity: string;
  entityId: number;
  bookingId: number | null;
  customerId: number | null;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  oldRef: number | null;
  newRef: number | null;
  category: AuditCategory;
  event: string;
  label: string | null;
  /** Rows written by one action share it: the UI shows them as one event. */
  action: number | null;
  /** 'outside': written by something other than JobTrail; null: not sealed yet. */
  origin: 'app' | 'outside' | null;
}

/** A page row also names the record it is about (invoice number, quote, inquiry subject), read when shown. */
export interface HistoryPageRow extends HistoryRow {
  recordName: string | null;
}

export type HistoryOrder = 'newest' | 'oldest';

export interface HistoryPage {
  rows: HistoryPageRow[];
  /** Newest first: pass as `before` for the next page; null when this is the last page (or the order is oldest first). */
  nextBefore: number | null;
  /** Oldest first: pass as `after` for the next page; null when this is the last page (or the order is newest first). */
  nextAfter: number | null;
  /** On the first page only: how many rows match, counted up to TOTAL_CAP (`atLeast` when there are more). */
  total: { count: number; atLeast: boolean } | null;
}

/** Counting every match of a broad search over ten years of History would cost more than the page; past this, "10,000+". */
export const TOTAL_CAP = 10_000;

export interface HistoryFilter {
  bookingId?: number;
  customerId?: number;
  text?: string;
  from?: string;          // ISO instant, inclusive
  to?: string;            // ISO instant, exclusive
  actorId?: number;
  /** Only changes made outside JobTrail (no actor): what an auditor looks at first. */
  outside?: boolean;
  category?: AuditCategory;
  entity?: string;
  event?: string;
  order?: HistoryOrder;
  before?: number;
  after?: number;
  limit: number;
}

const COLUMNS = `a.id, a.at, a.actor_id AS actorId, a.actor_name AS actorName, a.entity, a.entity_id AS entityId,
  a.booking_id AS bookingId, a.customer_id AS customerId, a.field, a.old_value AS oldValue,
  a.new_value AS newValue, a.old_ref AS oldRef, a.new_ref AS newRef, a.category, a.event, a.label,
  a.tx AS action, a.origin`;

// Invoices, payments, quotes and inquiries are named by what people call them; ids never reach the screen.
const RECORD_NAME = `CASE a.entity
    WHEN 'invoice' THEN (SELECT number FROM invoices WHERE id = a.entity_id)
    WHEN 'payment' THEN (SELECT 'Payment on ' || i.number FROM payments p JOIN invoices i ON i.id = p.invoice_id WHERE p.id = a.entity_id)
    WHEN 'quote' THEN (SELECT number || ' ' || title FROM quotes WHERE id = a.entity_id)
    WHEN 'inquiry' THEN (SELECT subject FROM inquiries WHERE id = a.entity_id)
  END AS recordName`;

/**
 * Turns what someone typed into an FTS5 query that cannot be a syntax error: each
 * word becomes a quoted prefix term, all of them required.
 */
export function ftsQuery(text: string): string | null {
  const words = text.normalize('NFC').split(/\s+/).map((w) => w.replace(/"/g, '')).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 0) return null;
  return words.slice(0, 12).map((w) => `"${w}"*`).join(' ');
}

/** Stored instants are UTC with milliseconds; compare like with like whatever zone was typed. */
const utc = (s?: string) => (s ? new Date(s).toISOString() : undefined);

interface Built { from: string; where: string; params: Record<string, unknown> }

/** FROM and WHERE for a filter; null when the search text has nothing searchable in it. */
function build(f: Omit<HistoryFilter, 'limit'>): Built | null {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const add = (clause: string, name: string, value: unknown) => {
    if (value === undefined || value === null || value === '') return;
    where.push(clause);
    params[name] = value;
  };
  add('a.booking_id = @bookingId', 'bookingId', f.bookingId);
  add('a.customer_id = @customerId', 'customerId', f.customerId);
  add('a.at >= @from', 'from', utc(f.from));
  add('a.at < @to', 'to', utc(f.to));
  add('a.actor_id = @actorId', 'actorId', f.actorId);
  if (f.outside) where.push('a.actor_id IS NULL');
  add('a.category = @category', 'category', f.category);
  add('a.entity = @entity', 'entity', f.entity);
  add('a.event = @event', 'event', f.event);
  add('a.id < @before', 'before', f.before);
  add('a.id > @after', 'after', f.after);
  const match = f.text ? ftsQuery(f.text) : null;
  if (f.text && !match) return null;
  add('audit_fts MATCH @match', 'match', match);
  return {
    from: match ? 'audit_fts JOIN audit_log a ON a.id = audit_fts.rowid' : 'audit_log a',
    where: where.length ? `WHERE ${where.join(' AND ')}` : '',
    params,
  };
}

/** One query for all History views: a booking's, a customer's, and the global Audit log. */
export function queryHistory(db: Db, f: HistoryFilter): HistoryPage {
  const q = build(f);
  const firstPage = f.before === undefined && f.after === undefined;
  if (!q) return { rows: [], nextBefore: null, nextAfter: null, total: firstPage ? { count: 0, atLeast: false } : null };
  const oldest = f.order === 'oldest';
  const sql = `SELECT ${COLUMNS}, ${RECORD_NAME} FROM ${q.from} ${q.where} ORDER BY a.id ${oldest ? 'ASC' : 'DESC'} LIMIT @limit`;
  const rows = cachedStatement(db.sqlite, sql).all({ ...q.params, limit: f.limit + 1 }) as HistoryPageRow[];
  const more = rows.length > f.limit;
  if (more) rows.pop();
  const next = more ? rows[rows.length - 1].id : null;
  return {
    rows,
    nextBefore: oldest ? null : next,
    nextAfter: oldest ? next : null,
    total: firstPage ? countMatches(db, q, more ? null : rows.length) : null,
  };
}

/** The number of matching rows up to TOTAL_CAP; a first page that is also the last already knows it. */
function countMatches(db: Db, q: Built, known: number | null): { count: number; atLeast: boolean } {
  if (known !== null) return { count: known, atLeast: false };
  const sql = `SELECT count(*) AS n FROM (SELECT 1 FROM ${q.from} ${q.where} LIMIT ${TOTAL_CAP + 1})`;
  const { n } = cachedStatement(db.sqlite, sql).get(q.params) as { n: number };
  return { count: Math.min(n, TOTAL_CAP), atLeast: n > TOTAL_CAP };
}

/** Every row matching the filter, oldest first, one at a time: for exports of any size. */
export function iterateHistory(db: Db, f: Omit<HistoryFilter, 'limit' | 'before' | 'after' | 'order'>): IterableIterator<HistoryRow> {
  const q = build(f);
  if (!q) return [][Symbol.iterator]();
  const sql = `SELECT ${COLUMNS} FROM ${q.from} ${q.where} ORDER BY a.id`;
  // A fresh statement: a cached one would be busy for anyone else while this iterates.
  return db.sqlite.prepare(sql).iterate(q.params) as IterableIterator<HistoryRow>;
}
