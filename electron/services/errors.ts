import type { Blocker } from './deletionBlockers';
import type { StaleEdit } from './versions';

/** The error codes the contract returns. Each reaches the user as { code, message, field?, details? }. */
export type ErrorCode =
  | 'invalid_input' // the input does not fit the contract; field names it
  | 'unauthenticated' // nobody is signed in, or the session ended
  | 'forbidden' // signed in, but this role may not do this
  | 'not_found' // the record does not exist (or is deleted, where that matters)
  | 'conflict' // the record's state does not allow this (e.g. approving a refunded payment)
  | 'unknown_call' // no such contract entry
  | 'busy' // another program holds the database's write lock: nothing was saved, try again
  | 'internal'; // a bug: logged in full in the main process, never sent as a stack

/** Facts a form shows beside the message: a save refused as stale names whose change, which fields, old → new. */
export interface ErrorDetails {
  staleEdit?: StaleEdit;
  /** A deletion refused: what blocks it, each with where it is (services/deletionBlockers.ts). */
  blockers?: Blocker[];
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, id: number, field?: string) => new AppError('not_found', `${what} ${id} does not exist.`, field);
export const conflict = (message: string, field?: string) => new AppError('conflict', message, field);
export const forbidden = (message: string) => new AppError('forbidden', message);
