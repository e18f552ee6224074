// The full-text index is fed after the writing transaction (migration 0009): a
// row is searchable by the time anyone searches, whoever wrote it, and indexed once.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexHistoryText, indexHistoryTextIfFree, scopeTextIndex, textIndexBehind } from '../../db/historyText';
import { makeCore, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer, outsideConnection } from '../helpers/audit';

let core: TestCore;
beforeAll(() => {
  core = makeCore();
});
afterAll(() => core.dispose());

const sql = () => core.db.sqlite;
const indexedTo = () => sql().prepare('SELECT indexed_to FROM audit_search_progress').pluck().get() as number;
const maxId = () => sql().prepare('SELECT max(id) FROM audit_log').pluck().get() as number;
const indexedIds = (word: string) => sql().prepare('SELECT rowid FROM audit_fts WHERE audit_fts MATCH ? ORDER BY rowid').pluck().all(`"${word}"`) as number[];
const search = (text: string) => core.as('manager')('history.search', { text, limit: 50 });

describe('the History search index, fed after commit', () => {
  it('an audited change commits without waiting for the index, and a search first brings the index up to date', () => {
    const c = makeCustomer(core, { name: 'Wilhelmina Quarrington' });
    const b = makeBooking(core, c.id);
    core.as('staff')('bookings.update', { id: b.id, address: '7 Zanzibar Close' });
    expect(textIndexBehind(sql())).toBe(true);
    expect(indexedIds('Zanzibar')).toEqual([]);

    const found = search('Zanzibar');
    const rows = sql().prepare("SELECT id FROM audit_log WHERE new_value LIKE '%Zanzibar%' ORDER BY id DESC").pluck().all();
    expect(found.rows.map((r) => r.id)).toEqual(rows);
    expect(rows.length).toBeGreaterThan(0);
    expect(indexedTo()).toBe(maxId());
    expect(textIndexBehind(sql())).toBe(false);
  });

  it('rows written by another program are indexed too, and found as changes made outside JobTrail', () => {
    const c = makeCustomer(core, { name: 'Bartholomew Ykema' });
    const b = makeBooking(core, c.id, { address: '1 Plain Street' });
    const tool = outsideConnection(core.file);
    try {
      tool.prepare("UPDATE bookings SET address = '12 Quixotic Mews' WHERE id = ?").run(b.id);
    } finally {
      tool.close();
    }
    const found = search('Quixotic');
    expect(found.rows).toHaveLength(1);
    expect(found.rows[0]).toMatchObject({ actorName: '(outside JobTrail)' });
  });

  it('two connections catching up at once index each row exactly once', () => {
    const c = makeCustomer(core, { name: 'Cornelius Vandersloot' });
    for (let i = 0; i < 30; i++) makeBooking(core, c.id, { address: `${i} Vandersloot Row` });
    const other = new Database(core.file);
    other.pragma('busy_timeout = 10000');
    try {
      const a = indexHistoryText(other, 7);
      const b = indexHistoryText(sql());
      const written = sql().prepare("SELECT count(*) FROM audit_log WHERE new_value LIKE '%Vandersloot Row%' OR label LIKE '%Vandersloot%'").pluck().get();
      expect(a).toBe(7);
      expect(b).toBeGreaterThan(0);
      expect(indexedIds('Vandersloot')).toHaveLength(written as number);
      expect(new Set(indexedIds('Vandersloot')).size).toBe(written);
      expect(indexHistoryText(other)).toBe(0);
    } finally {
      other.close();
    }
  });

  it('a change that rolls back leaves neither audit rows nor index progress behind', () => {
    indexHistoryText(sql());
    const [before, progress] = [maxId(), indexedTo()];
    const refused = core.raw('staff', 'bookings.update', { id: 999_999, address: '3 Nowhere Lane' });
    expect(refused.ok).toBe(false);
    expect([maxId(), indexedTo()]).toEqual([before, progress]);
    expect(search('Nowhere').rows).toEqual([]);
  });

  it('a read-only connection that finds rows not indexed says so instead of missing them silently', () => {
    makeCustomer(core, { name: 'Philippa Oyelaran' });
    const reader = new Database(core.file, { readonly: true });
    try {
      expect(() => indexHistoryText(reader)).toThrow(/not in the search index yet.*read-only/);
    } finally {
      reader.close();
    }
  });

  it("a booking's or customer's own History is searched in its own rows and finds what the whole index finds there", () => {
    const c = makeCustomer(core, { name: 'Zoë Ashcombe-Pryce' });
    const b = makeBooking(core, c.id, { address: '4 Schedule Yard' });
    const staff = core.as('staff');
    staff('bookings.update', { id: b.id, scheduledStart: '2026-03-02T09:00:00.000Z', scheduledEnd: '2026-03-02T10:00:00.000Z', reason: { code: 'office' } });
    staff('bookings.update', { id: b.id, address: '5 Schedule Yard', priceCents: 12_550 });
    const other = makeBooking(core, c.id);
    staff('bookings.update', {
      id: other.id,
      scheduledStart: '2026-03-03T09:00:00.000Z',
      scheduledEnd: '2026-03-03T10:00:00.000Z',
      reason: { code: 'office' },
    });
    indexHistoryText(sql());
    const whole = (scope: string, id: number, text: string) =>
      sql()
        .prepare(
          `SELECT a.id FROM audit_fts JOIN audit_log a ON a.id = audit_fts.rowid
      WHERE a.${scope} = ? AND audit_fts MATCH ? ORDER BY a.id DESC`,
        )
        .pluck()
        .all(id, text);
    for (const [text, fts] of [
      ['sched', '"sched"*'],
      ['Zoe', '"Zoe"'],
      ['125.50', '"125.50"'],
      ['Schedule Yard', '"Schedule" "Yard"*'],
    ]) {
      const inBooking = core.as('manager')('history.booking', { bookingId: b.id, text, limit: 200 });
      const inCustomer = core.as('manager')('history.customer', { customerId: c.id, text, limit: 200 });
      expect(inBooking.rows.length).toBeGreaterThan(0);
      expect(inBooking.rows.map((r) => r.id)).toEqual(whole('booking_id', b.id, fts));
      expect(inCustomer.rows.map((r) => r.id)).toEqual(whole('customer_id', c.id, fts));
      expect(inCustomer.total?.count).toBe(inCustomer.rows.length);
    }
    expect(whole('customer_id', c.id, '"sched"*').length).toBeGreaterThan(whole('booking_id', b.id, '"sched"*').length);
    expect(scopeTextIndex(sql(), { bookingId: b.id })).toBe('audit_scope_fts');
    expect(scopeTextIndex(sql(), {})).toBeNull();
  });

  it('the idle turn never waits for another writer: it leaves the rows for later and keeps the wait for everything else', () => {
    makeCustomer(core, { name: 'Octavia Lockhart' });
    const other = new Database(core.file);
    try {
      other.exec('BEGIN IMMEDIATE');
      expect(indexHistoryTextIfFree(sql(), 100)).toBe(0);
      expect(textIndexBehind(sql())).toBe(true);
      expect(sql().pragma('busy_timeout', { simple: true })).toBe(10_000);
      other.exec('COMMIT');
      expect(indexHistoryTextIfFree(sql(), 100)).toBeGreaterThan(0);
      expect(indexedIds('Lockhart').length).toBeGreaterThan(0);
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    }
  });

  it('a running core catches up on its own within a few seconds when nobody searches', async () => {
    makeCustomer(core, { name: 'Evangeline Idlewild' });
    expect(textIndexBehind(sql())).toBe(true);
    for (let waited = 0; textIndexBehind(sql()) && waited < 10_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    expect(textIndexBehind(sql())).toBe(false);
    expect(indexedIds('Idlewild').length).toBeGreaterThan(0);
  });
});
