// The demo seed: a believable office history, written through the services, every
// row audited and sealed, and the same seed giving the same history.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { verifyChain } from '../../db/chain';
import { planDemo } from '../../db/demo/plan';
import { seedDemo, SeedRefused, type SeedSummary } from '../../electron/cli/seed';
import { tempDir } from '../helpers/core';
import { cli, NOW, SMALL } from './cli';

type Row = Record<string, unknown>;

describe('seed', () => {
  let dir: string;
  let file: string;
  let summary: SeedSummary;
  let db: Database.Database;
  const progress: string[] = [];
  const all = (sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as Row[];
  const one = (sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as Row;

  beforeAll(() => {
    dir = tempDir('jobtrail-seed-');
    file = join(dir, 'demo.db');
    summary = seedDemo(file, { seed: 7, now: NOW, ...SMALL, onProgress: (m) => progress.push(m) });
    db = new Database(file, { readonly: true });
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates users of every role, Dana Whitfield first, all with the demo password hashed', () => {
    const users = all('SELECT id, name, role, password_hash FROM users ORDER BY id');
    expect(users[0]).toMatchObject({ id: 1, name: 'Dana Whitfield', role: 'administrator' });
    const count = (role: string) => users.filter((u) => u.role === role).length;
    expect(count('manager')).toBeGreaterThanOrEqual(2);
    expect(count('staff')).toBeGreaterThanOrEqual(3);
    expect(count('fieldworker')).toBeGreaterThanOrEqual(6);
    expect(users.every((u) => String(u.password_hash).startsWith('scrypt$'))).toBe(true);
    expect(summary.users).toEqual({ administrator: 1, manager: count('manager'), staff: count('staff'), fieldworker: count('fieldworker') });
  });

  it('writes the customers and bookings asked for, over the last 18 months and the next 4 weeks', () => {
    expect(one('SELECT count(*) AS n FROM customers').n).toBe(SMALL.customers);
    expect(one('SELECT count(*) AS n FROM bookings').n).toBe(SMALL.bookings);
    const span = one('SELECT min(scheduled_start) AS first, max(scheduled_start) AS last FROM bookings');
    expect(Date.parse(String(span.first))).toBeGreaterThan(NOW - 550 * 86_400_000);
    expect(Date.parse(String(span.first))).toBeLessThan(NOW - 400 * 86_400_000);
    expect(Date.parse(String(span.last))).toBeGreaterThan(NOW);
    expect(Date.parse(String(span.last))).toBeLessThan(NOW + 60 * 86_400_000);
    expect(
      one("SELECT count(*) AS n FROM bookings WHERE scheduled_start > ? AND status IN ('scheduled', 'accepted')", new Date(NOW).toISOString()).n,
    ).toBeGreaterThan(0);
  });

  it('records every kind of event the demo promises', () => {
    const events = new Set(all('SELECT DISTINCT event FROM audit_log').map((r) => r.event));
    for (const e of [
      'user created',
      'custom field defined',
      'created',
      'rescheduled',
      'fieldworker assigned',
      'fieldworker accepted',
      'status changed',
      'cancelled',
      'note added',
      'quote created',
      'quote sent',
      'quote accepted',
      'quote linked',
      'inquiry received',
      'invoice created',
      'invoice sent',
      'payment approved',
      'invoice paid',
      'payment refunded',
      'address changed',
      'custom field updated',
      'deleted',
      'restored',
    ])
      expect(events, e).toContain(e);
    expect([...events].some((e) => String(e).startsWith('payment logged ('))).toBe(true);
    expect(one("SELECT count(*) AS n FROM audit_log WHERE field = 'status' AND new_value = 'no_show'").n).toBeGreaterThan(0);
    expect(one("SELECT count(*) AS n FROM invoices WHERE status = 'draft'").n).toBeGreaterThan(0);
    expect(one("SELECT count(*) AS n FROM audit_log WHERE event = 'fieldworker assigned' AND old_ref IS NOT NULL").n).toBeGreaterThan(0);
    // Soft-deleted and restored, and one duplicate that stays deleted.
    expect(one('SELECT count(*) AS n FROM bookings WHERE deleted_at IS NOT NULL').n).toBeGreaterThan(0);
  });

  it('has customers who reschedule again and again', () => {
    const moved = all(`SELECT booking_id, count(*) AS n FROM audit_log WHERE event = 'rescheduled' AND field = 'scheduled_start'
                       GROUP BY booking_id HAVING n >= 4`);
    expect(moved.length).toBeGreaterThan(0);
  });

  it('has each action done by someone who may do it', () => {
    const byRole = (event: string) =>
      all(`SELECT DISTINCT u.role FROM audit_log a JOIN users u ON u.id = a.actor_id WHERE a.event = ?`, event).map((r) => r.role);
    expect(byRole('fieldworker accepted')).toEqual(['fieldworker']);
    expect(byRole('payment approved')).toEqual(['manager']);
    expect(byRole('payment refunded')).toEqual(['manager']);
    expect(byRole('rescheduled')).toEqual(['staff']);
    expect(byRole('deleted')).toEqual(['manager']);
    // The fieldworker who accepts is the one assigned at that moment.
    const accepts = all(`SELECT a.id, a.booking_id, a.actor_id FROM audit_log a WHERE a.event = 'fieldworker accepted'`);
    for (const a of accepts.slice(0, 50)) {
      const assigned = one(
        `SELECT coalesce(
          (SELECT new_ref FROM audit_log WHERE booking_id = ? AND field = 'fieldworker' AND id < ? ORDER BY id DESC LIMIT 1),
          (SELECT fieldworker_id FROM bookings WHERE id = ?)) AS fw`,
        a.booking_id,
        a.id,
        a.booking_id,
      );
      expect(assigned.fw).toBe(a.actor_id);
    }
  });

  it('keeps the untracked custom field out of the History', () => {
    const rated = one(`SELECT count(*) AS n FROM custom_field_values v JOIN custom_field_definitions d ON d.id = v.definition_id
                       WHERE d.label = 'Internal rating'`);
    expect(rated.n).toBeGreaterThan(0);
    expect(one("SELECT count(*) AS n FROM audit_log WHERE field = 'Internal rating'").n).toBe(0);
    expect(one("SELECT count(*) AS n FROM audit_log WHERE field = 'Preferred contact time'").n).toBeGreaterThan(0);
  });

  it("seals every row as the app's and the chain verifies", () => {
    expect(one("SELECT count(*) AS n FROM audit_log WHERE hash IS NULL OR origin IS NOT 'app'").n).toBe(0);
    const report = verifyChain(db);
    expect(report.ok).toBe(true);
    expect(report.rowsChecked).toBe(summary.auditRows);
    expect(report.head).toBe(summary.head);
  });

  it('writes as many audit rows as it planned, in time order', () => {
    expect(summary.auditRows).toBe(planDemo({ seed: 7, now: NOW, ...SMALL }).auditRows);
    const backwards = one('SELECT count(*) AS n FROM audit_log a JOIN audit_log b ON b.id = a.id + 1 WHERE b.at < a.at');
    expect(backwards.n).toBe(0);
    expect(String(one('SELECT max(at) AS t FROM audit_log').t) <= new Date(NOW).toISOString()).toBe(true);
  });

  it('reports progress, ending at 100% and then indexing for search', () => {
    expect(progress.at(-2)).toMatch(/^[\d,]+ \/ [\d,]+ audit rows \(100%\)$/);
    expect(progress.at(-1)).toBe('indexing the History for search');
  });

  it('leaves no temporary file beside the database', () => {
    expect(readdirSync(dir).filter((f) => f.includes('seeding'))).toEqual([]);
  });

  it('refuses a database that already has users, and changes nothing', () => {
    const before = one('SELECT count(*) AS n FROM audit_log').n;
    expect(() => seedDemo(file, { seed: 7, now: NOW, ...SMALL })).toThrow(SeedRefused);
    expect(one('SELECT count(*) AS n FROM audit_log').n).toBe(before);
    const r = cli(['seed', '--db', file, '--customers', '5', '--bookings', '10']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already has \d+ users/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('seed determinism', () => {
  const SIZE = { customers: 12, bookings: 80 };
  const snapshot = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return {
        customers: db.prepare('SELECT * FROM customers ORDER BY id').all(),
        bookings: db.prepare('SELECT * FROM bookings ORDER BY id').all(),
        // Less the signing key's arrival: each run makes a key of its own.
        audit: db.prepare(`SELECT at, event, field, old_value, new_value, actor_name FROM audit_log WHERE entity <> 'chain_key' ORDER BY id`).raw().all(),
      };
    } finally {
      db.close();
    }
  };

  it('gives the same customers, bookings and History for the same seed, and others for another', () => {
    const dir = tempDir('jobtrail-seed-same-');
    try {
      const [a, b, c] = ['a.db', 'b.db', 'c.db'].map((f) => join(dir, f));
      seedDemo(a, { seed: 42, now: NOW, ...SIZE });
      seedDemo(b, { seed: 42, now: NOW, ...SIZE });
      seedDemo(c, { seed: 43, now: NOW, ...SIZE });
      const first = snapshot(a);
      expect(first.audit.length).toBeGreaterThan(300);
      expect(snapshot(b)).toEqual(first);
      expect(snapshot(c).customers).not.toEqual(first.customers);
      expect(existsSync(`${a}.seeding`)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
