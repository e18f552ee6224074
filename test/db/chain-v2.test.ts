// Chain v2 (migration 0011, db/chain.ts): a head signed with a key that never
// enters the database, value digests an erasure can leave behind, and a witness
// of the last head this PC saw. Each test plays someone who holds the file but
// not the key, or an auditor who holds a copy and the public key from a report.
import Database from 'better-sqlite3';
import { copyFileSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audited } from '../../db/actor';
import { HASHED, valueDigest, verifyChain } from '../../db/chain';
import { defaultKeyPlace, keyFile, publicKeyFromRaw, signatureHolds, signedMessage } from '../../db/chainKeys';
import { checkIntegrity } from '../../db/integrity';
import { closeDatabase, openDatabase, type Db } from '../../db/open';
import { checkIntegrityAtStart } from '../../electron/services/integrityAtStart';
import { flushWitnesses, witnessOf } from '../../db/witness';
import { rechain } from '../helpers/forge';
import { makeBooking, makeCustomer } from '../helpers/audit';
import { makeCore, tempDir, type TestCore } from '../helpers/core';

let core: TestCore;
let dir: string;
let dbId: string;
let publicKey: Buffer;

beforeAll(() => {
  core = makeCore();
  for (let i = 0; i < 3; i++) {
    const c = makeCustomer(core, { name: `Signed Customer ${i}` });
    const b = makeBooking(core, c.id);
    core.as('staff')('bookings.update', { id: b.id, priceCents: 30000 + i, address: `${i} Signed Road` });
  }
  dbId = core.db.sqlite.prepare('SELECT database_id FROM chain_meta').pluck().get() as string;
  publicKey = core.db.sqlite.prepare('SELECT public_key FROM chain_keys').pluck().get() as Buffer;
  dir = tempDir('jobtrail-chain-v2-');
});
afterAll(() => {
  core.dispose();
  rmSync(dir, { recursive: true, force: true });
});

let copies = 0;
/** A copy of the office's database as it is now, as someone would carry it off. */
function copyOfFile(): string {
  core.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const file = join(dir, `copy-${++copies}.db`);
  copyFileSync(core.file, file);
  return file;
}

