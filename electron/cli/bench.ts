// `bench`: measures JobTrail at the size of years of use, against the targets of
// the benchmark issue, and writes the figures to a JSON file. Timing lives here,
// never in the test suite.
import { join, resolve } from 'node:path';
import { runBench } from '../bench/run';
import { table } from '../bench/figures';
import { DEFAULT_SEED } from '../../db/demo/plan';
import { checkPath, parseOptions, UsageError, wholeNumber, type Command } from './args';

const DEFAULT_ROWS = 10_000_000;
const QUICK_ROWS = 200_000;
const IMPORT_ROWS = 100_000;
const QUICK_IMPORT_ROWS = 10_000;

const usage = `Usage: npm run cli -- bench [--audit-rows N | --quick] [--import-rows N] [--seed S] [--out FILE] [--no-ui] [--reads-only]

Generates (once; later runs reuse it from .bench-cache/) a demo database of N audit
rows through the real services, then measures audited edits, bulk import, History
and search latencies through the contract, chain verification, CSV export, bytes per
audit row, the UI in headless Chromium and peak memory. Prints a table and writes
the figures, the scale, the machine and the date as JSON.

  --audit-rows N   the size (default ${DEFAULT_ROWS.toLocaleString('en')}; 200k, 1.5m accepted); generating 10M takes a while, once
  --quick          a fast look: ${QUICK_ROWS.toLocaleString('en')} audit rows and an import of ${QUICK_IMPORT_ROWS.toLocaleString('en')} bookings
  --import-rows N  bookings in the bulk-import figure (default ${IMPORT_ROWS.toLocaleString('en')}, the target's size)
  --seed S         the demo's random seed (default ${DEFAULT_SEED})
  --out FILE       where to write the JSON (default bench-results.json)
  --no-ui          skip the two UI figures (no Chromium needed)
  --reads-only     only the read figures on the database (History, search, Audit log,
                   visits, equipment, properties): minutes at 10M where the whole run
                   takes most of an hour; the writes, backups and UI are not measured`;

export const benchCommand: Command = {
  usage,
  async run(argv) {
    const { help, values, flags } = parseOptions(argv, ['audit-rows', 'import-rows', 'seed', 'out'], ['quick', 'no-ui', 'reads-only']);
    if (help) {
      console.log(usage);
      return 0;
    }
    if (flags.quick && values['audit-rows'] !== undefined) throw new UsageError('give --quick or --audit-rows, not both');
    const auditRows = flags.quick
      ? QUICK_ROWS
      : values['audit-rows'] === undefined
        ? DEFAULT_ROWS
        : wholeNumber(values['audit-rows'], 'audit-rows', 10_000, 100_000_000, true);
    const out = resolve(checkPath(values.out ?? 'bench-results.json', 'out', 'results file', 'write'));
    // The benchmark's databases and their scratch copies are not an office's: their signing keys and witnesses stay in its cache.
    process.env.JOBTRAIL_KEY_DIR ??= join(resolve('.bench-cache'), 'keys');
    const result = await runBench({
      auditRows,
      seed: values.seed === undefined ? DEFAULT_SEED : wholeNumber(values.seed, 'seed', 0, 2 ** 32 - 1),
      importRows:
        values['import-rows'] !== undefined
          ? wholeNumber(values['import-rows'], 'import-rows', 1, 10_000_000, true)
          : flags.quick
            ? QUICK_IMPORT_ROWS
            : IMPORT_ROWS,
      cacheDir: resolve('.bench-cache'),
      out,
      ui: !flags['no-ui'] && !flags['reads-only'],
      readsOnly: Boolean(flags['reads-only']),
      command: `bench ${argv.join(' ')}`.trim(),
      say: (line) => console.error(line),
    });
    console.log(table(result));
    console.log(`\nWritten to ${out}`);
    return 0;
  },
};
