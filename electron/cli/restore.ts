// `restore`: puts a backup back in place of the database, after checking both
// (see electron/services/restore.ts for what is refused and why).
import { erasuresAgainText } from '../services/erasureAfterRestore';
import { checkPath, parseOptions, required, type Command } from './args';
import { restoreBackup } from '../services/restore';
import { problemLines } from '../../db/integrity';

const usage = `Usage: npm run cli -- restore --db FILE --from BACKUP [--force]

Replaces the database with a backup. The backup must verify first (chain, triggers,
records); the database must not be open in JobTrail or any other program; a database
whose audit log has rows the backup lacks (they would be lost), or that cannot be
read at all, is replaced only with --force. The replaced file is never deleted: it
is kept beside it as FILE.replaced-<time>. The restored database is opened (an older
backup is migrated to this version) and verified.

  --db FILE       the database to replace (need not exist)
  --from BACKUP   the backup file (from "backup" or the automatic daily backups): a
                  compressed .db.gz is decompressed beside the database first; a
                  plain .db from an earlier version is taken as it is
  --force         replace a database that is newer than the backup, or unreadable`;

export const restoreCommand: Command = {
  usage,
  async run(argv) {
    const { help, values, flags } = parseOptions(argv, ['db', 'from'], ['force']);
    if (help) {
      console.log(usage);
      return 0;
    }
    const file = checkPath(required(values, 'db'), 'db', 'database', 'create');
    const from = checkPath(required(values, 'from'), 'from', 'backup file', 'read');
    const { keptAside, migrated, report, erasedAgain } = await restoreBackup(file, from, { force: flags.force });
    const again = erasuresAgainText(erasedAgain);
    const n = (x: number) => x.toLocaleString('en');
    console.log(
      [
        `Restored ${file} from ${from}`,
        keptAside ? `  the replaced database is kept as ${keptAside}` : '  there was no database to replace',
        ...(migrated.length ? [`  migrated to this version: ${migrated.join(', ')}`] : []),
        ...(again ? [`  ${again}`] : []),
        `  audit rows   ${n(report.chain.rowsChecked)}${report.ok ? ', verified: chain, triggers and records intact' : ''}`,
        `  chain head   ${report.chain.headShort}`,
        ...(report.ok ? [] : ['The restored database does not verify:', ...problemLines(report.problems, 10)]),
      ].join('\n'),
    );
    return report.ok ? 0 : 1;
  },
};
