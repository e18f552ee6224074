// `import`: bookings from a CSV file into an existing database, through the
// services, as a named user who signs in with their password: each booking is
// audited and chained exactly as if that person had typed it in. The app (or the
// web mode) may be running on the same file meanwhile: both wait their turn.
// Stopped (Ctrl+C, SIGTERM, a failure), it says the command that continues; run
// again on the same file, it writes only the rows not imported yet.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { currentHead, shortDigest } from '../../db/chain';
import { closeDatabase, openDatabase } from '../../db/open';
import { contract } from '../api/contract';
import { hasRole, roleRefusal } from '../services/context';
import { ImportInterrupted, ImportRefused, ImportStopped, importBookings, type ImportSummary } from '../services/bookingImport';
import { CsvEncodingError, decodeCsv } from '../services/csvEncoding';
import { fingerprintOf } from '../services/importBatches';
import { signIn } from '../services/users';
import { checkPath, parseOptions, required, shellQuote, wholeNumber, type Command } from './args';
import { passwordFor } from './password';
import { progressWriter } from './progress';

const usage = `Usage: npm run cli -- import --db FILE --csv FILE --as NAME [--batch N] [--from-line N]

Imports bookings from a CSV file, written through the services as the user NAME
(staff or above), so that each booking is audited and chained as if NAME had typed
it in. Every row is checked first: if any is wrong, nothing is imported and each
bad row is named. Rows are then written in batches, one transaction each; JobTrail
may be running on the same database meanwhile.

Each batch is recorded with the file's fingerprint (SHA-256 of its bytes), so an
import stopped halfway (Ctrl+C, a crash) is finished by running the same command
again: the rows already imported are skipped, and a file imported whole imports
nothing twice. Stopped, it prints the command that continues (with --from-line):
Ctrl+C or SIGTERM ends it after the batch being written (exit 130, or 143).

NAME's password is read from the environment variable JOBTRAIL_PASSWORD, or asked
for when the command runs in a terminal.

  --db FILE        the database (an existing one, with users)
  --csv FILE       the CSV file: UTF-8 (Excel: "CSV UTF-8"), a header row, columns in any order
  --as NAME        who imports: the actor of every audit row
  --batch N        rows per transaction at most (default: no limit). A transaction ends after half a
                   second anyway, and the import then pauses briefly, so JobTrail, if open, is never locked out
  --from-line N    skip the rows before line N of the file (to continue an import that stopped)

Columns:
  customer       the customer's name: an existing customer, or else a new one (then give address)
  customer_id    instead of customer: an existing customer's id
  service        what is done (required)
  start, end     the appointment (required): ISO instants with a zone, like 2026-03-02T09:00:00Z
  price          an amount like 125.00 (required)
  address        where (default: the customer's address)
  status         quote, pending, scheduled (default), accepted, in_progress, completed, cancelled, no_show
  fieldworker    an active fieldworker's name`;

const SHOWN_ERRORS = 20;

