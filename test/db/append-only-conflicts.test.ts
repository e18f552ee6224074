// Rows of the trail cannot be replaced either: every spelling of SQLite's
// conflict resolution (which removes the row in the way without firing DELETE
// triggers) is refused, on every append-only table, from a plain connection such
// as a SQLite tool would open and from the app's own. The sibling of
// append-only.test.ts, which covers UPDATE and DELETE column by column.
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../db/chain';
import { makeCore, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer, outsideConnection } from '../helpers/audit';

let core: TestCore;
let tool: Database.Database;
/** An audit row written by the tool and not sealed yet: the sealer has not decided it, so nothing but the guards protects it. */
let unsealed: number;
let snapshot: unknown[];

beforeAll(() => {
  core = makeCore();
  const c = makeCustomer(core, { name: 'Nora Quist' });
  const b = makeBooking(core, c.id);
  core.as('staff')('bookings.update', { id: b.id, address: '3 Mill Lane', priceCents: 12000 });
  core.as('administrator')('customers.erase', { customerId: makeCustomer(core).id, reference: 'DSR-1' });
  tool = outsideConnection(core.file);
  tool
    .prepare(
      `INSERT INTO audit_log (at, actor_name, entity, entity_id, field, new_value, category, event)
    VALUES ('2026-01-01T00:00:00.000Z', 'a script', 'booking', 1, 'status', 'completed', 'user_action', 'status changed')`,
    )
    .run();
  unsealed = tool.prepare('SELECT max(id) FROM audit_log').pluck().get() as number;
  expect(verifyChain(core.db.sqlite)).toMatchObject({ ok: true, unsealedTail: 1 });
  snapshot = contents('audit_log');
  // An archive's checkpoint, as the archive step would leave it (the chain still verifies from it).
  tool.prepare("INSERT INTO audit_checkpoint VALUES (1, 1, (SELECT hash FROM audit_log WHERE id = 1), '2026-01-01T00:00:00.000Z')").run();
});
afterAll(() => {
  tool.close();
  core.dispose();
});

/** Every way SQLite can remove or rewrite a row other than a plain UPDATE or DELETE, and the plain DELETE. */
const SPELLINGS = [
  'INSERT OR REPLACE',
  'REPLACE INTO',
  'upsert on the key',
  'upsert on any conflict',
  'rowid alias',
  'several rows at once',
  'UPDATE OR REPLACE',
  'DELETE',
] as const;
type Spelling = (typeof SPELLINGS)[number];

interface Case {
  table: string;
  spelling: Spelling;
  name: string;
  sql: () => string;
}

// A replacement that passes every other guard: unsealed, no origin, so only the refusal to replace can stop it.
const LOG_COLS = 'id, at, actor_id, actor_name, entity, entity_id, field, new_value, category, event';
const forged = (id: number | string) =>
  `(${id}, '2026-01-01T00:00:00.000Z', 1, 'Ada Admin', 'booking', 1, 'status', 'forged', 'user_action', 'status changed')`;
const CHECKPOINT = "(1, 0, x'00', '2020-01-01T00:00:00.000Z')";
const KEY = "x'" + '11'.repeat(32) + "'";
// Every row counted as v1, so none needs a signature.
const V2_FROM = '(SELECT max(id) FROM audit_log)';

