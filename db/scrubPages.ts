// Zeroing what SQLite leaves of old rows in a database file's unused bytes. With
// secure_delete on, SQLite zeroes a cell it frees, but a page it rebuilds while
// rebalancing a b-tree (an erasure shrinks many rows, and their pages are merged)
// keeps the old bytes between its cell pointers and its cells, and a page freed
// before secure_delete was on keeps all of them. Nothing reads those bytes, but
// anyone with the file can: an erasure must not leave the values there.
//
// The pages to look at are the ones the erasure wrote (the frames in the WAL) and
// the free pages. Each is zeroed where it holds nothing, in the file itself, after
// the WAL has been written back into it; SQLite never reads those bytes, and a
// write through SQLite afterwards makes every connection drop its cached pages.
import type Database from 'better-sqlite3';
import { closeSync, existsSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';

/** The page numbers of the frames in a WAL file (none when it is empty or missing). */
export function walPages(walFile: string): Set<number> {
  const pages = new Set<number>();
  if (!existsSync(walFile)) return pages;
  const fd = openSync(walFile, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size < 32) return pages;
    const header = Buffer.alloc(32);
    readSync(fd, header, 0, 32, 0);
    const pageSize = header.readUInt32BE(8);
    const frame = Buffer.alloc(24);
    for (let at = 32; at + 24 + pageSize <= size; at += 24 + pageSize) {
      readSync(fd, frame, 0, 24, at);
      const page = frame.readUInt32BE(0);
      if (page > 0) pages.add(page);
    }
  } finally {
    closeSync(fd);
  }
  return pages;
}

/** The free pages, from the file's freelist: trunk pages with how many entries they use, and leaf pages. */
function freePages(fd: number, pageSize: number): { trunks: Map<number, number>; leaves: Set<number> } {
  const header = Buffer.alloc(100);
  readSync(fd, header, 0, 100, 0);
  const trunks = new Map<number, number>();
  const leaves = new Set<number>();
  const page = Buffer.alloc(pageSize);
  for (let trunk = header.readUInt32BE(32); trunk !== 0 && !trunks.has(trunk);) {
    readSync(fd, page, 0, pageSize, (trunk - 1) * pageSize);
    const count = Math.min(page.readUInt32BE(4), pageSize / 4 - 2);
    trunks.set(trunk, count);
    for (let i = 0; i < count; i++) leaves.add(page.readUInt32BE(8 + 4 * i));
    trunk = page.readUInt32BE(0);
  }
  return { trunks, leaves };
}

const ZEROS = Buffer.alloc(65536);
/** Whether bytes hold anything but zeros: compared in C, not byte by byte in JavaScript. */
const dirty = (bytes: Buffer) => !bytes.equals(ZEROS.subarray(0, bytes.length));

/**
 * The pages of a b-tree from its root: every page when `leaves`, else only the
 * root and interior pages (a fraction of a percent of a large table). A root that
 * was a leaf before the tree grew keeps that leaf's rows in its unused bytes.
 */
function treePages(fd: number, pageSize: number, count: number, root: number, leaves: boolean, into: Set<number>): void {
  const page = Buffer.alloc(pageSize);
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n < 1 || n > count || into.has(n)) continue;
    readSync(fd, page, 0, pageSize, (n - 1) * pageSize);
    const at = n === 1 ? 100 : 0;
    const type = page[at];
    if (type === 2 || type === 5) {
      into.add(n);
      const cells = page.readUInt16BE(at + 3);
      stack.push(page.readUInt32BE(at + 8));
      for (let i = 0; i < cells; i++) {
        const cell = page.readUInt16BE(at + 12 + 2 * i);
        if (cell + 4 <= pageSize) stack.push(page.readUInt32BE(cell));
      }
    } else if ((type === 10 || type === 13) && (leaves || n === root)) {
      into.add(n);
    }
  }
}

/** A SQLite varint at `at`: its value (as a number; rowids stay below 2^53) and length. */
function varint(page: Buffer, at: number): number {
  let v = 0;
  for (let i = 0; i < 8; i++) {
    const b = page[at + i];
    v = v * 128 + (b & 0x7f);
    if (b < 0x80) return v;
  }
  return v * 256 + page[at + 8];
}

/**
 * The leaf of a rowid table that holds `rowid`, with its neighbours on either side
 * (a rebalance moves cells between siblings, and leaves copies in the one they
 * left), found from the root down through the interior pages' keys.
 */
