// The first start of a new database, through the contract as the window calls it
// before anyone can sign in: where the file is, then the demo office (audited like
// people's own changes, the chain intact) or an empty office with its first
// administrator. Both doors close for good once the database has a user.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../electron/app';
import { verifyChain } from '../../db/chain';
import { tempDir } from '../helpers/core';
import type { ApiName } from '../../electron/api/contract';
import { startWithDemo } from '../../electron/services/firstStart';

let core: Core | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

function fresh() {
  const file = join(tempDir('jobtrail-first-'), 'jobtrail.db');
  core = startCore(file, () => {});
  const c = core;
  const call = (name: ApiName, input: unknown = {}) => c.dispatcher.call(name, input, 'first-start');
  const count = (sql: string) => c.db.sqlite.prepare(sql).pluck().get() as number;
  return { file, call, count, db: c.db };
}

describe('first start', () => {
  it('shows where the new database is, then fills it with the demo office, every row audited and the chain intact', () => {
    const { file, call, count, db } = fresh();
    expect(call('setup.place')).toEqual({ ok: true, value: { file, folder: join(file, '..') } });
    const r = call('setup.demo');
    expect(r).toMatchObject({ ok: true, value: { users: 12, customers: 200, bookings: 2000, signInAs: 'Dana Whitfield', password: 'jobtrail-demo' } });
    expect(count('SELECT count(*) FROM users')).toBe(12);
    expect(count('SELECT count(*) FROM bookings')).toBe(2000);
    // Written through the services: each booking and customer has its "created" row, by a demo user, not from outside.
    expect(count("SELECT count(DISTINCT entity_id) FROM audit_log WHERE entity = 'booking' AND event = 'created'")).toBe(2000);
    expect(count("SELECT count(DISTINCT entity_id) FROM audit_log WHERE entity = 'customer' AND event = 'created'")).toBe(200);
    expect(count("SELECT count(*) FROM audit_log WHERE origin <> 'app' OR actor_id IS NULL")).toBe(0);
    expect(verifyChain(db.sqlite)).toMatchObject({ ok: true });
    // The demo people can sign in.
    expect(call('auth.signIn', { name: 'Dana Whitfield', password: 'jobtrail-demo' })).toMatchObject({ ok: true });
  }, 180_000);

  it('refuses the demo, and tells nobody where the file is, once the database has a user; nothing is written', () => {
    const { call, count } = fresh();
    expect(call('auth.setup', { name: 'Olive Owner', password: 'a-long-password' })).toMatchObject({ ok: true });
    const rows = count('SELECT count(*) FROM audit_log');
    for (const name of ['setup.demo', 'setup.place'] as const) {
      const r = call(name);
      expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(!r.ok && r.error.message).toMatch(/already has users/);
    }
    expect(count('SELECT count(*) FROM audit_log')).toBe(rows);
    expect(count('SELECT count(*) FROM users')).toBe(1);
  });

  it('after the demo, the first administrator can no longer be made, and a second demo is refused', () => {
    const { call, count, db } = fresh();
    // A small demo, made by the same service the entry calls: the point here is what comes after.
    expect(startWithDemo(db, { customers: 5, bookings: 20 })).toMatchObject({ customers: 5, bookings: 20 });
    const rows = count('SELECT count(*) FROM audit_log');
    expect(call('setup.demo')).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(call('auth.setup', { name: 'Olive Owner', password: 'a-long-password' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(count('SELECT count(*) FROM audit_log')).toBe(rows);
  });

  it('takes no input, and About is for those signed in', () => {
    const { call } = fresh();
    expect(call('setup.demo', { customers: 5 })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'customers' } });
    expect(call('app.about')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(call('auth.setup', { name: 'Olive Owner', password: 'a-long-password' })).toMatchObject({ ok: true });
    expect(call('app.about')).toMatchObject({ ok: true, value: { version: expect.stringMatching(/^\d+\.\d+\.\d+/), head: { short: expect.any(String) } } });
  });
});
