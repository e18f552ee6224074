// `import`: bookings from a CSV file into an existing database, through the
// services, as a named user who signs in with their password: each booking is
// audited and chained exactly as if that person had typed it in. The app (or the
// web mode) may be running on the same file meanwhile: both wait their turn.
import { existsSync, readFileSync } from 'node:fs';
import { currentHead, shortDigest } from '../../db/chain';
import { closeDatabase, openDatabase } from '../../db/open';
import { contract } from '../api/contract';
import { hasRole, roleRefusal } from '../services/context';
import { ImportRefused, ImportStopped, importBookings } from '../services/bookingImport';
import { signIn } from '../services/users';
import { parseOptions, required, wholeNumber, type Command } from './args';
import { passwordFor } from './password';
import { progressWriter } from './progress';

const usage = `Usage: npm run cli -- import --db FILE --csv FILE --as NAME [--batch N] [--from-line N]

Imports bookings from a CSV file, written through the services as the user NAME
(staff or above), so that each booking is audited and chained as if NAME had typed
it in. Every row is checked first: if any is wrong, nothing is imported and each
bad row is named. Rows are then written in batches, one transaction each; JobTrail
may be running on the same database meanwhile.

NAME's password is read from the environment variable JOBTRAIL_PASSWORD, or asked
for when the command runs in a terminal.

  --db FILE        the database (an existing one, with users)
  --csv FILE       the CSV file: UTF-8, a header row, columns in any order
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
    const file = required(values, 'db');
    const csvFile = required(values, 'csv');
    const name = required(values, 'as');
    const batchSize = values.batch === undefined ? undefined : wholeNumber(values.batch, 'batch', 1, 100_000, true);
    const fromLine = values['from-line'] === undefined ? undefined : wholeNumber(values['from-line'], 'from-line', 2, Number.MAX_SAFE_INTEGER);
    if (!existsSync(file)) throw new Error(`there is no database at ${file}`);
    if (!existsSync(csvFile)) throw new Error(`there is no CSV file at ${csvFile}`);
    const text = readFileSync(csvFile, 'utf8');
    const password = await passwordFor(name);

    const started = performance.now();
    const db = openDatabase(file);
    const progress = progressWriter('import');
    try {
      const user = signIn(db, { name, password });
      for (const needed of ['customers.create', 'bookings.create'] as const) {
        const access = contract[needed].access;
        if (access !== 'anyone' && !hasRole(user, access)) throw new Error(roleRefusal(access, 'import bookings', user));
      }
      const firstRow = (db.sqlite.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number) + 1;
      const summary = await importBookings({ db, user }, text, {
        schema: contract['bookings.create'].input, batchSize, fromLine,
        onProgress: (done, total) => progress.update(`${n(done)} / ${n(total)} bookings (${Math.floor((100 * done) / total)}%)`),
      });
      progress.done();
      const lastRow = db.sqlite.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number;
      console.log([
        `Imported ${n(summary.bookings)} bookings from ${csvFile} into ${file} as ${user.name} in ` +
          `${((performance.now() - started) / 1000).toFixed(1)} s`,
        `  new customers  ${n(summary.customersCreated)}`,
        // Others may have written meanwhile: the range holds the import's rows and theirs.
        `  audit rows     ${lastRow >= firstRow ? `${n(firstRow)}–${n(lastRow)}` : 'none'}`,
        `  chain head     ${shortDigest(currentHead(db.sqlite))}`,
      ].join('\n'));
      return 0;
    } catch (e) {
      progress.done();
      if (e instanceof ImportRefused) {
        console.error([
          `jobtrail import: ${e.message}`,
          // A file-level problem (the header) is the message itself; row problems are listed.
          ...(e.rows === 0 ? [] : e.errors.slice(0, SHOWN_ERRORS).map((x) => `  line ${n(x.line)}${x.column ? `, ${x.column}` : ''}: ${x.message}`)),
          ...(e.errors.length > SHOWN_ERRORS ? [`  … and ${n(e.errors.length - SHOWN_ERRORS)} more`] : []),
        ].join('\n'));
        return 1;
      }
      if (e instanceof ImportStopped) {
        console.error([
          `jobtrail import: ${e.message}`,
          `  ${n(e.imported)} bookings before it were imported and stay; that row's batch was not.`,
          `  To continue, fix the problem and run the same command with --from-line ${e.line}`,
        ].join('\n'));
        return 1;
      }
      throw e;
    } finally {
      closeDatabase(db);
    }
  },
};

const n = (x: number) => x.toLocaleString('en');
