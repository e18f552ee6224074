// Custom field values against their History, for the records check (reconcile.ts).
// A value is not a column of its record: it is a row of custom_field_values, and
// its audit rows name the field by its label as it was (0006). For each value of
// a field, the newest row that recorded one ("custom field updated", or "changed
// while not tracked" when tracking resumed, 0018) must hold the value stored now.
//   - tracked now: a difference is a change made without an audit row;
//   - not tracked now: a difference is what switching tracking off allows, so it is
//     information (how many values the History does not hold), not tampering; the
//     rows that say so are written when tracking is switched on again.
import type Database from 'better-sqlite3';
import type { Pending, StatementRunner } from './offThread';
import type { StateProblem } from './reconcile';
import { erasedRowSql } from './erasedRows';

/** A field not tracked now, and how many of its values its records' History does not hold. */
export interface UntrackedField {
  id: number;
  entity: string;
  label: string;
  /** Its last "tracking switched off" row's time, or its definition's when it was never tracked. */
  since: string;
  neverTracked: boolean;
  /** Values that differ from the last one their record's History recorded (or that it never recorded). */
  unrecorded: number;
}

export interface CustomFieldCheck {
  problems: StateProblem[];
  untracked: UntrackedField[];
}

/** The events whose rows record a custom field's value (SQL list). */
const VALUE_EVENTS = "('custom field updated', 'changed while not tracked')";
/** Every event of a row about a custom field of a record (SQL list): "not tracked" carries the stretch's times. */
export const CUSTOM_FIELD_EVENTS = "('custom field updated', 'changed while not tracked', 'not tracked')";

// Every label a field has had: its own, and each a rename row says it had. The
// pairs compared are the stored values, and the values a History holds whose
// row was removed from custom_field_values (the app never removes one).
const DRIFT = `
  WITH labels AS (
    SELECT id AS def, entity, label FROM custom_field_definitions
    UNION SELECT d.id, d.entity, a.old_value FROM audit_log a JOIN custom_field_definitions d ON d.id = a.entity_id
    WHERE a.entity = 'custom_field' AND a.event = 'custom field renamed'),
  newest AS (
    SELECT l.def, a.entity_id AS eid, max(a.id) AS id FROM audit_log a JOIN labels l ON l.entity = a.entity AND l.label = a.field
    WHERE a.event IN ${VALUE_EVENTS} GROUP BY l.def, a.entity_id),
  pairs AS (
    SELECT definition_id AS def, entity_id AS eid, value, 1 AS stored FROM custom_field_values
    UNION ALL SELECT n.def, n.eid, NULL, 0 FROM newest n
    WHERE NOT EXISTS (SELECT 1 FROM custom_field_values v WHERE v.definition_id = n.def AND v.entity_id = n.eid))
  SELECT d.id AS def, d.entity, d.label, d.track_changes AS tracked, p.eid, p.value, p.stored,
         n.id IS NOT NULL AS recorded, a.new_value AS logged
  FROM pairs p JOIN custom_field_definitions d ON d.id = p.def
  LEFT JOIN newest n ON n.def = p.def AND n.eid = p.eid LEFT JOIN audit_log a ON a.id = n.id
  WHERE p.value IS NOT a.new_value AND NOT coalesce(/* erased */ 0, 0)
  ORDER BY d.id, p.eid`;

interface Drift {
  def: number;
  entity: string;
  label: string;
  tracked: number;
  eid: number;
  value: string | null;
  stored: number;
  recorded: number;
  logged: string | null;
}

const show = (v: string | null) => (v === null ? '(empty)' : `"${v.slice(0, 60)}"`);

export function* customFieldDrift(sqlite: Database.Database, run: StatementRunner): Generator<Pending, CustomFieldCheck> {
  // A table dropped is the schema check's to name; there is nothing here to compare then.
  const tables = sqlite
    .prepare(
      `SELECT count(*) FROM sqlite_master WHERE type = 'table'
    AND name IN ('custom_field_definitions', 'custom_field_values')`,
    )
    .pluck()
    .get() as number;
  if (tables < 2) return { problems: [], untracked: [] };
  // A value whose newest row was erased (erasedRows.ts) has nothing left to be compared with.
  const rows = (yield* run.all(DRIFT.replace('/* erased */ 0', erasedRowSql(sqlite)), [])) as Drift[];
  // After an archive (a checkpoint), a value recorded long ago may be in the archive, not here.
  const archived = sqlite.prepare('SELECT 1 FROM audit_checkpoint').get() !== undefined;
  const problems: StateProblem[] = [];
  const counts = new Map<number, number>();
  for (const r of rows) {
    if (!r.tracked) {
      counts.set(r.def, (counts.get(r.def) ?? 0) + 1);
      continue;
    }
    if (!r.recorded && archived) continue;
    const now = r.stored ? `is ${show(r.value)}` : 'has no value row';
    const history = r.recorded ? `its History ends at ${show(r.logged)}` : 'its History records no value';
    problems.push({
      entity: r.entity,
      id: r.eid,
      field: r.label,
      message: `${r.entity} ${r.eid}: custom field "${r.label}" ${now} but ${history}: changed without an audit row`,
    });
  }
  return { problems, untracked: untrackedFields(sqlite, counts) };
}

function untrackedFields(sqlite: Database.Database, counts: Map<number, number>): UntrackedField[] {
  // audit_custom_field_rows (0018) finds a field's own rows; a file from before it reads them from the log.
  const rows = sqlite
    .prepare(
      `
    SELECT d.id, d.entity, d.label, off.at AS offAt, d.created_at AS createdAt
    FROM custom_field_definitions d LEFT JOIN audit_log off ON off.id = (
      SELECT max(a.id) FROM audit_log a WHERE a.entity = 'custom_field' AND a.entity_id = d.id AND a.event = 'tracking switched off')
    WHERE d.track_changes = 0 ORDER BY d.entity, d.label`,
    )
    .all() as { id: number; entity: string; label: string; offAt: string | null; createdAt: string }[];
  return rows.map((d) => ({
    id: d.id,
    entity: d.entity,
    label: d.label,
    since: d.offAt ?? d.createdAt,
    neverTracked: d.offAt === null,
    unrecorded: counts.get(d.id) ?? 0,
  }));
}

/** One line for a person: "booking field "Gate code" not tracked since 2026-01-10 10:02 UTC: 3 values changed since are not in the History". */
export function untrackedText(f: UntrackedField): string {
  const when = `${f.since.slice(0, 16).replace('T', ' ')} UTC`;
  const since = f.neverTracked ? `not tracked since it was defined (${when})` : `not tracked since ${when}`;
  const values =
    f.unrecorded === 0
      ? 'no value differs from its History'
      : `${f.unrecorded} ${f.unrecorded === 1 ? 'value' : 'values'} ${f.neverTracked ? '' : 'changed since '}${f.unrecorded === 1 ? 'is' : 'are'} not in the History`;
  return `${f.entity} field "${f.label}" ${since}: ${values}`;
}
