// Who signed the chain, and how far. Once the links are recomputed and found
// intact, one valid signature on a row vouches for every row up to it (each
// link covers the one before), so only the newest signature needs checking;
// where it fails, the signatures are searched for the last one that holds.
import type Database from 'better-sqlite3';
import { databaseId, keyFingerprint, publicKeyFromRaw, signatureHolds, signedMessage } from './chainKeys';

export interface ChainKey {
  id: number;
  fingerprint: string;
  /** The raw public key, hex: what a report prints and `verify --public-key` takes. */
  publicKey: string;
  addedAt: string;
  /** The audit row that recorded its arrival (null: none, so its signatures count for nothing). */
  addedAtRow: number | null;
  /** Its signatures count: recorded in the log, and among the caller's keys if the caller named any. */
  trusted: boolean;
}

export interface SignatureReport {
  keys: ChainKey[];
  /** Every row up to this one is as a trusted key signed it (the last v1 row when nothing is signed yet). */
  signedThrough: number;
  /** Sealed rows after signedThrough: written by someone without the key. */
  unsigned: number;
  problem?: { id: number; problem: string };
}

interface Signed {
  id: number;
  hash: Buffer;
  sig: Buffer;
  sig_key: number;
}

/**
 * `searchAfter`: where the newest signature fails, look for the last one that
 * holds only after this row (one a check outside the file vouches for), so that
 * a check of the rows since then never reads the whole log.
 */
export function checkSignatures(
  sqlite: Database.Database,
  at: { headId: number; v2From: number; trustedKeys?: Buffer[]; searchAfter?: number },
): SignatureReport {
  const dbId = databaseId(sqlite) ?? '';
  const keys = chainKeys(sqlite, at.trustedKeys);
  const byId = new Map(keys.map((k) => [k.id, k]));
  const holds = (row: Signed): boolean => {
    const key = byId.get(row.sig_key);
    return (
      !!key?.trusted &&
      (key.addedAtRow ?? Infinity) <= row.id &&
      signatureHolds(publicKeyFromRaw(Buffer.from(key.publicKey, 'hex')), signedMessage(dbId, row.id, row.hash), row.sig)
    );
  };
  if (at.headId <= at.v2From) return { keys, signedThrough: at.headId, unsigned: 0 };

  const newest = sqlite
    .prepare(
      `SELECT id, hash, sig, sig_key FROM audit_log
    WHERE sig IS NOT NULL AND id > ? AND id <= ? ORDER BY id DESC LIMIT 1`,
    )
    .get(at.v2From, at.headId) as Signed | undefined;
  if (newest && holds(newest)) {
    const unsigned = at.headId - newest.id;
    return {
      keys,
      signedThrough: newest.id,
      unsigned,
      problem:
        unsigned === 0
          ? undefined
          : {
              id: newest.id + 1,
              problem: `rows ${newest.id + 1}–${at.headId} carry no JobTrail signature: added by someone without JobTrail's signing key, or their signature was removed`,
            },
    };
  }
  const signedThrough = lastHolding(sqlite, at, holds);
  const why =
    newest === undefined
      ? 'no row after chain v2 began is signed'
      : !byId.get(newest.sig_key)?.trusted
        ? `row ${newest.id} is signed by a key that is ${untrustedWhy(byId.get(newest.sig_key))}`
        : `the signature on row ${newest.id} does not hold`;
  return {
    keys,
    signedThrough,
    unsigned: at.headId - signedThrough,
    problem: {
      id: signedThrough + 1,
      problem: `${why}: the rows after row ${signedThrough} are not as JobTrail signed them (rewritten or added without its key)`,
    },
  };
}

function untrustedWhy(key: ChainKey | undefined): string {
  if (!key) return "not in the log's list of keys";
  if (key.addedAtRow === null) return `not recorded in the log (key ${key.fingerprint}: no "signing key added" row)`;
  return `not among the keys this check was told to trust (key ${key.fingerprint})`;
}

/** The last row whose signature holds, found by halving: a rewrite breaks every signature after its first changed row. */
function lastHolding(sqlite: Database.Database, at: { headId: number; v2From: number; searchAfter?: number }, holds: (row: Signed) => boolean): number {
  const from = Math.max(at.v2From, at.searchAfter ?? 0);
  const ids = sqlite.prepare('SELECT id FROM audit_log WHERE sig IS NOT NULL AND id > ? AND id <= ? ORDER BY id').pluck().all(from, at.headId) as number[];
  const row = sqlite.prepare('SELECT id, hash, sig, sig_key FROM audit_log WHERE id = ?');
  let lo = 0;
  let hi = ids.length; // ids[lo-1] holds (or lo = 0); ids[hi] and after do not
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(row.get(ids[mid]) as Signed)) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? from : ids[lo - 1];
}

/** The log's keys, each with the audit row that recorded its arrival. */
export function chainKeys(sqlite: Database.Database, trustedKeys?: Buffer[]): ChainKey[] {
  const rows = sqlite
    .prepare(
      `SELECT k.id, k.public_key AS publicKey, k.added_at AS addedAt,
      (SELECT min(a.id) FROM audit_log a WHERE a.entity = 'chain_key' AND a.entity_id = k.id
         AND a.event = 'signing key added' AND a.new_value = lower(hex(k.public_key))) AS addedAtRow
    FROM chain_keys k ORDER BY k.id`,
    )
    .all() as { id: number; publicKey: Buffer; addedAt: string; addedAtRow: number | null }[];
  return rows.map((k) => ({
    id: k.id,
    fingerprint: keyFingerprint(k.publicKey),
    publicKey: k.publicKey.toString('hex'),
    addedAt: k.addedAt,
    addedAtRow: k.addedAtRow,
    trusted: k.addedAtRow !== null && (!trustedKeys || trustedKeys.some((t) => t.equals(k.publicKey))),
  }));
}
