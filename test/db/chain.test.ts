// Tamper evidence: someone with a SQLite tool drops the protecting triggers in
// their own connection and edits the log. verifyChain must say which row.
import Database from 'better-sqlite3';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audited } from '../../db/actor';
import { verifyChain } from '../../db/chain';
import { forgedLink, forgeSeal, rechain } from '../helpers/forge';
import { makeCore, tempDir, verifyAsManager, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer, outsideConnection } from '../helpers/audit';

let dir: string;
let source: string;
let rows: number; // sealed rows in the source log
let printedHead: string; // what a printed report showed: the short head digest
let copies = 0;

beforeAll(() => {
  const core = makeCore();
  for (let i = 0; i < 4; i++) {
    const c = makeCustomer(core, { name: `Chain Customer ${i}` });
    const b = makeBooking(core, c.id);
    core.as('staff')('bookings.reschedule', {
      id: b.id,
      scheduledStart: '2026-04-01T09:00:00Z',
      scheduledEnd: '2026-04-01T10:00:00Z',
      reason: { code: 'office' },
    });
    core.as('staff')('bookings.update', { id: b.id, priceCents: 20000 + i });
  }
  const report = verifyChain(core.db.sqlite);
  expect(report.ok).toBe(true);
  rows = report.rowsChecked;
  printedHead = report.headShort;
  core.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  core.close();
  dir = tempDir('jobtrail-chain-');
  copyFileSync(core.file, (source = join(dir, 'source.db')));
  rmSync(core.dir, { recursive: true, force: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh copy of the sealed log, opened by the attacker with the protecting triggers dropped. */
function attacker(): { db: Database.Database } {
  const file = join(dir, `copy-${++copies}.db`);
  copyFileSync(source, file);
  const db = new Database(file);
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_insert_unsealed;');
  return { db };
}

const COLS =
  'at, actor_id, actor_name, entity, entity_id, booking_id, customer_id, field, old_value, new_value, old_ref, new_ref, category, event, label, tx, origin';

/** Moves rows from `from` on up by one id, leaving a gap at `from`. */
function openGap(db: Database.Database, from: number): void {
  db.prepare('UPDATE audit_log SET id = -id WHERE id >= ?').run(from);
  db.prepare('UPDATE audit_log SET id = 1 - id WHERE id < 0').run();
}

describe('verifyChain', () => {
  it('an intact chain verifies, with its head digest, and against the digest a report printed', () => {
    const { db } = attacker();
    const r = verifyChain(db);
    expect(r).toMatchObject({ ok: true, rowsChecked: rows, unsealedTail: 0, headId: rows, headShort: printedHead });
    expect(r.firstBroken).toBeUndefined();
    expect(r.head).toMatch(/^[0-9a-f]{64}$/);
    expect(r.head.startsWith(printedHead)).toBe(true);
    expect(verifyChain(db, { expectHead: printedHead }).ok).toBe(true);
    expect(verifyChain(db, { expectHead: printedHead.toUpperCase() }).ok).toBe(true);
    db.close();
  });

  it('reports the row whose new_value was altered', () => {
    const { db } = attacker();
    db.prepare("UPDATE audit_log SET new_value = '1' WHERE id = 10").run();
    const r = verifyChain(db);
    expect(r.ok).toBe(false);
    expect(r.firstBroken).toEqual({ id: 10, problem: expect.stringMatching(/altered/) });
    expect(r.rowsChecked).toBe(9);
    db.close();
  });

  it('reports an altered actor, time or origin in the first row as well', () => {
    for (const change of ["actor_name = 'Nobody'", "at = '2020-01-01T00:00:00.000Z'", "origin = 'outside'", 'tx = tx + 1']) {
      const { db } = attacker();
      db.prepare(`UPDATE audit_log SET ${change} WHERE id = 1`).run();
      expect(verifyChain(db).firstBroken?.id).toBe(1);
      db.close();
    }
  });

  it('reports the id of a row deleted from the middle', () => {
    const { db } = attacker();
    db.prepare('DELETE FROM audit_log WHERE id = 12').run();
    const r = verifyChain(db);
    expect(r.ok).toBe(false);
    expect(r.firstBroken).toEqual({ id: 12, problem: expect.stringMatching(/missing/) });
    db.close();
  });

  it('reports a fake row with a forged hash inserted in the middle', () => {
    const { db } = attacker();
    openGap(db, 10);
    db.prepare(`INSERT INTO audit_log (id, ${COLS}, hash) SELECT 10, ${COLS}, randomblob(32) FROM audit_log WHERE id = 9`).run();
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(rows + 1);
    expect(verifyChain(db).firstBroken?.id).toBe(10);
    db.close();
  });

  it('reports a fake row given an explicit id in a gap left by a deleted row', () => {
    const { db } = attacker();
    db.prepare('DELETE FROM audit_log WHERE id = 7').run();
    db.prepare(
      `INSERT INTO audit_log (id, at, actor_id, actor_name, entity, entity_id, field, old_value, new_value, category, event, tx, origin, hash)
      VALUES (7, '2026-01-01T00:00:00.000Z', 1, 'Ada Admin', 'booking', 1, 'status', 'scheduled', 'completed', 'user_action',
              'status changed', 1, 'app', randomblob(32))`,
    ).run();
    expect(verifyChain(db).firstBroken).toEqual({ id: 7, problem: expect.stringMatching(/altered, inserted or reordered/) });
    db.close();
  });

  it('reports an unsealed row slipped in between sealed rows', () => {
    const { db } = attacker();
    openGap(db, 5);
    db.prepare(`INSERT INTO audit_log (id, ${COLS}) SELECT 5, ${COLS.replace('origin', 'NULL')} FROM audit_log WHERE id = 4`).run();
    expect(verifyChain(db).firstBroken).toEqual({ id: 5, problem: expect.stringMatching(/inserted/) });
    db.close();
  });

  it('an unsealed row slipped in between stays reported after the app writes again, and the app seals only the tail', () => {
    const { db } = attacker();
    openGap(db, 5);
    db.prepare(`INSERT INTO audit_log (id, ${COLS}) SELECT 5, ${COLS.replace('origin', 'NULL')} FROM audit_log WHERE id = 4`).run();
    const end = rows + 1;
    audited(db, { id: 1, name: 'Dana Whitfield' }, () => db.prepare("UPDATE customers SET phone = '555-0101' WHERE id = 1").run());
    expect(db.prepare('SELECT hash IS NULL FROM audit_log WHERE id = 5').pluck().get()).toBe(1);
    const sealed = db.prepare('SELECT id, origin, hash FROM audit_log WHERE id > ? ORDER BY id').all(end) as { id: number; origin: string; hash: Buffer }[];
    expect(sealed.length).toBeGreaterThan(0);
    expect(sealed.every((r) => r.origin === 'app' && r.hash.length === 32)).toBe(true);
    // Each new row links to the one before it: the chain went on from the true head, not from the slipped-in row.
    const hashOf = db.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck();
    for (const r of sealed) expect(forgedLink(db, r.id, hashOf.get(r.id - 1) as Buffer)).toEqual(r.hash);
    expect(verifyChain(db).firstBroken).toEqual({ id: 5, problem: expect.stringMatching(/inserted/) });
    db.close();
  });

  it('reports a fake row inserted with a correctly computed hash at the first row after it', () => {
    const { db } = attacker();
    openGap(db, 10);
    db.prepare(`INSERT INTO audit_log (id, ${COLS}) SELECT 10, ${COLS} FROM audit_log WHERE id = 9`).run();
    forgeSeal(db, 10);
    // The forged row links to its predecessor; the genuine row after it no longer does.
    expect(verifyChain(db).firstBroken?.id).toBe(11);
    db.close();
  });

  it('reports two rows whose contents were swapped, at the first of them', () => {
    for (const [a, b] of [
      [6, 14],
      [8, 9],
    ]) {
      const { db } = attacker();
      const all = `${COLS}, hash`.split(', ');
      const read = db.prepare(`SELECT ${all.join(', ')} FROM audit_log WHERE id = ?`);
      const ra = read.get(a) as Record<string, unknown>;
      const rb = read.get(b) as Record<string, unknown>;
      const write = db.prepare(`UPDATE audit_log SET ${all.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);
      write.run({ ...rb, id: a });
      write.run({ ...ra, id: b });
      expect(verifyChain(db).firstBroken?.id).toBe(a);
      db.close();
    }
  });

  it('reports a changed hash, in the middle and on the newest row', () => {
    for (const id of [13, rows]) {
      const { db } = attacker();
      db.prepare('UPDATE audit_log SET hash = randomblob(32) WHERE id = ?').run(id);
      expect(verifyChain(db).firstBroken?.id).toBe(id);
      db.close();
    }
  });

  it('a truncated tail is caught with the digest printed before the cut, at the first missing row', () => {
    const { db } = attacker();
    const cutFrom = rows - 2;
    db.prepare('DELETE FROM audit_log WHERE id >= ?').run(cutFrom);
    // From inside the database alone a cut tail looks like a shorter log...
    expect(verifyChain(db)).toMatchObject({ ok: true, headId: cutFrom - 1 });
    // ...the printed head says otherwise.
    const r = verifyChain(db, { expectHead: printedHead });
    expect(r.ok).toBe(false);
    expect(r.firstBroken?.id).toBe(cutFrom);
    db.close();
  });

  it('a chain recomputed after an edit, without the signing key, is caught by the signature and by the printed head', () => {
    const { db } = attacker();
    db.prepare("UPDATE audit_log SET new_value = '1' WHERE id = 10").run();
    rechain(db, 10);
    const r = verifyChain(db);
    expect(r.ok).toBe(false);
    // Every link holds; the newest signature does not, and the last one that does is before the edit.
    expect(r.firstBroken?.problem).toMatch(/does not hold: the rows after row \d+ are not as JobTrail signed them/);
    expect(r.signatures!.signedThrough).toBeLessThan(10);
    expect(r.firstBroken!.id).toBeLessThanOrEqual(10);
    const printed = verifyChain(db, { expectHead: printedHead });
    expect(printed.ok).toBe(false);
    expect(printed.firstBroken?.problem).toMatch(/rewritten/);
    db.close();
  });

  it('a log that only grew since a report was printed still verifies against that report', () => {
    const file = join(dir, `grown-${++copies}.db`);
    copyFileSync(source, file);
    const db = new Database(file);
    // A genuine action made the app's way: actor set, change written, chain sealed, one transaction.
    audited(db, { id: 1, name: 'Ada Admin' }, () => db.prepare("UPDATE customers SET phone = '555-0000' WHERE id = 1").run());
    const r = verifyChain(db, { expectHead: printedHead });
    expect(r.headId).toBe(rows + 1);
    expect(r.firstBroken).toBeUndefined();
    expect(r.ok).toBe(true);
    db.close();
  });
});

describe('the check of the audit trail through the contract (a verify job)', () => {
  let core: TestCore;
  beforeAll(() => {
    core = makeCore();
    const c = makeCustomer(core, { name: 'Pam Quist' });
    makeBooking(core, c.id);
  });
  afterAll(() => core.dispose());

  it('reports ok with the head, then the altered row once someone edits it from outside', async () => {
    const ok = await verifyAsManager(core);
    expect(ok).toEqual({
      kind: 'verify',
      ok: true,
      rowsChecked: expect.any(Number),
      unsealedTail: 0,
      head: expect.stringMatching(/^[0-9a-f]{16}$/),
      firstBroken: null,
      problems: [],
      untracked: [],
      outsideRows: 0,
      signing: {
        v1Rows: 0,
        v2Rows: ok.rowsChecked,
        signedThrough: ok.rowsChecked,
        keys: [
          {
            fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
            publicKey: expect.stringMatching(/^[0-9a-f]{64}$/),
            addedAt: expect.any(String),
            trusted: true,
          },
        ],
      },
    });
    const tool = outsideConnection(core.file);
    tool.exec('DROP TRIGGER audit_log_no_update');
    tool.prepare("UPDATE audit_log SET actor_name = 'Fay Field' WHERE id = 3").run();
    tool.close();
    const bad = await verifyAsManager(core);
    expect(bad).toMatchObject({ ok: false, firstBroken: { id: 3 } });
    expect(bad.problems).toEqual([
      expect.stringMatching(/^audit row 3: its content or hash does not match/),
      'trigger audit_log_no_update on audit_log is missing (defined by 0021_erasure.sql): it was dropped',
    ]);
  });

  it('reports a dropped trigger and a record changed behind it, though the chain is intact', async () => {
    const c = makeCustomer(core, { name: 'Vera Wynn' });
    const b = makeBooking(core, c.id);
    const tool = outsideConnection(core.file);
    const definition = tool.prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_booking_status'").pluck().get() as string;
    tool.exec('DROP TRIGGER audit_booking_status');
    tool.prepare("UPDATE bookings SET status = 'completed' WHERE id = ?").run(b.id);
    const dropped = await verifyAsManager(core);
    expect(dropped.problems).toContain('trigger audit_booking_status on bookings is missing (defined by 0003_audit_bookings.sql): it was dropped');
    expect(dropped.problems).toContain(
      `booking ${b.id}: status is "completed" but its History records no change since it was created "scheduled": changed without an audit row`,
    );
    // Put back word for word, the trigger no longer shows; the booking still does.
    tool.exec(definition);
    tool.close();
    const restored = await verifyAsManager(core);
    expect(restored.problems.filter((p: string) => p.includes('audit_booking_status'))).toEqual([]);
    expect(restored.problems).toContain(
      `booking ${b.id}: status is "completed" but its History records no change since it was created "scheduled": changed without an audit row`,
    );
  });
});
