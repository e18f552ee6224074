import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { customFieldDefinitions as defs, customFieldValues as values, CUSTOM_FIELD_TYPES } from '../../db/schema';
import { change, nowIso, type ServiceContext } from './context';
import { AppError, notFound } from './errors';
import { cachedStatement, perConnection } from './statements';

export type CustomFieldEntity = 'booking' | 'customer';
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export interface CustomFieldDefinition {
  id: number;
  entity: CustomFieldEntity;
  label: string;
  type: CustomFieldType;
  trackChanges: boolean;
  /** Holds personal data: cleared when its customer is erased (services/erasure.ts). */
  personal: boolean;
  /** The assigned fieldworker sets it, and records readings of it, on their job card (services/readings.ts). */
  fieldworkerFills: boolean;
  /**
   * While tracking is off: since when (its last "tracking switched off" row, or
   * its definition if it was never tracked). Null while it is tracked.
   */
  untrackedSince: string | null;
}

/** After switching tracking on: how many values changed while it was off, now in the History as such. */
export interface TrackingSwitched extends CustomFieldDefinition {
  changedWhileUntracked: number;
}

/** Values keyed by definition id; null clears a value. */
export type CustomFieldInput = Record<string, string | null>;

// The switch-off row is found through audit_custom_field_rows (0018): a field's own rows are few.
// Columns named in full: drizzle writes them bare, and inside the subquery a bare "id" is the audit row's.
const untrackedSince = sql<string | null>`CASE WHEN custom_field_definitions.track_changes THEN NULL ELSE coalesce(
  (SELECT a.at FROM audit_log a WHERE a.entity = 'custom_field' AND a.entity_id = custom_field_definitions.id
     AND a.event = 'tracking switched off' ORDER BY a.id DESC LIMIT 1), custom_field_definitions.created_at) END`;
const view = {
  id: defs.id,
  entity: defs.entity,
  label: defs.label,
  type: defs.type,
  trackChanges: defs.trackChanges,
  personal: defs.personal,
  fieldworkerFills: defs.fieldworkerFills,
  untrackedSince,
};

export function listDefinitions(db: Db, entity?: CustomFieldEntity): CustomFieldDefinition[] {
  return db.orm
    .select(view)
    .from(defs)
    .where(entity ? eq(defs.entity, entity) : undefined)
    .orderBy(asc(defs.entity), asc(defs.label))
    .all();
}

export function defineField(
  ctx: ServiceContext,
  input: { entity: CustomFieldEntity; label: string; type: CustomFieldType; trackChanges: boolean; personal?: boolean; fieldworkerFills?: boolean },
): CustomFieldDefinition {
  return change(ctx, () => {
    if (input.fieldworkerFills && input.entity !== 'booking') throw onlyBookingFields();
    const clash = ctx.db.orm
      .select({ id: defs.id })
      .from(defs)
      .where(and(eq(defs.entity, input.entity), eq(defs.label, input.label)))
      .get();
    if (clash) throw new AppError('conflict', `A ${input.entity} field called "${input.label}" already exists.`, 'label');
    const { id } = ctx.db.orm
      .insert(defs)
      .values({ ...input, createdAt: nowIso(ctx) })
      .returning({ id: defs.id })
      .get();
    return ctx.db.orm.select(view).from(defs).where(eq(defs.id, id)).get()!;
  });
}

/**
 * Switching tracking is itself audited (0006). Switching it back on also writes,
 * for each record whose value changed meanwhile, a "changed while not tracked"
 * row, and for each record that has the field, the stretch it was "not tracked"
 * (0018): the triggers do it, this counts what they wrote. The window asks before
 * switching off; the call itself is the administrator's decision and is recorded.
 */
export function setTracking(ctx: ServiceContext, input: { id: number; trackChanges: boolean }): TrackingSwitched {
  return change(ctx, () => {
    const found = ctx.db.orm.select(view).from(defs).where(eq(defs.id, input.id)).get();
    if (!found) throw notFound('Custom field', input.id, 'id');
    ctx.db.orm.update(defs).set({ trackChanges: input.trackChanges }).where(eq(defs.id, input.id)).run();
    return { ...ctx.db.orm.select(view).from(defs).where(eq(defs.id, input.id)).get()!, changedWhileUntracked: changedRowsWritten(ctx.db).n };
  });
}