function rowPages(fd: number, pageSize: number, count: number, root: number, rowid: number, into: Set<number>): void {
  const page = Buffer.alloc(pageSize);
  for (let n = root, depth = 0; n >= 1 && n <= count && depth < 20; depth++) {
    readSync(fd, page, 0, pageSize, (n - 1) * pageSize);
    const at = n === 1 ? 100 : 0;
    into.add(n);
    if (page[at] !== 5) return;
    const cells = page.readUInt16BE(at + 3);
    const child = (i: number) => (i < cells ? page.readUInt32BE(page.readUInt16BE(at + 12 + 2 * i)) : page.readUInt32BE(at + 8));
    let i = 0;
    while (i < cells && varint(page, page.readUInt16BE(at + 12 + 2 * i) + 4) < rowid) i++;
    if (i > 0) into.add(child(i - 1));
    if (i < cells) into.add(child(i + 1));
    n = child(i);
  }
}

/**
 * Zeroes a b-tree page's unused bytes: the gap between its cell pointers and its
 * cells, and the bodies of its free blocks. Returns whether it changed anything.
 * A page that is not a b-tree page (an overflow page) is left as it is.
 */
function zeroUnused(page: Buffer, offset: number): boolean {
  const type = page[offset];
  if (![2, 5, 10, 13].includes(type)) return false;
  const headerSize = type === 2 || type === 5 ? 12 : 8;
  const cells = page.readUInt16BE(offset + 3);
  const contentStart = page.readUInt16BE(offset + 5) || 65536;
  const gapFrom = offset + headerSize + 2 * cells;
  let changed = false;
  const zero = (from: number, to: number) => {
    if (from < to && to <= page.length && dirty(page.subarray(from, to))) {
      page.fill(0, from, to);
      changed = true;
    }
  };
  zero(gapFrom, Math.min(contentStart, page.length));
  const seen = new Set<number>();
  for (let block = page.readUInt16BE(offset + 1); block !== 0 && block + 4 <= page.length && !seen.has(block);) {
    seen.add(block);
    const size = page.readUInt16BE(block + 2);
    zero(block + 4, block + size);
    block = page.readUInt16BE(block);
  }
  return changed;
}

/**
 * Zeroes the unused bytes of `pages`, of every page of the `whole` tables and
 * their indexes, of the pages of the `rows` of rowid tables (with their
 * neighbours), of the root and interior pages of every other b-tree, and the
 * whole of every free page, in the file under `sqlite`, which must have just been
 * checkpointed with an empty WAL.
 * Holds the write lock meanwhile, so no other connection writes a page from its
 * cache in between; the write that ends it makes every connection read pages
 * afresh. Returns how many pages it changed.
 */
export function scrubPages(
  sqlite: Database.Database,
  written: Iterable<number>,
  whole: readonly string[],
  rows: Readonly<Record<string, readonly number[]>> = {},
): number {
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  let changed = 0;
  sqlite
    .transaction(() => {
      const trees = sqlite.prepare('SELECT tbl_name AS tbl, rootpage AS root FROM sqlite_master WHERE rootpage > 0').all() as { tbl: string; root: number }[];
      const fd = openSync(sqlite.name, 'r+');
      try {
        const count = Math.floor(fstatSync(fd).size / pageSize);
        const pages = new Set(written);
        for (const t of trees) treePages(fd, pageSize, count, t.root, whole.includes(t.tbl), pages);
        const roots = new Map(
          sqlite.prepare("SELECT name, rootpage FROM sqlite_master WHERE type = 'table' AND rootpage > 0").raw().all() as [string, number][],
        );
        for (const [table, ids] of Object.entries(rows)) {
          const root = roots.get(table);
          if (root !== undefined) for (const id of ids) rowPages(fd, pageSize, count, root, id, pages);
        }
        const free = freePages(fd, pageSize);
        const buffer = Buffer.alloc(pageSize);
        const write = (n: number) => {
          writeSync(fd, buffer, 0, pageSize, (n - 1) * pageSize);
          changed++;
        };
        for (const n of free.leaves) {
          if (n < 1 || n > count) continue;
          readSync(fd, buffer, 0, pageSize, (n - 1) * pageSize);
          if (dirty(buffer)) {
            buffer.fill(0);
            write(n);
          }
        }
        for (const [n, used] of free.trunks) {
          readSync(fd, buffer, 0, pageSize, (n - 1) * pageSize);
          if (dirty(buffer.subarray(8 + 4 * used))) {
            buffer.fill(0, 8 + 4 * used);
            write(n);
          }
        }
        for (const n of pages) {
          if (n < 1 || n > count || free.leaves.has(n) || free.trunks.has(n)) continue;
          readSync(fd, buffer, 0, pageSize, (n - 1) * pageSize);
          if (zeroUnused(buffer, n === 1 ? 100 : 0)) write(n);
        }
      } finally {
        closeSync(fd);
      }
      // Through SQLite, so that the change counter moves and every connection drops the pages it holds.
      sqlite.prepare('UPDATE audit_search_progress SET indexed_to = indexed_to WHERE id = 1').run();
    })
    .immediate();
  return changed;
}
