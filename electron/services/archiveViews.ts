// Archives opened in the app, read-only (db/archiveView.ts): the archive files in
// the archives folder, which of them are open, and an open one's rows to read,
// search, print and export through the History's own reader. Opening one is a job
// (it checks the whole file and loads it); reading an open one is as quick as
// reading the log. Managers only, as archiving is.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { readArchiveHeader } from '../../db/archiveFile';
import { viewFacts, type ArchiveViewFacts } from '../../db/archiveView';
import { databaseId } from '../../db/chainKeys';
import type { Db } from '../../db/open';
import { schema } from '../../db/schema';
import { archiveFolder } from '../jobs/archiveJob';
import { AppError } from './errors';

/** Where the views are made: beside the database, not among the archives (a copy of that folder should hold archives only). */
export const viewFolder = (dbFile: string) => join(dirname(dbFile), 'archive-views');
export const viewFileOf = (dbFile: string, fileName: string) => join(viewFolder(dbFile), `${fileName}.db`);
export const archiveFileOf = (dbFile: string, fileName: string) => join(archiveFolder(dbFile), fileName);

/** An archive file as the list shows it. */
export interface ArchiveListing {
  fileName: string;
  bytes: number;
  /** From its header; null when the file is not a readable archive (problem says why). */
  rows: number | null;
  firstId: number | null;
  lastId: number | null;
  createdAt: string | null;
  /** Written from this database (its identity in the header). */
  ofThisDatabase: boolean;
  problem: string | null;
  /** Set once opened: what the check found and the period its rows cover. */
  opened: OpenedArchive | null;
}

export interface OpenedArchive {
  fileName: string;
  rows: number;
  firstId: number;
  lastId: number;
  /** The archive's last row's hash (hex): the chain head its rows end with. */
  lastHash: string;
  from: string | null;
  to: string | null;
  /** The archive checked alone when it was opened. */
  verified: boolean;
  /** Why it does not verify, naming the row. */
  problem: string | null;
  openedAt: string;
}

const opened = (f: ArchiveViewFacts): OpenedArchive => ({
  fileName: f.fileName,
  rows: f.header.rows,
  firstId: f.header.firstId,
  lastId: f.header.lastId,
  lastHash: f.header.lastHash,
  from: f.from,
  to: f.to,
  verified: f.check.ok,
  problem: f.check.firstBroken ? `row ${f.check.firstBroken.id}: ${f.check.firstBroken.problem}` : null,
  openedAt: f.openedAt,
});

/** The archive files of this database's folder, oldest rows first, each with whether it is open. */
export function listArchives(db: Db): ArchiveListing[] {
  const folder = archiveFolder(db.file);
  if (!existsSync(folder)) return [];
  const ours = databaseId(db.sqlite);
  const listings = readdirSync(folder)
    .filter((n) => n.endsWith('.jtarchive'))
    .map((fileName): ArchiveListing => {
      const file = join(folder, fileName);
      const bytes = statSync(file).size;
      try {
        const h = readArchiveHeader(file);
        const view = currentView(db, fileName);
        return {
          fileName,
          bytes,
          rows: h.rows,
          firstId: h.firstId,
          lastId: h.lastId,
          createdAt: h.createdAt,
          ofThisDatabase: h.databaseId === ours,
          problem: null,
          opened: view ? opened(view.facts) : null,
        };
      } catch (e) {
        return {
          fileName,
          bytes,
          rows: null,
          firstId: null,
          lastId: null,
          createdAt: null,
          ofThisDatabase: false,
          problem: e instanceof Error ? e.message.replace(file, fileName) : String(e),
          opened: null,
        };
      }
    });
  return listings.sort((a, b) => (a.firstId ?? Infinity) - (b.firstId ?? Infinity) || a.fileName.localeCompare(b.fileName));
}

/** The file an opening job reads and the view it makes, once the name is one of this folder's archives. */
export function archiveToOpen(db: Db, fileName: string): { archiveFile: string; viewFile: string } {
  const archiveFile = archiveFileOf(db.file, fileName);
  if (!existsSync(archiveFile)) {
    throw new AppError('not_found', `There is no archive called ${fileName} in ${archiveFolder(db.file)}.`, 'fileName');
  }
  return { archiveFile, viewFile: viewFileOf(db.file, fileName) };
}

interface OpenView {
  db: Db;
  facts: ArchiveViewFacts;
  file: string;
  modified: number;
}
/** Read-only connections to the views opened, per database file: one each, kept while the view stays as it was made. */
const connections = new Map<string, OpenView>();

/**
 * The view of `fileName` if it is open and still made from the archive as it is
 * now (same size, same modification time); a stale or damaged view is removed.
 */
function currentView(db: Db, fileName: string): OpenView | null {
  const viewFile = viewFileOf(db.file, fileName);
  const archiveFile = archiveFileOf(db.file, fileName);
  const known = connections.get(viewFile);
  if (!existsSync(viewFile) || !existsSync(archiveFile)) {
    forget(viewFile);
    return null;
  }
  const modified = statSync(viewFile).mtimeMs;
  if (known && known.modified === modified) return known;
  forget(viewFile);
  const sqlite = new Database(viewFile, { readonly: true, fileMustExist: true });
  const facts = viewFacts(sqlite);
  const archive = statSync(archiveFile);
  if (!facts || facts.fileBytes !== archive.size || facts.fileModified !== archive.mtime.toISOString()) {
    sqlite.close();
    rmSync(viewFile, { force: true });
    return null;
  }
  const view: OpenView = { db: { sqlite, orm: drizzle(sqlite, { schema }), file: viewFile }, facts, file: viewFile, modified };
  connections.set(viewFile, view);
  return view;
}

function forget(viewFile: string): void {
  connections.get(viewFile)?.db.sqlite.close();
  connections.delete(viewFile);
}

/** An open archive to read, or a clear refusal naming what to do. */
export function openedArchive(db: Db, fileName: string): { view: Db; archive: OpenedArchive } {
  archiveToOpen(db, fileName);
  const view = currentView(db, fileName);
  if (!view) throw new AppError('conflict', `The archive ${fileName} is not open: open it first (Reports › Archive old History).`, 'archive');
  return { view: view.db, archive: opened(view.facts) };
}

/** Every archive of this database open now, oldest rows first: what a customer's access report adds. */
export function openedArchives(db: Db): { view: Db; archive: OpenedArchive }[] {
  return listArchives(db)
    .filter((a) => a.opened && a.ofThisDatabase)
    .map((a) => openedArchive(db, a.fileName));
}

/** Closes an archive: its view is removed (the archive file stays as it is). */
export function closeArchive(db: Db, fileName: string): { closed: boolean } {
  const { viewFile } = archiveToOpen(db, fileName);
  const was = existsSync(viewFile);
  forget(viewFile);
  rmSync(viewFile, { force: true });
  return { closed: was };
}
