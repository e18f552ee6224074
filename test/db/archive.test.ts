// Archiving old History: the rows leave the log for a file that verifies alone and
// end to end into the log, which itself still passes the whole integrity check;
// whatever is done to the file afterwards is named by row.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveLines, verifyArchive, verifyArchiveChain, type ArchiveHeader } from '../../db/archiveFile';
import { checkIntegrity } from '../../db/integrity';
import { checkSince } from '../../db/incrementalCheck';
import { witnessNow } from '../../db/witness';
import { closeDatabase, openDatabase, type Db } from '../../db/open';
import { archiveHistory, COMMAND_LINE_ACTOR, planArchive } from '../../electron/services/archive';
import { seedDemo } from '../../electron/cli/seed';
import { tempDir } from '../helpers/core';
import { NOW, SMALL } from '../cli/cli';
import { rmSync } from 'node:fs';

const now = () => new Date(NOW);
let dir: string;
let seeded: string;
/** Dates a third and two thirds of the way through the seeded History. */
let firstCut: string;
let secondCut: string;

beforeAll(() => {
  dir = tempDir('jobtrail-archive-');
  seeded = join(dir, 'seeded.db');
  seedDemo(seeded, { seed: 5, now: NOW, ...SMALL });
  const raw = new Database(seeded, { readonly: true });
  const ats = raw.prepare('SELECT at FROM audit_log ORDER BY id').pluck().all() as string[];
  raw.close();
  firstCut = ats[Math.floor(ats.length / 3)];
  secondCut = ats[Math.floor((2 * ats.length) / 3)];
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let copies = 0;
function office(): Db {
  const file = join(dir, `office-${++copies}.db`);
  copyFileSync(seeded, file);
  return openDatabase(file);
}

async function archived(db: Db, before: string, name = `archive-${copies}-${before.slice(0, 10)}.jtarchive`) {
  const file = join(dir, name);
  const result = await archiveHistory(db.sqlite, COMMAND_LINE_ACTOR, { before, file, now });
  return { file, result };
}

/** The file's lines, decompressed, for a test that spoils one and writes it back compressed. */
function lines(file: string): string[] {
  return gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
}
function spoiled(file: string, name: string, change: (lines: string[]) => string[]): string {
  const to = join(dir, name);
  writeFileSync(to, gzipSync(`${change(lines(file)).join('\n')}\n`));
  return to;
}

describe('archiving the History before a date', () => {
  let db: Db;
  let file: string;
  let rows: number;
  let lastId: number;
  let before: number;
  beforeAll(async () => {
    db = office();
    before = db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    ({
      file,
      result: { rows, lastId },
    } = await archived(db, firstCut));
  });
  afterAll(() => closeDatabase(db));

  it('moves every row written before the date out of the log, and only those', () => {
    const left = db.sqlite.prepare('SELECT count(*) AS n, min(id) AS first FROM audit_log').get() as { n: number; first: number };
    expect(rows).toBeGreaterThan(100);
    expect(left.first).toBe(lastId + 1);
    // The archive's own transaction wrote the "archived" row, and the signing key's arrival again (its first record left).
    const added = db.sqlite.prepare("SELECT event FROM audit_log WHERE tx = (SELECT tx FROM audit_log WHERE event = 'archived') ORDER BY id").pluck().all();
    expect(added).toEqual(['signing key added', 'archived']);
    expect(left.n).toBe(before - rows + added.length);
    expect(db.sqlite.prepare('SELECT count(*) FROM audit_log WHERE at < ? AND event <> ?').pluck().get(firstCut, 'archived')).toBe(0);
    expect(db.sqlite.prepare('SELECT last_id FROM audit_checkpoint').pluck().get()).toBe(lastId);
  });

  it("keeps a transaction whole: the first row left is not of the last archived row's transaction", async () => {
    let last: unknown[] = [];
    for await (const item of archiveLines(file)) if (Array.isArray(item)) last = item;
    const firstLeft = db.sqlite.prepare('SELECT tx FROM audit_log ORDER BY id LIMIT 1').pluck().get();
    expect(last[0]).toBe(lastId);
    expect(last[16]).not.toBe(firstLeft);
  });

  it('records who archived what in an "archived" row, sealed and signed by JobTrail', () => {
    const row = db.sqlite.prepare("SELECT actor_name, old_value, new_value, origin, sig IS NOT NULL AS signed FROM audit_log WHERE event = 'archived'").get();
    expect(row).toEqual({
      actor_name: 'JobTrail',
      new_value: String(lastId),
      origin: 'app',
      signed: 1,
      old_value: expect.stringMatching(
        new RegExp(`^${rows.toLocaleString('en')} rows \\(1–${lastId.toLocaleString('en')}\\) to archive-.*\\.jtarchive, ending [0-9a-f]{16}$`),
      ),
    });
  });

  it('leaves a log that passes the whole integrity check: chain, signatures, records, search index', () => {
    const report = checkIntegrity(db.sqlite);
    expect(report.problems).toEqual([]);
    expect(report.chain.signatures?.keys.every((k) => k.trusted)).toBe(true);
  });

  it('drops the archived rows from the search index and keeps the rest findable', () => {
    const held = db.sqlite.prepare('SELECT count(*) FROM audit_fts_docsize WHERE id <= ?').pluck().get(lastId);
    expect(held).toBe(0);
    const keptWord = db.sqlite.prepare('SELECT actor_name FROM audit_log WHERE id > ? AND actor_id IS NOT NULL LIMIT 1').pluck().get(lastId) as string;
    const found = db.sqlite
      .prepare('SELECT min(rowid) FROM audit_fts WHERE audit_fts MATCH ?')
      .pluck()
      .get(`"${keptWord.split(' ')[0]}"`) as number;
    expect(found).toBeGreaterThan(lastId);
  });

  it("writes an archive that verifies alone, row by row, signed by the log's key", async () => {
    const report = await verifyArchive(file);
    expect(report).toMatchObject({ ok: true, rowsChecked: rows, firstBroken: null });
    expect(report.header).toMatchObject<Partial<ArchiveHeader>>({ firstId: 1, lastId, rows, fromHash: '0'.repeat(64) });
    expect(report.signedThrough).toBeGreaterThan(0);
  });

  it('verifies end to end into the log: the archive ends at the checkpoint, row and hash', async () => {
    expect(await verifyArchiveChain([file], db.sqlite)).toMatchObject({ ok: true, problems: [] });
  });

  it('still refuses to delete a row after the checkpoint, from any connection', () => {
    const tool = new Database(db.file);
    try {
      expect(() => tool.prepare('DELETE FROM audit_log WHERE id = ?').run(lastId + 1)).toThrow(/append-only/);
      expect(() => tool.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    } finally {
      tool.close();
    }
  });

  describe('an archive changed afterwards names the row', () => {
    it('a changed value, the file compressed again', async () => {
      const target = 20;
      const bad = spoiled(file, 'changed.jtarchive', (l) =>
        l.map((line, i) => {
          if (i !== target) return line;
          const row = JSON.parse(line) as unknown[];
          row[3] = 'Someone Else'; // actor_name
          return JSON.stringify(row);
        }),
      );
      const report = await verifyArchive(bad);
      expect(report.ok).toBe(false);
      expect(report.firstBroken).toEqual({ id: target, problem: expect.stringMatching(/altered/) });
    });

    it('a byte changed in the compressed file', async () => {
      const bytes = readFileSync(file);
      bytes[Math.floor(bytes.length / 2)] ^= 0x55;
      const bad = join(dir, 'byte.jtarchive');
      writeFileSync(bad, bytes);
      const report = await verifyArchive(bad);
      expect(report.ok).toBe(false);
      expect(report.firstBroken?.problem).toMatch(/altered|damaged|missing|wrong order/);
      expect(report.firstBroken!.id).toBeGreaterThan(0);
      expect(report.firstBroken!.id).toBeLessThanOrEqual(lastId);
    });

    it('a row removed', async () => {
      const report = await verifyArchive(spoiled(file, 'removed.jtarchive', (l) => l.filter((_, i) => i !== 30)));
      expect(report.firstBroken).toEqual({ id: 30, problem: 'row 30 is missing: removed from the archive' });
    });

    it('the last row removed', async () => {
      const report = await verifyArchive(spoiled(file, 'cut.jtarchive', (l) => l.slice(0, -1)));
      expect(report.firstBroken?.id).toBe(lastId);
      expect(report.firstBroken?.problem).toMatch(/rows were removed/);
    });

    it('two rows swapped', async () => {
      const report = await verifyArchive(spoiled(file, 'swapped.jtarchive', (l) => l.map((line, i) => (i === 40 ? l[41] : i === 41 ? l[40] : line))));
      expect(report.firstBroken).toEqual({ id: 40, problem: 'rows 40 and 41 are in the wrong order: reordered' });
    });

    it('two rows swapped and renumbered, so the ids run on', async () => {
      const renumbered = (line: string, id: number) => line.replace(/^\[\d+,/, `[${id},`);
      const report = await verifyArchive(
        spoiled(file, 'renumbered.jtarchive', (l) => l.map((line, i) => (i === 40 ? renumbered(l[41], 40) : i === 41 ? renumbered(l[40], 41) : line))),
      );
      expect(report.firstBroken).toEqual({ id: 40, problem: expect.stringMatching(/altered, inserted or reordered/) });
    });

    it('a file that is no archive at all is said to be none', async () => {
      await expect(verifyArchive(db.file)).rejects.toThrow(/is not a JobTrail archive: it is not gzip-compressed/);
      const plain = join(dir, 'plain.jtarchive');
      writeFileSync(plain, gzipSync('{"format":"something else"}\n'));
      await expect(verifyArchive(plain)).rejects.toThrow(/is not a JobTrail archive \(its header names no jobtrail-audit-archive\)/);
    });

    it('an archive of another office, or not continuing into this log, fails end to end', async () => {
      const other = office();
      try {
        const { file: theirs } = await archived(other, secondCut, 'theirs.jtarchive');
        const chain = await verifyArchiveChain([theirs], db.sqlite);
        expect(chain.ok).toBe(false);
        expect(chain.problems.join('\n')).toMatch(/another database|checkpoint/);
      } finally {
        closeDatabase(other);
      }
    });
  });
});

describe('the start-up check after an archive', () => {
  it('passes from a head seen before the archive, and from one seen after it', async () => {
    const db = office();
    try {
      const before = witnessNow(db.sqlite)!;
      const middle = db.sqlite.prepare('SELECT id, hash FROM audit_log WHERE id = ?').get(30) as { id: number; hash: Buffer };
      await archived(db, firstCut, 'start-check.jtarchive');
      const after = witnessNow(db.sqlite)!;
      for (const witness of [before, after, { ...before, headId: middle.id, head: middle.hash.toString('hex') }]) {
        expect(checkSince(db.sqlite, { witness }).problems, `witness at row ${witness.headId}`).toEqual([]);
      }
    } finally {
      closeDatabase(db);
    }
  });
});

describe('two archives in turn', () => {
  it('the second starts where the first ended, and both chain end to end into the log', async () => {
    const db = office();
    try {
      const one = await archived(db, firstCut, 'one.jtarchive');
      const two = await archived(db, secondCut, 'two.jtarchive');
      const second = (await verifyArchive(two.file)).header!;
      expect(second.firstId).toBe(one.result.lastId + 1);
      expect(second.fromHash).toBe(one.result.lastHash);
      expect(checkIntegrity(db.sqlite).problems).toEqual([]);
      expect(await verifyArchiveChain([two.file, one.file], db.sqlite)).toMatchObject({ ok: true, problems: [] });
      const without = await verifyArchiveChain([two.file], db.sqlite);
      expect(without.problems).toEqual([expect.stringMatching(new RegExp(`^rows 1–${one.result.lastId} are in no archive given`))]);
    } finally {
      closeDatabase(db);
    }
  });
});

describe('what is refused, and a cancel', () => {
  it('a date in the future, and a date before any History', async () => {
    const db = office();
    try {
      await expect(archiveHistory(db.sqlite, COMMAND_LINE_ACTOR, { before: '2030-01-01', file: join(dir, 'future.jtarchive'), now })).rejects.toThrow(
        /must not be in the future/,
      );
      await expect(archiveHistory(db.sqlite, COMMAND_LINE_ACTOR, { before: '2001-01-01', file: join(dir, 'early.jtarchive'), now })).rejects.toThrow(
        /nothing to archive/,
      );
      expect(planArchive(db.sqlite, '2001-01-01')).toBeNull();
    } finally {
      closeDatabase(db);
    }
  });

  it('a cancel before the rows move leaves the log as it was and no file', async () => {
    const db = office();
    try {
      const count = db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get();
      const file = join(dir, 'cancelled.jtarchive');
      let asked = 0;
      await expect(archiveHistory(db.sqlite, COMMAND_LINE_ACTOR, { before: secondCut, file, now, shouldStop: () => ++asked > 2 })).rejects.toThrow(/cancelled/);
      expect(existsSync(file)).toBe(false);
      expect(existsSync(`${file}.partial`)).toBe(false);
      expect(db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(count);
      expect(db.sqlite.prepare('SELECT count(*) FROM audit_checkpoint').pluck().get()).toBe(0);
    } finally {
      closeDatabase(db);
    }
  });
});
