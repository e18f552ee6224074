// "As it was": a booking, customer, invoice or payment rebuilt as it stood at a
// moment, from its audit rows alone: the "created" row (every field since
// migration 0014), then each field row, deletion and restoration after it. The
// tables are not read for any value, so the answer is what the chained log
// proves, whatever the record holds now.
import type { Db } from '../../db/open';
import { AppError, notFound } from './errors';
import { cachedStatement } from './statements';

export const AS_IT_WAS_ENTITIES = ['booking', 'customer', 'invoice', 'payment'] as const;
export type AsItWasEntity = (typeof AS_IT_WAS_ENTITIES)[number];

/** Each entity's fields as its update rows name them in audit_log.field; `true` for a reference (id in new_ref). */
export const AS_IT_WAS_FIELDS: Record<AsItWasEntity, Record<string, boolean>> = {
  booking: {
    status: false,
    scheduled_start: false,
    scheduled_end: false,
    service: false,
    address: false,
    price: false,
    customer: true,
    fieldworker: true,
    quote: true,
  },
  customer: { name: false, email: false, phone: false, address: false, notes: false },
  invoice: { number: false, amount: false, status: false },
  payment: { amount: false, method: false, status: false, invoice: true },
};

export interface AsItWas {
  entity: AsItWasEntity;
  id: number;
  /** The last audit row taken in: the record stood like this right after it (and its action's other rows). */
  asOf: { auditId: number; at: string; actorName: string; event: string };
  /** The record's name as that row had it: "service · customer" for a booking and its money, the customer's name. */
  label: string | null;
  deleted: boolean;
  /** Values as the audit rows write them: money in cents as text, a reference by the name it had then, instants in UTC. */
  fields: Record<string, string | null>;
  /** The ids behind the reference fields. */
  refs: Record<string, number | null>;
  /** Tracked custom fields, by their label as it was, from the rows that set them. */
  customFields: Record<string, string | null>;
  /** What the action of asOf's row changed: the fields to highlight ('deleted' for a deletion or restoration). */
  changed: string[];
  /**
   * Fields whose value is not in the History yet: the record was created before
   * its "created" row carried every field (migration 0014), and nothing has
   * changed them since. Their value in `fields` is null, meaning unknown, not empty.
   */
  unknown: string[];
}

export type AsItWasQuery = { entity: AsItWasEntity; id: number } & ({ afterAuditId?: number; at?: undefined } | { at: string; afterAuditId?: undefined });

interface Row {
  id: number;
  at: string;
  actorName: string;
  event: string;
  field: string | null;
  newValue: string | null;
  newRef: number | null;
  customerId: number | null;
  label: string | null;
  tx: number | null;
}

const NAMES: Record<AsItWasEntity, string> = { booking: 'Booking', customer: 'Customer', invoice: 'Invoice', payment: 'Payment' };
const CREATED: Record<AsItWasEntity, (event: string) => boolean> = {
  booking: (e) => e === 'created',
  customer: (e) => e === 'created',
  invoice: (e) => e === 'invoice created',
  payment: (e) => e.startsWith('payment logged') || e.startsWith('payment received'),
};

const COLUMNS = `id, at, actor_name AS actorName, event, field, new_value AS newValue, new_ref AS newRef,
  customer_id AS customerId, label, tx`;

/**
 * The record's rows, found down the index of the booking or customer they are tied
 * to (audit_booking, audit_customer): a record's rows are a few among its booking's
 * or customer's, and the log has no index by entity. `scope` is that booking or customer.
 */
const scopeColumn = (entity: AsItWasEntity) => (entity === 'customer' ? 'customer_id' : 'booking_id');

