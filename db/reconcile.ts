// Does the state of the records match what their History says? The chain proves
// the log was not edited; this catches the other way round: a record changed
// while its trigger was dropped (and perhaps put back), or a record added or
// removed without a trace. For each tracked column, the newest audit row that
// speaks for it must hold the value stored now. A "created" row written since
// migration 0014 carries every field (field '*', a JSON object), so it speaks for
// every column never changed since. An older "created" row carries one field;
// where no row records a change of a column, the value is then still known when
// that row implies it (the app creates every invoice as a draft) or every row of
// the record carries it (an invoice's customer). A column of such an older record
// never changed since, that its "created" row does not carry or imply, has no
// audit value to compare with, so it is not checked.
import type Database from 'better-sqlite3';
import { CUSTOM_FIELD_EVENTS, customFieldDrift, type UntrackedField } from './customFieldDrift';
import { here, type Pending, type StatementRunner } from './offThread';
import { erasedRowSql } from './erasedRows';

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
 * the cents; `words` ones as the trigger spelt a 0/1 column ([when 0, when 1]);
 * `as` ones as the SQL over the record `r` spells them.
 */
interface Field {
  column: string;
  ref?: boolean;
  money?: boolean;
  words?: [string, string];
  as?: string;
  /**
   * What the record's "created" row implies the field was, when that row does not
   * carry it and no row records a change: SQL over the created row `a`. Only for
   * values the app always creates a record with, or that the row spells otherwise.
   */
  created?: string;
  /** A column of every audit row of the record that carries the field's value at the time: SQL over `a`. */
  every?: string;
  /** How the value a "created" snapshot carries (`v`) is spelt to compare with the stored one, when not as it is. */
  snapshot?: string;
}

interface Tracked {
  entity: string;
  table: string;
  /** SQL over an audit row (alias-free; only its event, the one column of that name in the queries): is it the row written when the record was created? */
  created: string;
  /** audit field → where it is stored */
  fields: Record<string, Field>;
  /** The field a field-less "created" row carries in new_value (a customer's name). */
  createdField?: string;
  /** Soft-deleted with deleted_at, recorded as "deleted" / "restored". */
  softDelete?: boolean;
  /** A hard delete is recorded as "removed" (the purge's records since 0019; users and field definitions have no delete trigger: any removal is unrecorded). */
  removable?: boolean;
}

