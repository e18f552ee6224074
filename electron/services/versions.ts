// No lost update (issue 15): a form's save carries the version of the record it
// was opened with, and the main process refuses it, inside the save's own write
// transaction, when someone changed the record since; the refusal says who, when,
// which fields, old → new. "Save mine anyway" sends the version it has now seen
// with override, and every audit row of the save then says whose change it overrode.
//
// The version is an audit row id: the newest row of the record's History (the
// booking_id / customer_id index, read from its end). Not updatedAt: a change to a
// custom field alone or one made outside the app with a SQLite tool does not move
// it, and two saves within one millisecond share it; every audited change writes
// rows with ids larger than any before, whoever made it. It is a watermark: rows
// that belong to the History without being the record's own (a payment, a note, one
// of a customer's bookings) move it too, but only the record's own rows after it
// make a save stale, so paying an invoice does not get in the way of a price edit.
//
// Any change of the record's own since the form opened refuses the save, even one
// to fields the save does not touch: the form showed the old values beside the ones
// typed (a price for a service, a time for a fieldworker), and the person decided on
// them. Saving anyway writes only the fields they edited; the other fields keep the
// newer change. An untracked custom field writes no row, so changing one alone does
// not make a form stale: it is, by the field's own setting, not worth recording.
import type { Db } from '../../db/open';
import { formatWhenZoned } from '../../renderer/zonedTime';
import { afterText, beforeText, fieldLabel, madeOutside, WHOLE_RECORD_FIELD } from '../../renderer/history/readable';
import { humanize } from '../../renderer/format';
import { change, type ServiceContext } from './context';
import { AppError } from './errors';
import type { Reason } from './reasons';
import { cachedStatement } from './statements';

export type VersionedEntity = 'booking' | 'customer';

/** What an edit says about the record it was made on. */
export interface EditVersion {
  /** The record's version when the form was opened (bookings.get / customers.get return it). */
  version?: number;
  /** Save even over the changes up to `version`, which the person has been shown. */
  override?: boolean;
}

/** One field of a change made since the form was opened, as its audit row has it. */
export interface StaleField {
  /** The audit row's field: "price", "scheduled_start", a custom field's label; null for a whole-record event. */
  field: string | null;
  /** The field in the History's words: "Price", "Start". */
  label: string;
  event: string;
  oldValue: string | null;
  newValue: string | null;
  /** Whether the refused save writes this field too (theirs would be overwritten). */
  clash: boolean;
}

/** One save of someone else's (one transaction), newest last. */
export interface StaleChange {
  auditId: number;
  at: string;
  actorName: string;
  outside: boolean;
  fields: StaleField[];
}

/** What a refused stale save carries to the form. */
export interface StaleEdit {
  entity: VersionedEntity;
  id: number;
  /** The version now: what "Save mine anyway" sends back with override. */
  version: number;
  changes: StaleChange[];
}

const OWNER_COLUMN = { booking: 'booking_id', customer: 'customer_id' } as const;
const TABLE = { booking: 'bookings', customer: 'customers' } as const;

/** The form's audit field for each field a save may send: the same names the History rows carry. */
const AUDIT_FIELD: Record<string, string> = {
  customerId: 'customer',
  fieldworkerId: 'fieldworker',
  quoteId: 'quote',
  priceCents: 'price',
  scheduledStart: 'scheduled_start',
  scheduledEnd: 'scheduled_end',
};

/** The record's version: read it before the record, so that a change landing in between can only refuse a save, never let one through. */
export function versionOf(db: Db, entity: VersionedEntity, id: number): number {
  const c = OWNER_COLUMN[entity];
  const r = cachedStatement(db.sqlite, `SELECT max(id) AS v FROM audit_log WHERE ${c} = ?`).get(id) as { v: number | null };
  return r.v ?? 0;
}

interface Row {
  id: number;
  at: string;
  actor_id: number | null;
  actor_name: string;
  origin: string | null;
  tx: number | null;
  field: string | null;
  event: string;
  old_value: string | null;
  new_value: string | null;
}

/** Few enough to read: a form refused after a hundred changes is reloaded, not reviewed. */
const SHOWN = 50;

function ownRows(db: Db, entity: VersionedEntity, id: number, after: number): Row[] {
  const c = OWNER_COLUMN[entity];
  return cachedStatement(
    db.sqlite,
    `SELECT id, at, actor_id, actor_name, origin, tx, field, event, old_value, new_value
    FROM audit_log WHERE ${c} = ? AND entity = ? AND id > ? ORDER BY id LIMIT ${SHOWN}`,
  ).all(id, entity, after) as Row[];
}

/** The audit fields a save writes: its form fields, and its custom fields by the labels their rows carry. */
function writtenFields(db: Db, patch: Record<string, unknown>): Set<string> {
  const { customFields, ...fields } = patch as { customFields?: Record<string, unknown> } & Record<string, unknown>;
  const names = Object.keys(fields)
    .filter((k) => fields[k] !== undefined)
    .map((k) => AUDIT_FIELD[k] ?? k);
  const label = cachedStatement(db.sqlite, 'SELECT label FROM custom_field_definitions WHERE id = ?');
  for (const key of Object.keys(customFields ?? {})) {
    const d = label.get(Number(key)) as { label: string } | undefined;
    if (d) names.push(d.label);
  }
  return new Set(names);
}

