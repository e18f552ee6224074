// The core runs on a worker thread of its own: the thread that routes calls (the
// Electron main process, the web server) holds no database. These drive the real
// worker module on a real file, as the app and `serve` start it.
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoreWorker, type CoreHost } from '../../electron/core/host';
import type { KeyVault } from '../../db/chainKeys';
import type { ApiInput, ApiName, ApiOutput } from '../../electron/api/contract';
import { tempDir } from '../helpers/core';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const PASSWORD = 'a-long-password';

/** A call through the worker, typed from the contract like the other tests' calls. */
async function ok<K extends ApiName>(host: CoreHost, name: K, input: ApiInput<K>, session = 's:admin'): Promise<ApiOutput<K>> {
  const r = await host.call(name, input, session);
  if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
  return r.value as ApiOutput<K>;
}

describe('the core worker', () => {
  let dir: string;
  let file: string;
  let host: CoreHost;
  let bookingId: number;

  beforeAll(async () => {
    dir = tempDir('jobtrail-core-');
    file = join(dir, 'office.db');
    host = await startCoreWorker(file, { lockHolder: 'the core tests', startupTasks: false, log: quiet });
    await ok(host, 'auth.setup', { name: 'Ada Admin', password: PASSWORD });
    const customer = await ok(host, 'customers.create', { name: 'Harbor Dental' });
    bookingId = (
      await ok(host, 'bookings.create', {
        customerId: customer.id,
        service: 'Boiler service',
        scheduledStart: '2026-03-02T09:00:00Z',
        scheduledEnd: '2026-03-02T10:00:00Z',
        priceCents: 12_000,
        address: '4 Quay Street',
      })
    ).id;
  });
  afterAll(async () => {
    await host?.close();
  });

  it('answers contract calls as the dispatcher does: sessions, roles and refusals included', async () => {
    expect(await ok(host, 'auth.status', {})).toMatchObject({ user: { name: 'Ada Admin' } });
    expect(await host.call('bookings.list', {}, 's:nobody')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await host.call('bookings.get', { id: 'x' }, 's:admin')).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'id' } });
    expect(await host.call('no.such', {}, 's:admin')).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    const history = await ok(host, 'history.booking', { bookingId });
    expect(history.rows.map((r) => r.event)).toContain('created');
  });

  it('answers calls sent together, each with its own answer', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => host.call('bookings.get', { id: i % 2 ? bookingId : 999_999 }, 's:admin')));
    answers.forEach((a, i) => expect(a.ok).toBe(i % 2 === 1));
  });

  it('says "busy" to a write while another program holds the write lock, still answers reads, and saves nothing', async () => {
    const other = new Database(file);
    const auditRows = () => (other.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const before = auditRows();
    other.exec('BEGIN IMMEDIATE');
    try {
      const write = await host.call('bookings.update', { id: bookingId, service: 'Boiler repair' }, 's:admin');
      expect(write).toMatchObject({ ok: false, error: { code: 'busy', message: expect.stringMatching(/busy with another program.*nothing was saved/) } });
      const read = await host.call('history.booking', { bookingId }, 's:admin');
      expect(read.ok).toBe(true);
    } finally {
      other.exec('ROLLBACK');
    }
    expect(auditRows()).toBe(before);
    // Once the other program lets go, the same write goes through.
    await ok(host, 'bookings.update', { id: bookingId, service: 'Boiler repair' });
    expect(auditRows()).toBeGreaterThan(before);
    other.close();
  });

  it('closes the database properly: the WAL is checkpointed away, and later calls are told JobTrail has closed', async () => {
    const second = await startCoreWorker(join(dir, 'second.db'), { lockHolder: 'the core tests', startupTasks: false, log: quiet });
    await ok(second, 'auth.setup', { name: 'Ada Admin', password: PASSWORD });
    await second.close();
    expect(existsSync(join(dir, 'second.db-wal'))).toBe(false);
    expect(await second.call('auth.status', {}, 's')).toMatchObject({ ok: false, error: { code: 'internal', message: /closed/ } });
  });
});

describe('a core worker that cannot start', () => {
  it('is an error its starter sees, in the words the file check uses', async () => {
    const dir = tempDir('jobtrail-core-');
    const junk = join(dir, 'notes.db');
    writeFileSync(junk, 'these are my notes, not a database'.repeat(200));
    await expect(startCoreWorker(junk, { lockHolder: 'the core tests', startupTasks: false, log: quiet })).rejects.toThrow(/is not a SQLite database/);
    // Left as it was.
    expect(readFileSync(junk, 'utf8')).toMatch(/^these are my notes/);
  });
});

describe("the desktop app's key vault, which only the main process can use", () => {
  it('wraps and unwraps the signing key on the thread that started the core', async () => {
    const dir = tempDir('jobtrail-core-');
    const file = join(dir, 'office.db');
    const keys = join(dir, 'keys');
    const used: string[] = [];
    // A stand-in for safeStorage that records it ran here, on this thread, and wraps recognisably.
    const vault: KeyVault = {
      suffix: '.wrapped',
      protect: (secret) => {
        used.push('protect');
        return Buffer.concat([Buffer.from('WRAPPED:'), secret]);
      },
      reveal: (stored) => {
        used.push('reveal');
        return stored.subarray('WRAPPED:'.length);
      },
    };
    const first = await startCoreWorker(file, { lockHolder: 'the core tests', startupTasks: false, log: quiet, keys: { dir: keys, vault } });
    await ok(first, 'auth.setup', { name: 'Ada Admin', password: PASSWORD });
    await first.close();
    expect(used).toContain('protect');
    const wrapped = readdirSync(keys).filter((f) => f.endsWith('.key.wrapped'));
    expect(wrapped).toHaveLength(1);
    expect(readFileSync(join(keys, wrapped[0])).subarray(0, 8).toString()).toBe('WRAPPED:');

    // A second start signs with the same key, read back through the vault.
    used.length = 0;
    const again = await startCoreWorker(file, { lockHolder: 'the core tests', startupTasks: false, log: quiet, keys: { dir: keys, vault } });
    await ok(again, 'auth.signIn', { name: 'Ada Admin', password: PASSWORD }, 's:again');
    await ok(again, 'customers.create', { name: 'Signed again' }, 's:again');
    await again.close();
    expect(used).toContain('reveal');
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM chain_keys').get()).toEqual({ n: 1 });
    db.close();
  });
});