const CASES: Case[] = [
  { table: 'audit_log', spelling: 'INSERT OR REPLACE', name: 'a sealed row', sql: () => `INSERT OR REPLACE INTO audit_log (${LOG_COLS}) VALUES ${forged(3)}` },
  {
    table: 'audit_log',
    spelling: 'INSERT OR REPLACE',
    name: 'the unsealed row an outside program left',
    sql: () => `INSERT OR REPLACE INTO audit_log (${LOG_COLS}) VALUES ${forged(unsealed)}`,
  },
  {
    table: 'audit_log',
    spelling: 'INSERT OR REPLACE',
    name: 'with the id as text',
    sql: () => `INSERT OR REPLACE INTO audit_log (${LOG_COLS}) VALUES ${forged("'3'")}`,
  },
  { table: 'audit_log', spelling: 'REPLACE INTO', name: 'a sealed row', sql: () => `REPLACE INTO audit_log (${LOG_COLS}) VALUES ${forged(3)}` },
  {
    table: 'audit_log',
    spelling: 'REPLACE INTO',
    name: 'the unsealed row an outside program left',
    sql: () => `REPLACE INTO audit_log (${LOG_COLS}) VALUES ${forged(unsealed)}`,
  },
  {
    table: 'audit_log',
    spelling: 'upsert on the key',
    name: 'DO UPDATE',
    sql: () => `INSERT INTO audit_log (${LOG_COLS}) VALUES ${forged(3)} ON CONFLICT (id) DO UPDATE SET new_value = excluded.new_value`,
  },
  {
    table: 'audit_log',
    spelling: 'upsert on the key',
    name: 'DO UPDATE of the unsealed row',
    sql: () => `INSERT INTO audit_log (${LOG_COLS}) VALUES ${forged(unsealed)} ON CONFLICT (id) DO UPDATE SET origin = 'app'`,
  },
  {
    table: 'audit_log',
    spelling: 'upsert on any conflict',
    name: 'DO UPDATE',
    sql: () => `INSERT INTO audit_log (${LOG_COLS}) VALUES ${forged(3)} ON CONFLICT DO UPDATE SET new_value = excluded.new_value`,
  },
  ...['rowid', '_rowid_', 'oid'].map((alias) => ({
    table: 'audit_log',
    spelling: 'rowid alias' as const,
    name: alias,
    sql: () => `INSERT OR REPLACE INTO audit_log (${LOG_COLS.replace('id,', `${alias},`)}) VALUES ${forged(3)}`,
  })),
  {
    table: 'audit_log',
    spelling: 'several rows at once',
    name: 'copied over their neighbours',
    sql: () => `INSERT OR REPLACE INTO audit_log (${LOG_COLS})
      SELECT id + 1, at, actor_id, actor_name, entity, entity_id, field, new_value, category, event FROM audit_log WHERE id BETWEEN 2 AND 4`,
  },
  { table: 'audit_log', spelling: 'UPDATE OR REPLACE', name: 'a row moved onto another', sql: () => 'UPDATE OR REPLACE audit_log SET id = 3 WHERE id = 4' },
  {
    table: 'audit_log',
    spelling: 'UPDATE OR REPLACE',
    name: 'the unsealed row moved onto a sealed one',
    sql: () => `UPDATE OR REPLACE audit_log SET id = 3 WHERE id = ${unsealed}`,
  },
  { table: 'audit_log', spelling: 'DELETE', name: 'a row', sql: () => 'DELETE FROM audit_log WHERE id = 3' },
  {
    table: 'audit_checkpoint',
    spelling: 'INSERT OR REPLACE',
    name: 'moved back to the start',
    sql: () => `INSERT OR REPLACE INTO audit_checkpoint VALUES ${CHECKPOINT}`,
  },
  { table: 'audit_checkpoint', spelling: 'REPLACE INTO', name: 'moved back to the start', sql: () => `REPLACE INTO audit_checkpoint VALUES ${CHECKPOINT}` },
  {
    table: 'audit_checkpoint',
    spelling: 'upsert on the key',
    name: 'DO UPDATE',
    sql: () => `INSERT INTO audit_checkpoint VALUES ${CHECKPOINT} ON CONFLICT (id) DO UPDATE SET last_id = excluded.last_id`,
  },
  {
    table: 'audit_checkpoint',
    spelling: 'upsert on any conflict',
    name: 'DO UPDATE',
    sql: () => `INSERT INTO audit_checkpoint VALUES ${CHECKPOINT} ON CONFLICT DO UPDATE SET last_hash = excluded.last_hash`,
  },
  {
    table: 'audit_checkpoint',
    spelling: 'rowid alias',
    name: 'rowid',
    sql: () => `INSERT OR REPLACE INTO audit_checkpoint (rowid, last_id, last_hash, at) VALUES ${CHECKPOINT}`,
  },
  { table: 'audit_checkpoint', spelling: 'UPDATE OR REPLACE', name: 'moved back', sql: () => 'UPDATE OR REPLACE audit_checkpoint SET last_id = 0' },
  { table: 'audit_checkpoint', spelling: 'DELETE', name: 'removed', sql: () => 'DELETE FROM audit_checkpoint' },
  { table: 'chain_keys', spelling: 'INSERT OR REPLACE', name: 'by id', sql: () => `INSERT OR REPLACE INTO chain_keys VALUES (1, ${KEY}, 'now')` },
  {
    table: 'chain_keys',
    spelling: 'INSERT OR REPLACE',
    name: 'by public key, under a new id',
    sql: () => "INSERT OR REPLACE INTO chain_keys (public_key, added_at) SELECT public_key, 'now' FROM chain_keys WHERE id = 1",
  },
  { table: 'chain_keys', spelling: 'REPLACE INTO', name: 'by id', sql: () => `REPLACE INTO chain_keys VALUES (1, ${KEY}, 'now')` },
  {
    table: 'chain_keys',
    spelling: 'upsert on the key',
    name: 'DO UPDATE',
    sql: () => `INSERT INTO chain_keys VALUES (1, ${KEY}, 'now') ON CONFLICT (id) DO UPDATE SET public_key = excluded.public_key`,
  },
  {
    table: 'chain_keys',
    spelling: 'upsert on any conflict',
    name: 'DO UPDATE',
    sql: () =>
      "INSERT INTO chain_keys (public_key, added_at) SELECT public_key, 'now' FROM chain_keys WHERE id = 1 ON CONFLICT DO UPDATE SET added_at = excluded.added_at",
  },
  {
    table: 'chain_keys',
    spelling: 'rowid alias',
    name: 'oid',
    sql: () => `INSERT OR REPLACE INTO chain_keys (oid, public_key, added_at) VALUES (1, ${KEY}, 'now')`,
  },
  {
    table: 'chain_keys',
    spelling: 'several rows at once',
    name: 'every key',
    sql: () => `INSERT OR REPLACE INTO chain_keys SELECT id, ${KEY}, added_at FROM chain_keys`,
  },
  { table: 'chain_keys', spelling: 'UPDATE OR REPLACE', name: 'a new key', sql: () => `UPDATE OR REPLACE chain_keys SET public_key = ${KEY}` },
  { table: 'chain_keys', spelling: 'DELETE', name: 'a key', sql: () => 'DELETE FROM chain_keys' },
  {
    table: 'chain_meta',
    spelling: 'INSERT OR REPLACE',
    name: 'v2 moved on',
    sql: () => `INSERT OR REPLACE INTO chain_meta SELECT 1, database_id, ${V2_FROM} FROM chain_meta`,
  },
  { table: 'chain_meta', spelling: 'REPLACE INTO', name: 'another identity', sql: () => "REPLACE INTO chain_meta VALUES (1, 'another office', 0)" },
  {
    table: 'chain_meta',
    spelling: 'upsert on the key',
    name: 'DO UPDATE',
    sql: () => `INSERT INTO chain_meta SELECT 1, database_id, ${V2_FROM} FROM chain_meta WHERE true ON CONFLICT (id) DO UPDATE SET v2_from = excluded.v2_from`,
  },
  {
    table: 'chain_meta',
    spelling: 'upsert on any conflict',
    name: 'DO UPDATE',
    sql: () => "INSERT INTO chain_meta VALUES (1, 'another office', 0) ON CONFLICT DO UPDATE SET database_id = excluded.database_id",
  },
  {
    table: 'chain_meta',
    spelling: 'rowid alias',
    name: '_rowid_',
    sql: () => "INSERT OR REPLACE INTO chain_meta (_rowid_, database_id, v2_from) VALUES (1, 'another office', 0)",
  },
  { table: 'chain_meta', spelling: 'UPDATE OR REPLACE', name: 'v2 moved on', sql: () => `UPDATE OR REPLACE chain_meta SET v2_from = ${V2_FROM}` },
  { table: 'chain_meta', spelling: 'DELETE', name: 'removed', sql: () => 'DELETE FROM chain_meta' },
  ...erasureCases(),
];

