// What the benchmark reports: each figure with its unit and, where the issue set
// one, its target; and how a run is written down (the table on screen, the JSON
// file beside it).
import { cpus, totalmem } from 'node:os';

export interface Target {
  op: '>=' | '<=';
  value: number;
}

export interface Figure {
  key: string;
  label: string;
  value: number;
  unit: string;
  target?: Target;
  /** Extra numbers behind the figure: samples, the parts of a ratio, per-query p95s. */
  detail?: Record<string, unknown>;
}

export const met = (f: Figure): boolean | null => (!f.target ? null : f.target.op === '>=' ? f.value >= f.target.value : f.value <= f.target.value);

export interface Scale {
  auditRows: number;
  bookings: number;
  customers: number;
  seed: number;
  databaseBytes: number;
}

export interface BenchResult {
  date: string;
  command: string;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; platform: string };
  scale: Scale;
  figures: Figure[];
}

export function machine(): BenchResult['machine'] {
  const c = cpus();
  return {
    cpu: c[0]?.model.trim() ?? 'unknown',
    cores: c.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** Nearest-rank percentile of samples (ms): what most runs stay under. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/** Times `fn` once, in milliseconds. */
export function timed(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

function formatValue(f: Figure): string {
  const v = Math.abs(f.value) >= 1000 ? Math.round(f.value).toLocaleString('en') : String(round(f.value, f.value < 10 ? 2 : 1));
  return `${v} ${f.unit}`;
}

/** The table a person reads at the end of a run. */
export function table(r: BenchResult): string {
  const rows = r.figures.map((f) => {
    const ok = met(f);
    return [
      f.label,
      formatValue(f),
      f.target ? `${f.target.op} ${f.target.value.toLocaleString('en')} ${f.unit}` : 'report',
      ok === null ? '' : ok ? 'met' : 'MISSED',
    ];
  });
  const head = ['figure', 'value', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const s = r.scale;
  return [
    `JobTrail benchmark, ${r.date}: ${s.auditRows.toLocaleString('en')} audit rows, ${s.bookings.toLocaleString('en')} bookings, ` +
      `${s.customers.toLocaleString('en')} customers (seed ${s.seed}), ${(s.databaseBytes / 2 ** 20).toFixed(0)} MiB`,
    `${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}`,
    '',
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}
