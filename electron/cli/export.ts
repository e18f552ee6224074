// `export`: the History of one booking, one customer or one period, as CSV or
// JSON, for an auditor: each row as the History shows it, then its stored values.
// The file names the chain head it belongs to and its row count (JSON: fields of
// its own; CSV: a last line), so it can be checked against the database later.
import { resolve } from 'node:path';
import { closeDatabase } from '../../db/open';
import { exportHistory, unknownRecordIn, type ExportFormat, type ExportScope, type ExportSummary } from '../services/exports';
import { exportStem, newFileIn } from '../jobs/exportFiles';
import { ProgressMeter, progressLines } from '../jobs/progress';
import { checkPath, parseOptions, required, UsageError, wholeNumber, type Command } from './args';
import { openForReading } from './database';
import { progressWriter } from './progress';

const usage = `Usage: npm run cli -- export --db FILE (--booking ID | --customer ID | --from DATE --to DATE | --all)
                          --format csv|json (--out FILE | --out-dir FOLDER)

Writes the History of one booking, one customer, everything in a period, or all of it, oldest first.

  --db FILE          the database (opened read-only)
  --booking ID       one booking's History
  --customer ID      one customer's History (their bookings included)
  --from, --to DATE  a period, both days included: YYYY-MM-DD (UTC days) or ISO instants
  --all              the whole History
                     such as 2026-03-01T09:00:00Z (both instants included)
  --format csv|json
  --out FILE         the file to write (replaced if it exists)
  --out-dir FOLDER   or a new file in FOLDER named for what it holds and when:
                     jobtrail-history-booking-1042-2026-03-01-093005.csv

Each row reads as the History shows it (local time with the zone, who, event,
record, field, before, after), then its stored values; the file ends with its
row count and the chain head it belongs to (see the README, "Exports").`;

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The start of a day (UTC) or an instant, as the audit log writes instants; edge 'to' gives the first instant after. */
export function parseWhen(value: string, name: string, edge: 'from' | 'to'): string {
  if (DAY_RE.test(value)) {
    const t = Date.parse(`${value}T00:00:00.000Z`);
    if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== value) {
      throw new UsageError(`--${name} is not a real day: "${value}"`);
    }
    return new Date(edge === 'from' ? t : t + 86_400_000).toISOString();
  }
  const t = INSTANT_RE.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(t)) {
    throw new UsageError(`--${name} must be a day (YYYY-MM-DD) or an ISO instant with a zone (2026-03-01T09:00:00Z), not "${value}"`);
  }
  // The History's "to" excludes its end; one millisecond more includes the instant typed.
  return new Date(edge === 'from' ? t : t + 1).toISOString();
}

function scopeOf(values: Partial<Record<'booking' | 'customer' | 'from' | 'to', string>>, all: boolean): { scope: ExportScope; what: string } {
  const given = [values.booking !== undefined, values.customer !== undefined, values.from !== undefined || values.to !== undefined, all].filter(Boolean).length;
  if (given === 0) throw new UsageError('say what to export: --booking ID, --customer ID, --from DATE --to DATE, or --all');
  if (given > 1) throw new UsageError('give exactly one of --booking, --customer, --from with --to, or --all');
  if (all) return { scope: {}, what: 'the whole History' };
  if (values.booking !== undefined) {
    const id = wholeNumber(values.booking, 'booking', 1, Number.MAX_SAFE_INTEGER);
    return { scope: { bookingId: id }, what: `booking ${id}` };
  }
  if (values.customer !== undefined) {
    const id = wholeNumber(values.customer, 'customer', 1, Number.MAX_SAFE_INTEGER);
    return { scope: { customerId: id }, what: `customer ${id}` };
  }
  if (values.from === undefined || values.to === undefined) throw new UsageError('--from and --to go together');
  const from = parseWhen(values.from, 'from', 'from');
  const to = parseWhen(values.to, 'to', 'to');
  if (from >= to) throw new UsageError(`--from (${values.from}) is after --to (${values.to})`);
  return { scope: { from, to }, what: `${values.from} to ${values.to}` };
}

export const exportCommand: Command = {
  usage,
  run(argv) {
    const { help, values, flags } = parseOptions(argv, ['db', 'booking', 'customer', 'from', 'to', 'format', 'out', 'out-dir'], ['all']);
    if (help) {
      console.log(usage);
      return 0;
    }
    const file = required(values, 'db');
    const { scope, what } = scopeOf(values, flags.all);
    const format = required(values, 'format');
    if (format !== 'csv' && format !== 'json') throw new UsageError(`--format must be csv or json, not "${format}"`);
    if (values.out !== undefined && values['out-dir'] !== undefined) throw new UsageError('give --out or --out-dir, not both');
    const out =
      values['out-dir'] !== undefined
        ? newFileIn(checkPath(values['out-dir'], 'out-dir', 'folder', 'folder'), exportStem(scope), format, new Date(), new Set())
        : required(values, 'out');
    if (resolve(out) === resolve(file)) throw new UsageError('--out must not be the database itself');
    checkPath(file, 'db', 'database', 'read');
    // Before a byte is written: a folder here would be found only at the end, the whole export written beside it.
    checkPath(out, 'out', 'export file', 'write');

    const db = openForReading(file);
    try {
      if (unknownRecordIn(db, scope)) throw new Error(`${what} does not exist in ${file}`);
      const progress = progressWriter('export');
      const meter = new ProgressMeter();
      const line = progressLines(progress.update);
      let summary: ExportSummary;
      try {
        summary = exportHistory(db, scope, format as ExportFormat, out, {
          onProgress: (done, total) => line(meter.at('Writing rows', 'History rows', done, total)),
        });
      } finally {
        progress.done();
      }
      console.log(
        [
          `Exported ${summary.rows.toLocaleString('en')} History rows of ${what} to ${out} (${format})`,
          `  chain head  ${summary.head} over ${summary.chainRows.toLocaleString('en')} audit rows`,
          `  check it later: npm run cli -- verify --db ${file} --expect-head ${summary.head}`,
        ].join('\n'),
      );
      return 0;
    } finally {
      closeDatabase(db);
    }
  },
};
