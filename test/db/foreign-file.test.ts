// A file that is not JobTrail's is never written: another program's SQLite
// database (even one whose table names clash with ours) and a file that is not
// SQLite at all are refused before the switch to WAL or any migration, and the
// refusal says what the file seems to be. An empty file or a new path is a new
// JobTrail database, as ever.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../db/open';
import { cli } from '../cli/cli';
import { tempDir } from '../helpers/core';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function otherProgramsDatabase(name: string, tables: string[]): string {
  const file = join(dir, name);
  const db = new Database(file);
  for (const t of tables) db.exec(`CREATE TABLE ${t} (id INTEGER PRIMARY KEY, label TEXT); INSERT INTO ${t} (label) VALUES ('theirs');`);
  db.close();
  return file;
}

describe("opening a file that is not JobTrail's", () => {
  const cases = [
    {
      name: 'a contacts app',
      file: () => otherProgramsDatabase('contacts.db', ['contacts', 'groups', 'photos', 'settings', 'sync_state', 'tags']),
      message:
        /contacts\.db is not a JobTrail database: it seems to be another program's SQLite database \(its 6 tables: contacts, groups, photos, settings and 2 more\)/,
    },
    {
      name: 'a database whose table names clash with ours',
      file: () => otherProgramsDatabase('clash.db', ['bookings', 'customers']),
      message: /clash\.db is not a JobTrail database: .*\(its 2 tables: bookings, customers\)/,
    },
    {
      name: 'a text file',
      file: () => {
        const f = join(dir, 'notes.db');
        writeFileSync(f, 'shopping list\n'.repeat(500));
        return f;
      },
      message: /notes\.db is not a SQLite database, so not a JobTrail one/,
    },
  ];
  for (const c of cases) {
    it(`refuses ${c.name}, naming the file and what it seems to be, and leaves it byte for byte as it was`, () => {
      const file = c.file();
      const before = digest(file);
      expect(() => openDatabase(file)).toThrow(c.message);
      expect(() => openDatabase(file)).toThrow(/JobTrail left it as it was/);
      expect(digest(file)).toBe(before);
      expect(existsSync(`${file}-wal`)).toBe(false);
    });
  }

  it('refuses it in the web mode and in import too: exit 1, one line, no stack', () => {
    const file = otherProgramsDatabase('accounts.db', ['ledger', 'accounts']);
    const before = digest(file);
    const csv = join(dir, 'bookings.csv');
    writeFileSync(csv, 'customer,address,service,start,end,price\nAnn,1 Road,Service,2026-01-01T09:00:00Z,2026-01-01T10:00:00Z,10.00\n');
    for (const args of [
      ['serve', '--db', file, '--port', '0'],
      ['import', '--db', file, '--csv', csv, '--as', 'Ada Admin'],
    ]) {
      const r = cli(args, { JOBTRAIL_PASSWORD: 'x' });
      expect(r.code, r.output).toBe(1);
      expect(r.stderr).toMatch(/accounts\.db is not a JobTrail database: .*\(its 2 tables: accounts, ledger\)/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(digest(file)).toBe(before);
  });

  it('opens an empty file or a new path as a new JobTrail database, and its own file again', () => {
    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    for (const file of [empty, join(dir, 'new.db')]) {
      closeDatabase(openDatabase(file));
      const again = openDatabase(file);
      expect(again.sqlite.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBeGreaterThan(0);
      closeDatabase(again);
    }
  });
});
