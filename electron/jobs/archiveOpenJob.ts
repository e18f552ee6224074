// Opening an archive to read it (db/archiveView.ts) on a worker of its own: the
// whole file is checked, then loaded and indexed for search, which at millions of
// rows takes a while; the core goes on answering meanwhile, and a cancel stops it
// between pages, leaving no view behind.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { makeArchiveView, ViewStopped } from '../../db/archiveView';
import { archiveFileOf, viewFileOf } from '../services/archiveViews';
import { JobCancelled } from './cancel';
import type { ArchiveOpenOutcome, ArchiveOpenRequest } from './archiveTypes';
import { ProgressMeter } from './progress';
import type { JobProgress } from './types';

export const archiveOpenTitle = (r: ArchiveOpenRequest) => `Opening the archive ${r.fileName}`;

export async function runArchiveOpenJob(
  dbFile: string,
  request: ArchiveOpenRequest,
  hooks: { onProgress(p: JobProgress): void; shouldStop(): boolean },
): Promise<ArchiveOpenOutcome> {
  const viewFile = viewFileOf(dbFile, request.fileName);
  mkdirSync(dirname(viewFile), { recursive: true });
  const live = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const meter = new ProgressMeter();
    const facts = await makeArchiveView(live, archiveFileOf(dbFile, request.fileName), viewFile, {
      shouldStop: hooks.shouldStop,
      onProgress: (phase, done, total) => hooks.onProgress(meter.at(phase, 'rows', done, total)),
    });
    const broken = facts.check.firstBroken;
    return {
      kind: 'archiveOpen',
      fileName: request.fileName,
      rows: facts.header.rows,
      verified: facts.check.ok,
      problem: broken ? `row ${broken.id}: ${broken.problem}` : null,
    };
  } catch (e) {
    throw e instanceof ViewStopped ? new JobCancelled() : e;
  } finally {
    live.close();
  }
}
