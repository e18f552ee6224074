// Upgrades: a database made by an earlier release is opened by this one (and
// migrated, when there are migrations it lacks) without losing, changing or
// re-chaining a single audit row. One fixture per released schema version, kept
// as SQL text in test/fixtures (see its README).
import Database from 'better-sqlite3';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HASHED } from '../../db/chain';
import { checkIntegrity } from '../../db/integrity';
import { closeDatabase, migrationsDir, openDatabase } from '../../db/open';
import { loadMigrations, migrate } from '../../db/migrate';
import { startCore } from '../../electron/app';
import { tempDir } from '../helpers/core';

const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));
const fixtures = readdirSync(FIXTURES)
  .filter((f) => /^schema-v\d+\.sql$/.test(f))
  .sort();

let dir: string;
let n = 0;
beforeAll(() => {
  dir = tempDir('jobtrail-upgrade-');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The fixture loaded into a new file with a plain connection, as the old release left it. */
function load(fixture: string): { file: string; head: string; rows: number; added: number } {
  const sql = readFileSync(join(FIXTURES, fixture), 'utf8');
  const file = join(dir, `${fixture}-${++n}.db`);
  const db = new Database(file);
  db.exec(sql);
  db.close();
  const m = /-- audit rows: (\d+); chain head: ([0-9a-f]{64})/.exec(sql)!;
  const placed = placementRows(file);
  // A file on chain v2 gets the signing key's arrival with the placement, its first write on this PC.
  return { file, rows: Number(m[1]), head: m[2], added: Math.max(upgradeRows(sql), placed > 0 ? 1 : 0) + placed };
}

/**
 * What placing the old bookings at properties adds (db/propertiesAtUpgrade.ts): a
 * "created" row per property (one per customer and distinct address, theirs or
 * their bookings') and a "property changed" row per booking.
 */
function placementRows(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT (SELECT count(*) FROM bookings) + (SELECT count(*) FROM (
      SELECT id, trim(address) FROM customers WHERE trim(coalesce(address, '')) <> ''
      UNION SELECT customer_id, address FROM bookings))`,
      )
      .pluck()
      .get() as number;
  } finally {
    db.close();
  }
}

/**
 * What opening adds to the log: for a file from before chain v2 (migration 0011),
 * one row, the signing key's arrival, written as it signs the password hashes set
 * before it (db/passwordSignatures.ts); sealed as v2 after the v1 rows, and signed.
 * A file already on chain v2 gets nothing at open.
 */
const upgradeRows = (sql: string) => (sql.includes('INSERT INTO "chain_meta"') ? 0 : 1);

/** Every audit row as an earlier release wrote it (the columns it had), the first `limit`. */
const everyAuditRow = (file: string, limit = -1) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT ${HASHED.join(', ')}, hash FROM audit_log ORDER BY id LIMIT ?`).all(limit);
  } finally {
    db.close();
  }
};

