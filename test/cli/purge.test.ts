// `purge-expired` as an office runs it when JobTrail is not started every day: the
// demo's bookings deleted as duplicates (months before today) are removed for
// good, each with a "removed" row under JobTrail saying why, the log still
// verifies, and a second run finds nothing more to do.
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/core';
import { cli, smallDatabase } from './cli';

describe('purge-expired', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = tempDir('jobtrail-purge-');
    file = smallDatabase(dir).file;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const read = <T>(sql: string) => {
    const raw = new Database(file, { readonly: true });
    try {
      return raw.prepare(sql).all() as T[];
    } finally {
      raw.close();
    }
  };

  it('removes what has been in the bin past its period, recorded under JobTrail, and the log still verifies', () => {
    const deleted = read<{ id: number }>('SELECT id FROM bookings WHERE deleted_at IS NOT NULL ORDER BY id');
    expect(deleted.length).toBeGreaterThan(0);
    const r = cli(['purge-expired', '--db', file]);
    expect(r.output).toMatch(
      new RegExp(`^The retention job purged ${deleted.length} records? whose time in the recycle bin was over: booking #${deleted[0].id} `),
    );
    expect(r.output).toContain('0 records left in the recycle bin');
    expect(r.code).toBe(0);
    expect(read('SELECT id FROM bookings WHERE deleted_at IS NOT NULL')).toEqual([]);
    const removed = read<{ entity_id: number; actor_name: string; origin: string; reason: string }>(
      "SELECT entity_id, actor_name, origin, reason FROM audit_log WHERE entity = 'booking' AND event = 'removed' ORDER BY entity_id",
    );
    expect(removed.map((x) => x.entity_id)).toEqual(deleted.map((d) => d.id));
    for (const x of removed) {
      expect(x).toMatchObject({ actor_name: 'JobTrail', origin: 'app' });
      expect(x.reason).toMatch(/^Purged after the retention period \(90 days\): in the recycle bin since \d{4}-\d{2}-\d{2}, deleted by \w+/);
    }
    const verify = cli(['verify', '--db', file]);
    expect(verify.output).toContain('intact');
    expect(verify.code).toBe(0);
  });

  it('finds nothing to do the second time', () => {
    const r = cli(['purge-expired', '--db', file]);
    expect(r.stdout).toContain('Nothing in the recycle bin has reached the end of its retention period.');
    expect(r.code).toBe(0);
  });
});
