// Where the planners write their events, and the office they share: who works
// there, when the history starts and where "now" is.
import type { Line } from './catalog';
import type { DemoAction, DemoEvent } from './events';
import type { DemoUser } from './people';
import type { Rng } from './random';

export class Script {
  readonly events: DemoEvent[] = [];
  private seq = 0;
  private counters = { quote: 0, invoice: 0, payment: 0, property: 0 };
  /** Home-health visits whose recorded time the office corrected: the demo shows one, whatever its size. */
  visitCorrections = 0;

  /** Nothing happens after `now`: events planned later are dropped. */
  constructor(readonly now: number) {}

  add(at: number, actor: number, action: DemoAction, rows = 1): boolean {
    if (at > this.now) return false;
    this.events.push({ ...action, at, actor, rows, seq: this.seq++ });
    return true;
  }

  /** The index the next record of a kind will get, once its creating event is added. */
  peek(kind: keyof Script['counters']): number {
    return this.counters[kind];
  }

  take(kind: keyof Script['counters']): void {
    this.counters[kind]++;
  }

  /** A story of one record: each step strictly after the one before, cut for good at `now`. */
  story(start: number): Story {
    return new Story(this, start);
  }
}

export class Story {
  private cut = false;

  constructor(
    private readonly script: Script,
    public last: number,
  ) {}

  get ended(): boolean {
    return this.cut;
  }

  /**
   * Adds the step at `at`, or just after the previous step; returns its time, or null
   * once past `now`. `rows`: the audit rows the step's triggers will write.
   */
  add(at: number, actor: number, action: DemoAction, rows = 1): number | null {
    if (this.cut) return null;
    const t = Math.max(Math.round(at), this.last + 30_000);
    if (!this.script.add(t, actor, action, rows)) {
      this.cut = true;
      return null;
    }
    this.last = t;
    return t;
  }
}

/** The demo office: its people by role and trade, and the span of its history. */
export interface Office {
  rng: Rng;
  script: Script;
  users: DemoUser[];
  managers: number[];
  staff: number[];
  fieldworkers: Record<Line, number[]>;
  /** When the office started using JobTrail (18 months ago). */
  start: number;
  now: number;
  /** The last day appointments are booked for (4 weeks ahead). */
  horizon: number;
}

export const anyOf = (o: Office, people: number[]) => o.rng.pick(people);
