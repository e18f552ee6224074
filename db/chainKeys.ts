// The key that signs the chain, kept outside the database file. Anyone holding
// the file can recompute every SHA-256 link, so links alone prove nothing against
// them; a head signed with a private key they do not have does. The private key
// lives in a file readable by its owner only (the web mode, the CLI, the tests),
// optionally wrapped by the OS's protected storage (the desktop app passes a
// vault built on Electron's safeStorage). The public key goes into the database,
// where verify finds it, and onto reports, where an auditor can check it.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';

/** Wraps the private key's bytes at rest: the OS's protected storage in the desktop app. */
export interface KeyVault {
  /** Told apart from a plain key file by its name, so neither is read as the other. */
  suffix: string;
  protect(secret: Buffer): Buffer;
  reveal(stored: Buffer): Buffer;
}

/** Where a process keeps its signing keys and witnesses: one of each per database. */
export interface KeyPlace {
  dir: string;
  vault?: KeyVault;
}

/**
 * The user-data folder's keys/ (the same folder the desktop app uses), or
 * JOBTRAIL_KEY_DIR: tests and scripts that must not touch a real office's keys.
 */
export function defaultKeyPlace(): KeyPlace {
  if (process.env.JOBTRAIL_KEY_DIR) return { dir: process.env.JOBTRAIL_KEY_DIR };
  const home = homedir();
  const base =
    process.platform === 'win32'
      ? (process.env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : process.platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (process.env.XDG_CONFIG_HOME ?? join(home, '.config'));
  return { dir: join(base, 'JobTrail', 'keys') };
}

/** chain_meta's one row, or null for a file from before chain v2 (read as it is by tools that never write it). */
function chainMeta(sqlite: Database.Database): { databaseId: string; v2From: number } | null {
  const has = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'chain_meta'").get();
  return has
    ? ((sqlite.prepare('SELECT database_id AS databaseId, v2_from AS v2From FROM chain_meta WHERE id = 1').get() as
        { databaseId: string; v2From: number } | undefined) ?? null)
    : null;
}

/** The database's identity, or null for a file from before chain v2. */
export function databaseId(sqlite: Database.Database): string | null {
  return chainMeta(sqlite)?.databaseId ?? null;
}

/** The last row sealed as v1: rows after it are v2. 0 for a log that began as v2; Infinity before migration 0011. */
export function v2From(sqlite: Database.Database): number {
  return chainMeta(sqlite)?.v2From ?? Infinity;
}

const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

export function rawPublicKey(key: KeyObject): Buffer {
  return Buffer.from((createPublicKey(key).export({ format: 'der', type: 'spki' }) as Buffer).subarray(SPKI_ED25519.length));
}

export function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519, raw]), format: 'der', type: 'spki' });
}

/** What a signature signs: the database, the row and its hash, so it fits nowhere else. */
export function signedMessage(dbId: string, rowId: number, hash: Uint8Array): Buffer {
  return Buffer.from(`jobtrail-chain-v2\n${dbId}\n${rowId}\n${Buffer.from(hash).toString('hex')}`);
}

export function signatureHolds(publicKey: KeyObject, message: Buffer, signature: Uint8Array): boolean {
  try {
    return verify(null, message, publicKey, signature);
  } catch {
    return false;
  }
}

/** A short, printable name of a public key: what reports show and an auditor compares. */
export function keyFingerprint(raw: Uint8Array): string {
  return Buffer.from(raw).toString('hex').slice(0, 16);
}

export function keyFile(place: KeyPlace, dbId: string): string {
  return join(place.dir, `${dbId}.key${place.vault?.suffix ?? ''}`);
}

/**
 * This process's private key for the database, made on first use. Two processes
 * starting at once race to create it: the loser reads the winner's ('wx' fails
 * on an existing file). The file is the owner's alone; on Windows, where mode
 * bits mean little, the user-data folder's own permissions are what protect it.
 */