describe.each(fixtures)('a database from %s', (fixture) => {
  it('opens with this version: every audit row and hash unchanged, and it verifies with the head it had', () => {
    const { file, rows, head, added } = load(fixture);
    const before = everyAuditRow(file);
    expect(before.length).toBe(rows);
    const db = openDatabase(file);
    try {
      const applied = db.sqlite.prepare('SELECT name FROM schema_migrations ORDER BY name').pluck().all();
      expect(applied).toEqual(loadMigrations(migrationsDir()).map((m) => m.name));
      const report = checkIntegrity(db.sqlite, { expectHead: head });
      expect(report.problems).toEqual([]);
      expect(report.chain).toMatchObject({ ok: true, rowsChecked: rows + added, expectedHeadAt: rows });
      expect(db.sqlite.prepare("SELECT actor_name, event FROM audit_log WHERE id > ? AND entity NOT IN ('property', 'booking')").all(rows)).toEqual([
        {
          actor_name: upgradeRows(readFileSync(join(FIXTURES, fixture), 'utf8')) ? 'JobTrail (upgrade to chain v2)' : 'JobTrail (upgrade: properties)',
          event: 'signing key added',
        },
      ]);
      // Every booking is at a property of its customer with its address, and the History says who put it there.
      expect(
        db.sqlite
          .prepare(
            `SELECT count(*) FROM bookings b LEFT JOIN properties p ON p.id = b.property_id
        WHERE p.customer_id IS NOT b.customer_id OR p.address IS NOT b.address`,
          )
          .pluck()
          .get(),
      ).toBe(0);
      expect(db.sqlite.prepare("SELECT DISTINCT actor_name FROM audit_log WHERE id > ? AND entity IN ('property', 'booking')").pluck().all(rows)).toEqual([
        'JobTrail (upgrade: properties)',
      ]);
      // Rows sealed before chain v2 keep their v1 seals; everything since is v2.
      if (upgradeRows(readFileSync(join(FIXTURES, fixture), 'utf8'))) expect(report.chain).toMatchObject({ v1Rows: rows, v2Rows: added });
      else expect(report.chain).toMatchObject({ v1Rows: 0, v2Rows: rows + added });
    } finally {
      closeDatabase(db);
    }
    expect(everyAuditRow(file, rows)).toEqual(before);
  });

  it('takes new changes that chain on from its last row, and finds its old History', () => {
    const { file, rows, head } = load(fixture);
    const placed = placementRows(file);
    const core = startCore(file, () => {});
    try {
      const signed = core.dispatcher.call('auth.signIn', { name: 'Dana Whitfield', password: 'jobtrail-demo' }, 'upgrade');
      expect(signed.ok).toBe(true);
      const made = core.dispatcher.call('customers.create', { name: 'After the Upgrade' }, 'upgrade');
      expect(made.ok).toBe(true);
      const report = checkIntegrity(core.db.sqlite, { expectHead: head });
      expect(report.problems).toEqual([]);
      // The customer, and the key's arrival: at the upgrade, or with this first write on a PC without the file's key.
      expect(report.chain).toMatchObject({ rowsChecked: rows + placed + 2, expectedHeadAt: rows });
      const found = core.dispatcher.call('history.search', { text: 'rescheduled', limit: 200 }, 'upgrade');
      const old = core.db.sqlite.prepare("SELECT id FROM audit_log WHERE event = 'rescheduled' ORDER BY id DESC").pluck().all();
      expect(old.length).toBeGreaterThan(0);
      expect(found.ok && (found.value as { rows: { id: number }[] }).rows.map((r) => r.id)).toEqual(expect.arrayContaining(old));
    } finally {
      core.close();
    }
  });
});

describe('placing the old bookings at properties', () => {
  const newest = fixtures.at(-1)!;
  const unplaced = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare('SELECT count(*) FROM bookings WHERE property_id IS NULL').pluck().get() as number;
    } finally {
      db.close();
    }
  };

  it('is done by the next open when the one that applied migration 0022 ended before placing them', () => {
    const { file, rows, head, added } = load(newest);
    // That open's first transactions, the migrations, and nothing after them.
    const raw = new Database(file);
    migrate(raw, loadMigrations(migrationsDir()));
    raw.close();
    expect(unplaced(file)).toBeGreaterThan(0);
    const db = openDatabase(file);
    try {
      expect(unplaced(file)).toBe(0);
      const report = checkIntegrity(db.sqlite, { expectHead: head });
      expect(report.problems).toEqual([]);
      expect(report.chain).toMatchObject({ ok: true, rowsChecked: rows + added });
      expect(db.sqlite.prepare("SELECT DISTINCT actor_name FROM audit_log WHERE id > ? AND entity IN ('property', 'booking')").pluck().all(rows)).toEqual([
        'JobTrail (upgrade: properties)',
      ]);
    } finally {
      closeDatabase(db);
    }
  });

  it('is not done again: an old booking taken off its property from outside stays so, an outside change in its History', () => {
    const { file } = load(newest);
    closeDatabase(openDatabase(file));
    const raw = new Database(file);
    const id = raw.prepare('SELECT min(id) FROM bookings').pluck().get() as number;
    raw.prepare('UPDATE bookings SET property_id = NULL WHERE id = ?').run(id);
    raw.close();
    const db = openDatabase(file);
    try {
      expect(db.sqlite.prepare('SELECT property_id FROM bookings WHERE id = ?').pluck().get(id)).toBeNull();
      const last = db.sqlite.prepare('SELECT entity, entity_id, field, actor_id, new_value FROM audit_log ORDER BY id DESC LIMIT 1').get();
      expect(last).toMatchObject({ entity: 'booking', entity_id: id, actor_id: null, new_value: null });
    } finally {
      closeDatabase(db);
    }
  });
});

