// How fast a long job goes and how long it has left: the one place these figures
// are made, for the job worker (and so the screens) and the CLI's progress line.
// No Node modules here, so that any side may use it.
import type { JobProgress } from './types';

/** Before this much of a phase has passed its speed says little (opening files, a first chunk, a cold disk cache). */
const MEASURE_AFTER_MS = 250;

/** Units a second over `elapsedMs`, and the seconds left at that rate; null until there is something to measure. */
export function pace(done: number, total: number | null, elapsedMs: number): Pick<JobProgress, 'ratePerSecond' | 'secondsLeft'> {
  if (elapsedMs < MEASURE_AFTER_MS || done <= 0) return { ratePerSecond: null, secondsLeft: null };
  const ratePerSecond = done / (elapsedMs / 1000);
  return { ratePerSecond, secondsLeft: total === null ? null : Math.max(0, total - done) / ratePerSecond };
}

/**
 * A job's progress as it goes. Each phase is timed from its own start: phases
 * count different things (audit rows, then tables) at very different speeds, so a
 * rate over the whole job would say nothing about the phase in hand.
 */
export class ProgressMeter {
  private phase: string | null = null;
  private unit: string | null = null;
  private since = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  at(phase: string, unit: string, done: number, total: number | null): JobProgress {
    const t = this.now();
    if (phase !== this.phase || unit !== this.unit) {
      this.phase = phase;
      this.unit = unit;
      this.since = t;
    }
    return { done, total, unit, phase, ...pace(done, total, t - this.since) };
  }
}

/**
 * Passes progress on at most every `ms` (a screen polls a few times a second; a
 * terminal line need not be redrawn faster than it can be read), and always when
 * the phase changes, so that each phase's start is seen.
 */
export function throttled(report: (p: JobProgress) => void, ms = 100, now: () => number = () => performance.now()): (p: JobProgress) => void {
  let last = -Infinity;
  let phase: string | null = null;
  return (p) => {
    const t = now();
    if (p.phase === phase && t - last < ms) return;
    last = t;
    phase = p.phase;
    report(p);
  };
}

const count = (n: number) => Math.round(n).toLocaleString('en');

/** A duration as people say it while waiting: "35 s", "4 min 10 s", "1 h 5 min". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  return m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m / 60} h`;
}

/** "Checking the chain: 150,000 / 200,000 audit rows (75%), 120,000 a second, about 1 s left": the CLI's line. */
export function describeProgress(p: JobProgress): string {
  const parts = [
    p.total === null
      ? `${count(p.done)} ${p.unit} so far`
      : `${count(p.done)} / ${count(p.total)} ${p.unit}${p.total > 0 ? ` (${Math.min(100, Math.floor((100 * p.done) / p.total))}%)` : ''}`,
  ];
  if (p.ratePerSecond !== null) parts.push(`${count(p.ratePerSecond)} a second`);
  if (p.secondsLeft !== null) parts.push(`about ${duration(p.secondsLeft)} left`);
  return `${p.phase}: ${parts.join(', ')}`;
}

/**
 * Progress as lines for a terminal (the CLI's progress line): only once a phase's
 * pace is measured, so that a command done in a moment prints none, and at most
 * ten times a second.
 */
export function progressLines(update: (line: string) => void): (p: JobProgress) => void {
  return throttled((p) => {
    if (p.ratePerSecond !== null) update(describeProgress(p));
  });
}