function rowsUpTo(db: Db, q: { entity: AsItWasEntity; id: number; scope: number }, upTo: { id: number } | { at: string }): Row[] {
  const limit = 'id' in upTo ? 'id <= @upTo' : 'at <= @upTo';
  return cachedStatement(
    db.sqlite,
    `SELECT ${COLUMNS} FROM audit_log
    WHERE ${scopeColumn(q.entity)} = @scope AND entity = @entity AND entity_id = @id AND ${limit} ORDER BY id`,
  ).all({ scope: q.scope, entity: q.entity, id: q.id, upTo: 'id' in upTo ? upTo.id : upTo.at }) as Row[];
}

/** The rest of one action's rows about the record: "right after a change" means after the whole of it. */
function restOfAction(db: Db, q: { entity: AsItWasEntity; id: number; scope: number }, after: Row): Row[] {
  if (after.tx === null) return [];
  return cachedStatement(
    db.sqlite,
    `SELECT ${COLUMNS} FROM audit_log
    WHERE ${scopeColumn(q.entity)} = @scope AND entity = @entity AND entity_id = @id AND id > @after AND tx = @tx ORDER BY id`,
  ).all({ scope: q.scope, entity: q.entity, id: q.id, after: after.id, tx: after.tx }) as Row[];
}

/** Which booking or customer the record's rows are tied to: the given row's, else the record's own (a column no app path changes). */
function scopeOf(db: Db, entity: AsItWasEntity, id: number, row?: { booking_id: number | null }): number {
  if (entity === 'booking' || entity === 'customer') return id;
  if (row?.booking_id) return row.booking_id;
  const table = entity === 'invoice' ? 'invoices' : 'payments';
  const found = cachedStatement(db.sqlite, `SELECT booking_id FROM ${table} WHERE id = ?`).pluck().get(id) as number | undefined;
  if (found === undefined) throw notFound(NAMES[entity], id, 'id');
  return found;
}

interface Target {
  entity: string;
  entity_id: number;
  booking_id: number | null;
}

function targetRow(db: Db, q: AsItWasQuery & { afterAuditId: number }): Target {
  const row = cachedStatement(db.sqlite, 'SELECT entity, entity_id, booking_id FROM audit_log WHERE id = ?').get(q.afterAuditId) as Target | undefined;
  if (!row) throw notFound('Audit row', q.afterAuditId, 'afterAuditId');
  if (row.entity !== q.entity || row.entity_id !== q.id) {
    throw new AppError('invalid_input', `Audit row ${q.afterAuditId} is about ${row.entity} ${row.entity_id}, not ${q.entity} ${q.id}.`, 'afterAuditId');
  }
  return row;
}

/** What an older "created" row, which carries one field, says; the rest stays unknown. */
function olderCreated(entity: AsItWasEntity, r: Row): Record<string, { value: string | null; ref?: number | null }> {
  switch (entity) {
    case 'booking': {
      // Its label is "service · customer", the customer's name as it was.
      const customer = r.label?.includes(' · ') ? r.label.slice(r.label.indexOf(' · ') + 3) : null;
      return { status: { value: r.newValue }, ...(customer !== null ? { customer: { value: customer, ref: r.customerId } } : {}) };
    }
    case 'customer':
      return { name: { value: r.newValue } };
    // The app has always created invoices as drafts and payments as pending (the records check relies on it too).
    case 'invoice':
      return { amount: { value: r.newValue }, status: { value: 'draft' } };
    case 'payment':
      return {
        amount: { value: r.newValue },
        status: { value: 'pending' },
        method: { value: /^payment received \((.+)\)$/.exec(r.event)?.[1].replace(/ /g, '_') ?? null },
      };
  }
}

