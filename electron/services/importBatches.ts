// What earlier imports of a file committed (migration 0013), so that running an
// import again, after Ctrl+C, a kill or a failure, writes only the rows still
// missing. A file is known by the SHA-256 of its bytes, not by its name: a renamed
// copy is the same file, an edited one is another.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type Database from 'better-sqlite3';

export interface FileFingerprint {
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
  /** The file's name (no folder), for messages. */
  name: string;
}

export function fingerprintOf(bytes: Uint8Array, path: string): FileFingerprint {
  return { sha256: createHash('sha256').update(bytes).digest('hex'), name: basename(path) };
}

export interface EarlierImport {
  /** Line ranges already imported, both ends included, in line order. */
  ranges: { first: number; last: number }[];
  rows: number;
  /** The newest batch's name, user and time: what a person recognises. */
  lastName: string;
  lastBy: string;
  lastAt: string;
}

/** The batches of this file committed so far, or null when it was never imported. */
export function earlierImport(sqlite: Database.Database, file: FileFingerprint): EarlierImport | null {
  const batches = sqlite
    .prepare(
      `SELECT first_line AS first, last_line AS last, rows, file_name AS name,
    imported_by AS "by", imported_at AS at FROM import_batches WHERE file_sha256 = ? ORDER BY first_line`,
    )
    .all(file.sha256) as { first: number; last: number; rows: number; name: string; by: string; at: string }[];
  if (batches.length === 0) return null;
  const newest = batches.reduce((a, b) => (b.at > a.at ? b : a));
  return {
    ranges: batches.map(({ first, last }) => ({ first, last })),
    rows: batches.reduce((sum, b) => sum + b.rows, 0),
    lastName: newest.name,
    lastBy: newest.by,
    lastAt: newest.at,
  };
}

/**
 * A test of "was this line imported before?" for lines asked in increasing order
 * (the order of a file's records): one pass over the ranges, however many batches.
 */
export function importedBefore(earlier: EarlierImport | null): (line: number) => boolean {
  const ranges = earlier?.ranges ?? [];
  let i = 0;
  return (line) => {
    while (i < ranges.length && ranges[i].last < line) i++;
    return i < ranges.length && ranges[i].first <= line;
  };
}

/**
 * Where a run records its batches. Made in the same read as earlierImport (one
 * snapshot), so that it knows every batch its plan took into account: a batch of
 * the same file recorded after that is another import of it running at the same
 * time, whose rows this run's plan may also hold.
 */
export function batchLedger(sqlite: Database.Database, file: FileFingerprint, by: string) {
  let seen = sqlite.prepare('SELECT coalesce(max(id), 0) FROM import_batches').pluck().get() as number;
  // By rowid, not by the file index: only the few batches recorded since this run last looked are read.
  const since = sqlite.prepare('SELECT imported_by FROM import_batches NOT INDEXED WHERE id > ? AND file_sha256 = ? LIMIT 1').pluck();
  const insert = sqlite.prepare(`INSERT INTO import_batches
    (file_sha256, file_name, first_line, last_line, rows, imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  return {
    /** Call inside the batch's transaction, before writing: who else imported this file meanwhile, if anyone. */
    otherImport: () => since.get(seen, file.sha256) as string | undefined,
    /** Call inside the batch's transaction, so that the record and the bookings commit or vanish together. */
    record(firstLine: number, lastLine: number, rows: number) {
      seen = Number(insert.run(file.sha256, file.name, firstLine, lastLine, rows, by, new Date().toISOString()).lastInsertRowid);
    },
  };
}