const onlyBookingFields = () =>
  new AppError(
    'invalid_input',
    'Only a booking field can be filled in by the fieldworker: a fieldworker works on bookings, not on customers.',
    'fieldworkerFills',
  );

/** Who fills the field in: the office only, or also the assigned fieldworker on their job card. Audited (0024). */
export function setFieldworkerFills(ctx: ServiceContext, input: { id: number; fieldworkerFills: boolean }): CustomFieldDefinition {
  return change(ctx, () => {
    const found = ctx.db.orm.select(view).from(defs).where(eq(defs.id, input.id)).get();
    if (!found) throw notFound('Custom field', input.id, 'id');
    if (input.fieldworkerFills && found.entity !== 'booking') throw onlyBookingFields();
    ctx.db.orm.update(defs).set({ fieldworkerFills: input.fieldworkerFills }).where(eq(defs.id, input.id)).run();
    return ctx.db.orm.select(view).from(defs).where(eq(defs.id, input.id)).get()!;
  });
}

// This transaction's rows are not sealed yet (audit_unsealed), and carry its tx.
const changedRowsWritten = (db: Db) =>
  cachedStatement(
    db.sqlite,
    `SELECT count(*) AS n FROM audit_log
  WHERE hash IS NULL AND tx = (SELECT tx FROM session_actor WHERE id = 1) AND event = 'changed while not tracked'`,
  ).get() as { n: number };

function checkValue(def: CustomFieldDefinition, value: string): void {
  const field = `customFields.${def.id}`;
  const bad = (what: string) => new AppError('invalid_input', `${def.label} must be ${what}.`, field);
  if (def.type === 'number' && !/^-?\d+(\.\d+)?$/.test(value)) throw bad('a number');
  if (def.type === 'date' && (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))) throw bad('a date (YYYY-MM-DD)');
  if (def.type === 'boolean' && value !== 'true' && value !== 'false') throw bad('true or false');
}

const definition = perConnection((db) =>
  db.orm
    .select(view)
    .from(defs)
    .where(eq(defs.id, sql.placeholder('id')))
    .prepare(),
);

/** Checks every value against its definition before anything is written: call it inside the write's transaction. */
export function validateCustomFields(db: Db, entity: CustomFieldEntity, input: CustomFieldInput): CustomFieldDefinition[] {
  const found: CustomFieldDefinition[] = [];
  for (const [key, v] of Object.entries(input)) {
    const id = Number(key);
    const def = definition(db).get({ id });
    if (!def || def.entity !== entity) {
      throw new AppError('invalid_input', `There is no ${entity} custom field ${id}.`, `customFields.${id}`);
    }
    if (v !== null) checkValue(def, v);
    found.push(def);
  }
  return found;
}

const upsert = perConnection((db) =>
  db.orm
    .insert(values)
    .values({ definitionId: sql.placeholder('definitionId'), entityId: sql.placeholder('entityId'), value: sql.placeholder('value') })
    .onConflictDoUpdate({ target: [values.definitionId, values.entityId], set: { value: sql`excluded.value` } })
    .prepare(),
);

/** Writes values inside the caller's audited transaction; unchanged values write nothing. */
export function writeCustomFields(db: Db, entityId: number, input: CustomFieldInput): void {
  for (const [key, value] of Object.entries(input)) upsert(db).run({ definitionId: Number(key), entityId, value });
}

const valuesOf = perConnection((db) =>
  db.orm
    .select({ id: values.definitionId, value: values.value })
    .from(values)
    .innerJoin(defs, eq(defs.id, values.definitionId))
    .where(and(eq(values.entityId, sql.placeholder('entityId')), eq(defs.entity, sql.placeholder('entity'))))
    .prepare(),
);

export function readCustomFields(db: Db, entity: CustomFieldEntity, entityId: number): Record<string, string | null> {
  const rows = valuesOf(db).all({ entityId, entity });
  return Object.fromEntries(rows.map((r) => [String(r.id), r.value]));
}