/** An erasure record replaced would hide what was erased, and under which reference. */
function erasureCases(): Case[] {
  const cols = 'customer_id, reference, rows_erased, still_held, erased_at';
  const copy = "customer_id, 'forged', 0, 'nothing', erased_at FROM erasures";
  const c = (spelling: Spelling, name: string, sql: string): Case => ({ table: 'erasures', spelling, name, sql: () => sql });
  return [
    c('INSERT OR REPLACE', 'by id', `INSERT OR REPLACE INTO erasures (id, ${cols}) SELECT id, ${copy} WHERE id = 1`),
    c('INSERT OR REPLACE', 'by customer, under a new id', `INSERT OR REPLACE INTO erasures (${cols}) SELECT ${copy} WHERE id = 1`),
    c('REPLACE INTO', 'by customer', `REPLACE INTO erasures (${cols}) SELECT ${copy} WHERE id = 1`),
    c('upsert on the key', 'DO UPDATE', `INSERT INTO erasures (id, ${cols}) SELECT id, ${copy} WHERE id = 1 ON CONFLICT (id) DO UPDATE SET rows_erased = 0`),
    c(
      'upsert on any conflict',
      'DO UPDATE',
      `INSERT INTO erasures (${cols}) SELECT ${copy} WHERE id = 1 ON CONFLICT DO UPDATE SET reference = excluded.reference`,
    ),
    c('rowid alias', 'rowid', `INSERT OR REPLACE INTO erasures (rowid, ${cols}) SELECT id, ${copy} WHERE id = 1`),
    c('several rows at once', 'every record', `INSERT OR REPLACE INTO erasures (id, ${cols}) SELECT id, ${copy}`),
    c('UPDATE OR REPLACE', 'fewer rows', 'UPDATE OR REPLACE erasures SET rows_erased = 0'),
    c('DELETE', 'a record', 'DELETE FROM erasures'),
  ];
}

