// `verify`: recomputes the audit chain of a database file and says whether it is
// intact. Exit 1 names the first row that does not fit, so an auditor knows where
// to look; --expect-head catches the one thing the database cannot show by itself,
// a tail cut off after a digest was printed. It also checks the audit triggers
// against the migrations and the records against their History, because a dropped
// trigger leaves the chain intact while changes go unrecorded. Chain v2 rows are
// also checked against the signatures of JobTrail's key (--public-key trusts only
// the key an auditor was given) and, with --witness, against the last head this
// PC's JobTrail saw.
import { closeDatabase, migrationsDir } from '../../db/open';
import { problemLines, type IntegrityReport } from '../../db/integrity';
import { untrackedText } from '../../db/customFieldDrift';
import { schemaObjectCount } from '../../db/schemaCheck';
import { witnessOf } from '../../db/witness';
import type { VerifyReport } from '../../db/chain';
import { digestVerdict, PRINTED_DIGEST } from '../../db/expectedHead';
import { checkPath, parseOptions, required, UsageError, type Command } from './args';
import { openForReading, uncompressed } from './database';
import { checkIntegrityWithProgress } from '../jobs/verify';
import { progressLines } from '../jobs/progress';
import { progressWriter } from './progress';
import { takeArchives, verifyArchives } from './verifyArchives';

const usage = `Usage: npm run cli -- verify --db FILE [--expect-head DIGEST] [--public-key HEX[,HEX]] [--witness] [--archive FILE ...]
       npm run cli -- verify --archive FILE [--archive FILE ...]

Recomputes the SHA-256 chain over the audit log and names the first row that was
altered, inserted, removed or reordered; checks that every audit trigger is the one
the migrations define, and that every record (bookings, customers, invoices,
payments, quotes, notes, inquiries, users, custom fields) matches its History.
Exit 0: intact; exit 1: broken, naming what.

  --db FILE              the database to check (opened read-only; a compressed backup,
                         FILE.db.gz, is decompressed to a temporary copy and checked)
  --expect-head DIGEST   a chain head printed earlier on a report or an export (the
                         16-character short digest or all 64 hex digits): the log must
                         still contain it (rows added since are fine); catches a cut tail
  --public-key HEX       the signing key printed on a report (64 hex digits; several
                         separated by commas): only signatures by these keys count,
                         not whatever keys the file itself lists
  --witness              also compare with the last head JobTrail saw on this PC (kept
                         outside the file): names rows lost to an older copy put back,
                         a cut tail or a damaged WAL. For the live database, not a backup.
  --archive FILE         an archive written by \`archive\` (may be given many times): alone, each
                         is checked row by row; with --db, the archives and the log end to end
                         (each archive starts where the one before ended, the last at the
                         log's checkpoint, all of the same database)`;

const n = (x: number) => x.toLocaleString('en');

/** What the signatures say: which keys signed, and how far the log is signed. */
function signatureLines(chain: VerifyReport): string[] {
  const lines = [
    `  formats      ${n(chain.v1Rows)} rows v1 (before chain v2), ${n(chain.v2Rows)} rows v2 (salted, signed)` +
      (chain.erasedRows ? `, ${n(chain.erasedRows)} with their values erased` : ''),
  ];
  const s = chain.signatures;
  if (!s) return lines;
  if (chain.v2Rows > 0) lines.push(`  signed       through row ${n(s.signedThrough)}${s.unsigned ? `; ${n(s.unsigned)} rows after it are NOT signed` : ''}`);
  for (const k of s.keys) {
    lines.push(
      `  signing key  ${k.publicKey} (${k.fingerprint}), added ${k.addedAt}` +
        (k.addedAtRow === null ? ', NOT RECORDED in the log' : ` at row ${n(k.addedAtRow)}`) +
        (k.trusted ? '' : ', not trusted'),
    );
  }
  return lines;
}

function publicKeys(value: string | undefined): Buffer[] | undefined {
  if (value === undefined) return undefined;
  const keys = value.split(',').map((k) => k.trim().toLowerCase());
  const bad = keys.find((k) => !/^[0-9a-f]{64}$/.test(k));
  if (bad !== undefined) throw new UsageError(`--public-key must be 64 hex digits (the signing key printed on a report), not "${bad}"`);
  return keys.map((k) => Buffer.from(k, 'hex'));
}

/** Problems of one kind listed before the rest are only counted. */
const LISTED = 20;

