// The witness: the last chain head this PC's JobTrail saw, kept outside the
// database beside its signing key. A log can lose its newest rows without a
// single link breaking (an older copy put back, the tail cut, a WAL frame lost):
// the chain that is left verifies. The witness remembers where the log had got
// to, so the next start names what is missing without anyone having printed a
// digest. It is written shortly after the app's writes (never inside them: a
// file write per edit would cost every edit) and when the database is closed.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { databaseId, keyPlaceOf, type KeyPlace } from './chainKeys';

export interface Witness {
  databaseId: string;
  /** The last sealed row seen, and its hash (hex). */
  headId: number;
  head: string;
  /** When it was seen (UTC). */
  at: string;
}

export function witnessFile(place: KeyPlace, dbId: string): string {
  return join(place.dir, `${dbId}.witness.json`);
}

export function readWitness(place: KeyPlace, dbId: string): Witness | null {
  return readWitnessFile(witnessFile(place, dbId), dbId);
}

/** A witness file, if it is one of this database's; null when there is none to compare with (a new database, another PC). */
export function readWitnessFile(file: string, dbId: string | null): Witness | null {
  try {
    const w = JSON.parse(readFileSync(file, 'utf8')) as Witness;
    return (dbId === null || w.databaseId === dbId) && Number.isInteger(w.headId) && /^[0-9a-f]{64}$/.test(w.head) ? w : null;
  } catch {
    return null;
  }
}

/** This PC's witness of the database open on `sqlite`, if there is one. */
export function witnessOf(sqlite: Database.Database): Witness | null {
  const dbId = databaseId(sqlite);
  return dbId ? readWitness(keyPlaceOf(sqlite), dbId) : null;
}

/** The head the database holds now, as a witness would record it. */
export function witnessNow(sqlite: Database.Database): Witness | null {
  const dbId = databaseId(sqlite);
  const head = sqlite.prepare('SELECT id, hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1').get() as
    { id: number; hash: Buffer } | undefined;
  return dbId && head ? { databaseId: dbId, headId: head.id, head: head.hash.toString('hex'), at: new Date().toISOString() } : null;
}

/** Whole or not at all: a witness cut short by a crash would accuse a sound log. */
export function writeWitnessFile(file: string, w: Witness): void {
  writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(w), { mode: 0o600 });
  renameSync(`${file}.${process.pid}.tmp`, file);
}

/** Records the database's current head as seen: after the app's writes, and deliberately after a restore. */
export function writeWitness(sqlite: Database.Database): Witness | null {
  const w = witnessNow(sqlite);
  if (!w) return null;
  const place = keyPlaceOf(sqlite);
  mkdirSync(place.dir, { recursive: true, mode: 0o700 });
  writeWitnessFile(witnessFile(place, w.databaseId), w);
  return w;
}

const pending = new Set<Database.Database>();
let timer: NodeJS.Timeout | undefined;

/** After a committed write: the witness follows within a moment. */
export function noteWrite(sqlite: Database.Database): void {
  pending.add(sqlite);
  timer ??= setTimeout(flushWitnesses, 200).unref();
}

/** Writes every pending witness now: when a database closes, and as the process exits. */
export function flushWitnesses(only?: Database.Database): void {
  for (const sqlite of only ? [only] : [...pending]) {
    if (!pending.delete(sqlite) || !sqlite.open || sqlite.inTransaction) continue;
    try {
      writeWitness(sqlite);
    } catch {
      // A witness that cannot be written (a read-only profile) weakens the next check; it must never fail a write.
    }
  }
  if (!only) timer = undefined;
}
process.on('exit', () => flushWitnesses());

/**
 * Whether the log still holds the head this PC saw: null if it does (rows added
 * since are fine), else what is wrong in a sentence.
 */
export function witnessProblem(sqlite: Database.Database, w: Witness): string | null {
  const seen = `JobTrail saw row ${w.headId.toLocaleString('en')} (head ${w.head.slice(0, 16)}) on ${w.at}`;
  const checkpoint = sqlite.prepare('SELECT last_id AS id, last_hash AS hash FROM audit_checkpoint WHERE id = 1').get() as
    { id: number; hash: Buffer } | undefined;
  // Archived since: the archive's own verification vouches for those rows.
  if (checkpoint && w.headId < checkpoint.id) return null;
  const stored =
    checkpoint && w.headId === checkpoint.id
      ? checkpoint.hash
      : (sqlite.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck().get(w.headId) as Buffer | null | undefined);
  if (stored === undefined) {
    const last = (sqlite.prepare('SELECT max(id) FROM audit_log').pluck().get() as number | null) ?? 0;
    const gone = w.headId - last;
    return (
      `the log ends at row ${last.toLocaleString('en')}, but ${seen}: ${gone.toLocaleString('en')} ${gone === 1 ? 'row is' : 'rows are'} gone ` +
      '(an older copy put back, the end of the log cut off, or a write lost from the WAL)'
    );
  }
  if (!stored || stored.toString('hex') !== w.head) {
    return `row ${w.headId.toLocaleString('en')} is not the one ${seen}: the log was rewritten, or replaced by another copy`;
  }
  return null;
}
