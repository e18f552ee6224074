// `erase` from the command line, as an administrator with the password from the
// environment: the customer's name is gone from the database and verify still
// passes; a manager is refused, naming the role it takes.
import Database from 'better-sqlite3';
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/core';
import { cli, smallDatabase } from './cli';

const asDemo = { JOBTRAIL_PASSWORD: 'jobtrail-demo' };
let dir: string;
let seeded: ReturnType<typeof smallDatabase>;
beforeAll(() => {
  dir = tempDir('jobtrail-erase-cli-');
  seeded = smallDatabase(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The customer with the most History, and a manager's name. */
function facts(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const customer = db
      .prepare(
        `SELECT c.id, c.name, c.email, c.address FROM customers c JOIN audit_log a ON a.customer_id = c.id
      GROUP BY c.id ORDER BY count(*) DESC LIMIT 1`,
      )
      .get() as { id: number; name: string; email: string; address: string };
    const manager = db.prepare("SELECT name FROM users WHERE role = 'manager' AND active = 1 LIMIT 1").pluck().get() as string;
    return { customer, manager };
  } finally {
    db.close();
  }
}

describe('npm run cli -- erase', () => {
  it('erases a customer under the reference, and the database still verifies', () => {
    const file = seeded.copy('erase.db');
    const { customer } = facts(file);
    const r = cli(['erase', '--db', file, '--customer', String(customer.id), '--reference', 'DSR-77', '--as', 'Dana Whitfield'], asDemo);
    expect(r.output).toContain(`Erased customer ${customer.id} under reference DSR-77: now "Erased customer #${customer.id}"`);
    expect(r.output).toMatch(/History rows erased {2}\d+/);
    expect(r.code).toBe(0);
    // As typed, and as the search index keeps words (lower case).
    const words = [customer.name, customer.email, customer.address, ...customer.name.toLowerCase().split(' ')];
    const bytes = readFileSync(file);
    expect(words.filter((w) => bytes.includes(Buffer.from(w)))).toEqual([]);
    const verify = cli(['verify', '--db', file]);
    expect(verify.output).toMatch(/erased/);
    expect(verify.code).toBe(0);
  });

  it('refuses a manager, naming the role it takes, and changes nothing', () => {
    const file = seeded.copy('manager.db');
    const { customer, manager } = facts(file);
    const r = cli(['erase', '--db', file, '--customer', String(customer.id), '--reference', 'DSR-78', '--as', manager], asDemo);
    expect(r.stderr.trim()).toBe(`jobtrail erase: Only an administrator may erase customers; you are signed in as manager.`);
    expect(r.code).toBe(1);
    expect(facts(file).customer.name).toBe(customer.name);
  });
});
