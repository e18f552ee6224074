// The figures a job's progress carries, made in one place for the screens and the
// command line alike: the rate over the phase so far and the time left at it.
import { describe, expect, it } from 'vitest';
import { describeProgress, pace, ProgressMeter, throttled } from '../../electron/jobs/progress';
import type { JobProgress } from '../../electron/jobs/types';

describe('pace', () => {
  it('is unknown until a moment of the phase has passed and something is done', () => {
    expect(pace(5_000, 10_000, 100)).toEqual({ ratePerSecond: null, secondsLeft: null });
    expect(pace(0, 10_000, 5_000)).toEqual({ ratePerSecond: null, secondsLeft: null });
  });

  it('is the units a second so far, and the seconds the rest takes at that rate', () => {
    expect(pace(5_000, 20_000, 2_000)).toEqual({ ratePerSecond: 2_500, secondsLeft: 6 });
    expect(pace(20_000, 20_000, 2_000)).toEqual({ ratePerSecond: 10_000, secondsLeft: 0 });
  });

  it('has no time left to give while the total is unknown', () => {
    expect(pace(3, null, 1_500)).toEqual({ ratePerSecond: 2, secondsLeft: null });
  });
});

describe('ProgressMeter', () => {
  it('times each phase from its own start', () => {
    let now = 0;
    const meter = new ProgressMeter(() => now);
    expect(meter.at('Checking the chain', 'audit rows', 0, 1_000)).toMatchObject({ done: 0, total: 1_000, ratePerSecond: null });
    now = 1_000;
    expect(meter.at('Checking the chain', 'audit rows', 500, 1_000)).toMatchObject({ ratePerSecond: 500, secondsLeft: 1 });
    now = 2_000;
    meter.at('Checking records against their History', 'tables', 0, null);
    now = 4_000;
    expect(meter.at('Checking records against their History', 'tables', 4, null)).toEqual({
      phase: 'Checking records against their History',
      unit: 'tables',
      done: 4,
      total: null,
      ratePerSecond: 2,
      secondsLeft: null,
    });
  });
});

describe('throttled', () => {
  it('passes progress on at most every so often, and every change of phase at once', () => {
    let now = 0;
    const seen: string[] = [];
    const report = throttled(
      (p) => seen.push(`${p.phase} ${p.done}`),
      100,
      () => now,
    );
    const p = (phase: string, done: number): JobProgress => ({ phase, done, total: null, unit: 'rows', ratePerSecond: null, secondsLeft: null });
    for (const [t, phase, done] of [
      [0, 'A', 0],
      [50, 'A', 1],
      [100, 'A', 2],
      [120, 'B', 0],
      [150, 'B', 1],
      [260, 'B', 2],
    ] as const) {
      now = t;
      report(p(phase, done));
    }
    expect(seen).toEqual(['A 0', 'A 2', 'B 0', 'B 2']);
  });
});

describe('describeProgress', () => {
  it('says how far, how fast and how long, in the CLI line', () => {
    expect(describeProgress({ phase: 'Writing rows', unit: 'rows', done: 150_000, total: 200_000, ratePerSecond: 120_000, secondsLeft: 0.4 })).toBe(
      'Writing rows: 150,000 / 200,000 rows (75%), 120,000 a second, about 0 s left',
    );
    expect(
      describeProgress({ phase: 'Checking records against their History', unit: 'tables', done: 3, total: null, ratePerSecond: 1.5, secondsLeft: null }),
    ).toBe('Checking records against their History: 3 tables so far, 2 a second');
    expect(describeProgress({ phase: 'Checking the chain', unit: 'audit rows', done: 0, total: 9_000_000, ratePerSecond: null, secondsLeft: 4_000 })).toBe(
      'Checking the chain: 0 / 9,000,000 audit rows (0%), about 1 h 6 min left',
    );
  });
});
