// The start-up check of what changed since the log was last checked
// (db/incrementalCheck.ts): it must catch what happened to the rows since then,
// and what the witness vouches for (the log rolled back, cut or rewritten), on a
// real file, without reading the rows before where it begins.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkSince } from '../../db/incrementalCheck';
import { checkIntegrity } from '../../db/integrity';
import { indexHistoryText } from '../../db/historyText';
import { flushWitnesses, witnessOf, type Witness } from '../../db/witness';
import { makeCustomer } from '../helpers/audit';
import { lastAuditId, makeCore, type TestCore } from '../helpers/core';
import { forgeSeal, rechain } from '../helpers/forge';

let core: TestCore;
/** The witness as this PC left it when the app last closed, and the rows the app wrote after it. */
let witness: Witness;
let added: number;

beforeEach(() => {
  core = makeCore();
  for (let i = 0; i < 20; i++) makeCustomer(core, { name: `Before ${i}`, phone: `555-01${String(i).padStart(2, '0')}` });
  flushWitnesses(core.db.sqlite);
  witness = witnessOf(core.db.sqlite)!;
  for (let i = 0; i < 5; i++) makeCustomer(core, { name: `Since ${i}`, phone: `555-02${String(i).padStart(2, '0')}` });
  indexHistoryText(core.db.sqlite);
  added = lastAuditId(core) - witness.headId;
});
afterEach(() => core.dispose());

/** The file as a person with a SQLite tool has it: a plain connection of its own. */
function tool<T>(change: (db: Database.Database) => T): T {
  const db = new Database(core.file);
  try {
    return change(db);
  } finally {
    db.close();
  }
}

/** Runs `change` with the audit log's guards dropped, then puts them back word for word. */
function unguarded(db: Database.Database, change: () => void): void {
  const guards = ['audit_log_no_update', 'audit_log_no_delete', 'audit_log_insert_unsealed'];
  const saved = guards.map((t) => db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(t) as string);
  for (const t of guards) db.exec(`DROP TRIGGER ${t}`);
  change();
  for (const sql of saved) db.exec(sql);
}

const alter = (db: Database.Database, id: number) =>
  unguarded(db, () => {
    db.prepare("UPDATE audit_log SET new_value = '555-9999' WHERE id = ?").run(id);
  });

/** The check the app runs at start, on a read-only connection of its own. */
function startCheck(options: Partial<Parameters<typeof checkSince>[1]> = {}) {
  const reader = new Database(core.file, { readonly: true });
  try {
    return checkSince(reader, { witness, ...options });
  } finally {
    reader.close();
  }
}

