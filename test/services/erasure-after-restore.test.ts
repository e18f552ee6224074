// Restoring a backup made before a customer was erased must not bring them back:
// the restore makes the erasure again on the restored database, under the same
// reference saying why, before anyone opens it; their name and contact are then in
// no byte of the file or its WAL, and the log still verifies. A backup of another
// database is another office's customers: nothing is erased there.
import Database from 'better-sqlite3';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreBackup, type RestoreSummary } from '../../electron/services/restore';
import { makeCore, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer } from '../helpers/audit';

const PERSON = { name: 'Odalys Brennecke', email: 'odalys.b@example.org', address: '8 Fernhollow Way' };
const WORDS = ['Odalys', 'Brennecke', 'odalys', 'brennecke', 'Fernhollow', 'fernhollow'];

let core: TestCore;
let customerId: number;
let summary: RestoreSummary;

function bytesFound(file: string): string[] {
  return [file, `${file}-wal`].filter(existsSync).flatMap((f) => {
    const bytes = readFileSync(f);
    return WORDS.filter((w) => bytes.includes(Buffer.from(w))).map((w) => `${w} in ${f}`);
  });
}

beforeAll(async () => {
  core = makeCore();
  customerId = makeCustomer(core, PERSON).id;
  makeBooking(core, customerId, { address: PERSON.address });
  const backup = join(core.dir, 'before-erasure.db');
  await core.db.sqlite.backup(backup);
  core.as('administrator')('customers.erase', { customerId, reference: 'REQ-2026-117' });
  core.close();
  summary = await restoreBackup(core.file, backup, { force: true });
});
afterAll(() => rmSync(core.dir, { recursive: true, force: true }));

describe('restoring a backup from before an erasure', () => {
  it('erases the customer again, and says so', () => {
    expect(summary.erasedAgain).toEqual([expect.objectContaining({ customerId, reference: 'REQ-2026-117', done: true, problem: null })]);
    expect(summary.report.ok).toBe(true);
  });

  it('leaves their name and address in no byte of the restored file or its WAL', () => {
    const db = new Database(core.file, { readonly: true });
    try {
      expect(db.prepare('SELECT name, email, address FROM customers WHERE id = ?').get(customerId)).toEqual({
        name: `Erased customer #${customerId}`,
        email: null,
        address: null,
      });
      expect(db.prepare('SELECT reference FROM erasures WHERE customer_id = ?').pluck().get(customerId)).toMatch(
        /^REQ-2026-117 \(made again: the backup restored predates the erasure of \d{4}-\d{2}-\d{2}\)$/,
      );
    } finally {
      db.close();
    }
    expect(bytesFound(core.file)).toEqual([]);
  });

  it('still holds the erased data in the database it replaced, which the restore kept aside as it was', () => {
    expect(summary.keptAside).not.toBeNull();
    const aside = new Database(summary.keptAside!, { readonly: true });
    try {
      expect(aside.prepare('SELECT count(*) FROM erasures').pluck().get()).toBe(1);
    } finally {
      aside.close();
    }
  });
});
