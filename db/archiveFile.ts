// An archive file: the oldest audit rows, moved out of the log with their links,
// so that they verify on their own and, end to end, into the log that kept the
// rest. gzip over lines of JSON: the header first, then one row a line, every
// column of audit_log (blobs as hex) in the order the header lists. It is written
// and read as a stream, a page of rows at a time: never the whole log in memory.
//
// The header names the database (chain_meta's id), the first and last row, the
// hash the first row chains from (the genesis, or the checkpoint an earlier
// archive left) and the last row's hash, which the log's checkpoint holds once
// the rows are gone, and the public keys that signed them. Each row is checked
// exactly as verify checks it in the database (expectedLink, db/chain.ts).
import { closeSync, createReadStream, fsyncSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { constants, createGunzip, gunzipSync, gzipSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import { expectedLink, GENESIS, READ_COLUMNS } from './chain';
import { databaseId, keyFingerprint, publicKeyFromRaw, signatureHolds, signedMessage, v2From } from './chainKeys';

export const ARCHIVE_FORMAT = 'jobtrail-audit-archive';
export const ARCHIVE_VERSION = 1;
/** A row as the file holds it: the columns verify reads, then the seal's. */
export const ARCHIVE_COLUMNS = [...READ_COLUMNS, 'hash', 'salt', 'vdigest', 'sig', 'sig_key'] as const;
const AT = Object.fromEntries(ARCHIVE_COLUMNS.map((c, i) => [c, i])) as Record<(typeof ARCHIVE_COLUMNS)[number], number>;
/** Rows read from the log per statement while writing: one page of a keyset walk. */
const PAGE_ROWS = 5_000;

export interface ArchiveHeader {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  databaseId: string;
  /** chain_meta.v2_from: rows up to it are chain v1. */
  v2From: number;
  firstId: number;
  lastId: number;
  /** Hex: what the first row chains from (GENESIS, or the previous archive's last hash). */
  fromHash: string;
  /** Hex: the last row's hash, which the log's checkpoint holds once the rows have left it. */
  lastHash: string;
  /** The log's signing keys (chain_keys) when the archive was written, raw public keys in hex. */
  keys: { id: number; publicKey: string; addedAt: string }[];
  rows: number;
  createdAt: string;
  columns: string[];
}

export interface ArchiveRange {
  /** The rows after this one (the log's checkpoint, or 0) up to lastId. */
  afterId: number;
  fromHash: Buffer;
  lastId: number;
}

export interface ArchiveHooks {
  onRows?(done: number, total: number): void;
  /** Asked between pages: true stops the writing, and the partial file is removed. */
  shouldStop?(): boolean;
  now?: () => Date;
}

export class ArchiveStopped extends Error {
  constructor() {
    super('The archive was cancelled before anything left the log.');
    this.name = 'ArchiveStopped';
  }
}

type Cell = string | number | null;
const cellOf = (v: unknown): Cell => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : (v as Cell));

/**
 * Writes the rows of `range` to `file` (through `file.partial`, renamed once whole)
 * inside one read transaction on `sqlite`, so the header and the rows describe
 * one state of the log. Each page is compressed on its own, a gzip member of the
 * file (gunzip reads the members as one stream): no stream to wait on between a
 * page read and its bytes written. Returns the header written.
 */
export function writeArchive(sqlite: Database.Database, range: ArchiveRange, file: string, hooks: ArchiveHooks = {}): ArchiveHeader {
  const partial = `${file}.partial`;
  const ownRead = !sqlite.inTransaction;
  if (ownRead) sqlite.exec('BEGIN');
  const fd = openSync(partial, 'w');
  let open = true;
  try {
    const header = headerOf(sqlite, range, (hooks.now ?? (() => new Date()))());
    const page = sqlite.prepare(`SELECT ${ARCHIVE_COLUMNS.join(', ')} FROM audit_log WHERE id > ? AND id <= ? ORDER BY id LIMIT ${PAGE_ROWS}`).raw();
    let text = `${JSON.stringify(header)}\n`;
    let after = range.afterId;
    let written = 0;
    for (;;) {
      if (hooks.shouldStop?.()) throw new ArchiveStopped();
      const rows = page.all(after, range.lastId) as unknown[][];
      for (const r of rows) text += `${JSON.stringify(r.map(cellOf))}\n`;
      if (text !== '') writeSync(fd, gzipSync(text, { level: 6 }));
      text = '';
      if (rows.length === 0) break;
      written += rows.length;
      after = rows[rows.length - 1][0] as number;
      hooks.onRows?.(written, header.rows);
    }
    fsyncSync(fd);
    closeSync(fd);
    open = false;
    renameSync(partial, file);
    return header;
  } catch (e) {
    if (open) closeSync(fd);
    rmSync(partial, { force: true });
    throw e;
  } finally {
    if (ownRead && sqlite.inTransaction) sqlite.exec('COMMIT');
  }
}

function headerOf(sqlite: Database.Database, range: ArchiveRange, at: Date): ArchiveHeader {
  const dbId = databaseId(sqlite);
  if (dbId === null) throw new Error('This database predates chain v2 (it has no identity): open it in JobTrail once to upgrade it, then archive.');
  const counts = sqlite.prepare('SELECT count(*) AS rows, min(id) AS firstId FROM audit_log WHERE id > ? AND id <= ?').get(range.afterId, range.lastId) as {
    rows: number;
    firstId: number | null;
  };
  const last = sqlite.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck().get(range.lastId) as Buffer | null | undefined;
  if (!last) throw new Error(`Row ${range.lastId} is not a sealed row of the log: there is nothing to archive up to it.`);
  const keys = (
    sqlite.prepare('SELECT id, public_key AS publicKey, added_at AS addedAt FROM chain_keys ORDER BY id').all() as {
      id: number;
      publicKey: Buffer;
      addedAt: string;
    }[]
  ).map((k) => ({ id: k.id, publicKey: k.publicKey.toString('hex'), addedAt: k.addedAt }));
  const v2 = v2From(sqlite);
  return {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    databaseId: dbId,
    v2From: Number.isFinite(v2) ? v2 : Number.MAX_SAFE_INTEGER,
    firstId: counts.firstId ?? range.afterId + 1,
    lastId: range.lastId,
    fromHash: range.fromHash.toString('hex'),
    lastHash: last.toString('hex'),
    keys,
    rows: counts.rows,
    createdAt: at.toISOString(),
    columns: [...ARCHIVE_COLUMNS],
  };
}

/** The lines of an archive file, the header parsed and checked for what this version reads, then each row. */
export async function* archiveLines(file: string): AsyncGenerator<ArchiveHeader | Cell[], void> {
  const gunzip = createGunzip();
  // A read error (the file gone) ends the text with it, as a damaged byte does; iterating the stream throws either.
  createReadStream(file)
    .on('error', (e) => gunzip.destroy(e))
    .pipe(gunzip);
  gunzip.setEncoding('utf8'); // a character split between two chunks is joined before it is decoded
  let rest = '';
  let header = false;
  const parse = (line: string): ArchiveHeader | Cell[] => {
    if (header) return JSON.parse(line) as Cell[];
    header = true;
    return parseHeader(line, file);
  };
  for await (const chunk of gunzip as AsyncIterable<string>) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    for (const line of parts) if (line !== '') yield parse(line);
  }
  if (rest !== '') yield parse(rest);
  if (!header) throw new Error(`${file} is empty: it is not a JobTrail archive`);
}

