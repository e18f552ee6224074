// Migrations are applied in order, each once, and a database whose applied list
// does not match this version's files is refused rather than guessed at.
import Database from 'better-sqlite3';
import { cpSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, migrationsDir, openDatabase } from '../../db/open';
import { loadMigrations, migrate, MigrationMismatchError } from '../../db/migrate';
import { tempDir } from '../helpers/core';

let dir: string;
let n = 0;
const freshFile = () => join(dir, `db-${++n}.db`);
const files = loadMigrations(migrationsDir());

beforeAll(() => {
  dir = tempDir('jobtrail-migrate-');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const applied = (sqlite: Database.Database) =>
  sqlite.prepare('SELECT name, checksum, applied_at FROM schema_migrations ORDER BY name').all() as { name: string; checksum: string; applied_at: string }[];
const schemaObjects = (sqlite: Database.Database) =>
  sqlite.prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();

describe('migrations', () => {
  it('the migration files are numbered, in order, and include the audit triggers', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
    expect(files.map((f) => f.name)).toEqual([...files.map((f) => f.name)].sort());
    expect(files[0].name).toBe('0001_tables.sql');
  });

  it('opening a database twice applies each migration once', () => {
    const file = freshFile();
    const first = openDatabase(file);
    const rows = applied(first.sqlite);
    const objects = schemaObjects(first.sqlite);
    expect(rows.map((r) => [r.name, r.checksum])).toEqual(files.map((f) => [f.name, f.checksum]));
    closeDatabase(first);

    const second = openDatabase(file);
    expect(applied(second.sqlite)).toEqual(rows); // same rows, same applied_at: nothing re-ran
    expect(schemaObjects(second.sqlite)).toEqual(objects);
    expect(migrate(second.sqlite, files)).toEqual([]);
    const triggers = second.sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_log_no_update'").pluck().get();
    expect(triggers).toBe(1);
    closeDatabase(second);
  });

  it('a database migrated by an older version gets only the migrations it lacks, in order', () => {
    const sqlite = new Database(freshFile());
    expect(migrate(sqlite, files.slice(0, 3))).toEqual(files.slice(0, 3).map((f) => f.name));
    expect(migrate(sqlite, files)).toEqual(files.slice(3).map((f) => f.name));
    expect(applied(sqlite).map((r) => r.name)).toEqual(files.map((f) => f.name));
    sqlite.close();
  });

  it('a database whose recorded checksum differs is refused with MigrationMismatchError', () => {
    const file = freshFile();
    closeDatabase(openDatabase(file));
    const tool = new Database(file);
    tool.prepare("UPDATE schema_migrations SET checksum = 'not-the-same' WHERE name = ?").run(files[2].name);
    tool.close();
    let thrown: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(MigrationMismatchError);
    expect((thrown as Error).message).toBe(`Migration ${files[2].name} differs from the one applied to this database.`);
  });

  it('an edited migration file is refused against a database that applied the original', () => {
    const sqlite = new Database(freshFile());
    migrate(sqlite, files);
    const editedDir = join(dir, `edited-${++n}`);
    cpSync(migrationsDir(), editedDir, { recursive: true });
    appendFileSync(join(editedDir, files[3].name), '\n-- DROP TRIGGER audit_customer_name;\n');
    expect(() => migrate(sqlite, loadMigrations(editedDir))).toThrow(MigrationMismatchError);
    sqlite.close();
  });

  it('a database with a migration this version does not know, or missing one in the middle, is refused', () => {
    const newer = new Database(freshFile());
    migrate(newer, files);
    newer.prepare("INSERT INTO schema_migrations VALUES ('9999_from_the_future.sql', 'x', '2030-01-01T00:00:00.000Z')").run();
    expect(() => migrate(newer, files)).toThrow(/another version of JobTrail/);
    newer.close();

    const gap = new Database(freshFile());
    migrate(gap, files);
    gap.prepare('DELETE FROM schema_migrations WHERE name = ?').run(files[1].name);
    expect(() => migrate(gap, files)).toThrow(MigrationMismatchError);
    gap.close();
  });

  it('a migration that fails is rolled back whole and not recorded', () => {
    const broken = join(dir, `broken-${++n}`);
    cpSync(migrationsDir(), broken, { recursive: true });
    writeFileSync(join(broken, '9000_broken.sql'), 'CREATE TABLE half_done (id INTEGER);\nINSERT INTO no_such_table VALUES (1);\n');
    const sqlite = new Database(freshFile());
    expect(() => migrate(sqlite, loadMigrations(broken))).toThrow(/no_such_table/);
    expect(applied(sqlite).map((r) => r.name)).toEqual(files.map((f) => f.name));
    expect(sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
    sqlite.close();
  });

  it('openDatabase sets the pragmas the design asks for', () => {
    const db = openDatabase(freshFile());
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.sqlite.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    closeDatabase(db);
  });
});