describe('signed heads', () => {
  it('the last row of every transaction carries a signature of the head that the public key verifies', () => {
    const rows = core.db.sqlite.prepare('SELECT id, tx, hash, sig, sig_key FROM audit_log ORDER BY id').all() as {
      id: number;
      tx: number;
      hash: Buffer;
      sig: Buffer | null;
      sig_key: number | null;
    }[];
    const key = publicKeyFromRaw(publicKey);
    rows.forEach((r, i) => {
      const lastOfTx = i === rows.length - 1 || rows[i + 1].tx !== r.tx;
      expect(r.sig !== null, `row ${r.id}`).toBe(lastOfTx);
      if (r.sig) expect(signatureHolds(key, signedMessage(dbId, r.id, r.hash), r.sig)).toBe(true);
    });
    const report = verifyChain(core.db.sqlite);
    expect(report).toMatchObject({ ok: true, v1Rows: 0, v2Rows: rows.length, erasedRows: 0 });
    expect(report.signatures).toMatchObject({ signedThrough: rows.at(-1)!.id, unsigned: 0 });
  });

  it("the key's arrival is an audit row of its own, under the person whose change first needed it", () => {
    const arrival = core.db.sqlite
      .prepare(
        "SELECT actor_name, new_value, sig IS NOT NULL OR id < (SELECT max(id) FROM audit_log) AS sealed FROM audit_log WHERE event = 'signing key added'",
      )
      .all();
    expect(arrival).toEqual([{ actor_name: 'Ada Admin', new_value: publicKey.toString('hex'), sealed: 1 }]);
    expect(verifyChain(core.db.sqlite).signatures!.keys).toEqual([
      expect.objectContaining({ id: 1, publicKey: publicKey.toString('hex'), trusted: true, addedAtRow: expect.any(Number) }),
    ]);
  });

  it('the private key lives outside the database, in a file only its owner can read', () => {
    const file = keyFile(defaultKeyPlace(), dbId);
    expect(statSync(file).mode & 0o077).toBe(0);
    const secret = readFileSync(file).subarray(-32); // the raw Ed25519 seed ends the PKCS#8 encoding
    core.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(core.file).includes(secret)).toBe(false);
  });

  it('rows appended with correctly computed hashes, by someone without the key, are named as unsigned', () => {
    const db = new Database(copyOfFile());
    const last = db.prepare('SELECT max(id) FROM audit_log').pluck().get() as number;
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare(
      `INSERT INTO audit_log (at, actor_id, actor_name, entity, entity_id, field, old_value, new_value, category, event, tx)
      VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 1, 'Ada Admin', 'user', 2, 'role', 'staff', 'administrator', 'user_action', 'role changed', 1)`,
    ).run();
    db.prepare("UPDATE audit_log SET origin = 'app' WHERE id = ?").run(last + 1);
    rechain(db, last + 1);
    const r = verifyChain(db);
    expect(r.ok).toBe(false);
    expect(r.firstBroken).toEqual({
      id: last + 1,
      problem: `rows ${last + 1}–${last + 1} carry no JobTrail signature: added by someone without JobTrail's signing key, or their signature was removed`,
    });
    db.close();
  });

  it('a signature copied from another row does not hold for the forged head', () => {
    const db = new Database(copyOfFile());
    const last = db.prepare('SELECT max(id) FROM audit_log').pluck().get() as number;
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET new_value = '1 Forged Road' WHERE id = ? ").run(last);
    rechain(db, last);
    // The real signature stays on the row; it signed the real hash, not the forged one.
    const r = verifyChain(db);
    expect(r.firstBroken?.problem).toMatch(new RegExp(`^the signature on row ${last} does not hold`));
    db.close();
  });

  it('an auditor with a copy and the public key from a report verifies it, and a key they were not given is not trusted', () => {
    const file = copyOfFile();
    const auditor = new Database(file, { readonly: true });
    expect(verifyChain(auditor, { trustedKeys: [publicKey] })).toMatchObject({ ok: true });
    const other = Buffer.alloc(32, 7);
    const r = verifyChain(auditor, { trustedKeys: [other] });
    expect(r.ok).toBe(false);
    expect(r.firstBroken?.problem).toMatch(/signed by a key that is not among the keys this check was told to trust/);
    auditor.close();
  });

  it("a copy written on a machine without the key gets a key of its own, recorded in the log, which the auditor's key does not cover", () => {
    const file = copyOfFile();
    const elsewhere = openDatabase(file, { keys: { dir: join(dir, 'another-pc') } });
    const before = elsewhere.sqlite.prepare('SELECT max(id) FROM audit_log').pluck().get() as number;
    audited(elsewhere.sqlite, { id: 1, name: 'Ada Admin' }, () => elsewhere.sqlite.prepare("UPDATE customers SET phone = '555-0199' WHERE id = 1").run());
    const rows = elsewhere.sqlite.prepare('SELECT event, sig_key FROM audit_log WHERE id > ? ORDER BY id').all(before);
    expect(rows).toEqual([{ event: 'signing key added', sig_key: null }, expect.objectContaining({ sig_key: 2 })]);
    // Recorded and signed: the log verifies, and lists both keys...
    const all = verifyChain(elsewhere.sqlite);
    expect(all.ok).toBe(true);
    expect(all.signatures!.keys.map((k) => k.id)).toEqual([1, 2]);
    // ...but an auditor holding the office's public key sees where the other key took over.
    const strict = verifyChain(elsewhere.sqlite, { trustedKeys: [publicKey] });
    expect(strict.ok).toBe(false);
    expect(strict.signatures!.signedThrough).toBe(before);
    closeDatabase(elsewhere);
  });
});