const TRACKED: Tracked[] = [
  {
    entity: 'booking',
    table: 'bookings',
    created: "event = 'created'",
    softDelete: true,
    removable: true,
    fields: {
      status: { column: 'status' },
      scheduled_start: { column: 'scheduled_start' },
      scheduled_end: { column: 'scheduled_end' },
      address: { column: 'address' },
      service: { column: 'service' },
      price: { column: 'price_cents', money: true },
      // Every row of a booking is tied to its customer: who pays is known from its first row on.
      fieldworker: { column: 'fieldworker_id', ref: true },
      customer: { column: 'customer_id', every: 'a.customer_id' },
      quote: { column: 'quote_id', ref: true },
      // Since 0022; bookings made before it were placed at a property by a "property changed" row at the upgrade.
      property: { column: 'property_id', ref: true },
      unit: { column: 'unit_id', ref: true },
    },
  },
  // Properties and their units (0022): a property's customer changes with a row of its own.
  {
    entity: 'property',
    table: 'properties',
    created: "event = 'created'",
    softDelete: true,
    removable: true,
    fields: {
      name: { column: 'name' },
      address: { column: 'address' },
      access_notes: { column: 'access_notes' },
      customer: { column: 'customer_id', ref: true },
    },
  },
  {
    entity: 'unit',
    table: 'property_units',
    created: "event = 'created'",
    softDelete: true,
    removable: true,
    fields: { name: { column: 'name' }, notes: { column: 'notes' }, property: { column: 'property_id', ref: true } },
  },
  {
    entity: 'customer',
    table: 'customers',
    created: "event = 'created'",
    createdField: 'name',
    softDelete: true,
    removable: true,
    fields: { name: { column: 'name' }, email: { column: 'email' }, phone: { column: 'phone' }, address: { column: 'address' }, notes: { column: 'notes' } },
  },
  // Money: who owes what, for which booking, and where it stands. The app creates
  // invoices and quotes as drafts and payments as pending (services/invoices.ts,
  // quotes.ts, payments.ts), and no trigger records a change of their booking or
  // customer, which every one of their rows carries.
  {
    entity: 'invoice',
    table: 'invoices',
    created: "event = 'invoice created'",
    removable: true,
    fields: {
      amount: { column: 'amount_cents', money: true },
      status: { column: 'status', created: "'draft'" },
      // Since 0017; every invoice before it billed the full price, and no trigger records a change of either.
      purpose: { column: 'purpose', created: "'full'" },
      line: { column: 'line' },
      booking: { column: 'booking_id', every: 'a.booking_id' },
      customer: { column: 'customer_id', every: 'a.customer_id' },
    },
  },
  {
    entity: 'payment',
    table: 'payments',
    created: "(event LIKE 'payment logged%' OR event LIKE 'payment received%')",
    removable: true,
    fields: {
      amount: { column: 'amount_cents', money: true },
      status: { column: 'status', created: "'pending'" },
      // Since 0017 ("payment logged"): kept as logged, no trigger records a change of it.
      overpayment: { column: 'overpayment', words: ['no', 'yes'], created: "'no'" },
      // "payment received (bank transfer)": the method as the created row's event spells it.
      method: { column: 'method', as: "replace(r.method, '_', ' ')", created: 'substr(a.event, 19, length(a.event) - 19)', snapshot: "replace(v, '_', ' ')" },
      // No trigger records a payment moved to another invoice: its snapshot says which one it was made for.
      invoice: { column: 'invoice_id', ref: true },
      booking: { column: 'booking_id', every: 'a.booking_id' },
      customer: { column: 'customer_id', every: 'a.customer_id' },
    },
  },
  {
    entity: 'quote',
    table: 'quotes',
    created: "event = 'quote created'",
    removable: true,
    fields: {
      amount: { column: 'amount_cents', money: true },
      status: { column: 'status', created: "'draft'" },
      customer: { column: 'customer_id', every: 'a.customer_id' },
      // Since 0022: what it is for and the customer's answer.
      property: { column: 'property_id', ref: true },
      channel: { column: 'decision_channel' },
      decided_by: { column: 'decided_by' },
      decided_at: { column: 'decided_at' },
    },
  },
  { entity: 'note', table: 'notes', created: "event = 'note added'", removable: true, fields: { note: { column: 'body' } } },
  // A visit's time-in or time-out (0023): its recorded row carries the time under its kind's name, which a
  // correction's rows use too; the booking is on every row. Both kinds' names map to the one column.
  {
    entity: 'visit_time',
    table: 'visit_times',
    created: "event LIKE 'time-% recorded%'",
    removable: true,
    fields: {
      time_in: { column: 'at' },
      time_out: { column: 'at' },
      fieldworker: { column: 'fieldworker_id', ref: true },
      booking: { column: 'booking_id', every: 'a.booking_id' },
    },
  },
  { entity: 'inquiry', table: 'inquiries', created: "event = 'inquiry received'", removable: true, fields: { subject: { column: 'subject' } } },
  // Who may do what, and whether a field is tracked at all: the quiet ways to change what gets recorded.
  // A user signs in by name, and every user row's label is the name as it was; users are created active.
  {
    entity: 'user',
    table: 'users',
    created: "event = 'user created'",
    fields: {
      role: { column: 'role' },
      name: { column: 'name', every: 'a.label' },
      active: { column: 'active', words: ['deactivated', 'active'], created: "'active'" },
    },
  },
  {
    entity: 'custom_field',
    table: 'custom_field_definitions',
    created: "event = 'custom field defined'",
    createdField: 'label',
    fields: {
      label: { column: 'label' },
      track_changes: { column: 'track_changes', words: ['off', 'on'] },
      // Since 0021, never changed by the app: switched off behind its back, an erasure would leave the field's values.
      personal: { column: 'personal', words: ['no', 'yes'], created: "'no'" },
      // Since 0024: who may write the field. Fields defined before it were the office's.
      fieldworker_fills: { column: 'fieldworker_fills', words: ['off', 'on'], created: "'off'" },
    },
  },
  // Equipment and its readings (0024): the warranty-dispute evidence. The app never moves a unit or a reading.
  {
    entity: 'equipment',
    table: 'equipment',
    created: "event = 'equipment added'",
    removable: true,
    fields: {
      kind: { column: 'kind' },
      make_model: { column: 'make_model' },
      serial_number: { column: 'serial_number' },
      installed_on: { column: 'installed_on' },
      warranty_until: { column: 'warranty_until' },
      property: { column: 'property_id', ref: true },
    },
  },
  {
    entity: 'reading',
    table: 'readings',
    created: "event = 'reading recorded'",
    removable: true,
    fields: {
      value: { column: 'value' },
      note: { column: 'note' },
      taken_at: { column: 'taken_at' },
      equipment: { column: 'equipment_id', ref: true },
      reading: { column: 'definition_id', ref: true },
      booking: { column: 'booking_id', every: 'a.booking_id' },
    },
  },
];

function storedSql(f: Field): string {
  if (f.as) return f.as;
  if (f.money) return `CAST(r.${f.column} AS TEXT)`;
  if (f.words) return `CASE r.${f.column} WHEN 1 THEN '${f.words[1]}' WHEN 0 THEN '${f.words[0]}' END`;
  return `r.${f.column}`;
}