describe('a migration added by a later release', () => {
  const saved = process.env.JOBTRAIL_MIGRATIONS_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.JOBTRAIL_MIGRATIONS_DIR;
    else process.env.JOBTRAIL_MIGRATIONS_DIR = saved;
  });

  /** This version's migrations plus a plausible next one: a new column, an index, and a trigger recreated as a schema change would. */
  function nextRelease(): { dir: string; name: string } {
    const next = join(dir, `next-${++n}`);
    cpSync(migrationsDir(), next, { recursive: true });
    const last = loadMigrations(next).at(-1)!.name;
    const number = String(Number(last.slice(0, 4)) + 1).padStart(4, '0');
    writeFileSync(
      join(next, `${number}_customer_vat.sql`),
      [
        'ALTER TABLE customers ADD COLUMN vat_number TEXT;',
        'CREATE INDEX audit_event ON audit_log (event, id);',
        'DROP TRIGGER audit_customer_notes;',
        `CREATE TRIGGER audit_customer_notes AFTER UPDATE OF notes ON customers
WHEN OLD.notes IS NOT NEW.notes
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('customer', NEW.id, NULL, NEW.id, 'notes', OLD.notes, NEW.notes, 'data_edit', 'notes changed');
END;`,
      ].join('\n'),
    );
    return { dir: next, name: `${number}_customer_vat.sql` };
  }

  it.each(fixtures)('is applied to a database from %s without touching an audit row, and the result verifies', (fixture) => {
    const { file, rows, head, added } = load(fixture);
    const before = everyAuditRow(file);
    const next = nextRelease();
    process.env.JOBTRAIL_MIGRATIONS_DIR = next.dir;
    const db = openDatabase(file);
    try {
      expect(db.sqlite.prepare('SELECT max(name) FROM schema_migrations').pluck().get()).toBe(next.name);
      const report = checkIntegrity(db.sqlite, { expectHead: head });
      expect(report.problems).toEqual([]);
      expect(report.chain).toMatchObject({ rowsChecked: rows + added, expectedHeadAt: rows });
    } finally {
      closeDatabase(db);
    }
    expect(everyAuditRow(file, rows)).toEqual(before);
  });

  it.each(fixtures)('is not applied by commands that only read (verify, export, backup): %s stays as it was, and verifies', (fixture) => {
    const { file, rows } = load(fixture);
    const applied = (sqlite: Database.Database) => sqlite.prepare('SELECT name, checksum, applied_at FROM schema_migrations ORDER BY name').all();
    const raw = new Database(file, { readonly: true });
    const made = applied(raw);
    raw.close();
    process.env.JOBTRAIL_MIGRATIONS_DIR = nextRelease().dir;
    const db = openDatabase(file, { queryOnly: true });
    try {
      expect(applied(db.sqlite)).toEqual(made);
      expect(() => db.sqlite.prepare("UPDATE customers SET phone = '1'").run()).toThrow(/readonly/);
      // Checked against the schema it was made with, not this version's.
      const report = checkIntegrity(db.sqlite);
      expect(report.problems).toEqual([]);
      expect(report.chain.rowsChecked).toBe(rows);
    } finally {
      closeDatabase(db);
    }
  });
});
