// A job's cancel switch: one Int32 in shared memory, set by the core and read by
// the job's worker between steps. A message would wait for the worker's event
// loop, which a job busy reading never turns.

export type CancelFlag = Int32Array;

export const cancelFlag = (): CancelFlag => new Int32Array(new SharedArrayBuffer(4));

export const requestCancel = (flag: CancelFlag): void => void Atomics.store(flag, 0, 1);

export const cancelRequested = (flag: CancelFlag): boolean => Atomics.load(flag, 0) !== 0;

/** Thrown between steps once a job was asked to stop; whatever it had begun to write is cleaned up on the way out. */
export class JobCancelled extends Error {
  constructor() {
    super('The job was cancelled.');
    this.name = 'JobCancelled';
  }
}
