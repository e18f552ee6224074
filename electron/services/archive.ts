// The archive step: the one way audit rows leave the log (migration 0020). The
// rows written before a date, whole transactions only, go to a file first (one
// read transaction), the file is verified on its own, and only then, in one
// audited write transaction: the checkpoint moves to the last archived row, the
// rows and their search-index entries are deleted, and an "archived" row records
// who did it, which file and how many rows (its new value is the checkpoint's row,
// which the integrity check asks of any checkpoint: db/integrity.ts). Until that
// transaction the log is untouched, and a cancel or a failure removes the file.
import { basename } from 'node:path';
import { rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { audited, type Actor } from '../../db/actor';
import { GENESIS } from '../../db/chain';
import { ArchiveStopped, verifyArchive, writeArchive, type ArchiveHeader, type ArchiveReport } from '../../db/archiveFile';
import { AppError } from './errors';

/** Which rows an archive before a date would take: the rows after the checkpoint up to lastId. */
export interface ArchivePlan {
  afterId: number;
  fromHash: Buffer;
  lastId: number;
  rows: number;
}

/** The actor of an archive made from the command line, where nobody signs in. */
export const COMMAND_LINE_ACTOR: Actor = { id: null, name: 'JobTrail' };

const n = (x: number) => x.toLocaleString('en');

/**
 * The rows an archive before `before` takes: from the checkpoint on, every row up
 * to the first one written at or after the date, and only sealed rows; a
 * transaction the date falls inside stays whole in the log. Null when no row
 * qualifies.
 */
export function planArchive(sqlite: Database.Database, before: string): ArchivePlan | null {
  const checkpoint = sqlite.prepare('SELECT last_id AS id, last_hash AS hash FROM audit_checkpoint WHERE id = 1').get() as
    { id: number; hash: Buffer } | undefined;
  const afterId = checkpoint?.id ?? 0;
  const lastSealed = (sqlite.prepare('SELECT max(id) FROM audit_log WHERE hash IS NOT NULL').pluck().get() as number | null) ?? 0;
  const firstKept = sqlite.prepare('SELECT min(id) FROM audit_log WHERE at >= ? AND id > ?').pluck().get(before, afterId) as number | null;
  let lastId = Math.min(lastSealed, (firstKept ?? Infinity) - 1);
  const txOf = sqlite.prepare('SELECT tx FROM audit_log WHERE id = ?').pluck();
  const next = txOf.get(lastId + 1) as number | null | undefined;
  if (lastId > afterId && next !== null && next !== undefined && txOf.get(lastId) === next) {
    // Back to the last row of an earlier transaction: a transaction's rows are consecutive (it held the write lock).
    lastId =
      (sqlite.prepare('SELECT max(id) FROM audit_log WHERE id > ? AND id <= ? AND tx IS NOT ?').pluck().get(afterId, lastId, next) as number | null) ?? afterId;
  }
  if (lastId <= afterId) return null;
  const rows = sqlite.prepare('SELECT count(*) FROM audit_log WHERE id > ? AND id <= ?').pluck().get(afterId, lastId) as number;
  return { afterId, fromHash: checkpoint?.hash ?? GENESIS, lastId, rows };
}

export interface ArchiveOptions {
  /** Rows written before this instant (ISO) are archived. */
  before: string;
  /** Where the archive is written (it must not exist yet). */
  file: string;
  /** The clock: the date must not be in the future, and the archive is stamped with it. */
  now?: () => Date;
  onProgress?(phase: ArchivePhase, done: number, total: number | null): void;
  /** Asked between steps until the write transaction: true stops, removing the file. */
  shouldStop?(): boolean;
}

export type ArchivePhase = 'Writing the archive' | 'Checking the archive' | 'Moving the rows out of the log';

export interface ArchiveResult {
  file: string;
  fileName: string;
  rows: number;
  firstId: number;
  lastId: number;
  /** The hash the checkpoint now holds (hex). */
  lastHash: string;
  /** The "archived" audit row. */
  auditRow: number;
  before: string;
}

/**
 * Archives the rows written before `options.before` out of `sqlite`'s log as
 * `actor`. `sqlite` is a connection of its own (a job's, or the command line's):
 * the file is written and checked in its read transaction and on its thread.
 */
export async function archiveHistory(sqlite: Database.Database, actor: Actor, options: ArchiveOptions): Promise<ArchiveResult> {
  const now = (options.now ?? (() => new Date()))();
  const before = new Date(options.before);
  if (Number.isNaN(before.getTime())) throw new AppError('invalid_input', `"${options.before}" is not a date.`, 'before');
  if (before > now) throw new AppError('invalid_input', 'The date must not be in the future: only History already written can be archived.', 'before');
  const stop = () => {
    if (options.shouldStop?.()) throw new ArchiveStopped();
  };
  const plan = planArchive(sqlite, before.toISOString());
  if (!plan)
    throw new AppError('conflict', `No History written before ${before.toISOString().slice(0, 10)} is left in the log: there is nothing to archive.`, 'before');
  let header: ArchiveHeader;
  try {
    header = writeArchive(sqlite, plan, options.file, {
      now: () => now,
      shouldStop: options.shouldStop,
      onRows: (done, total) => options.onProgress?.('Writing the archive', done, total),
    });
    stop();
    const check = await verifyArchive(options.file, {
      shouldStop: options.shouldStop,
      onRows: (done) => options.onProgress?.('Checking the archive', done, plan.rows),
    });
    if (!check.ok) throw new Error(`The archive just written does not verify (${problemOf(check)}): nothing was moved out of the log.`);
    stop();
  } catch (e) {
    rmSync(options.file, { force: true });
    throw e;
  }
  options.onProgress?.('Moving the rows out of the log', 0, null);
  try {
    const auditRow = moveOut(sqlite, actor, header, basename(options.file), now);
    return {
      file: options.file,
      fileName: basename(options.file),
      rows: header.rows,
      firstId: header.firstId,
      lastId: header.lastId,
      lastHash: header.lastHash,
      auditRow,
      before: before.toISOString(),
    };
  } catch (e) {
    // Rows still in the log: a file claiming them would only mislead. Rows gone (a failure after the commit): the file is where they are.
    const moved = sqlite.prepare('SELECT last_id FROM audit_checkpoint WHERE id = 1').pluck().get() === header.lastId;
    if (!moved) rmSync(options.file, { force: true });
    throw e;
  }
}

const problemOf = (r: ArchiveReport) => (r.firstBroken ? `row ${r.firstBroken.id}: ${r.firstBroken.problem}` : 'unknown');

/** The one write transaction: checkpoint, the keys' arrival carried over, the "archived" row, the rows and their index entries out. */
function moveOut(sqlite: Database.Database, actor: Actor, h: ArchiveHeader, fileName: string, now: Date): number {
  return audited(sqlite, actor, () => {
    const checkpoint = sqlite.prepare('SELECT last_id AS id FROM audit_checkpoint WHERE id = 1').get() as { id: number } | undefined;
    if ((checkpoint?.id ?? 0) !== h.firstId - 1 && h.rows > 0) {
      throw new AppError('conflict', 'Another archive moved History out of the log meanwhile: archive again to take what is left.');
    }
    const last = sqlite.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck().get(h.lastId) as Buffer | undefined;
    if (!last || last.toString('hex') !== h.lastHash) throw new Error(`Row ${h.lastId} is not as the archive holds it: nothing was moved out of the log.`);
    const at = now.toISOString();
    if (checkpoint) sqlite.prepare('UPDATE audit_checkpoint SET last_id = ?, last_hash = ?, at = ? WHERE id = 1').run(h.lastId, last, at);
    else sqlite.prepare('INSERT INTO audit_checkpoint (id, last_id, last_hash, at) VALUES (1, ?, ?, ?)').run(h.lastId, last, at);
    carryKeysOver(sqlite, h.lastId, fileName);
    sqlite
      .prepare(
        `INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
      VALUES ('audit_log', ?, NULL, NULL, NULL, ?, ?, 'data_edit', 'archived')`,
      )
      .run(h.lastId, `${n(h.rows)} rows (${n(h.firstId)}–${n(h.lastId)}) to ${fileName}, ending ${h.lastHash.slice(0, 16)}`, String(h.lastId));
    sqlite.prepare('DELETE FROM audit_fts WHERE rowid >= ? AND rowid <= ?').run(h.firstId, h.lastId);
    sqlite.prepare('DELETE FROM audit_log WHERE id >= ? AND id <= ?').run(h.firstId, h.lastId);
    // (An insert into a view leaves no rowid to read: the trigger's row is found by what it says.)
    return sqlite.prepare("SELECT max(id) FROM audit_log WHERE event = 'archived' AND new_value = ?").pluck().get(String(h.lastId)) as number;
  });
}

/**
 * A signing key counts only from the audit row that recorded its arrival
 * (db/chainSignatures.ts). Where that row leaves with the archive, the key's
 * arrival is recorded again, in this transaction, so the log keeps vouching for
 * the key that signs its rows; the archive holds the original.
 */
function carryKeysOver(sqlite: Database.Database, lastId: number, fileName: string): void {
  const leaving = sqlite
    .prepare(
      `SELECT k.id, lower(hex(k.public_key)) AS publicKey FROM chain_keys k
    WHERE EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'chain_key' AND a.entity_id = k.id AND a.event = 'signing key added'
                    AND a.new_value = lower(hex(k.public_key)) AND a.id <= ?)
      AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'chain_key' AND a.entity_id = k.id AND a.event = 'signing key added'
                    AND a.new_value = lower(hex(k.public_key)) AND a.id > ?)`,
    )
    .all(lastId, lastId) as { id: number; publicKey: string }[];
  const record = sqlite.prepare(`INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
    VALUES ('chain_key', ?, NULL, NULL, NULL, ?, ?, 'data_edit', 'signing key added')`);
  for (const k of leaving) record.run(k.id, `recorded before, in the archive ${fileName}`, k.publicKey);
}

/** What the History views say of rows that left the log, and what the archive screen lists. */
export interface ArchivedSoFar {
  /** The oldest row still in the log was written at this instant: History before it is in an archive. Null: nothing archived. */
  keptFrom: string | null;
  /** The last archived row (the checkpoint). */
  lastId: number | null;
  /** Each archive made, newest first: when, by whom, what it took (the "archived" rows). */
  archives: { at: string; by: string; what: string; auditRow: number }[];
}

export function archivedSoFar(sqlite: Database.Database): ArchivedSoFar {
  const lastId = sqlite.prepare('SELECT last_id FROM audit_checkpoint WHERE id = 1').pluck().get() as number | undefined;
  if (lastId === undefined) return { keptFrom: null, lastId: null, archives: [] };
  const keptFrom = sqlite.prepare('SELECT at FROM audit_log WHERE id > ? ORDER BY id LIMIT 1').pluck().get(lastId) as string | undefined;
  const archives = sqlite
    .prepare(
      `SELECT at, actor_name AS by, old_value AS what, id AS auditRow FROM audit_log
    WHERE entity = 'audit_log' AND event = 'archived' ORDER BY id DESC LIMIT 50`,
    )
    .all() as ArchivedSoFar['archives'];
  return { keptFrom: keptFrom ?? null, lastId, archives };
}
