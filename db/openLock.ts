// The lock every process honours before it opens a database for writing, so that
// a restore never replaces a file someone has open, and nobody opens a file a
// restore is replacing. SQLite's own locks cannot do this alone: a restore must let
// go of the file to rename it, and a process that opened the old file in that
// instant would write on into the copy kept aside. Node has no flock, so the lock
// is plain files, in a folder beside the database (FILE.lock/):
//
//   exclusive          held by a restore for as long as it replaces the file
//   open-HOST-PID      one per process that has the file open for writing
//
// Openers (the app, the web mode, the CLI's writers) share it: each writes its
// entry, then looks for `exclusive`. A restore creates `exclusive` (only one can),
// then looks for entries. Whichever comes second sees the other. Each file names
// its holder (what, process, host, since), so a refusal can say who holds it. A
// holder on this host whose process is gone left its file behind (killed, power
// cut): its file is stale and taken over. The folder goes with its last file, so
// it is only there while someone holds the lock. Readers (verify, export) take no lock.
import { mkdirSync, readFileSync, readdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

export interface LockHolder {
  what: string;
  pid: number;
  host: string;
  since: string;
}

export class DatabaseInUseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseInUseError';
  }
}

let thisProcess = 'JobTrail';
/** What this process is, as others are told when it holds a database ("the JobTrail web mode"). */
export function nameLockHolder(what: string): void {
  thisProcess = what;
}

const HOST = hostname();
const EXCLUSIVE = 'exclusive';
const entryName = () => `open-${HOST.replace(/[^A-Za-z0-9.-]/g, '_')}-${process.pid}`;
const me = (): LockHolder => ({ what: thisProcess, pid: process.pid, host: HOST, since: new Date().toISOString() });
const lockDir = (file: string) => `${resolve(file)}.lock`;

/** A holder named the way a person can look it up: "the JobTrail web mode (process 4242 on office-pc, since …)". */
export function describeHolder(h: LockHolder): string {
  return `${h.what} (process ${h.pid} on ${h.host}, since ${h.since.slice(0, 19).replace('T', ' ')} UTC)`;
}

function readHolder(path: string): LockHolder | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw e;
  }
  try {
    const h = JSON.parse(text) as LockHolder;
    return typeof h.pid === 'number' && typeof h.host === 'string' ? h : 'unreadable';
  } catch {
    return 'unreadable'; // being written this instant, or damaged
  }
}

/** Whether a holder may still hold it: another host's processes cannot be seen from here, so they count. */
function alive(h: LockHolder): boolean {
  if (h.host !== HOST || h.pid === process.pid) return true;
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live holder at path, or null once it is gone or was stale (and removed). */
function liveHolder(path: string): LockHolder | null {
  for (let tries = 0; ; tries++) {
    const h = readHolder(path);
    if (h === 'gone') return null;
    if (h === 'unreadable') {
      if (tries < 10) {
        sleep(20);
        continue;
      }
      rmSync(path, { force: true }); // not a holder that will ever say who it is
      return null;
    }
    if (alive(h)) return h;
    rmSync(path, { force: true });
    return null;
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));
/** Openers are synchronous (openDatabase is), so the wait is too: it happens once, at start. */
function sleep(ms: number): void {
  Atomics.wait(pause, 0, 0, ms);
}

/**
 * Writes a lock file, making the folder first: again when the last holder's
 * release took the folder away between the two.
 */
function writeInLockDir(dir: string, path: string, holder: LockHolder, flag: 'w' | 'wx'): void {
  for (;;) {
    mkdirSync(dir, { recursive: true });
    try {
      return writeFileSync(path, JSON.stringify(holder), { flag });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}

function removeFromLockDir(dir: string, path: string): void {
  rmSync(path, { force: true });
  try {
    rmdirSync(dir);
  } catch {
    // others still hold it (or have just made it theirs)
  }
}

const held = new Map<string, number>(); // lock folder → how many connections of this process hold it
let cleanupOnExit = false;

/**
 * Registers this process as having `file` open for writing. While a restore holds
 * the file this waits up to `waitMs`, then throws DatabaseInUseError naming it.
 * Returns the release (call it once the connection is closed).
 */
export function holdOpen(file: string, waitMs = 15_000): () => void {
  const dir = lockDir(file);
  const entry = join(dir, entryName());
  if (!held.has(dir)) writeInLockDir(dir, entry, me(), 'w');
  held.set(dir, (held.get(dir) ?? 0) + 1);
  if (!cleanupOnExit) {
    cleanupOnExit = true;
    process.once('exit', () => {
      for (const d of held.keys()) rmSync(join(d, entryName()), { force: true });
    });
  }
  const release = () => {
    const n = (held.get(dir) ?? 1) - 1;
    if (n > 0) return void held.set(dir, n);
    held.delete(dir);
    removeFromLockDir(dir, entry);
  };
  const started = Date.now();
  for (;;) {
    const restoring = liveHolder(join(dir, EXCLUSIVE));
    if (!restoring || (restoring.pid === process.pid && restoring.host === HOST)) return release;
    if (Date.now() - started >= waitMs) {
      release();
      throw new DatabaseInUseError(
        `${file} is being replaced by ${describeHolder(restoring)}; ` +
          `JobTrail waited ${Math.round(waitMs / 1000)} s for it. Open it again once that has finished.`,
      );
    }
    sleep(100);
  }
}

/**
 * Takes `file` for this process alone (a restore), or throws DatabaseInUseError
 * naming who has it: another restore, or any other process that has it open.
 * This process's own connections are not counted here: SQLite refuses those.
 */
export function holdExclusively(file: string): () => void {
  const dir = lockDir(file);
  const lock = join(dir, EXCLUSIVE);
  for (;;) {
    try {
      writeInLockDir(dir, lock, me(), 'wx');
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const other = liveHolder(lock);
      if (other) throw new DatabaseInUseError(`${file} is being replaced by ${describeHolder(other)}`);
    }
  }
  const release = () => removeFromLockDir(dir, lock);
  for (const name of readdirSync(dir)) {
    if (!name.startsWith('open-') || name === entryName()) continue;
    const h = liveHolder(join(dir, name));
    if (h) {
      release();
      throw new DatabaseInUseError(
        `${file} is open in ${describeHolder(h)}: close it first ` + `(if that program is no longer running, delete ${join(dir, name)})`,
      );
    }
  }
  return release;
}
