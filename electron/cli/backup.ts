// `backup`: a copy of the database taken with SQLite's backup API, safe while
// JobTrail is running on it, verified the way `verify` checks the original, then
// gzip-compressed.
import { resolve } from 'node:path';
import { problemLines } from '../../db/integrity';
import { closeDatabase } from '../../db/open';
import { backupDatabase, backupFolder } from '../services/backups';
import { checkPath, parseOptions, required, type Command } from './args';
import { openForReading } from './database';

const usage = `Usage: npm run cli -- backup --db FILE [--to DIR]

Copies the database with SQLite's online backup API (JobTrail may be running on it),
verifies the copy (the audit chain, the triggers and the records against their
History), and writes it gzip-compressed to DIR/NAME-<time>.db.gz ("restore" takes
it as it is). Backups made this way are never deleted by JobTrail; the app's
automatic daily backups go to the same folder (kept: one for each of the last 7 days
and each of the 4 weeks before this one).

  --db FILE   the database to back up (opened read-only)
  --to DIR    where to put the backup (default: backups/ beside the database)`;

export const backupCommand: Command = {
  usage,
  async run(argv) {
    const { help, values } = parseOptions(argv, ['db', 'to']);
    if (help) {
      console.log(usage);
      return 0;
    }
    const file = checkPath(required(values, 'db'), 'db', 'database', 'read');
    const dir = resolve(values.to === undefined ? backupFolder(file) : checkPath(values.to, 'to', 'folder', 'folder'));
    const source = openForReading(file);
    let made;
    try {
      made = await backupDatabase(source.sqlite, file, { dir, kind: 'manual', verify: true });
    } finally {
      closeDatabase(source);
    }
    const report = made.report!;
    const n = (x: number) => x.toLocaleString('en');
    const lines = [
      `Backed up ${file} to ${made.file} (${(made.bytes / 1e6).toFixed(1)} MB compressed)`,
      `  audit rows   ${n(report.chain.rowsChecked)}${report.ok ? ', verified: chain, triggers and records intact' : ''}`,
      `  chain head   ${report.chain.headShort}`,
      `  restore it:  npm run cli -- restore --db ${file} --from ${made.file}`,
    ];
    if (!report.ok) {
      lines.push(`The backup was written, but it does not verify (nor does the database it copies):`, ...problemLines(report.problems, 10));
    }
    console.log(lines.join('\n'));
    return report.ok ? 0 : 1;
  },
};
