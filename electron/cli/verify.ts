// `verify`: recomputes the audit chain of a database file and says whether it is
// intact. Exit 1 names the first row that does not fit, so an auditor knows where
// to look; --expect-head catches the one thing the database cannot show by itself,
// a tail cut off after a digest was printed.
import { closeDatabase } from '../../db/open';
import { verifyChain } from '../../db/chain';
import { parseOptions, required, UsageError, type Command } from './args';
import { openForReading } from './database';

const usage = `Usage: npm run cli -- verify --db FILE [--expect-head DIGEST]

Recomputes the SHA-256 chain over the audit log and names the first row that was
altered, inserted, removed or reordered. Exit 0: intact; exit 1: broken.

  --db FILE              the database to check (opened read-only)
  --expect-head DIGEST   a chain head printed earlier on a report or an export (the
                         16-character short digest or all 64 hex digits): the log must
                         still contain it (rows added since are fine); catches a cut tail`;

export const verifyCommand: Command = {
  usage,
  run(argv) {
    const { help, values } = parseOptions(argv, ['db', 'expect-head']);
    if (help) {
      console.log(usage);
      return 0;
    }
    const file = required(values, 'db');
    const expect = values['expect-head'];
    if (expect !== undefined && !/^[0-9a-f]{16,64}$/i.test(expect)) {
      throw new UsageError(`--expect-head must be 16 to 64 hex digits (a printed chain head), not "${expect}"`);
    }
    const db = openForReading(file);
    try {
      const report = verifyChain(db.sqlite, expect);
      const n = (x: number) => x.toLocaleString('en');
      const lines: string[] = [];
      const broken = report.firstBroken ? `row ${n(report.firstBroken.id)}: ${report.firstBroken.problem}` : null;
      const at = report.expectedHeadAt;
      const expectation = at === undefined ? ''
        : at === report.headId ? '  ends at the expected head'
          : `  contains the expected head at row ${n(at)}; ${n(report.headId - at)} rows were added after it`;
      if (!broken) {
        lines.push(`Audit chain intact: ${n(report.rowsChecked)} rows checked in ${file}`);
        lines.push(`  chain head   ${report.headShort} (row ${n(report.headId)})`);
        lines.push(`  full digest  ${report.head}`);
        if (expectation) lines.push(expectation);
      } else {
        lines.push(`Audit chain BROKEN at ${broken}`);
        lines.push(`  ${n(report.rowsChecked)} rows before it are intact, in ${file}`);
        lines.push(`  last good head  ${report.headShort} (row ${n(report.headId)})`);
      }
      const outside = (db.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE origin = 'outside'").get() as { n: number }).n;
      if (outside > 0) {
        lines.push(`  note: ${n(outside)} rows were written outside JobTrail (a SQLite tool or a script); the History marks them "outside"`);
      }
      if (report.unsealedTail > 0) {
        lines.push(`  note: the newest ${n(report.unsealedTail)} rows were written outside JobTrail and are not sealed yet; ` +
          'JobTrail seals them, marked "outside", with its next change');
      }
      console.log(lines.join('\n'));
      return broken ? 1 : 0;
    } finally {
      closeDatabase(db);
    }
  },
};

