// Does the state of the records match what their History says? The chain proves
// the log was not edited; this catches the other way round: a record changed
// while its trigger was dropped (and perhaps put back), or a record added or
// removed without a trace. For each tracked column, the newest audit row's new
// value must be the value stored now. A column never changed since its record
// was created, and whose "created" row does not carry it, has no audit value to
// compare with, so it is not checked.
import type Database from 'better-sqlite3';
import { here, type Pending, type StatementRunner } from './offThread';

export interface StateProblem {
  entity: string;
  id: number;
  /** The column, or '' for the record as a whole (added or removed). */
  field: string;
  message: string;
}

/**
 * Where an audited field is stored: a column, compared with new_value; `ref` ones
 * with new_ref (the id behind a name); `money` ones as text, as the trigger wrote
 * the cents; `words` ones as the trigger spelt a 0/1 column ([when 0, when 1]).
 */
interface Field { column: string; ref?: boolean; money?: boolean; words?: [string, string] }

interface Tracked {
  entity: string;
  table: string;
  /** SQL over an audit row (alias-free): is it the row written when the record was created? */
  created: string;
  /** audit field → where it is stored */
  fields: Record<string, Field>;
  /** The field a field-less "created" row carries in new_value (a customer's name). */
  createdField?: string;
  /** Soft-deleted with deleted_at, recorded as "deleted" / "restored". */
  softDelete?: boolean;
  /** A hard delete is recorded as "removed" (the others have no delete trigger: any removal is unrecorded). */
  removable?: boolean;
}

const TRACKED: Tracked[] = [
  {
    entity: 'booking', table: 'bookings', created: "event = 'created'", softDelete: true, removable: true,
    fields: {
      status: { column: 'status' }, scheduled_start: { column: 'scheduled_start' }, scheduled_end: { column: 'scheduled_end' },
      address: { column: 'address' }, service: { column: 'service' }, price: { column: 'price_cents', money: true },
      fieldworker: { column: 'fieldworker_id', ref: true }, customer: { column: 'customer_id', ref: true },
      quote: { column: 'quote_id', ref: true },
    },
  },
  {
    entity: 'customer', table: 'customers', created: "event = 'created'", createdField: 'name', softDelete: true, removable: true,
    fields: { name: { column: 'name' }, email: { column: 'email' }, phone: { column: 'phone' }, address: { column: 'address' }, notes: { column: 'notes' } },
  },
  {
    entity: 'invoice', table: 'invoices', created: "event = 'invoice created'",
    fields: { amount: { column: 'amount_cents', money: true }, status: { column: 'status' } },
  },
  {
    entity: 'payment', table: 'payments', created: "event LIKE 'payment received%'",
    fields: { amount: { column: 'amount_cents', money: true }, status: { column: 'status' } },
  },
  {
    entity: 'quote', table: 'quotes', created: "event = 'quote created'",
    fields: { amount: { column: 'amount_cents', money: true }, status: { column: 'status' } },
  },
  { entity: 'note', table: 'notes', created: "event = 'note added'", fields: { note: { column: 'body' } } },
  { entity: 'inquiry', table: 'inquiries', created: "event = 'inquiry received'", fields: { subject: { column: 'subject' } } },
  // Who may do what, and whether a field is tracked at all: the quiet ways to change what gets recorded.
  {
    entity: 'user', table: 'users', created: "event = 'user created'",
    fields: { role: { column: 'role' }, name: { column: 'name' }, active: { column: 'active', words: ['deactivated', 'active'] } },
  },
  {
    entity: 'custom_field', table: 'custom_field_definitions', created: "event = 'custom field defined'", createdField: 'label',
    fields: { label: { column: 'label' }, track_changes: { column: 'track_changes', words: ['off', 'on'] } },
  },
];

function storedSql(f: Field): string {
  if (f.money) return `CAST(r.${f.column} AS TEXT)`;
  if (f.words) return `CASE r.${f.column} WHEN 1 THEN '${f.words[1]}' WHEN 0 THEN '${f.words[0]}' END`;
  return `r.${f.column}`;
}

// Custom field values share the entity and name their field by its label, which
// may well be "address": only the column triggers' events count here.
const COLUMN_EVENTS = "event <> 'custom field updated'";

const show = (v: unknown) => (v === null || v === undefined ? '(empty)' : `"${String(v).slice(0, 60)}"`);

