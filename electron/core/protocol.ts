// The messages between the thread that routes calls (the Electron main process, the
// web server) and the core worker, which holds the database and runs the contract.
import type { MessagePort } from 'node:worker_threads';
import type { Result } from '../api/dispatch';

/** What the core worker is given to start. */
export interface CoreStart {
  file: string;
  /** Where the chain's signing key and witness live (db/chainKeys.ts KeyPlace.dir); undefined: the default place. */
  keyDir?: string;
  /** The OS vault's file suffix, when the router serves one over `vaultPort` (vaultBridge.ts). */
  vaultSuffix?: string;
  vaultPort?: MessagePort;
  vaultControl?: Int32Array;
  /** Named to whoever else tries to open the file ("the JobTrail app"). */
  lockHolder: string;
  /** Make the demo office first, when the file does not exist yet. */
  seedDemo: boolean;
  /** The start-up integrity check and the day's backup (off for tests that only want calls). */
  startupTasks: boolean;
  /** Milliseconds a write waits for another program's write lock before it answers "busy". */
  busyTimeoutMs: number;
}

export type ToCore = { t: 'call'; id: number; name: string; input: unknown; session: string } | { t: 'close' };

export type FromCore =
  | { t: 'ready' }
  | { t: 'failed'; message: string }
  | { t: 'result'; id: number; result: Result<unknown> }
  | { t: 'log'; level: 'info' | 'warn' | 'error'; line: string }
  | { t: 'closed' };
