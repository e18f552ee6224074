// Password hashes, signed. A hash is never written to the audit log (only that
// it changed), so neither the chain nor the records check can tell a hash the
// app set from one swapped in with a SQLite tool, its trigger dropped and put
// back; and the swapped hash would sign its author in as whoever it belongs to.
// The app signs every hash it sets with the chain's key, which never enters the
// file; sign-in and the integrity check accept only a hash signed by a key the
// log recorded.
import type Database from 'better-sqlite3';
import { databaseId, publicKeyFromRaw, signatureHolds, signerFor } from './chainKeys';
import { sign } from 'node:crypto';
import { audited } from './actor';
import { chainKeys } from './chainSignatures';

function message(dbId: string, userId: number, hash: string): Buffer {
  return Buffer.from(`jobtrail-password\n${dbId}\n${userId}\n${hash}`);
}

/** Signs the user's current hash; inside the transaction that set it. */
export function signPassword(sqlite: Database.Database, userId: number): void {
  const signer = signerFor(sqlite);
  if (!signer) return;
  const hash = sqlite.prepare('SELECT password_hash FROM users WHERE id = ?').pluck().get(userId) as string;
  sqlite
    .prepare('UPDATE users SET password_sig = ?, password_key = ? WHERE id = ?')
    .run(sign(null, message(signer.dbId, userId, hash), signer.privateKey), signer.keyId, userId);
}

interface Stored {
  id: number;
  name: string;
  password_hash: string;
  password_sig: Buffer | null;
  password_key: number | null;
}

/** The keys whose signatures count: those whose arrival the log records (chainKeys, the one definition verify uses too). */
function recordedKeys(sqlite: Database.Database): Map<number, Buffer> {
  return new Map(
    chainKeys(sqlite)
      .filter((k) => k.trusted)
      .map((k) => [k.id, Buffer.from(k.publicKey, 'hex')]),
  );
}

/** Whether this user's hash is one JobTrail set: signed by a key whose arrival the log records. */
function holds(keys: Map<number, Buffer>, dbId: string, u: Stored): boolean {
  const key = u.password_key === null ? undefined : keys.get(u.password_key);
  return !!u.password_sig && !!key && signatureHolds(publicKeyFromRaw(key), message(dbId, u.id, u.password_hash), u.password_sig);
}

/** For sign-in: false when the stored hash was not set by JobTrail. A file from before chain v2 has no signatures to check. */
export function passwordSigned(sqlite: Database.Database, userId: number): boolean {
  const dbId = databaseId(sqlite);
  if (dbId === null) return true;
  const u = sqlite.prepare('SELECT id, name, password_hash, password_sig, password_key FROM users WHERE id = ?').get(userId) as Stored | undefined;
  return !!u && holds(recordedKeys(sqlite), dbId, u);
}

/** Every user whose password hash JobTrail did not set, in words: part of the records check. */
export function passwordProblems(sqlite: Database.Database): { id: number; message: string }[] {
  const dbId = databaseId(sqlite);
  if (dbId === null) return [];
  const all = sqlite.prepare('SELECT id, name, password_hash, password_sig, password_key FROM users ORDER BY id').all() as Stored[];
  const keys = recordedKeys(sqlite);
  return all
    .filter((u) => !holds(keys, dbId, u))
    .map((u) => ({
      id: u.id,
      message:
        `user ${u.id} (${u.name}): the password hash is not one JobTrail set (no valid signature): it was replaced outside JobTrail, ` +
        'so JobTrail refuses it at sign-in; an administrator must set a new password',
    }));
}

/** Who signs the hashes found at the upgrade: JobTrail itself (not a person, and not "outside", which a NULL id means). */
const UPGRADE_ACTOR = { id: 0, name: 'JobTrail (upgrade to chain v2)' };

/**
 * Once, in the open that applies migration 0011: the hashes set before chain v2
 * are signed as they are, trusted because the file was JobTrail's until this
 * upgrade. Later, an unsigned hash is one set behind JobTrail's back.
 */
export function signPasswordsAtUpgrade(sqlite: Database.Database, applied: readonly string[]): void {
  if (!applied.includes('0011_chain_v2.sql')) return;
  const unsigned = sqlite.prepare('SELECT id FROM users WHERE password_sig IS NULL ORDER BY id').pluck().all() as number[];
  if (unsigned.length === 0) return;
  audited(sqlite, UPGRADE_ACTOR, () => unsigned.forEach((id) => signPassword(sqlite, id)));
}
