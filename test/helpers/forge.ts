// What someone with the file and a SQLite tool, but without JobTrail's signing
// key, can do to the chain: recompute every link, in the format each row's
// place calls for, exactly as JobTrail would have computed it.
import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { READ_COLUMNS, linkHash, linkHashV2, valueDigest } from '../../db/chain';
import { v2From } from '../../db/chainKeys';

type Cell = string | number | bigint | null;

/** The link of row `id` after `prev`, from its content now; a v2 row's value digest is made from its salt (a fresh one if it has none). */
export function forgedLink(db: Database.Database, id: number, prev: Buffer): Buffer {
  const cells = db
    .prepare(`SELECT ${READ_COLUMNS.join(', ')} FROM audit_log WHERE id = ?`)
    .raw()
    .get(id) as Cell[];
  if (id <= v2From(db)) return linkHash(prev, cells);
  const salt = (db.prepare('SELECT salt FROM audit_log WHERE id = ?').pluck().get(id) as Buffer | null) ?? randomBytes(16);
  db.prepare('UPDATE audit_log SET salt = ? WHERE id = ?').run(salt, id);
  return linkHashV2(prev, cells, valueDigest(salt, cells));
}

/** Recomputes the hashes of every row from `from` on (the guards dropped), as a forger would. */
export function rechain(db: Database.Database, from: number): void {
  let prev = db
    .prepare('SELECT hash FROM audit_log WHERE id = ?')
    .pluck()
    .get(from - 1) as Buffer;
  for (const id of db.prepare('SELECT id FROM audit_log WHERE id >= ? ORDER BY id').pluck().all(from) as number[]) {
    prev = forgedLink(db, id, prev);
    db.prepare('UPDATE audit_log SET hash = ? WHERE id = ?').run(prev, id);
  }
}

/** Seals one row with a correctly computed link to the row before it. */
export function forgeSeal(db: Database.Database, id: number): void {
  const prev = db
    .prepare('SELECT hash FROM audit_log WHERE id = ?')
    .pluck()
    .get(id - 1) as Buffer;
  db.prepare('UPDATE audit_log SET hash = ? WHERE id = ?').run(forgedLink(db, id, prev), id);
}