describe('erasable values', () => {
  it('a value and its salt removed (as an erasure will) leave the chain verifying, and a printed head still checks', () => {
    const file = copyOfFile();
    const db = new Database(file);
    const printed = verifyChain(db).headShort;
    const row = db.prepare("SELECT id FROM audit_log WHERE field = 'address' ORDER BY id LIMIT 1").pluck().get() as number;
    db.exec('DROP TRIGGER audit_log_no_update');
    // An erasure keeps the digest the link covers, and removes what it was made from.
    const cells = db
      .prepare(`SELECT ${HASHED.join(', ')} FROM audit_log WHERE id = ?`)
      .raw()
      .get(row) as (string | number | null)[];
    const salt = db.prepare('SELECT salt FROM audit_log WHERE id = ?').pluck().get(row) as Buffer;
    db.prepare('UPDATE audit_log SET vdigest = ?, old_value = NULL, new_value = NULL, label = NULL, salt = NULL WHERE id = ?').run(
      valueDigest(salt, cells),
      row,
    );
    expect(verifyChain(db, { expectHead: printed })).toMatchObject({ ok: true, erasedRows: 1 });
    // Putting a value back where one was erased is caught.
    db.prepare("UPDATE audit_log SET new_value = '9 Invented Lane' WHERE id = ?").run(row);
    expect(verifyChain(db).firstBroken).toEqual({ id: row, problem: 'its values were put back after an erasure removed them: altered' });
    db.close();
  });

  it('a value changed with its salt kept is caught at its row', () => {
    const db = new Database(copyOfFile());
    const row = db.prepare("SELECT id FROM audit_log WHERE field = 'price' ORDER BY id LIMIT 1").pluck().get() as number;
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET new_value = '1' WHERE id = ?").run(row);
    // Its value digest, made from the salt and the values, is covered by its link.
    expect(verifyChain(db).firstBroken).toEqual({ id: row, problem: 'its content or hash does not match the chain: altered, inserted or reordered' });
    db.close();
  });
});

/** One audited change the app's way, on an office of its own (a new customer). */
function addCustomer(office: Db, phone: string): void {
  const now = new Date().toISOString();
  audited(office.sqlite, { id: null, name: 'Test' }, () =>
    office.sqlite.prepare('INSERT INTO customers (name, phone, created_at, updated_at) VALUES (?, ?, ?, ?)').run('Witnessed Customer', phone, now, now),
  );
}

describe('the witness kept outside the file', () => {
  it('names rows lost with a damaged WAL at the next start, though the chain that is left verifies', () => {
    const file = join(dir, 'wal-office.db');
    const office = openDatabase(file);
    const write = (phone: string) => addCustomer(office, phone);
    write('555-0001');
    office.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    write('555-0002');
    write('555-0003');
    flushWitnesses(office.sqlite);
    const seen = witnessOf(office.sqlite)!;
    // The file as a crash left it: the WAL's last frames damaged (SQLite stops reading at a bad frame).
    const crashed = join(dir, 'wal-crashed.db');
    copyFileSync(file, crashed);
    copyFileSync(`${file}-wal`, `${crashed}-wal`);
    truncateSync(`${crashed}-wal`, statSync(`${crashed}-wal`).size - 100);
    closeDatabase(office);
    const reopened = new Database(crashed, { readonly: true });
    const report = checkIntegrity(reopened, { witness: witnessOf(reopened) });
    expect(report.chain.ok).toBe(true);
    expect(report.ok).toBe(false);
    expect(report.witness).toMatch(new RegExp(`^the log ends at row \\d+, but JobTrail saw row ${seen.headId} .*(rows are|row is) gone`));
    reopened.close();
  });

  it('names an older copy put back, at the next start, in the check the banner shows', async () => {
    const file = join(dir, 'start-office.db');
    const office = openDatabase(file);
    addCustomer(office, '555-0101');
    office.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(file, `${file}.older`);
    addCustomer(office, '555-0102');
    closeDatabase(office); // leaves its witness
    copyFileSync(`${file}.older`, file);
    const reopened = openDatabase(file);
    try {
      const start = await checkIntegrityAtStart(reopened).done;
      expect(start.state).toBe('done');
      const summary = start.state === 'done' ? start.summary : null;
      expect(summary?.ok).toBe(false);
      expect(summary?.problems).toEqual([expect.stringMatching(/^the log ends at row \d+, but JobTrail saw row \d+ .*(row is|rows are) gone/)]);
    } finally {
      closeDatabase(reopened);
    }
  });

  it('follows the log as the app writes, and says nothing of a log that only grew', () => {
    const before = witnessOf(core.db.sqlite);
    makeCustomer(core, { name: 'Witnessed Customer' });
    flushWitnesses();
    const after = witnessOf(core.db.sqlite)!;
    expect(after.headId).toBeGreaterThan(before?.headId ?? 0);
    expect(checkIntegrity(core.db.sqlite, { witness: before }).witness).toBeNull();
  });
});
