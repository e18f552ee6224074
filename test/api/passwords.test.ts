// Passwords are stored only as scrypt hashes: not in the users table, not in the
// audit log, not anywhere in the database file or its WAL, in any spelling.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPassword } from '../../electron/services/passwords';
import { makeCore, type TestCore } from '../helpers/core';

const PASSWORDS = { new: 'Corr3ct-Horse-Battery', changed: 'Tr0ub4dor-and-3', same: 'Sh4red-by-Two-People' };

let core: TestCore;
let ids: Record<string, number>;
beforeAll(() => {
  core = makeCore();
  const admin = core.as('administrator');
  const made = admin('users.create', { name: 'Petra Hash', role: 'staff', password: PASSWORDS.new });
  const twin1 = admin('users.create', { name: 'Twin One', role: 'staff', password: PASSWORDS.same });
  const twin2 = admin('users.create', { name: 'Twin Two', role: 'staff', password: PASSWORDS.same });
  admin('users.setPassword', { id: made.id, password: PASSWORDS.changed });
  expect(core.raw(null, 'auth.signIn', { name: 'Petra Hash', password: PASSWORDS.changed }).ok).toBe(true);
  expect(core.raw(null, 'auth.signIn', { name: 'Petra Hash', password: PASSWORDS.new }).ok).toBe(false);
  ids = { made: made.id, twin1: twin1.id, twin2: twin2.id };
});
afterAll(() => core.dispose());

const spellings = (p: string) => [p, Buffer.from(p).toString('base64'), Buffer.from(p).toString('hex'), Buffer.from(p, 'utf16le').toString('latin1')];

describe('passwords', () => {
  it('the users table holds a salted scrypt hash and nothing else of the password', () => {
    const rows = core.db.sqlite.prepare('SELECT * FROM users').all() as Record<string, unknown>[];
    for (const row of rows) {
      expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
      for (const value of Object.values(row)) {
        for (const p of Object.values(PASSWORDS)) for (const s of spellings(p)) expect(String(value)).not.toContain(s);
      }
    }
    const hash = (id: number) => rows.find((r) => r.id === id)!.password_hash as string;
    expect(checkPassword(PASSWORDS.changed, hash(ids.made))).toBe(true);
    // Salted: the same password gives two different hashes.
    expect(hash(ids.twin1)).not.toBe(hash(ids.twin2));
    expect(checkPassword(PASSWORDS.same, hash(ids.twin1)) && checkPassword(PASSWORDS.same, hash(ids.twin2))).toBe(true);
  });

  it('a password change is audited as "password changed", with neither the password nor its hash', () => {
    const rows = core.db.sqlite
      .prepare("SELECT old_value, new_value FROM audit_log WHERE entity = 'user' AND entity_id = ? AND field = 'password'")
      .all(ids.made);
    expect(rows).toEqual([{ old_value: null, new_value: null }]);
    const hashes = core.db.sqlite.prepare('SELECT password_hash FROM users').pluck().all() as string[];
    const log = JSON.stringify(core.db.sqlite.prepare('SELECT * FROM audit_log').raw().all());
    for (const h of hashes) expect(log).not.toContain(h.split('$')[5]);
  });

  it('no byte of the database file or its WAL holds a password, in any spelling', () => {
    core.db.sqlite.pragma('wal_checkpoint(PASSIVE)');
    // The file, its WAL and shared memory; not the open lock's folder beside them (db/openLock.ts), which holds no data.
    const files = readdirSync(core.dir)
      .filter((f) => f.startsWith('jobtrail.db') && !f.endsWith('.lock'))
      .map((f) => join(core.dir, f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = readFileSync(file).toString('latin1');
      for (const p of Object.values(PASSWORDS)) for (const s of spellings(p)) expect(bytes.includes(s), `${s} in ${file}`).toBe(false);
    }
  });
});
