// `verify`: recomputes the audit chain of a database file and says whether it is
// intact. Exit 1 names the first row that does not fit, so an auditor knows where
// to look; --expect-head catches the one thing the database cannot show by itself,
// a tail cut off after a digest was printed. It also checks the audit triggers
// against the migrations and the records against their History, because a dropped
// trigger leaves the chain intact while changes go unrecorded.
import { closeDatabase, migrationsDir } from '../../db/open';
import { checkIntegrity, problemLines } from '../../db/integrity';
import { triggerCount } from '../../db/schemaCheck';
import { checkPath, parseOptions, required, UsageError, type Command } from './args';
import { openForReading } from './database';

const usage = `Usage: npm run cli -- verify --db FILE [--expect-head DIGEST]

Recomputes the SHA-256 chain over the audit log and names the first row that was
altered, inserted, removed or reordered; checks that every audit trigger is the one
the migrations define, and that every record (bookings, customers, invoices,
payments, quotes, notes, inquiries, users, custom fields) matches its History.
Exit 0: intact; exit 1: broken, naming what.

  --db FILE              the database to check (opened read-only)
  --expect-head DIGEST   a chain head printed earlier on a report or an export (the
                         16-character short digest or all 64 hex digits): the log must
                         still contain it (rows added since are fine); catches a cut tail`;

/** Problems of one kind listed before the rest are only counted. */
const LISTED = 20;

export const verifyCommand: Command = {
  usage,
  run(argv) {
    const { help, values } = parseOptions(argv, ['db', 'expect-head']);
    if (help) {
      console.log(usage);
      return 0;
    }
    const file = checkPath(required(values, 'db'), 'db', 'database', 'read');
    const expect = values['expect-head'];
    if (expect !== undefined && !/^[0-9a-f]{16,64}$/i.test(expect)) {
      throw new UsageError(`--expect-head must be 16 to 64 hex digits (a printed chain head), not "${expect}"`);
    }
    const db = openForReading(file);
    try {
      const report = checkIntegrity(db.sqlite, { expectHead: expect });
      const chain = report.chain;
      const n = (x: number) => x.toLocaleString('en');
      const lines: string[] = [];
      const broken = chain.firstBroken ? `row ${n(chain.firstBroken.id)}: ${chain.firstBroken.problem}` : null;
      const at = chain.expectedHeadAt;
      const expectation = at === undefined ? ''
        : at === chain.headId ? '  ends at the expected head'
          : `  contains the expected head at row ${n(at)}; ${n(chain.headId - at)} rows were added after it`;
      if (!broken) {
        lines.push(`Audit chain intact: ${n(chain.rowsChecked)} rows checked in ${file}`);
        lines.push(`  chain head   ${chain.headShort} (row ${n(chain.headId)})`);
        lines.push(`  full digest  ${chain.head}`);
        if (expectation) lines.push(expectation);
      } else {
        lines.push(`Audit chain BROKEN at ${broken}`);
        lines.push(`  ${n(chain.rowsChecked)} rows before it are intact, in ${file}`);
        lines.push(`  last good head  ${chain.headShort} (row ${n(chain.headId)})`);
      }
      if (report.checkpoint) lines.push(`Audit log CUT AT THE START: ${report.checkpoint}`);
      if (report.schema.length === 0) {
        lines.push(`  triggers     all ${n(triggerCount(db.sqlite, migrationsDir()))} as the migrations define them`);
      } else {
        lines.push(`Audit triggers TAMPERED: ${n(report.schema.length)} not as the migrations define them`);
        lines.push(...problemLines(report.schema.map((p) => p.message), LISTED));
      }
      if (report.state.length === 0) {
        lines.push('  records      every one matches its History');
      } else {
        lines.push(`Records CHANGED WITHOUT AUDIT ROWS: ${n(report.state.length)} do not match their History`);
        lines.push(...problemLines(report.state.map((p) => p.message), LISTED));
      }
      if (report.outsideRows > 0) {
        lines.push(`  note: ${n(report.outsideRows)} rows were written outside JobTrail (a SQLite tool or a script); the History marks them "outside"`);
      }
      if (chain.unsealedTail > 0) {
        lines.push(`  note: the newest ${n(chain.unsealedTail)} rows were written outside JobTrail and are not sealed yet; ` +
          'JobTrail seals them, marked "outside", with its next change');
      }
      if (report.searchIndex) lines.push(`Search index INCOMPLETE: ${report.searchIndex}`);
      console.log(lines.join('\n'));
      return report.ok ? 0 : 1;
    } finally {
      closeDatabase(db);
    }
  },
};