export const importCommand: Command = {
  usage,
  async run(argv) {
    const { help, values } = parseOptions(argv, ['db', 'csv', 'as', 'batch', 'from-line']);
    if (help) {
      console.log(usage);
      return 0;
    }
    const [dbGiven, csvGiven, name] = (['db', 'csv', 'as'] as const).map((o) => required(values, o));
    const batchSize = values.batch === undefined ? undefined : wholeNumber(values.batch, 'batch', 1, 100_000, true);
    const fromLine = values['from-line'] === undefined ? undefined : wholeNumber(values['from-line'], 'from-line', 2, Number.MAX_SAFE_INTEGER);
    // What was typed is checked before the files it names.
    const file = checkPath(dbGiven, 'db', 'database', 'read');
    const csvFile = checkPath(csvGiven, 'csv', 'CSV file', 'read');
    const bytes = readFileSync(csvFile);
    let text: string;
    try {
      text = decodeCsv(bytes, csvFile);
    } catch (e) {
      if (!(e instanceof CsvEncodingError)) throw e;
      console.error(encodingAdvice(e, csvFile));
      return 1;
    }
    const source = fingerprintOf(bytes, csvFile);
    const password = await passwordFor(name);
    // The command that picks up where this run stopped: the same one, from a later line.
    const continueWith = (line: number) =>
      [
        'npm run cli -- import --db',
        shellQuote(file),
        '--csv',
        shellQuote(csvFile),
        '--as',
        shellQuote(name),
        ...(values.batch === undefined ? [] : ['--batch', values.batch]),
        '--from-line',
        String(line),
      ].join(' ');

    const started = performance.now();
    const db = openDatabase(file);
    const progress = progressWriter('import');
    // Ctrl+C or SIGTERM ends the run between two batches, never inside one, and says how to continue.
    // A second one finds no handler and ends the process at once: SQLite rolls that batch back.
    const stop = new AbortController();
    const onSignal = (signal: NodeJS.Signals) => stop.abort(signal);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      const user = signIn(db, { name, password });
      for (const needed of ['customers.create', 'bookings.create'] as const) {
        const access = contract[needed].access;
        if (access !== 'anyone' && !hasRole(user, access)) throw new Error(roleRefusal(access, 'import bookings', user));
      }
      const firstRow = (db.sqlite.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number) + 1;
      const summary = await importBookings({ db, user }, text, {
        schema: contract['bookings.create'].input,
        batchSize,
        fromLine,
        source,
        signal: stop.signal,
        onProgress: (done, total) => progress.update(`${n(done)} / ${n(total)} bookings (${Math.floor((100 * done) / total)}%)`),
      });
      progress.done();
      const lastRow = db.sqlite.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number;
      if (summary.bookings === 0 && summary.skipped > 0) {
        console.log(`Nothing to import: ${skippedLine(summary, csvFile)}`);
        return 0;
      }
      console.log(
        [
          `Imported ${n(summary.bookings)} bookings from ${csvFile} into ${file} as ${user.name} in ` +
            `${((performance.now() - started) / 1000).toFixed(1)} s`,
          `  new customers  ${n(summary.customersCreated)}`,
          ...(summary.skipped > 0 ? [`  skipped        ${skippedLine(summary, csvFile)}`] : []),
          // Others may have written meanwhile: the range holds the import's rows and theirs.
          `  audit rows     ${lastRow >= firstRow ? `${n(firstRow)}–${n(lastRow)}` : 'none'}`,
          `  chain head     ${shortDigest(currentHead(db.sqlite))}`,
        ].join('\n'),
      );
      return 0;
    } catch (e) {
      progress.done();
      if (e instanceof ImportRefused) {
        console.error(
          [
            `jobtrail import: ${e.message}`,
            // A file-level problem (the header) is the message itself; row problems are listed.
            ...(e.rows === 0 ? [] : e.errors.slice(0, SHOWN_ERRORS).map((x) => `  line ${n(x.line)}${x.column ? `, ${x.column}` : ''}: ${x.message}`)),
            ...(e.errors.length > SHOWN_ERRORS ? [`  … and ${n(e.errors.length - SHOWN_ERRORS)} more`] : []),
          ].join('\n'),
        );
        return 1;
      }
      if (e instanceof ImportStopped) {
        console.error(
          [
            `jobtrail import: ${e.message}`,
            `  ${n(e.imported)} bookings before it were imported and stay; that row's batch was not.`,
            `  To continue, fix the problem and run the same command with --from-line ${e.line}:`,
            `  ${continueWith(e.line)}`,
          ].join('\n'),
        );
        return 1;
      }
      if (e instanceof ImportInterrupted) {
        console.error(
          [
            `jobtrail import: ${e.message}`,
            `  ${n(e.imported)} bookings were imported by this run and stay, in whole batches; ${n(e.remaining)} are not imported yet.`,
            '  To continue:',
            `  ${continueWith(e.line)}`,
            '  (The same command without --from-line does it too: rows of this file imported before are skipped.)',
          ].join('\n'),
        );
        return e.reason === 'SIGTERM' ? 143 : 130; // as a shell reports a command its signal ended
      }
      throw e;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      closeDatabase(db);
    }
  },
};

const n = (x: number) => x.toLocaleString('en');

function skippedLine(summary: ImportSummary, csvFile: string): string {
  const earlier = summary.earlier!;
  const as = earlier.lastName === basename(csvFile) ? '' : ` (then called ${earlier.lastName})`;
  return `${n(summary.skipped)} rows of this file were imported before${as}, the last on ${earlier.lastAt} by ${earlier.lastBy}`;
}

function encodingAdvice(e: CsvEncodingError, csvFile: string): string {
  return [
    `jobtrail import: ${e.message}`,
    '  In Excel: File › Save As › "CSV UTF-8 (Comma delimited) (*.csv)", then import that file.',
    ...(e.iconv ? [`  Or convert it: iconv -f ${e.iconv} -t UTF-8 ${shellQuote(csvFile)} > ${shellQuote(csvFile.replace(/(\.csv)?$/i, '-utf8.csv'))}`] : []),
  ].join('\n');
}
