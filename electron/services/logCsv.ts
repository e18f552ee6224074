// The whole audit log as CSV, written mostly by SQLite. Taking a row's cells out
// of SQLite into JavaScript costs several times what SQLite takes to write them as
// text, and for most rows SQLite's text is the CSV line the cell formatter would
// write. So a chunk of rows comes back as one piece of text, is checked byte by
// byte here, and only the rows it would not be right for are read into JavaScript
// and written by the cell formatter, as the filtered exports write every row.
import { isUtf8 } from 'node:buffer';
import type Database from 'better-sqlite3';
import { textualColumns } from '../../db/chainChunks';
import { writeAll } from './writeAll';

/** Rows per chunk: about 850 KB of text, a few milliseconds of work. */
const CHUNK_ROWS = 5_000;

interface Queries {
  /** The next chunk of rows with ids in (?, ?]: its count, its last id, and its rows as SQLite writes them (see queries). */
  text: Database.Statement;
  /** The cells of the rows with ids in (?, ?], in id order. */
  cells: Database.Statement;
  /** The cells of the row with id ?. */
  row: Database.Statement;
  /** For each cell, whether its column may hold a number, which SQLite may write otherwise than JavaScript. */
  numeric: boolean[];
}

/**
 * SQLite writes each row's cells as text (NULL as nothing), the rows of a chunk as
 * one piece, each cell ended by 0x1F and each row by CR 0x1E: in place, those
 * become the comma and the CRLF, and a cell holding one of them can be told.
 */
function queries(sqlite: Database.Database, columns: readonly string[], period: boolean): Queries {
  const table = 'audit_log';
  const textual = textualColumns(sqlite);
  const cells = columns.join(', ');
  // A period's rows are the stretch of ids from its first to its last row, less any whose time lies outside it.
  const inPeriod = period ? 'AND at >= @from AND at < @to' : '';
  return {
    // group_concat keeps the subquery's order: SQLite does not drop an ORDER BY that feeds it.
    text: sqlite.prepare(`SELECT count(*), max(id), CAST(group_concat(line, '') AS BLOB)
      FROM (SELECT id, concat(${columns.join(", X'1F', ")}, X'0D1E') AS line FROM ${table}
        WHERE id > @after AND id <= @last ${inPeriod} ORDER BY id LIMIT ${CHUNK_ROWS})`).raw(),
    cells: sqlite.prepare(`SELECT ${cells} FROM ${table} WHERE id > @after AND id <= @last ${inPeriod} ORDER BY id`).raw(),
    row: sqlite.prepare(`SELECT ${cells} FROM ${table} WHERE id = ?`).raw(),
    numeric: columns.map((c) => !textual(c)),
  };
}

/** = + - @ \t at a cell's start, which the cell formatter puts a ' before (as \r, but a CR not ending a row marks its row anyway). */
const formulaStart = (b: number) => b === 61 || b === 43 || b === 45 || b === 64 || b === 9;

/**
 * Turns SQLite's text of `count` rows into CSV in place, and returns where the rows
 * are that it is not right for ([start, end) pairs), or null when the rows cannot
 * be told apart (a row end inside a cell). SQLite's text of a row is its CSV line
 * when the row holds no quote, comma, CR or LF, no cell starting like a formula (a
 * negative number too, to be safe), no 0x1F or 0x1E of its own, and in number
 * columns only integers JavaScript reads exactly: SQLite writes a real otherwise
 * than JavaScript, and an integer beyond 2^53 exactly where JavaScript reads it rounded.
 */