describe('the start-up check of the rows since the last check', () => {
  it('passes an intact log that grew since the witness, reading only the rows from the witnessed one on', () => {
    const r = startCheck();
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(added).toBeGreaterThan(0);
    expect(r.anchor).toEqual({ id: witness.headId, at: witness.at, by: 'witness' });
    // The witnessed row itself (its predecessor's hash vouches for its content) and every row after it: no more.
    expect(r.from).toBe(witness.headId);
    expect(r.chain.rowsChecked).toBe(added + 1);
    expect(r.chain.headId).toBe(lastAuditId(core));
    expect(r.to).toBe(lastAuditId(core));
    expect(r.chain.signatures?.unsigned).toBe(0);
    expect(r.chain.rowsChecked).toBeLessThan(checkIntegrity(core.db.sqlite).chain.rowsChecked / 3);
  });

  it('fails on a row written after the witnessed one, altered', () => {
    const id = witness.headId + 2;
    tool((db) => alter(db, id));
    const r = startCheck();
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toBe(`audit row ${id}: its content or hash does not match the chain: altered, inserted or reordered`);
  });

  it('fails on the witnessed row itself, altered with its hash left as the witness saw it', () => {
    tool((db) => alter(db, witness.headId));
    const r = startCheck();
    expect(r.witness).toBeNull();
    expect(r.problems[0]).toBe(`audit row ${witness.headId}: its content or hash does not match the chain: altered, inserted or reordered`);
  });

  it('fails on a row before the witness altered and the chain rewritten from it, by the witness and the signature', () => {
    const id = witness.headId - 10;
    tool((db) =>
      unguarded(db, () => {
        db.prepare("UPDATE audit_log SET new_value = '555-9999' WHERE id = ?").run(id);
        rechain(db, id);
      }),
    );
    // The links all fit now: only what is kept outside the file, and the key, can tell.
    const r = startCheck();
    expect(r.ok).toBe(false);
    expect(r.witness).toMatch(new RegExp(`^row ${witness.headId} is not the one JobTrail saw row ${witness.headId} .*the log was rewritten`));
    expect(r.chain.firstBroken?.problem).toMatch(/does not hold: the rows after row \d+ are not as JobTrail signed them/);
  });

  it('fails on the log cut below the witnessed row', () => {
    const keep = witness.headId - 3;
    tool((db) => unguarded(db, () => db.prepare('DELETE FROM audit_log WHERE id > ?').run(keep)));
    const r = startCheck();
    expect(r.ok).toBe(false);
    expect(r.witness).toBe(
      `the log ends at row ${keep}, but JobTrail saw row ${witness.headId} (head ${witness.head.slice(0, 16)}) ` +
        `on ${witness.at}: 3 rows are gone (an older copy put back, the end of the log cut off, or a write lost from the WAL)`,
    );
  });

  it('fails on a trigger dropped', () => {
    tool((db) => db.exec('DROP TRIGGER audit_customer_phone'));
    const r = startCheck();
    expect(r.problems).toEqual(['trigger audit_customer_phone on customers is missing (defined by 0004_audit_customers.sql): it was dropped']);
  });

  it("fails on a row appended with a link computed but without JobTrail's signature", () => {
    tool((db) =>
      unguarded(db, () => {
        db.prepare(
          `INSERT INTO audit_log (at, actor_id, actor_name, entity, entity_id, field, category, event, tx, origin)
        VALUES ('2026-01-14T13:00:00.000Z', 1, 'Ada Admin', 'user', 2, 'password', 'user_action', 'password changed', 7, 'app')`,
        ).run();
        forgeSeal(db, db.prepare('SELECT max(id) FROM audit_log').pluck().get() as number);
      }),
    );
    const r = startCheck();
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatch(/carry no JobTrail signature/);
  });

  it('fails on rows since the witness taken out of the search index', () => {
    tool((db) => db.prepare('DELETE FROM audit_fts WHERE rowid = ?').run(witness.headId + 1));
    expect(startCheck().searchIndex).toMatch(/^the search index holds \d+ of rows .* a search would not find 1 of them/);
  });

  it('leaves an older row altered in place, its hash untouched, to the whole check', () => {
    tool((db) => alter(db, witness.headId - 10));
    expect(startCheck().ok).toBe(true);
    expect(checkIntegrity(core.db.sqlite).problems[0]).toMatch(`audit row ${witness.headId - 10}: `);
  });

  it('begins where the last passing check got to, so the rows of the last run are checked again though the witness moved on', () => {
    const last = lastAuditId(core);
    const checked = { headId: witness.headId, head: witness.head, at: witness.at, by: 'start' as const };
    flushWitnesses(core.db.sqlite);
    const now = witnessOf(core.db.sqlite)!;
    expect(now.headId).toBe(last);
    tool((db) => alter(db, witness.headId + 1));
    // The witness alone vouches for the row altered; where the last check got to does not.
    expect(startCheck({ witness: now }).ok).toBe(true);
    const r = startCheck({ witness: now, checked });
    expect(r.anchor).toEqual({ id: witness.headId, at: witness.at, by: 'start' });
    expect(r.problems[0]).toMatch(`audit row ${witness.headId + 1}: `);
    // Not further back than it may go: the older rows are the whole check's then.
    expect(startCheck({ witness: now, checked, mostRows: 2 }).anchor.by).toBe('witness');
  });

  it('fails when the row the last check got to is no longer as it was', () => {
    const checked = { headId: witness.headId - 5, head: '0'.repeat(64), at: witness.at, by: 'whole' as const };
    const r = startCheck({ checked });
    expect(r.ok).toBe(false);
    expect(r.witness).toMatch(new RegExp(`^row ${witness.headId - 5} is not the one JobTrail saw .*the log was rewritten`));
  });

  it('goes by the witness when the last check was of a log since put back on purpose (a restore moves the witness back)', () => {
    const checked = { headId: witness.headId + 3, head: '0'.repeat(64), at: witness.at, by: 'start' as const };
    const r = startCheck({ checked });
    expect(r.problems).toEqual([]);
    expect(r.anchor.by).toBe('witness');
  });
});