function snapshot(r: Row): Record<string, unknown> | null {
  if (r.field !== '*' || r.newValue === null) return null;
  try {
    const v = JSON.parse(r.newValue) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Applies the rows in order. Returns the state and, per row id, the fields it set. */
function replay(entity: AsItWasEntity, rows: Row[]) {
  const defs = AS_IT_WAS_FIELDS[entity];
  const fields: Record<string, string | null> = {};
  const refs: Record<string, number | null> = {};
  const known = new Set<string>();
  const customFields: Record<string, string | null> = {};
  const set = new Map<number, string[]>();
  let deleted = false;
  const put = (name: string, value: string | null, ref?: number | null) => {
    fields[name] = value;
    if (defs[name]) refs[name] = ref ?? null;
    known.add(name);
  };
  for (const r of rows) {
    const touched: string[] = [];
    const snap = CREATED[entity](r.event) ? snapshot(r) : null;
    if (snap) {
      for (const name of Object.keys(defs)) {
        if (!(name in snap)) continue;
        put(name, text(snap[name]), defs[name] ? (snap[`${name}_ref`] as number | null | undefined) : undefined);
        touched.push(name);
      }
    } else if (CREATED[entity](r.event)) {
      for (const [name, v] of Object.entries(olderCreated(entity, r))) {
        put(name, v.value, v.ref);
        touched.push(name);
      }
    } else if (r.event === 'deleted' || r.event === 'restored' || r.event === 'removed') {
      deleted = r.event !== 'restored';
      touched.push('deleted');
    } else if ((r.event === 'custom field updated' || r.event === 'changed while not tracked') && r.field !== null) {
      customFields[r.field] = r.newValue;
      touched.push(r.field);
    } else if (r.field !== null && r.field in defs && r.event !== 'not tracked') {
      // "not tracked" holds times, not a value (0018)
      put(r.field, r.newValue, r.newRef);
      touched.push(r.field);
    }
    set.set(r.id, touched);
  }
  for (const name of Object.keys(defs)) if (!known.has(name)) fields[name] = null;
  for (const name of Object.keys(defs)) if (defs[name] && !known.has(name)) refs[name] = null;
  const unknown = Object.keys(defs).filter((n) => !known.has(n));
  return { fields, refs, customFields, deleted, unknown, set };
}

/**
 * The record as it stood right after the audit row `afterAuditId` (with the rest of
 * that row's action), or as of the instant `at`, or now when neither is given.
 */
export function asItWas(db: Db, q: AsItWasQuery): AsItWas {
  const target = q.afterAuditId !== undefined ? targetRow(db, { ...q, afterAuditId: q.afterAuditId }) : undefined;
  const scope = scopeOf(db, q.entity, q.id, target);
  const key = { entity: q.entity, id: q.id, scope };
  const upTo = q.afterAuditId !== undefined ? { id: q.afterAuditId } : { at: q.at !== undefined ? new Date(q.at).toISOString() : '9999' };
  let rows = rowsUpTo(db, key, upTo);
  if (!rows.some((r) => CREATED[q.entity](r.event))) {
    if (q.at !== undefined && rowsUpTo(db, key, { id: Number.MAX_SAFE_INTEGER }).length > 0) {
      throw new AppError('not_found', `${NAMES[q.entity]} ${q.id} did not exist yet at ${q.at}.`, 'at');
    }
    throw new AppError('not_found', `${NAMES[q.entity]} ${q.id} has no "created" row in the History.`, 'id');
  }
  const last = rows[rows.length - 1];
  if (q.afterAuditId !== undefined) rows = rows.concat(restOfAction(db, key, last));
  const state = replay(q.entity, rows);
  const end = rows[rows.length - 1];
  // The whole action of the last row taken in: a reschedule moves start and end in one.
  const action = end.tx === null ? [end] : rows.filter((r) => r.tx === end.tx);
  const changed = [...new Set(action.flatMap((r) => state.set.get(r.id) ?? []))];
  return {
    entity: q.entity,
    id: q.id,
    asOf: { auditId: end.id, at: end.at, actorName: end.actorName, event: end.event },
    label: end.label,
    deleted: state.deleted,
    fields: state.fields,
    refs: state.refs,
    customFields: state.customFields,
    changed,
    unknown: state.unknown,
  };
}