export function loadOrCreateKey(place: KeyPlace, dbId: string): KeyObject {
  const file = keyFile(place, dbId);
  const read = () => createPrivateKey({ key: place.vault ? place.vault.reveal(readFileSync(file)) : readFileSync(file), format: 'der', type: 'pkcs8' });
  try {
    return read();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw keyProblem(file, e);
  }
  mkdirSync(place.dir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer;
  try {
    writeFileSync(file, place.vault ? place.vault.protect(der) : der, { flag: 'wx', mode: 0o600 });
    chmodSync(file, 0o600); // the umask may have widened it
    return privateKey;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return read();
    throw keyProblem(file, e);
  }
}

function keyProblem(file: string, e: unknown): Error {
  return new Error(
    `JobTrail's signing key ${file} cannot be used (${(e as Error).message}). ` +
      'Move the file aside to let JobTrail make a new key; the new key is recorded in the audit log.',
  );
}

/** A connection's signer: its key, and the key's row in chain_keys once known to be committed. */
export interface Signer {
  dbId: string;
  privateKey: KeyObject;
  publicKey: Buffer;
  keyId: number | null;
}

interface ConnectionSigner extends Signer {
  find: Database.Statement;
  add: Database.Statement;
  /** This connection added the key's row in a transaction not known to have committed: a rollback would take it away. */
  addedUncommitted: boolean;
}

const places = new WeakMap<Database.Database, KeyPlace>();
const signers = new WeakMap<Database.Database, ConnectionSigner>();
/** Keys opened by another connection of this process and lent to this one (lendKey). */
const lent = new WeakMap<Database.Database, KeyObject>();

/**
 * This connection's private key, opened, with the folder it is kept in: lent to
 * the worker of a job that writes (the archive), whose own connection could not
 * open it where the OS's protected storage wraps it (only the main process may
 * ask that). Null for a file from before chain v2.
 */
export function lendKey(sqlite: Database.Database): { dir: string; privateKey: KeyObject } | null {
  const dbId = databaseId(sqlite);
  if (dbId === null) return null;
  const place = keyPlaceOf(sqlite);
  return { dir: place.dir, privateKey: signers.get(sqlite)?.privateKey ?? lent.get(sqlite) ?? loadOrCreateKey(place, dbId) };
}

/** Signs this connection's writes with a key lent by another connection of this process (lendKey). */
export function useLentKey(sqlite: Database.Database, key: { dir: string; privateKey: KeyObject }): void {
  useKeys(sqlite, { dir: key.dir });
  lent.set(sqlite, key.privateKey);
}

/** Where this connection's key is: set by whoever opens a database to write it. */
export function useKeys(sqlite: Database.Database, place: KeyPlace): void {
  places.set(sqlite, place);
  signers.delete(sqlite);
}

export function keyPlaceOf(sqlite: Database.Database): KeyPlace {
  return places.get(sqlite) ?? defaultKeyPlace();
}

/**
 * The signer for a write on this connection, inside the writing transaction: its
 * public key is added to chain_keys the first time (an audit row under the acting
 * person, sealed and signed in this same transaction). Null for a file from
 * before chain v2 (read as it is by tools that never write it).
 */
export function signerFor(sqlite: Database.Database): Signer | null {
  let s = signers.get(sqlite);
  if (!s) {
    const dbId = databaseId(sqlite);
    if (dbId === null) return null;
    const privateKey = lent.get(sqlite) ?? loadOrCreateKey(keyPlaceOf(sqlite), dbId);
    s = {
      dbId,
      privateKey,
      publicKey: rawPublicKey(privateKey),
      keyId: null,
      addedUncommitted: false,
      find: sqlite.prepare('SELECT id FROM chain_keys WHERE public_key = ?').pluck(),
      add: sqlite.prepare("INSERT INTO chain_keys (public_key, added_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"),
    };
    signers.set(sqlite, s);
  }
  if (s.keyId !== null) return s;
  const found = s.find.get(s.publicKey) as number | undefined;
  // Found, and not added by this connection since its last commit: another process's
  // (or an earlier transaction's) committed row, which no rollback here can take away.
  if (found !== undefined && !s.addedUncommitted) {
    s.keyId = found;
    return s;
  }
  if (found !== undefined) return { ...s, keyId: found };
  s.addedUncommitted = true;
  return { ...s, keyId: Number(s.add.run(s.publicKey).lastInsertRowid) };
}

/** Remembers the key's row once the transaction that found or added it has committed. */
export function keyCommitted(sqlite: Database.Database, keyId: number): void {
  const s = signers.get(sqlite);
  if (s) {
    s.keyId = keyId;
    s.addedUncommitted = false;
  }
}

export function signHead(signer: Signer, rowId: number, hash: Uint8Array): Buffer {
  return sign(null, signedMessage(signer.dbId, rowId, hash), signer.privateKey);
}
