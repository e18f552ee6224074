// The schema check compares everything SQLite loads. Each case is a change to
// the schema that someone with a SQLite tool could make, many of them written
// straight into sqlite_master (PRAGMA writable_schema) in a spelling a filtered
// check would not look for. Each must be named by the integrity check that
// verify runs, or be refused by SQLite itself when it opens the file (then it
// loads nothing). The test checks that it tries every kind of object and every
// column of sqlite_master.
import Database from 'better-sqlite3';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIntegrity } from '../../db/integrity';
import { makeBooking, makeCustomer } from '../helpers/audit';
import { makeCore, tempDir } from '../helpers/core';

type Kind = 'table' | 'index' | 'view' | 'trigger';
type Change = 'added' | 'altered' | 'dropped' | 'harmless';
/** The columns of sqlite_master a case writes differently from SQLite (rootpage is not compared: see schemaCheck.ts). */
type Column = 'type' | 'name' | 'tbl_name' | 'sql';

interface Case {
  name: string;
  kind: Kind;
  change: Change;
  varies?: Column[];
  tamper(db: Database.Database): void;
  /** A problem line that must name it; 'refused' when SQLite will not open the file; null when nothing is wrong. */
  named: RegExp | 'refused' | null;
  /** Shows that SQLite runs what was planted: something it does only because the object is loaded. */
  loaded?(db: Database.Database): void;
}

/** Writes a row into sqlite_master as no CREATE statement would. */
function plant(db: Database.Database, type: string, name: string, table: string, sql: string): void {
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  db.prepare('INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES (?, ?, ?, 0, ?)').run(type, name, table, sql);
  db.pragma('writable_schema = OFF');
}

/** Rewrites rows of sqlite_master in place. */
function rewrite(db: Database.Database, set: string, where: string): void {
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  expect(db.prepare(`UPDATE sqlite_master SET ${set} WHERE ${where}`).run().changes).toBeGreaterThan(0);
  db.pragma('writable_schema = OFF');
}

// What the issue found: a trigger that rewrites who made each later change.
const FORGE = "AFTER INSERT ON session_actor BEGIN UPDATE session_actor SET user_name = 'Dana Whitfield' WHERE id = 1; END";
const FORGE_SPELT_LOOSELY = "after  insert on\nsession_actor begin update session_actor set user_name = 'Dana Whitfield' where id = 1; end";