// Custom field values share the entity and name their field by its label, which
// may well be "address": only the column triggers' events count here (custom
// values are checked by customFieldDrift.ts; a "not tracked" row carries times).
const COLUMN_EVENTS = `a.event NOT IN ${CUSTOM_FIELD_EVENTS}`;

const show = (v: unknown) => (v === null || v === undefined ? '(empty)' : `"${String(v).slice(0, 60)}"`);

/** SQL over an audit row `a`: the field it records a change of (a field-less "created" row may carry one). */
const fieldOf = (t: Tracked) => (t.createdField ? `CASE WHEN ${t.created} AND a.field IS NULL THEN '${t.createdField}' ELSE a.field END` : 'a.field');

/** A "created" row that carries every field (migration 0014). */
const SNAPSHOT = "a.field = '*' AND json_valid(a.new_value)";
/** SQL over `a`: the value a snapshot carries for the field, as the update rows would hold it (the id, for a reference). */
function snapshotSql(name: string, f: Field): string {
  const v = `json_extract(a.new_value, '$.${name}${f.ref ? '_ref' : ''}')`;
  return f.snapshot ? f.snapshot.replace(/\bv\b/g, v) : v;
}
/** SQL over `a`: whether its snapshot carries the field (json_type is NULL only for a missing key; a JSON null is a value). */
const carriesSql = (name: string, f: Field) => `json_type(a.new_value, '$.${name}${f.ref ? '_ref' : ''}') IS NOT NULL`;

/** The value a chosen row says the field has: its own new value, else what its snapshot carries, or what it implies. */
function loggedSql(t: Tracked, name: string, f: Field): string {
  const own = f.ref ? 'a.new_ref' : 'a.new_value';
  if (f.every) return f.every;
  return `CASE WHEN ${SNAPSHOT} AND ${carriesSql(name, f)} THEN ${snapshotSql(name, f)} WHEN ${fieldOf(t)} = '${name}' THEN ${own} ELSE ${f.created ?? 'NULL'} END`;
}

/** `erased`: SQL over `a`, true for an erased row (erasedRows.ts): its record's value has nothing left to be compared with. */
function* fieldDrift(run: StatementRunner, t: Tracked, erased: string): Generator<Pending, StateProblem[]> {
  const fields = Object.entries(t.fields);
  // Which rows speak for each field: a change of it, the created row where it
  // carries or implies it, or every row where every row carries it. The newest one counts.
  const speaks = fields
    .map(([name, f]) => `SELECT '${name}' AS name, ${f.every ? 1 : 0} AS every, ${f.created ? 1 : 0} AS created, ${f.ref ? 1 : 0} AS ref`)
    .join(' UNION ALL ');
  const carries = `json_type(a.new_value, '$.' || f.name || CASE WHEN f.ref THEN '_ref' ELSE '' END) IS NOT NULL`;
  const rows = (yield* run.all(
    `
    WITH f AS (${speaks}),
    newest AS (
      SELECT max(a.id) AS id, f.name AS field FROM audit_log a JOIN f
        ON f.every OR f.name = ${fieldOf(t)} OR (f.created AND ${t.created})
          OR (${t.created} AND ${SNAPSHOT} AND ${carries})
      WHERE a.entity = ? AND ${COLUMN_EVENTS}
      GROUP BY a.entity_id, f.name),
    compared AS (
      SELECT a.entity_id AS id, n.field, ${fieldOf(t)} IS NOT n.field AS implied,
             CASE n.field ${fields.map(([name, f]) => `WHEN '${name}' THEN ${loggedSql(t, name, f)}`).join(' ')} END AS logged,
             CASE n.field ${fields.map(([name, f]) => `WHEN '${name}' THEN ${storedSql(f)}`).join(' ')} END AS stored,
             ${erased} AS erased
      FROM newest n JOIN audit_log a ON a.id = n.id JOIN ${t.table} r ON r.id = a.entity_id)
    SELECT id, field, implied, logged, stored FROM compared WHERE logged IS NOT stored AND NOT erased
    ORDER BY id, field`,
    [t.entity],
  )) as { id: number; field: string; implied: number; logged: unknown; stored: unknown }[];
  return rows.map((r) => {
    const f = t.fields[r.field];
    const history = !r.implied
      ? `its History ends at ${show(r.logged)}`
      : f.every
        ? `its History's newest row has ${show(r.logged)}`
        : `its History records no change since it was created ${show(r.logged)}`;
    return {
      entity: t.entity,
      id: r.id,
      field: r.field,
      message: `${t.entity} ${r.id}: ${r.field} is ${show(r.stored)} but ${history}: changed without an audit row`,
    };
  });
}