function textToCsv(text: Buffer, count: number, numeric: boolean[]): number[] | null {
  const n = text.length;
  const words = new Int32Array(text.buffer, text.byteOffset, n >> 2);
  const redo: number[] = [];
  // A row starts with its id, an integer: only the cells after a 0x1F can start like a formula.
  let rows = 0, cells = 0, bad = false, rowStart = 0, cellStart = 0;
  for (let i = 0; i < n;) {
    // Four bytes at a time past those that are none of 0x00-0x1F, " and ,: most of them.
    if ((i & 3) === 0 && i + 4 <= n) {
      const x = words[i >> 2], quote = x ^ 0x22222222, comma = x ^ 0x2c2c2c2c;
      if (((((x - 0x20202020) & ~x) | ((quote - 0x01010101) & ~quote) | ((comma - 0x01010101) & ~comma)) & 0x80808080) === 0) {
        i += 4;
        continue;
      }
    }
    const b = text[i];
    if (b === 0x1f || b === 0x1e) {
      if (numeric[cells]) {
        const end = b === 0x1e ? i - 1 : i;
        if (end - cellStart > 15) bad = true;
        for (let j = cellStart; j < end && !bad; j++) bad = text[j] < 48 || text[j] > 57;
      }
      if (i + 1 < n && formulaStart(text[i + 1])) bad = true;
      if (b === 0x1f) {
        text[i] = 44;
        cells++;
      } else {
        text[i] = 10;
        if (bad || cells !== numeric.length - 1) redo.push(rowStart, i + 1);
        rows++;
        cells = 0;
        bad = false;
        rowStart = i + 1;
      }
      cellStart = i + 1;
    } else if (b === 13) {
      if (text[i + 1] !== 0x1e) bad = true;
    } else if (b === 34 || b === 44 || b === 10) {
      bad = true;
    }
    i++;
  }
  return rows === count ? redo : null;
}

/** Which rows: ids in (after, last], and of those only the ones whose time is in [from, to) when a period is given. */
export interface LogRange { after: number; last: number; period?: { from: string; to: string } }

/**
 * Writes to `fd` the CSV lines of the audit rows in `range`, oldest first, each
 * cell a column of `columns` as `cell` writes it, and returns how many rows there
 * were. Call it inside one read transaction, so that every chunk reads one state
 * of the log. `afterChunk` hears the rows written so far after each chunk, and
 * may throw to stop the export there.
 */
export function writeLogCsv(sqlite: Database.Database, columns: readonly string[], range: LogRange,
  fd: number, cell: (v: unknown) => string, afterChunk?: (rows: number) => void): number {
  const q = queries(sqlite, columns, range.period !== undefined);
  const { last } = range;
  const between = (after: number, end: number) => ({ after, last: end, ...range.period });
  // SQLite hands text over in the database's encoding, which must be UTF-8 to be written as it is.
  const utf8 = sqlite.pragma('encoding', { simple: true }) === 'UTF-8';
  const encoder = new TextEncoder();
  const line = (cells: unknown[]) => cells.map(cell).join(',') + '\r\n';
  const write = (bytes: Uint8Array) => writeAll(fd, bytes);
  let rows = 0;
  for (let after = range.after; after < last;) {
    const [count, end, text] = q.text.get(between(after, last)) as [number, number | null, Buffer | null];
    if (count === 0 || end === null || text === null) break;
    // JavaScript reads larger ids rounded: the keyset could not move on.
    if (!Number.isSafeInteger(end)) throw new Error(`audit row ${end} has an id beyond 2^53, which JavaScript cannot read exactly`);
    // Text that is not valid UTF-8 JavaScript reads with replacement characters: such a chunk is read as JavaScript reads it.
    const redo = utf8 && isUtf8(text) && text.byteOffset % 4 === 0 ? textToCsv(text, count, q.numeric) : null;
    if (redo === null) {
      let lines = '';
      for (const cells of q.cells.iterate(between(after, end)) as IterableIterator<unknown[]>) lines += line(cells);
      write(encoder.encode(lines));
    } else {
      const parts: Uint8Array[] = [];
      let from = 0;
      for (let r = 0; r < redo.length; r += 2) {
        // A row's id is its first cell, an integer: the comma after it is the first.
        const id = Number(text.toString('latin1', redo[r], text.indexOf(44, redo[r])));
        parts.push(text.subarray(from, redo[r]), encoder.encode(line(q.row.get(id) as unknown[])));
        from = redo[r + 1];
      }
      parts.push(text.subarray(from));
      write(parts.length === 1 ? text : Buffer.concat(parts));
    }
    rows += count;
    after = end;
    afterChunk?.(rows);
  }
  return rows;
}
