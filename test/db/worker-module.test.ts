// Workers start from their own modules (db/workerModule.ts), and a worker that
// cannot start is an error its starter sees: by name, by its own words, or by its
// error at start, whether the starter awaits it or blocks on it (db/syncWorker.ts).
import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChunkJob } from '../../db/chainChunks';
import { SyncWorker } from '../../db/syncWorker';
import { startWorker, startWorkerReady, workerEntries, type WorkerName } from '../../db/workerModule';
import { tempDir } from '../helpers/core';

const root = resolve(import.meta.dirname, '..', '..');

describe('worker modules', () => {
  it('are each an entry of the bundle, named after the worker, with a module to build it from', () => {
    const entries = workerEntries(root);
    expect(Object.keys(entries).sort()).toEqual(['chunkWorker', 'coreWorker', 'jobsWorker', 'statementWorker']);
    for (const source of Object.values(entries)) expect(existsSync(source), source).toBe(true);
  });

  it('refuse a name that is not a worker, at once', async () => {
    const nope = 'nope' as WorkerName;
    expect(() => startWorker(nope)).toThrow('there is no worker named "nope"');
    await expect(startWorkerReady(nope)).rejects.toThrow('there is no worker named "nope"');
    expect(() => new SyncWorker(nope, 'The test', {}, new Int32Array(new SharedArrayBuffer(4)), 0)).toThrow(
      'The test could not start its worker: there is no worker named "nope"',
    );
  });

  it('reject the starter that awaits one with the error it failed on at start', async () => {
    // A chunk worker given nothing fails on its first line, before any message.
    await expect(startWorkerReady('chunk')).rejects.toThrow(/Cannot read properties of undefined/);
  });

  it('tell a blocked starter why they could not get ready', () => {
    const control = new Int32Array(new SharedArrayBuffer(4));
    const worker = new SyncWorker('chunk', 'The test', { file: '', chunks: 1 }, control, 0);
    try {
      let answer: unknown;
      expect(() => {
        while ((answer = worker.receive()) === undefined) Atomics.wait(control, 0, Atomics.load(control, 0), 100);
      }).toThrow(/^The test could not start its worker: /);
      expect(answer).toBeUndefined();
      expect(worker.isReady).toBe(false);
    } finally {
      worker.close();
    }
  });

  it('are no failure when they said they were ready, did their work and ended, though the starter hears of the end first', async () => {
    const dir = tempDir('jobtrail-worker-module-');
    const file = join(dir, 'log.db');
    const db = new Database(file);
    db.exec('CREATE TABLE audit_log (id INTEGER PRIMARY KEY, hash BLOB)');
    db.close();
    const control = new Int32Array(new SharedArrayBuffer(12));
    // No chunk to check: the worker says it is ready and ends at once.
    const job: Omit<ChunkJob, 'answers'> = {
      file,
      chunks: 0,
      plan: { sql: 'SELECT 1', start: 0, startHash: new Uint8Array(32), size: 1, last: 0, want: undefined },
    };
    const worker = new SyncWorker('chunk', 'The test', job, control, 2);
    try {
      await worker.exited;
      expect(worker.ended).toBe(true);
      expect(worker.receive()).toBeUndefined();
      expect(worker.isReady).toBe(true);
    } finally {
      worker.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