export const verifyCommand: Command = {
  usage,
  async run(argv) {
    const { archives, rest } = takeArchives(argv);
    const { help, values, flags } = parseOptions(rest, ['db', 'expect-head', 'public-key'], ['witness']);
    if (help) {
      console.log(usage);
      return 0;
    }
    if (archives.length > 0 && values.db === undefined) return (await verifyArchives(archives, null)) ? 0 : 1;
    const file = checkPath(required(values, 'db'), 'db', 'database', 'read');
    const expect = values['expect-head'];
    if (expect !== undefined && !PRINTED_DIGEST.test(expect)) {
      throw new UsageError(`--expect-head must be 16 to 64 hex digits (a printed chain head), not "${expect}"`);
    }
    const trustedKeys = publicKeys(values['public-key']);
    const copy = await uncompressed(file);
    let db: ReturnType<typeof openForReading>;
    try {
      db = openForReading(copy.file);
    } catch (e) {
      copy.remove();
      throw e;
    }
    try {
      const witness = flags.witness ? witnessOf(db.sqlite) : undefined;
      const progress = progressWriter('verify');
      let report: IntegrityReport;
      try {
        report = checkIntegrityWithProgress(db.sqlite, { expectHead: expect, trustedKeys, witness }, { onProgress: progressLines(progress.update) });
      } finally {
        progress.done();
      }
      const chain = report.chain;
      const lines: string[] = [];
      const broken = chain.firstBroken ? `row ${n(chain.firstBroken.id)}: ${chain.firstBroken.problem}` : null;
      const expected = expect === undefined ? null : digestVerdict(chain, expect);
      const expectation = expected?.atRow != null ? `  ${expected.message}` : '';
      if (!broken) {
        lines.push(`Audit chain intact: ${n(chain.rowsChecked)} rows checked in ${file}`);
        lines.push(`  chain head   ${chain.headShort} (row ${n(chain.headId)})`);
        lines.push(`  full digest  ${chain.head}`);
        if (expectation) lines.push(expectation);
        lines.push(...signatureLines(chain));
      } else {
        lines.push(`Audit chain BROKEN at ${broken}`);
        lines.push(`  ${n(chain.rowsChecked)} rows before it are intact, in ${file}`);
        lines.push(`  last good head  ${chain.headShort} (row ${n(chain.headId)})`);
      }
      if (flags.witness) {
        lines.push(
          report.witness
            ? `Audit log NOT AS LAST SEEN: ${report.witness}`
            : witness
              ? `  witness      still holds row ${n(witness.headId)} as JobTrail saw it on ${witness.at}`
              : '  witness      none on this PC for this database (it was never written here)',
        );
      }
      if (report.checkpoint) lines.push(`Audit log CUT AT THE START: ${report.checkpoint}`);
      if (report.schema.length === 0) {
        const objects = schemaObjectCount(db.sqlite, migrationsDir());
        lines.push(
          `  schema       all ${n(Object.values(objects).reduce((a, b) => a + b, 0))} objects as the migrations define them ` +
            `(${n(objects.trigger ?? 0)} triggers, ${n(objects.table ?? 0)} tables, ${n(objects.index ?? 0)} indexes, ${n(objects.view ?? 0)} views)`,
        );
      } else {
        lines.push(`Schema TAMPERED: ${n(report.schema.length)} objects (triggers, tables, indexes, views) not as the migrations define them`);
        lines.push(
          ...problemLines(
            report.schema.map((p) => p.message),
            LISTED,
          ),
        );
      }
      if (report.state.length === 0) {
        lines.push('  records      every one matches its History');
      } else {
        lines.push(`Records CHANGED WITHOUT AUDIT ROWS: ${n(report.state.length)} do not match their History`);
        lines.push(
          ...problemLines(
            report.state.map((p) => p.message),
            LISTED,
          ),
        );
      }
      for (const f of report.untracked ?? []) lines.push(`  note: ${untrackedText(f)}`);
      if (report.outsideRows > 0) {
        lines.push(`  note: ${n(report.outsideRows)} rows were written outside JobTrail (a SQLite tool or a script); the History marks them "outside"`);
      }
      if (chain.unsealedTail > 0) {
        lines.push(
          `  note: the newest ${n(chain.unsealedTail)} rows were written outside JobTrail and are not sealed yet; ` +
            'JobTrail seals them, marked "outside", with its next change',
        );
      }
      if (report.searchIndex) lines.push(`Search index INCOMPLETE: ${report.searchIndex}`);
      console.log(lines.join('\n'));
      const joined = archives.length === 0 || (await verifyArchives(archives, db.sqlite));
      return report.ok && joined ? 0 : 1;
    } finally {
      closeDatabase(db);
      copy.remove();
    }
  },
};