/** The rows since `version`, one change per transaction. */
function changesSince(db: Db, entity: VersionedEntity, id: number, version: number, writes: Set<string>): StaleChange[] {
  const changes: StaleChange[] = [];
  let last: { tx: number | null; change: StaleChange } | null = null;
  for (const r of ownRows(db, entity, id, version)) {
    const whole = r.field === null || r.field === WHOLE_RECORD_FIELD;
    const field: StaleField = {
      field: r.field,
      label: whole ? humanize(r.event) : fieldLabel(r.field!),
      event: r.event,
      oldValue: r.old_value,
      newValue: r.new_value,
      clash: r.field !== null && writes.has(r.field),
    };
    if (last && r.tx !== null && last.tx === r.tx) {
      last.change.fields.push(field);
      continue;
    }
    const made: StaleChange = {
      auditId: r.id,
      at: r.at,
      actorName: r.actor_name,
      outside: madeOutside({ origin: r.origin, actorId: r.actor_id }),
      fields: [field],
    };
    changes.push(made);
    last = { tx: r.tx, change: made };
  }
  return changes;
}

const who = (c: StaleChange) => (c.outside ? 'Someone outside JobTrail' : c.actorName);
const fieldWords = (f: StaleField) =>
  f.oldValue === null && f.newValue === null ? f.label : `${f.label} ${beforeText(f)} → ${afterText(f)}`.replace(/\s+/g, ' ');

/** "Leah Okafor changed this booking at Jan 15, 2026, 10:02:13 AM CST (Price $120.00 → $140.00) after you opened it." */
export function staleMessage(s: StaleEdit): string {
  const [first, ...more] = s.changes;
  const rest = more.length ? `, and ${more.length} more change${more.length === 1 ? '' : 's'} followed` : '';
  return (
    `${who(first)} changed this ${s.entity} at ${formatWhenZoned(first.at)} (${first.fields.map(fieldWords).join('; ')})` +
    ` after you opened it${rest}. Nothing was saved: review their change, or save yours over it.`
  );
}

/** Refuses the save when the record has rows newer than the version the form was opened with. */
function assertFresh(db: Db, entity: VersionedEntity, id: number, version: number, patch: Record<string, unknown>): void {
  // A deleted (or missing) record is refused by the edit's own check, in its own words: there is nothing to save over.
  const live = cachedStatement(db.sqlite, `SELECT deleted_at FROM ${TABLE[entity]} WHERE id = ?`).get(id) as { deleted_at: string | null } | undefined;
  if (!live || live.deleted_at !== null) return;
  const changes = changesSince(db, entity, id, version, writtenFields(db, patch));
  if (!changes.length) return;
  const staleEdit: StaleEdit = { entity, id, version: versionOf(db, entity, id), changes };
  throw new AppError('conflict', staleMessage(staleEdit), 'version', { staleEdit });
}

/**
 * Why a save made over a newer change is made: the newest change of the record's
 * own up to the version the person has seen, by whom and when. Rows up to that
 * version never change, so reading them before the transaction opens reads what
 * it would read inside. A reason the save already carries (who asked for a new
 * time, why a price changed) is kept, with the override added to its note.
 */
function overrideReason(ctx: ServiceContext, entity: VersionedEntity, id: number, version: number): Reason {
  const c = OWNER_COLUMN[entity];
  const r = cachedStatement(
    ctx.db.sqlite,
    `SELECT at, actor_id, actor_name, origin FROM audit_log
    WHERE ${c} = ? AND entity = ? AND id <= ? ORDER BY id DESC LIMIT 1`,
  ).get(id, entity, version) as Row | undefined;
  const over = r
    ? `over ${madeOutside({ origin: r.origin, actorId: r.actor_id }) ? 'a change made outside JobTrail' : `${r.actor_name}’s change`} of ${formatWhenZoned(r.at)}`
    : 'over a newer change';
  if (!ctx.reason) return { code: 'override', note: over };
  return { code: ctx.reason.code, note: ctx.reason.note ? `${ctx.reason.note}; saved ${over}` : `saved ${over}` };
}

/**
 * Runs an edit of one record as one audited change, refused as stale when `edit`
 * names a version older than the record's newest change. Without a version (the
 * command line, tests, an import: none of them show a form) the edit is not checked.
 */
export function versionedChange<T>(
  ctx: ServiceContext,
  entity: VersionedEntity,
  id: number,
  edit: EditVersion,
  patch: Record<string, unknown>,
  fn: (ctx: ServiceContext) => T,
): T {
  const { version, override } = edit;
  if (override && version === undefined) {
    throw new AppError('invalid_input', 'version: saving over a newer change must say which version you have seen', 'version');
  }
  const inner = override && version !== undefined ? { ...ctx, reason: overrideReason(ctx, entity, id, version) } : ctx;
  return change(inner, () => {
    if (version !== undefined) assertFresh(inner.db, entity, id, version, patch);
    return fn(inner);
  });
}