/** Spellings that cannot reach a table at all, and why. */
const CANNOT: Record<string, Partial<Record<Spelling, string>>> = {
  audit_checkpoint: { 'several rows at once': 'it holds one row at most (CHECK id = 1)' },
  chain_meta: { 'several rows at once': 'it holds one row (CHECK id = 1)' },
};

/** What each table's guards say when they refuse. */
const REFUSAL: Record<string, RegExp> = { chain_meta: /identity cannot change/, erasures: /erasure records cannot be/ };
const refusal = (table: string) => REFUSAL[table] ?? /append-only/;

/** Tables guarded as append-only: a BEFORE DELETE trigger that aborts. */
function appendOnlyTables(db: Database.Database): string[] {
  const triggers = db.prepare("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { tbl_name: string; sql: string }[];
  return [...new Set(triggers.filter((t) => /\bBEFORE\s+DELETE\s+ON\b/i.test(t.sql) && /RAISE\s*\(\s*ABORT/i.test(t.sql)).map((t) => t.tbl_name))].sort();
}

const contents = (table: string) => tool.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();

describe('rows of the trail cannot be replaced', () => {
  it('the test tries every spelling on every append-only table', () => {
    const missing = appendOnlyTables(tool).flatMap((table) =>
      SPELLINGS.filter((s) => !CANNOT[table]?.[s] && !CASES.some((c) => c.table === table && c.spelling === s)).map((s) => `${table}: ${s}`),
    );
    expect(missing).toEqual([]);
  });

  it.each(CASES)('$table, $spelling ($name), from a plain connection: refused, nothing changed', (c) => {
    const before = contents(c.table);
    expect(() => tool.prepare(c.sql()).run()).toThrow(refusal(c.table));
    expect(contents(c.table)).toEqual(before);
  });

  it.each(CASES.filter((c) => c.spelling === 'REPLACE INTO'))("$table, REPLACE INTO through the app's own connection: refused the same way", (c) => {
    expect(() => core.db.sqlite.prepare(c.sql()).run()).toThrow(refusal(c.table));
  });

  it('an insert of a new row still goes in, and an ON CONFLICT DO NOTHING of a taken id leaves the row alone', () => {
    const next = unsealed + 1;
    tool.prepare(`INSERT INTO audit_log (${LOG_COLS}) VALUES ${forged(next)}`).run();
    expect(tool.prepare('SELECT new_value FROM audit_log WHERE id = ?').pluck().get(next)).toBe('forged');
    const before = contents('audit_log');
    try {
      tool.prepare(`INSERT INTO audit_log (${LOG_COLS}) VALUES ${forged(3)} ON CONFLICT DO NOTHING`).run();
    } catch (e) {
      expect(String(e)).toMatch(/append-only/);
    }
    expect(contents('audit_log')).toEqual(before);
  });

  it('an archive can still move the checkpoint on', () => {
    tool.prepare('UPDATE audit_checkpoint SET last_id = 2, last_hash = (SELECT hash FROM audit_log WHERE id = 2)').run();
    expect(tool.prepare('SELECT last_id FROM audit_checkpoint').pluck().get()).toBe(2);
  });

  it('after all of that every row is as it was, the new one added after them', () => {
    const now = contents('audit_log');
    expect(now.slice(0, snapshot.length)).toEqual(snapshot);
    expect(now).toHaveLength(snapshot.length + 1);
  });
});
