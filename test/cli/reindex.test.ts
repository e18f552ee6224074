// The search index only finds rows, so it is rebuilt rather than trusted: rows
// taken out of it, or its progress record moved on, would hide History rows from
// search while the chain stays intact. `verify` says so, naming the effect, and
// `reindex` puts every row back.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../db/open';
import { queryHistory } from '../../electron/services/history';
import { tempDir } from '../helpers/core';
import { cli, smallDatabase, tamper } from './cli';

describe('reindex, and verify of the search index', () => {
  let dir: string;
  let db: ReturnType<typeof smallDatabase>;
  let rows: number;
  let last: number;
  beforeAll(() => {
    dir = tempDir('jobtrail-reindex-');
    db = smallDatabase(dir);
    const raw = new Database(db.file, { readonly: true });
    ({ rows, last } = raw.prepare('SELECT count(*) AS rows, max(id) AS last FROM audit_log').get() as { rows: number; last: number });
    raw.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A row about a booking, and the words of its label: what someone would search to find it. */
  const target = (file: string) => {
    const raw = new Database(file, { readonly: true });
    try {
      return raw.prepare("SELECT id, label FROM audit_log WHERE booking_id IS NOT NULL AND event = 'rescheduled' ORDER BY id DESC LIMIT 1").get() as {
        id: number;
        label: string;
      };
    } finally {
      raw.close();
    }
  };
  /** Whether searching the whole History for the row's label, newest first from the row itself, finds that row. */
  const found = (file: string, row: { id: number; label: string }) => {
    const app = openDatabase(file);
    try {
      return queryHistory(app, { text: row.label, before: row.id + 1, limit: 1 }).rows[0]?.id === row.id;
    } finally {
      closeDatabase(app);
    }
  };

  it('verify names a row taken out of the search index, and reindex puts it back', () => {
    const file = db.copy('taken-out.db');
    const row = target(file);
    expect(found(file, row)).toBe(true);
    tamper(file, `DELETE FROM audit_fts WHERE rowid = ${row.id}`);
    expect(found(file, row)).toBe(false);

    const bad = cli(['verify', '--db', file]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('Audit chain intact');
    expect(bad.stdout).toContain(
      `Search index INCOMPLETE: the search index holds ${(rows - 1).toLocaleString('en')} rows where the log has ` +
        `${rows.toLocaleString('en')} up to row ${last.toLocaleString('en')}: a search would not find 1 of them`,
    );
    expect(bad.stdout).toContain('npm run cli -- reindex --db FILE');

    const rebuilt = cli(['reindex', '--db', file]);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toContain(`Search index rebuilt: ${rows.toLocaleString('en')} audit rows indexed`);
    expect(cli(['verify', '--db', file]).code).toBe(0);
    expect(found(file, row)).toBe(true);
  });

  it('verify names a progress record moved past the log, or removed', () => {
    const ahead = db.copy('ahead.db');
    tamper(ahead, 'UPDATE audit_search_progress SET indexed_to = indexed_to + 500');
    const r = cli(['verify', '--db', ahead]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `Search index INCOMPLETE: the search index says it has read the log up to row ${(last + 500).toLocaleString('en')}, ` +
        `but the log ends at row ${last.toLocaleString('en')}`,
    );

    const gone = db.copy('gone.db');
    tamper(gone, 'DELETE FROM audit_search_progress');
    expect(cli(['verify', '--db', gone]).stdout).toContain("Search index INCOMPLETE: the search index's progress record is missing");
    expect(cli(['reindex', '--db', gone]).code).toBe(0);
    expect(cli(['verify', '--db', gone]).code).toBe(0);
  });

  it("refuses a file that is missing or not JobTrail's, writing nothing", () => {
    const missing = join(dir, 'missing.db');
    const r = cli(['reindex', '--db', missing]);
    expect(r.code).toBe(2); // a missing input is bad usage
    expect(r.stderr.split('\n')[0]).toBe(`jobtrail reindex: there is no database at ${missing} (--db)`);
    const other = join(dir, 'other.db');
    const raw = new Database(other);
    raw.exec('CREATE TABLE notes (body TEXT)');
    raw.close();
    const o = cli(['reindex', '--db', other]);
    expect(o.code).toBe(1);
    expect(o.stderr).toContain('is not a JobTrail database');
    const check = new Database(other, { readonly: true });
    expect(check.prepare('SELECT name FROM sqlite_master').pluck().all()).toEqual(['notes']);
    check.close();
  });
});
