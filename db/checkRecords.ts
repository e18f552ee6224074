// What the integrity checks found, kept beside the witness outside the database:
// a check must not write to the file it audits (a read-only copy could not be
// checked, and an auditor's copy would differ from the one that was checked).
// Two records, each written by one kind of check only, so that a start-up check
// and a whole-log check finishing together never overwrite each other's:
//   <database id>.checks.json       the last whole-log check: when, its verdict, how far
//   <database id>.start-check.json  the head the last start-up check that passed reached
// A passing one says every row up to its head was verified once, so the next
// start need only check the rows after it (db/incrementalCheck.ts).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { databaseId, keyPlaceOf, type KeyPlace } from './chainKeys';
import type { IntegrityReport } from './integrity';

/** A row and its hash (hex) as a check found them, and when. */
export interface CheckedHead {
  headId: number;
  head: string;
  at: string;
}

export interface FullCheckRecord {
  databaseId: string;
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  rowsChecked: number;
  /** The last row the check verified and its hash (the full hex digest, or the short one a report prints). */
  headId: number | null;
  head: string;
  problemCount: number;
  /** The first problems, one line each (at most SHOWN_PROBLEMS). */
  problems: string[];
}

/** What a whole-log check hands over to be recorded: db/integrity.ts's report summarized, or a verify job's outcome. */
export interface FullCheckResult {
  ok: boolean;
  rowsChecked: number;
  head: string;
  /** With the full head, lets the next start check only the rows after it. */
  headId?: number | null;
  problems: readonly string[];
  problemCount?: number;
}

/** A whole check's report as recordFullCheck takes it: with the full head, so that the next start can begin there. */
export function fullCheckResult(r: IntegrityReport): FullCheckResult {
  return { ok: r.ok, rowsChecked: r.chain.rowsChecked, headId: r.chain.headId, head: r.chain.head, problems: r.problems };
}

/** Where the records of a database are: its connection (the key place it was opened with), or the place and id themselves. */
export type CheckPlace = Database.Database | { place: KeyPlace; databaseId: string };

/** How old the last whole-log check may be before another is due. */
export const FULL_CHECK_EVERY_DAYS = 7;
const SHOWN_PROBLEMS = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

/** FULL_CHECK_EVERY_DAYS, or JOBTRAIL_FULL_CHECK_DAYS where a test or an office wants another interval. */
export function fullCheckEveryDays(): number {
  const days = Number(process.env.JOBTRAIL_FULL_CHECK_DAYS);
  return Number.isFinite(days) && days > 0 ? days : FULL_CHECK_EVERY_DAYS;
}

function resolve(where: CheckPlace): { place: KeyPlace; databaseId: string } | null {
  if (!('prepare' in where)) return where;
  const dbId = databaseId(where);
  return dbId ? { place: keyPlaceOf(where), databaseId: dbId } : null;
}

const fullFile = (p: { place: KeyPlace; databaseId: string }) => join(p.place.dir, `${p.databaseId}.checks.json`);
const startFile = (p: { place: KeyPlace; databaseId: string }) => join(p.place.dir, `${p.databaseId}.start-check.json`);

/** Whole or not at all, as the witness: a record cut short by a crash must read as no record, never as a verdict. */
function writeAtomically(file: string, dir: string, value: unknown): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(value), { mode: 0o600 });
  renameSync(`${file}.${process.pid}.tmp`, file);
}

function readJson(file: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const isHead = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{16,64}$/.test(v);

/**
 * Records a whole-log check's result (the start-up check when it had to read the
 * whole log, or the scheduled verify job). Null for a file from before chain v2,
 * which has no identity to file the record under.
 */
export function recordFullCheck(where: CheckPlace, result: FullCheckResult, times: { startedAt: string; finishedAt?: string }): FullCheckRecord | null {
  const p = resolve(where);
  if (!p) return null;
  const record: FullCheckRecord = {
    databaseId: p.databaseId,
    startedAt: times.startedAt,
    finishedAt: times.finishedAt ?? new Date().toISOString(),
    ok: result.ok,
    rowsChecked: result.rowsChecked,
    headId: result.headId ?? null,
    head: result.head,
    problemCount: result.problemCount ?? result.problems.length,
    problems: result.problems.slice(0, SHOWN_PROBLEMS),
  };
  writeAtomically(fullFile(p), p.place.dir, record);
  return record;
}

/** The last whole-log check of this database on this PC, if there was one. */
export function lastFullCheck(where: CheckPlace): FullCheckRecord | null {
  const p = resolve(where);
  const r = p && readJson(fullFile(p));
  if (
    !p ||
    !r ||
    r.databaseId !== p.databaseId ||
    typeof r.ok !== 'boolean' ||
    typeof r.finishedAt !== 'string' ||
    Number.isNaN(Date.parse(r.finishedAt)) ||
    !Array.isArray(r.problems)
  )
    return null;
  return r as unknown as FullCheckRecord;
}

/**
 * Whether the whole log should be checked again: never checked on this PC, last
 * checked longer ago than the interval, or found with problems then (so that a
 * repaired log, a restored backup, is not reported broken until the week is out,
 * and a broken one is confirmed, not remembered).
 */
export function fullCheckDue(where: CheckPlace, now: Date = new Date(), everyDays: number = fullCheckEveryDays()): boolean {
  return isFullCheckDue(lastFullCheck(where), now, everyDays);
}

/** fullCheckDue, for a record already read. */
export function isFullCheckDue(last: FullCheckRecord | null, now: Date, everyDays: number = fullCheckEveryDays()): boolean {
  return !last || !last.ok || now.getTime() - Date.parse(last.finishedAt) >= everyDays * DAY_MS;
}

/** After a start-up check that passed: the head it verified through. */
export function recordStartCheck(where: CheckPlace, head: CheckedHead): void {
  const p = resolve(where);
  if (p) writeAtomically(startFile(p), p.place.dir, { databaseId: p.databaseId, ...head });
}

function startCheck(p: { place: KeyPlace; databaseId: string }): CheckedHead | null {
  const r = readJson(startFile(p));
  return r && r.databaseId === p.databaseId && Number.isInteger(r.headId) && isHead(r.head) && (r.head as string).length === 64 && typeof r.at === 'string'
    ? { headId: r.headId as number, head: r.head as string, at: r.at }
    : null;
}

/**
 * The newest head a passing check (start-up or whole) verified every row up to,
 * and which check that was: where the next start may begin. Null when no check
 * on this PC has passed, or none recorded a full digest to begin from.
 */
export function checkedThrough(where: CheckPlace): (CheckedHead & { by: 'start' | 'whole' }) | null {
  const p = resolve(where);
  if (!p) return null;
  const start = startCheck(p);
  const full = lastFullCheck(p);
  const whole =
    full?.ok && Number.isInteger(full.headId) && isHead(full.head) && full.head.length === 64
      ? { headId: full.headId as number, head: full.head, at: full.finishedAt }
      : null;
  if (whole && (!start || whole.headId > start.headId)) return { ...whole, by: 'whole' };
  return start ? { ...start, by: 'start' } : null;
}