/** The actor a change made as Ada Admin is recorded under. */
function recordedActor(db: Database.Database): string {
  db.prepare("INSERT OR REPLACE INTO session_actor (id, user_id, user_name, tx) VALUES (1, 1, 'Ada Admin', 7)").run();
  db.prepare("UPDATE customers SET phone = '555-0142' WHERE id = 1").run();
  db.prepare('DELETE FROM session_actor').run();
  return db.prepare('SELECT actor_name FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get() as string;
}
const forgesTheActor = (db: Database.Database) => expect(recordedActor(db)).toBe('Dana Whitfield');

const CASES: Case[] = [
  // ── triggers ──
  {
    name: 'a trigger stored with its type in upper case',
    kind: 'trigger',
    change: 'added',
    varies: ['type'],
    tamper: (db) => plant(db, 'TRIGGER', 'forge_actor', 'session_actor', `CREATE TRIGGER forge_actor ${FORGE}`),
    named: /^TRIGGER forge_actor on session_actor is not defined by any JobTrail migration: it was added from outside$/,
    loaded: forgesTheActor,
  },
  {
    name: 'a trigger with type, name and table in mixed case',
    kind: 'trigger',
    change: 'added',
    varies: ['type', 'name', 'tbl_name'],
    tamper: (db) => plant(db, 'Trigger', 'Forge_Actor', 'Session_Actor', `CREATE TRIGGER Forge_Actor ${FORGE}`),
    named: /^Trigger Forge_Actor on Session_Actor is not defined by any JobTrail migration/,
    loaded: forgesTheActor,
  },
  {
    name: 'a TEMP trigger written into the main schema',
    kind: 'trigger',
    change: 'added',
    varies: ['sql'],
    tamper: (db) => plant(db, 'trigger', 'forge_actor', 'session_actor', `CREATE TEMP TRIGGER forge_actor ${FORGE}`),
    named: /^trigger forge_actor on session_actor is not defined/,
    loaded: forgesTheActor,
  },
  {
    name: 'a trigger in lower case with odd spacing',
    kind: 'trigger',
    change: 'added',
    varies: ['sql'],
    tamper: (db) => plant(db, 'trigger', 'forge_actor', 'session_actor', `create   trigger\tforge_actor ${FORGE_SPELT_LOOSELY}`),
    named: /^trigger forge_actor on session_actor is not defined/,
    loaded: forgesTheActor,
  },
  {
    name: 'the append-only guard rewritten in place to guard nothing',
    kind: 'trigger',
    change: 'altered',
    varies: ['sql'],
    tamper: (db) => rewrite(db, "sql = replace(sql, 'WHEN OLD.id >', 'WHEN 0 AND OLD.id >')", "name = 'audit_log_no_delete'"),
    named: /^trigger audit_log_no_delete on audit_log differs from the one 0020_archives\.sql defines: it was altered \(its SQL is different\)$/,
    loaded: (db) => expect(db.prepare('DELETE FROM audit_log WHERE id = 1').run().changes).toBe(1),
  },
  {
    name: 'the trigger that writes the actor replaced under its name in upper case',
    kind: 'trigger',
    change: 'altered',
    varies: ['name', 'sql'],
    tamper: (db) =>
      rewrite(
        db,
        "name = 'AUDIT_ENTRY_INSERT', sql = replace(replace(sql, 'audit_entry_insert', 'AUDIT_ENTRY_INSERT'), 's.user_name,', '''Dana Whitfield'',')",
        "name = 'audit_entry_insert'",
      ),
    named:
      /^trigger audit_entry_insert on audit_entry differs from the one 0016_audit_reasons\.sql defines: it was altered \(its name is stored as "AUDIT_ENTRY_INSERT", its SQL is different\)$/,
    loaded: forgesTheActor,
  },
  {
    name: "a trigger's type rewritten in upper case, its SQL untouched",
    kind: 'trigger',
    change: 'altered',
    varies: ['type'],
    tamper: (db) => rewrite(db, "type = 'TRIGGER'", "name = 'audit_booking_price'"),
    named: /^trigger audit_booking_price on bookings differs .*\(its type is stored as "TRIGGER"\)$/,
  },
  {
    name: 'a guard dropped',
    kind: 'trigger',
    change: 'dropped',
    tamper: (db) => db.exec('DROP TRIGGER audit_log_no_replace'),
    named: /^trigger audit_log_no_replace on audit_log is missing \(defined by 0012_audit_guards\.sql\): it was dropped$/,
  },
  {
    name: 'two triggers whose names differ only in case',
    kind: 'trigger',
    change: 'added',
    varies: ['name'],
    tamper: (db) => plant(db, 'trigger', 'Audit_Log_No_Delete', 'audit_log', 'CREATE TRIGGER Audit_Log_No_Delete AFTER INSERT ON notes BEGIN SELECT 1; END'),
    named: 'refused',
  },
  {
    name: 'a trigger filed under another table than its SQL names',
    kind: 'trigger',
    change: 'added',
    varies: ['tbl_name'],
    tamper: (db) => plant(db, 'trigger', 'forge_actor', 'notes', `CREATE TRIGGER forge_actor ${FORGE}`),
    named: 'refused',
  },
  // ── tables ──
  {
    name: "a business table's CHECK removed",
    kind: 'table',
    change: 'altered',
    varies: ['sql'],
    tamper: (db) => rewrite(db, "sql = replace(sql, 'CHECK (role IN (''administrator'', ''manager'', ''staff'', ''fieldworker''))', '')", "name = 'users'"),
    named: /^table users differs from the one \d{4}_\w+\.sql defines: it was altered \(its SQL is different\)$/,
    loaded: (db) => expect(db.prepare("UPDATE users SET role = 'owner' WHERE id = 1").run().changes).toBe(1),
  },
  {
    name: 'a column added to a business table',
    kind: 'table',
    change: 'altered',
    tamper: (db) => db.exec('ALTER TABLE bookings ADD COLUMN discount_cents INTEGER'),
    named: /^table bookings differs from the one \d{4}_\w+\.sql defines/,
  },
  {
    name: "the audit log's category CHECK removed",
    kind: 'table',
    change: 'altered',
    varies: ['sql'],
    tamper: (db) => rewrite(db, "sql = replace(sql, 'CHECK (category IN (''user_action'', ''financial'', ''data_edit''))', '')", "name = 'audit_log'"),
    named: /^table audit_log differs from the one \d{4}_\w+\.sql defines/,
  },
  {
    name: 'a table added',
    kind: 'table',
    change: 'added',
    tamper: (db) => db.exec('CREATE TABLE notes_shadow (id INTEGER PRIMARY KEY, body TEXT)'),
    named: /^table notes_shadow is not defined by any JobTrail migration: it was added from outside$/,
  },
  {
    name: 'a table carrying a trigger',
    kind: 'table',
    change: 'added',
    varies: ['type'],
    tamper: (db) => plant(db, 'table', 'forge_actor', 'forge_actor', `CREATE TRIGGER forge_actor ${FORGE}`),
    named: 'refused',
  },
  {
    name: 'a table dropped',
    kind: 'table',
    change: 'dropped',
    tamper: (db) => db.exec('DROP TABLE custom_field_values'),
    named: /^table custom_field_values is missing \(defined by 0001_tables\.sql\): it was dropped$/,
  },
  {
    name: 'sqlite_stat1 carrying a trigger',
    kind: 'table',
    change: 'added',
    varies: ['sql'],
    tamper: (db) => plant(db, 'table', 'sqlite_stat1', 'sqlite_stat1', `CREATE TRIGGER forge_actor ${FORGE}`),
    named: 'refused',
  },
  { name: 'ANALYZE, as anyone tuning the file might run it', kind: 'table', change: 'harmless', tamper: (db) => db.exec('ANALYZE'), named: null },
  { name: 'PRAGMA optimize', kind: 'table', change: 'harmless', tamper: (db) => db.exec('PRAGMA optimize = 0x10002'), named: null },
  // ── indexes ──
  {
    name: 'a UNIQUE index on the audit log, which REPLACE would resolve by removing rows',
    kind: 'index',
    change: 'added',
    tamper: (db) => db.exec('CREATE UNIQUE INDEX audit_hash ON audit_log (hash)'),
    named: /^index audit_hash on audit_log is not defined by any JobTrail migration: it was added from outside$/,
  },
  {
    name: 'an index dropped',
    kind: 'index',
    change: 'dropped',
    tamper: (db) => db.exec('DROP INDEX audit_booking'),
    named: /^index audit_booking on audit_log is missing \(defined by 0025_event_key_indexes\.sql\): it was dropped$/,
  },
  {
    name: "a partial index's condition rewritten in place",
    kind: 'index',
    change: 'altered',
    varies: ['sql'],
    tamper: (db) => rewrite(db, "sql = replace(sql, 'booking_id IS NOT NULL', 'booking_id > 10')", "name = 'audit_booking'"),
    named: /^index audit_booking on audit_log differs from the one 0025_event_key_indexes\.sql defines/,
  },
  {
    name: 'an index carrying a trigger',
    kind: 'index',
    change: 'added',
    varies: ['type', 'sql'],
    tamper: (db) => plant(db, 'index', 'forge_actor', 'session_actor', `CREATE TRIGGER forge_actor ${FORGE}`),
    named: 'refused',
  },
  // ── views ──
  {
    name: "the view the search index reads altered to hide a person's rows",
    kind: 'view',
    change: 'altered',
    tamper: (db) => {
      const sql = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_search_source'").pluck().get() as string;
      db.exec(`DROP VIEW audit_search_source; ${sql.replace(/FROM audit_log$/, "FROM audit_log WHERE actor_name <> 'Dana Whitfield'")}`);
    },
    named: /^view audit_search_source differs from the one 0016_audit_reasons\.sql defines/,
  },
  {
    name: 'a view added',
    kind: 'view',
    change: 'added',
    tamper: (db) => db.exec("CREATE VIEW tidy_log AS SELECT * FROM audit_log WHERE entity <> 'payment'"),
    named: /^view tidy_log is not defined by any JobTrail migration/,
  },
  {
    name: 'a view dropped',
    kind: 'view',
    change: 'dropped',
    tamper: (db) => db.exec('DROP VIEW audit_entry'),
    named: /^view audit_entry is missing \(defined by 0002_audit_log\.sql\): it was dropped$/,
  },
];

let dir: string;
let base: string;
let n = 0;
beforeAll(() => {
  dir = tempDir('jobtrail-schema-check-');
  const core = makeCore();
  const c = makeCustomer(core, { name: 'Iris Vale' });
  makeBooking(core, c.id);
  core.close();
  base = join(dir, 'base.db');
  copyFileSync(core.file, base);
  rmSync(core.dir, { recursive: true, force: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tampered(c: Case): string {
  const file = join(dir, `case-${++n}.db`);
  copyFileSync(base, file);
  const db = new Database(file);
  try {
    c.tamper(db);
  } finally {
    db.close();
  }
  return file;
}

/** The problem lines the integrity check names, or 'refused' when SQLite cannot load the schema at all. */
function problemsOf(file: string): string[] | 'refused' {
  const db = new Database(file, { readonly: true });
  try {
    return checkIntegrity(db).problems;
  } catch (e) {
    if (/malformed database schema/.test(String(e))) return 'refused';
    throw e;
  } finally {
    db.close();
  }
}

describe('the schema check compares everything SQLite loads', () => {
  it('the cases add, alter and drop every kind of object, and vary every column SQLite loads by', () => {
    const combos = CASES.filter((c) => c.named !== 'refused' && c.change !== 'harmless').map((c) => `${c.change} ${c.kind}`);
    for (const kind of ['table', 'index', 'view', 'trigger']) {
      for (const change of ['added', 'altered', 'dropped']) expect(combos, `${change} ${kind}`).toContain(`${change} ${kind}`);
    }
    const db = new Database(base, { readonly: true });
    const kinds = db.prepare('SELECT DISTINCT type FROM sqlite_master ORDER BY type').pluck().all();
    const columns = db.prepare("SELECT name FROM pragma_table_info('sqlite_master') WHERE name <> 'rootpage' ORDER BY name").pluck().all();
    db.close();
    expect(kinds).toEqual(['index', 'table', 'trigger', 'view']);
    const varied = new Set(CASES.filter((c) => c.named !== 'refused').flatMap((c) => c.varies ?? []));
    expect([...varied].sort()).toEqual(columns);
  });

  it('the untouched file has no problem', () => {
    expect(problemsOf(base)).toEqual([]);
  });

  it.each(CASES)('$name: $change $kind', (c) => {
    const file = tampered(c);
    const found = problemsOf(file);
    if (c.named === 'refused') {
      expect(found).toBe('refused');
      return;
    }
    if (c.named === null) {
      expect(found).toEqual([]);
      return;
    }
    expect(found).not.toBe('refused');
    expect(found, 'named by the integrity check').toEqual(expect.arrayContaining([expect.stringMatching(c.named)]));
    if (c.loaded) {
      // Shown on a fresh connection, as the app would open the file: SQLite runs what was planted.
      const db = new Database(file);
      try {
        c.loaded(db);
      } finally {
        db.close();
      }
    }
  });
});