function* deletionDrift(run: StatementRunner, t: Tracked): Generator<Pending, StateProblem[]> {
  if (!t.softDelete) return [];
  const rows = (yield* run.all(
    `
    WITH last AS (
      SELECT a.entity_id, a.event FROM audit_log a JOIN (
        SELECT max(id) AS id FROM audit_log WHERE entity = ? AND event IN ('deleted', 'restored') GROUP BY entity_id) m ON m.id = a.id)
    SELECT r.id, r.deleted_at IS NOT NULL AS deleted, l.event AS last
    FROM ${t.table} r LEFT JOIN last l ON l.entity_id = r.id
    WHERE (r.deleted_at IS NOT NULL) IS NOT (coalesce(l.event, 'restored') = 'deleted')
      -- After an archive (a checkpoint) a record deleted long ago may have its "deleted" row in the archive.
      AND (l.event IS NOT NULL OR NOT EXISTS (SELECT 1 FROM audit_checkpoint))
    ORDER BY r.id`,
    [t.entity],
  )) as { id: number; deleted: number; last: string | null }[];
  const said = (deleted: boolean) => (deleted ? 'deleted' : 'not deleted');
  return rows.map((r) => ({
    entity: t.entity,
    id: r.id,
    field: 'deleted',
    message: `${t.entity} ${r.id} is ${said(r.deleted === 1)} but its History says ${said(r.last === 'deleted')}: changed without an audit row`,
  }));
}

/**
 * Records without their "created" row, and "created" rows whose record is gone
 * without a "removed" row. Skipped once an archive has moved old rows out of the
 * log (a checkpoint exists): an old record's "created" row is in the archive then.
 */
function* existenceDrift(sqlite: Database.Database, run: StatementRunner, t: Tracked): Generator<Pending, StateProblem[]> {
  if (sqlite.prepare('SELECT 1 FROM audit_checkpoint').get()) return [];
  const unrecorded = (yield* run.all(
    `
    SELECT id FROM ${t.table} WHERE id NOT IN (SELECT entity_id FROM audit_log WHERE entity = ? AND ${t.created})
    ORDER BY id`,
    [t.entity],
    true,
  )) as number[];
  const removed = t.removable ? "AND entity_id NOT IN (SELECT entity_id FROM audit_log WHERE entity = ? AND event = 'removed')" : '';
  const vanished = (yield* run.all(
    `
    SELECT DISTINCT entity_id FROM audit_log
    WHERE entity = ? AND ${t.created} AND entity_id NOT IN (SELECT id FROM ${t.table}) ${removed}
    ORDER BY entity_id`,
    t.removable ? [t.entity, t.entity] : [t.entity],
    true,
  )) as number[];
  return [
    ...unrecorded.map((id) => ({
      entity: t.entity,
      id,
      field: '',
      message: `${t.entity} ${id} has no "created" row in the History: added without an audit row`,
    })),
    ...vanished.map((id) => ({
      entity: t.entity,
      id,
      field: '',
      message: `${t.entity} ${id} is gone, but its History does not say it was removed: removed without an audit row`,
    })),
  ];
}

export interface StateCheck {
  problems: StateProblem[];
  /** Custom fields not tracked now: information, not problems (customFieldDrift.ts). */
  untracked: UntrackedField[];
}

/**
 * The fields whose column the file has. A file this version only reads (a backup,
 * a file opened query-only, never migrated) may predate a column (an invoice's
 * purpose, 0017): its records cannot have changed it, so there is nothing to compare.
 */
function inFile(sqlite: Database.Database, t: Tracked): Tracked {
  const columns = new Set((sqlite.prepare(`PRAGMA table_info("${t.table}")`).all() as { name: string }[]).map((c) => c.name));
  return { ...t, fields: Object.fromEntries(Object.entries(t.fields).filter(([, f]) => columns.has(f.column))) };
}

/**
 * Every record whose stored state its audit rows do not explain; yields after each
 * table (see verifyChainInSteps), and while `run` reads elsewhere (see offThread.ts).
 */
export function* checkStateInSteps(sqlite: Database.Database, run: StatementRunner = here(sqlite)): Generator<string | Pending, StateCheck> {
  const problems: StateProblem[] = [];
  const erased = erasedRowSql(sqlite);
  // A table the file does not have yet (a file read, never migrated, from before visit times) has nothing to compare.
  for (const t of TRACKED.map((x) => inFile(sqlite, x)).filter((x) => Object.keys(x.fields).length > 0)) {
    problems.push(...(yield* existenceDrift(sqlite, run, t)), ...(yield* fieldDrift(run, t, erased)), ...(yield* deletionDrift(run, t)));
    yield t.table;
  }
  const custom = yield* customFieldDrift(sqlite, run);
  yield 'custom_field_values';
  return { problems: [...problems, ...custom.problems], untracked: custom.untracked };
}