/** Bytes read to find the header line: it leads the first gzip member, with its keys (a few hundred bytes each). */
const HEADER_BYTES = 64 * 1024;

/**
 * The header alone, read without the rows (for a list of archives): the first bytes
 * inflated as far as they go. Throws, naming the file, when it is not an archive.
 */
export function readArchiveHeader(file: string): ArchiveHeader {
  const fd = openSync(file, 'r');
  let text: string;
  try {
    const bytes = Buffer.alloc(HEADER_BYTES);
    const n = readSync(fd, bytes, 0, HEADER_BYTES, 0);
    text = gunzipSync(bytes.subarray(0, n), { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
  } catch (e) {
    if (String((e as { code?: unknown }).code).startsWith('Z_')) throw new Error(`${file} is not a JobTrail archive: it is not gzip-compressed`);
    throw e;
  } finally {
    closeSync(fd);
  }
  const end = text.indexOf('\n');
  return parseHeader(end < 0 ? text : text.slice(0, end), file);
}

function parseHeader(line: string, file: string): ArchiveHeader {
  let h: Partial<ArchiveHeader>;
  try {
    h = JSON.parse(line) as Partial<ArchiveHeader>;
  } catch {
    throw new Error(`${file} is not a JobTrail archive: its first line is not an archive header`);
  }
  if (h.format !== ARCHIVE_FORMAT) throw new Error(`${file} is not a JobTrail archive (its header names no ${ARCHIVE_FORMAT})`);
  if (h.version !== ARCHIVE_VERSION) throw new Error(`${file} is an archive of format version ${h.version}; this JobTrail reads version ${ARCHIVE_VERSION}`);
  if (JSON.stringify(h.columns) !== JSON.stringify(ARCHIVE_COLUMNS))
    throw new Error(`${file} lists other columns than an archive of version ${ARCHIVE_VERSION} has`);
  return h as ArchiveHeader;
}

export interface ArchiveReport {
  ok: boolean;
  file: string;
  header: ArchiveHeader | null;
  rowsChecked: number;
  /** The first row that does not fit, as verify names one in the database. */
  firstBroken: { id: number; problem: string } | null;
  /** The newest row whose signature holds (by a key the header lists); null for rows all of chain v1. */
  signedThrough: number | null;
  /** Rows after it: vouched for only by the rows that chain from them (verify with the log or the next archive). */
  unsignedTail: number;
  erasedRows: number;
}

/** A row's blob column back from hex (null stays null). */
const blob = (v: Cell): Buffer | null => (v === null ? null : Buffer.from(String(v), 'hex'));

/**
 * Recomputes the chain inside one archive file alone and names the first row
 * altered, removed, inserted or reordered; checks that the header says what the
 * rows are, and that the newest signature in it holds.
 */
export async function verifyArchive(file: string, hooks: Pick<ArchiveHooks, 'onRows' | 'shouldStop'> = {}): Promise<ArchiveReport> {
  const report: ArchiveReport = { ok: false, file, header: null, rowsChecked: 0, firstBroken: null, signedThrough: null, unsignedTail: 0, erasedRows: 0 };
  const broken = (id: number, problem: string) => {
    report.firstBroken = { id, problem };
    return report;
  };
  let header: ArchiveHeader | null = null;
  let prev: Buffer = GENESIS;
  let prevId = 0;
  /** A row found where another was due: said once the next row shows whether the two were swapped. */
  let gap: { expected: number; found: number } | null = null;
  let newestSigned: { id: number; hash: Buffer; sig: Buffer; key: number } | null = null;
  try {
    for await (const item of archiveLines(file)) {
      if (!Array.isArray(item)) {
        header = report.header = item;
        prev = Buffer.from(header.fromHash, 'hex');
        prevId = header.firstId - 1;
        continue;
      }
      const row = item;
      const id = Number(row[0]);
      if (gap) {
        return id === gap.expected
          ? broken(gap.expected, `rows ${gap.expected} and ${gap.found} are in the wrong order: reordered`)
          : broken(gap.expected, `row ${gap.expected} is missing: removed from the archive`);
      }
      if (id !== prevId + 1) {
        if (id > prevId + 1) {
          gap = { expected: prevId + 1, found: id };
          continue;
        }
        return broken(id, `it stands after row ${prevId}: reordered, or written twice`);
      }
      const link = expectedLink(prev, row.slice(0, READ_COLUMNS.length), header!.v2From, blob(row[AT.salt]), blob(row[AT.vdigest]));
      if ('problem' in link) return broken(id, link.problem);
      const stored = blob(row[AT.hash]);
      if (!stored || !link.hash.equals(stored)) return broken(id, 'its content or hash does not match the chain: altered, inserted or reordered');
      if (link.erased) report.erasedRows++;
      const sig = blob(row[AT.sig]);
      if (sig) newestSigned = { id, hash: stored, sig, key: Number(row[AT.sig_key]) };
      prev = stored;
      prevId = id;
      if (++report.rowsChecked % PAGE_ROWS === 0) {
        if (hooks.shouldStop?.()) throw new ArchiveStopped();
        hooks.onRows?.(report.rowsChecked, header!.rows);
      }
    }
  } catch (e) {
    if (e instanceof ArchiveStopped) throw e;
    if (!header && String((e as { code?: unknown }).code).startsWith('Z_')) {
      throw new Error(`${file} is not a JobTrail archive: it is not gzip-compressed, or its first bytes are damaged`);
    }
    if (!header) throw e;
    // A file cut short or damaged in its compressed bytes: the rows read so far stand, the rest cannot be read.
    return broken(prevId + 1, `the file cannot be read past row ${prevId} (${e instanceof Error ? e.message : String(e)}): damaged or cut short`);
  }
  if (!header) throw new Error(`${file} holds no archive header`);
  if (gap) return broken(gap.expected, `row ${gap.expected} is missing: removed from the archive`);
  if (prevId < header.lastId)
    return broken(prevId + 1, `the archive ends at row ${prevId}, but its header says it holds rows up to ${header.lastId}: rows were removed`);
  if (prevId > header.lastId) return broken(header.lastId + 1, `it is not among the rows the header lists (${header.firstId}–${header.lastId}): added`);
  if (report.rowsChecked !== header.rows) return broken(header.firstId, `the header says ${header.rows} rows, the file holds ${report.rowsChecked}: altered`);
  if (prev.toString('hex') !== header.lastHash) return broken(header.lastId, 'its hash is not the one the header ends the archive with: altered');
  const signatures = signatureProblem(header, newestSigned);
  if (signatures) return broken(signatures.id, signatures.problem);
  report.signedThrough = newestSigned?.id ?? null;
  report.unsignedTail = newestSigned ? header.lastId - newestSigned.id : 0;
  report.ok = true;
  return report;
}

/**
 * The newest signature vouches for every row before it (each link covers the one
 * before): it must hold, by one of the header's keys. The keys themselves are
 * vouched for by the log the archive continues into (verifyArchiveChain).
 */
function signatureProblem(
  header: ArchiveHeader,
  newest: { id: number; hash: Buffer; sig: Buffer; key: number } | null,
): { id: number; problem: string } | null {
  if (!newest) {
    return header.lastId > header.v2From
      ? { id: Math.max(header.firstId, header.v2From + 1), problem: "no row of chain v2 in the archive is signed: rewritten without JobTrail's key" }
      : null;
  }
  const key = header.keys.find((k) => k.id === newest.key);
  if (!key) return { id: newest.id, problem: `it is signed by key ${newest.key}, which the archive's header does not list: rewritten` };
  const holds = signatureHolds(publicKeyFromRaw(Buffer.from(key.publicKey, 'hex')), signedMessage(header.databaseId, newest.id, newest.hash), newest.sig);
  return holds
    ? null
    : { id: newest.id, problem: `its signature (key ${keyFingerprint(Buffer.from(key.publicKey, 'hex'))}) does not hold: the rows up to it were rewritten` };
}

export interface ArchiveChainReport {
  ok: boolean;
  archives: ArchiveReport[];
  /** Why the archives do not join each other or the log, in a sentence each. */
  problems: string[];
}

/**
 * Several archives and the log that kept the rest, end to end: each archive alone,
 * then in order of their rows, each starts where the one before ended (the first
 * at the genesis), all of the same database, and the last ends at the log's
 * checkpoint, row and hash; their keys are the log's. The log itself is verify's.
 */
export async function verifyArchiveChain(files: string[], log: Database.Database | null): Promise<ArchiveChainReport> {
  const archives = [];
  for (const f of files) archives.push(await verifyArchive(f));
  const problems = archives.filter((a) => !a.ok).map((a) => `${a.file}: row ${a.firstBroken!.id}: ${a.firstBroken!.problem}`);
  const read = archives.filter((a) => a.header).sort((a, b) => a.header!.firstId - b.header!.firstId);
  // Without the log, the earliest archive given may follow one not given: only the joins between those given are checked.
  const first = read[0]?.header;
  let end =
    !log && first
      ? { id: first.firstId - 1, hash: first.fromHash, file: 'the archive before it' }
      : { id: 0, hash: GENESIS.toString('hex'), file: 'the start of the log' };
  for (const a of read) {
    const h = a.header!;
    if (h.databaseId !== read[0].header!.databaseId)
      problems.push(`${a.file} is of another database (${h.databaseId}) than ${read[0].file} (${read[0].header!.databaseId})`);
    if (h.firstId !== end.id + 1 || h.fromHash !== end.hash) {
      problems.push(
        h.firstId > end.id + 1
          ? `rows ${end.id + 1}–${h.firstId - 1} are in no archive given: ${a.file} starts at row ${h.firstId}, after ${end.file} ends at row ${end.id}`
          : `${a.file} does not continue ${end.file}: it starts at row ${h.firstId} from ${h.fromHash.slice(0, 16)}, where row ${end.id} ends with ${end.hash.slice(0, 16)}`,
      );
    }
    end = { id: h.lastId, hash: h.lastHash, file: a.file };
  }
  if (log) problems.push(...intoLog(log, read, end));
  return { ok: problems.length === 0, archives, problems };
}

function intoLog(log: Database.Database, read: ArchiveReport[], end: { id: number; hash: string; file: string }): string[] {
  const problems: string[] = [];
  const checkpoint = log.prepare('SELECT last_id AS id, last_hash AS hash FROM audit_checkpoint WHERE id = 1').get() as
    { id: number; hash: Buffer } | undefined;
  const dbId = databaseId(log);
  const other = read.find((a) => a.header!.databaseId !== dbId);
  if (other) problems.push(`${other.file} is an archive of another database (${other.header!.databaseId}), not this one (${dbId})`);
  if (!checkpoint) {
    problems.push('this database has no checkpoint: nothing was archived out of it, so no archive continues into it');
  } else if (checkpoint.id !== end.id || checkpoint.hash.toString('hex') !== end.hash) {
    problems.push(
      checkpoint.id > end.id
        ? `the log starts after row ${checkpoint.id}, but the archives given end at row ${end.id}: rows ${end.id + 1}–${checkpoint.id} are in an archive not given`
        : `the log's checkpoint (row ${checkpoint.id}, ${checkpoint.hash.toString('hex').slice(0, 16)}) is not where ${end.file} ends (row ${end.id}, ${end.hash.slice(0, 16)})`,
    );
  }
  const logKeys = new Set(log.prepare('SELECT lower(hex(public_key)) FROM chain_keys').pluck().all() as string[]);
  for (const a of read) {
    const foreign = a.header!.keys.find((k) => !logKeys.has(k.publicKey));
    if (foreign) problems.push(`${a.file} lists a signing key (${foreign.publicKey.slice(0, 16)}) that this database never had: not its archive, or rewritten`);
  }
  return problems;
}

/** The archive's size on disk, for a person ("12.3 MB"). */
export function archiveBytes(file: string): number {
  return statSync(file).size;
}