function* fieldDrift(run: StatementRunner, t: Tracked): Generator<Pending, StateProblem[]> {
  const key = t.createdField ? `CASE WHEN ${t.created} AND field IS NULL THEN '${t.createdField}' ELSE field END` : 'field';
  const fields = Object.entries(t.fields);
  const rows = (yield* run.all(`
    WITH newest AS (
      SELECT max(id) AS id, ${key} AS field FROM audit_log
      WHERE entity = ? AND ${COLUMN_EVENTS} AND ${key} IN (${fields.map(() => '?').join(', ')})
      GROUP BY entity_id, ${key})
    SELECT a.entity_id AS id, n.field, a.new_value AS logged, a.new_ref AS loggedRef,
           CASE n.field ${fields.map(([f, c]) => `WHEN '${f}' THEN ${storedSql(c)}`).join(' ')} END AS stored
    FROM newest n JOIN audit_log a ON a.id = n.id JOIN ${t.table} r ON r.id = a.entity_id
    WHERE CASE n.field ${fields.map(([f, c]) => `WHEN '${f}' THEN ${c.ref ? 'a.new_ref' : 'a.new_value'} IS NOT stored`).join(' ')} ELSE 0 END
    ORDER BY a.entity_id, n.field`, [t.entity, ...fields.map(([f]) => f)])) as
    { id: number; field: string; logged: string | null; loggedRef: number | null; stored: unknown }[];
  return rows.map((r) => ({ entity: t.entity, id: r.id, field: r.field,
    message: `${t.entity} ${r.id}: ${r.field} is ${show(r.stored)} but its History ends at ` +
      `${show(t.fields[r.field].ref ? r.loggedRef : r.logged)}: changed without an audit row` }));
}

function* deletionDrift(run: StatementRunner, t: Tracked): Generator<Pending, StateProblem[]> {
  if (!t.softDelete) return [];
  const rows = (yield* run.all(`
    WITH last AS (
      SELECT a.entity_id, a.event FROM audit_log a JOIN (
        SELECT max(id) AS id FROM audit_log WHERE entity = ? AND event IN ('deleted', 'restored') GROUP BY entity_id) m ON m.id = a.id)
    SELECT r.id, r.deleted_at IS NOT NULL AS deleted, l.event AS last
    FROM ${t.table} r LEFT JOIN last l ON l.entity_id = r.id
    WHERE (r.deleted_at IS NOT NULL) IS NOT (coalesce(l.event, 'restored') = 'deleted')
    ORDER BY r.id`, [t.entity])) as { id: number; deleted: number; last: string | null }[];
  const said = (deleted: boolean) => (deleted ? 'deleted' : 'not deleted');
  return rows.map((r) => ({ entity: t.entity, id: r.id, field: 'deleted',
    message: `${t.entity} ${r.id} is ${said(r.deleted === 1)} but its History says ${said(r.last === 'deleted')}: changed without an audit row` }));
}

/**
 * Records without their "created" row, and "created" rows whose record is gone
 * without a "removed" row. Skipped once an archive has moved old rows out of the
 * log (a checkpoint exists): an old record's "created" row is in the archive then.
 */
function* existenceDrift(sqlite: Database.Database, run: StatementRunner, t: Tracked): Generator<Pending, StateProblem[]> {
  if (sqlite.prepare('SELECT 1 FROM audit_checkpoint').get()) return [];
  const unrecorded = (yield* run.all(`
    SELECT id FROM ${t.table} WHERE id NOT IN (SELECT entity_id FROM audit_log WHERE entity = ? AND ${t.created})
    ORDER BY id`, [t.entity], true)) as number[];
  const removed = t.removable ? "AND entity_id NOT IN (SELECT entity_id FROM audit_log WHERE entity = ? AND event = 'removed')" : '';
  const vanished = (yield* run.all(`
    SELECT DISTINCT entity_id FROM audit_log
    WHERE entity = ? AND ${t.created} AND entity_id NOT IN (SELECT id FROM ${t.table}) ${removed}
    ORDER BY entity_id`, t.removable ? [t.entity, t.entity] : [t.entity], true)) as number[];
  return [
    ...unrecorded.map((id) => ({ entity: t.entity, id, field: '',
      message: `${t.entity} ${id} has no "created" row in the History: added without an audit row` })),
    ...vanished.map((id) => ({ entity: t.entity, id, field: '',
      message: `${t.entity} ${id} is gone, but its History does not say it was removed: removed without an audit row` })),
  ];
}

/**
 * Every record whose stored state its audit rows do not explain; yields after each
 * table (see verifyChainInSteps), and while `run` reads elsewhere (see offThread.ts).
 */
export function* checkStateInSteps(sqlite: Database.Database, run: StatementRunner = here(sqlite)): Generator<string | Pending, StateProblem[]> {
  const problems: StateProblem[] = [];
  for (const t of TRACKED) {
    problems.push(...yield* existenceDrift(sqlite, run, t), ...yield* fieldDrift(run, t), ...yield* deletionDrift(run, t));
    yield t.table;
  }
  return problems;
}
