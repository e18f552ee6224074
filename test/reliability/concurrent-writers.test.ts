// Two writers on one database file at the same time, as in an office where the
// app is open while someone runs an import: the web mode (`serve`, its own
// process) taking changes over HTTP from several clients, and `cli import`
// writing thousands of bookings in batches. Nothing may be lost, no audit row may
// be missing or unchained, and nobody may be told "database is locked".
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../db/open';
import { checkIntegrity } from '../../db/integrity';
import { makeCore, TEST_PASSWORD, USER_NAMES } from '../helpers/core';
import { cliUntil, ROOT, type CliResult } from '../cli/cli';

const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const IMPORTED = 3000;
const IMPORT_CUSTOMERS = 30;
const CLIENTS = 4;

/** The CLI in a child process without blocking this one (the HTTP clients keep going meanwhile). */
function cliAsync(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(TSX, ['electron/cli/main.ts', ...args], { cwd: ROOT, env: { ...process.env, JOBTRAIL_DEBUG: '', ...env } });
    let stdout = '',
      stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr, output: stdout + stderr }));
  });
}

function importCsv(): string {
  const lines = ['customer,address,service,start,end,price'];
  for (let i = 0; i < IMPORTED; i++) {
    const day = new Date(Date.parse('2026-09-01T08:00:00Z') + i * 3_600_000);
    const end = new Date(day.getTime() + 3_600_000);
    lines.push(
      `Imported Customer ${i % IMPORT_CUSTOMERS},${i % IMPORT_CUSTOMERS} Import Road,Import service ${i},` +
        `${day.toISOString()},${end.toISOString()},${100 + (i % 50)}.00`,
    );
  }
  return lines.join('\n') + '\n';
}

let dir: string;
let file: string;
beforeAll(() => {
  const core = makeCore(); // the four test users, each with TEST_PASSWORD
  dir = core.dir;
  file = core.file;
  core.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the web mode and cli import writing one database at once', () => {
  it('lose nothing, chain everything, and never answer "database is locked"', async () => {
    const csv = join(dir, 'bookings.csv');
    writeFileSync(csv, importCsv());
    const serve = cliUntil(['serve', '--db', file, '--port', '0'], /JobTrail web mode on (http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)\n/);
    const [, origin, token] = await serve.matched;
    const failures: string[] = [];
    const call = async (client: string, name: string, input: unknown) => {
      const r = await fetch(`${origin}/api/${name}`, {
        method: 'POST',
        body: JSON.stringify(input),
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'X-JobTrail-Client': client },
      });
      const body = (await r.json()) as { ok: boolean; value?: any; error?: { code: string; message: string } }; // eslint-disable-line @typescript-eslint/no-explicit-any
      if (!body.ok) failures.push(`${name}: ${r.status} ${body.error?.code} ${body.error?.message}`);
      return body.value;
    };

    let importing = true;
    const imported = cliAsync(['import', '--db', file, '--csv', csv, '--as', USER_NAMES.manager, '--batch', '200'], {
      JOBTRAIL_PASSWORD: TEST_PASSWORD,
    }).finally(() => {
      importing = false;
    });

    /** One office worker: creates a customer, books them, moves the booking; again and again while the import runs. */
    const worker = async (w: number) => {
      const client = `concurrent-client-${w}`;
      await call(client, 'auth.signIn', { name: USER_NAMES.staff, password: TEST_PASSWORD });
      const made: { booking: number; start: string }[] = [];
      for (let i = 0; importing || i < 10; i++) {
        const c = await call(client, 'customers.create', { name: `Web Customer ${w}-${i}`, address: `${i} Web Street` });
        if (!c) break;
        const b = await call(client, 'bookings.create', {
          customerId: c.id,
          service: `Web service ${w}-${i}`,
          scheduledStart: '2026-10-01T09:00:00Z',
          scheduledEnd: '2026-10-01T10:00:00Z',
          priceCents: 9_900,
        });
        if (!b) break;
        const start = new Date(Date.parse('2026-10-02T09:00:00Z') + (w * 1000 + i) * 60_000).toISOString();
        const end = new Date(Date.parse(start) + 3_600_000).toISOString();
        if (!(await call(client, 'bookings.reschedule', { id: b.id, scheduledStart: start, scheduledEnd: end, reason: { code: 'customer' } }))) break;
        made.push({ booking: b.id, start });
      }
      return made;
    };
    const made = (await Promise.all([...Array(CLIENTS).keys()].map(worker))).flat();
    const result = await imported;
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);

    expect(failures).toEqual([]);
    expect(result.code, result.output).toBe(0);
    expect(result.stdout).toContain(`Imported ${IMPORTED.toLocaleString('en')} bookings`);
    expect(serve.output()).not.toMatch(/locked|busy|went wrong/i);

    const db = openDatabase(file);
    try {
      const count = (sql: string, ...p: unknown[]) =>
        db.sqlite
          .prepare(sql)
          .pluck()
          .get(...p) as number;
      // Every change is there...
      expect(count("SELECT count(*) FROM bookings WHERE service LIKE 'Import service %'")).toBe(IMPORTED);
      expect(count("SELECT count(*) FROM customers WHERE name LIKE 'Imported Customer %'")).toBe(IMPORT_CUSTOMERS);
      for (const m of made) {
        expect(db.sqlite.prepare('SELECT scheduled_start FROM bookings WHERE id = ?').pluck().get(m.booking)).toBe(new Date(m.start).toISOString());
      }
      // ...with exactly its audit rows, by the right actor, all sealed by the app, the chain intact.
      expect(count("SELECT count(*) FROM audit_log WHERE actor_name = ? AND entity = 'booking' AND event = 'created'", USER_NAMES.manager)).toBe(IMPORTED);
      expect(count("SELECT count(*) FROM audit_log WHERE actor_name = ? AND entity = 'customer'", USER_NAMES.manager)).toBe(IMPORT_CUSTOMERS);
      // Each round creates the customer, their booking, and the property the booking is at (made with their first booking).
      expect(count("SELECT count(*) FROM audit_log WHERE actor_name = ? AND event = 'created' AND label LIKE 'Web%'", USER_NAMES.staff)).toBe(made.length * 3);
      expect(count("SELECT count(*) FROM audit_log WHERE actor_name = ? AND event = 'rescheduled'", USER_NAMES.staff)).toBe(made.length * 2);
      expect(count("SELECT count(*) FROM audit_log WHERE origin IS NOT 'app'")).toBe(0);
      const report = checkIntegrity(db.sqlite);
      expect(report.problems).toEqual([]);
      expect(report.chain.unsealedTail).toBe(0);
      // The two really wrote at the same time: web rows sit between the import's first and last.
      const importSpan = db.sqlite
        .prepare("SELECT min(id) AS first, max(id) AS last FROM audit_log WHERE actor_name = ? AND entity = 'booking'")
        .get(USER_NAMES.manager) as { first: number; last: number };
      const interleaved = count(
        'SELECT count(*) FROM audit_log WHERE actor_name = ? AND id BETWEEN ? AND ?',
        USER_NAMES.staff,
        importSpan.first,
        importSpan.last,
      );
      expect(interleaved).toBeGreaterThan(0);
      const webWrites = made.length * 3;
      console.log(
        `concurrent writers: ${webWrites.toLocaleString('en')} web-mode writes from ${CLIENTS} clients ` +
          `(${interleaved.toLocaleString('en')} audit rows written between the import's first and last) and ` +
          `${IMPORTED.toLocaleString('en')} imported bookings; nothing lost, chain intact`,
      );
    } finally {
      closeDatabase(db);
    }
  }, 120_000);
});
