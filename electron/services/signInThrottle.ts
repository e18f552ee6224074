// Wrong passwords slow down: after a few for one name, that name must rest for a
// delay that doubles with every further failure; after many across all names
// (someone trying names from a list), every sign-in rests a little. A refusal is
// an answer given at once, never a sleep: the main process keeps serving everyone
// else. Counts live in memory, per open database: a restart forgives.
import type Database from 'better-sqlite3';
import type { Db } from '../../db/open';
import { AppError } from './errors';

export interface ThrottleOptions {
  /** The clock, in milliseconds; tests pass their own. */
  now?: () => number;
  /** Wrong passwords for one name before it must rest. */
  freeFailures?: number;
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Wrong passwords across all names before every sign-in must rest. */
  overallFreeFailures?: number;
  overallFirstDelayMs?: number;
  overallMaxDelayMs?: number;
}

interface Failures {
  count: number;
  until: number;
  last: number;
}

/** A name nobody has got wrong for this long starts afresh. */
const FORGET_AFTER_MS = 60 * 60_000;
/** Names remembered at most (someone typing random names must not grow memory without end). */
const MAX_NAMES = 10_000;

export class SignInThrottle {
  private readonly now: () => number;
  private readonly o: Required<Omit<ThrottleOptions, 'now'>>;
  private readonly names = new Map<string, Failures>();
  private overall: Failures = { count: 0, until: 0, last: 0 };

  constructor(options: ThrottleOptions = {}) {
    this.now = options.now ?? Date.now;
    this.o = {
      freeFailures: 3,
      firstDelayMs: 5_000,
      maxDelayMs: 15 * 60_000,
      overallFreeFailures: 20,
      overallFirstDelayMs: 1_000,
      overallMaxDelayMs: 60_000,
      ...Object.fromEntries(Object.entries(options).filter(([k, v]) => k !== 'now' && v !== undefined)),
    };
  }

  /** Throws 'unauthenticated' with how long to wait while this name, or sign-in as a whole, must rest. */
  check(name: string): void {
    const t = this.now();
    const own = this.names.get(key(name));
    if (own && own.until > t) {
      throw new AppError('unauthenticated', `Too many wrong passwords for ${name}; try again in ${seconds(own.until - t)}.`, 'password');
    }
    if (this.overall.until > t) {
      throw new AppError('unauthenticated', `Too many wrong passwords on this computer; try again in ${seconds(this.overall.until - t)}.`, 'password');
    }
  }

  failed(name: string): void {
    const t = this.now();
    const k = key(name);
    const own = this.fresh(this.names.get(k), t);
    this.names.delete(k); // re-inserted last: the map's order is the order of last failure
    this.names.set(k, this.bump(own, t, this.o.freeFailures, this.o.firstDelayMs, this.o.maxDelayMs));
    if (this.names.size > MAX_NAMES) this.names.delete(this.names.keys().next().value!);
    this.overall = this.bump(this.fresh(this.overall, t), t, this.o.overallFreeFailures, this.o.overallFirstDelayMs, this.o.overallMaxDelayMs);
  }

  succeeded(name: string): void {
    this.names.delete(key(name));
  }

  private fresh(f: Failures | undefined, t: number): Failures {
    return f && t - f.last < FORGET_AFTER_MS ? f : { count: 0, until: 0, last: t };
  }

  private bump(f: Failures, t: number, free: number, first: number, max: number): Failures {
    const count = f.count + 1;
    const until = count < free ? 0 : t + Math.min(max, first * 2 ** (count - free));
    return { count, until, last: t };
  }
}

/** Names are unique regardless of case (users.name is COLLATE NOCASE), so their counts are too. */
const key = (name: string) => name.normalize('NFC').trim().toLocaleLowerCase('en');

function seconds(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s === 1 ? '1 second' : `${s} seconds`;
}

const throttles = new WeakMap<Database.Database, SignInThrottle>();

/** The throttle of one open database: every sign-in into it, over IPC or HTTP, counts against the same names. */
export function signInThrottleFor(db: Db): SignInThrottle {
  let t = throttles.get(db.sqlite);
  if (!t) throttles.set(db.sqlite, (t = new SignInThrottle()));
  return t;
}

/** Puts a throttle with other settings (a test's clock) in place for one open database. */
export function useSignInThrottle(db: Db, throttle: SignInThrottle): void {
  throttles.set(db.sqlite, throttle);
}
