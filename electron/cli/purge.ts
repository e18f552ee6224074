// `purge-expired`: the app's retention job from the command line, for an office
// whose JobTrail is not started every day. Removes for good what has been in the
// recycle bin longer than its retention period; the History keeps every row.
import { closeDatabase } from '../../db/open';
import { describePurge } from '../jobs/retentionSchedule';
import { listRecycleBin, purgeExpired } from '../services/recycleBin';
import { checkPath, parseOptions, required, type Command } from './args';
import { openForWriting } from './database';

const usage = `Usage: npm run cli -- purge-expired --db FILE

Purges the bookings and customers whose stay in the recycle bin is over (the
retention period, 90 days unless an administrator set it longer in Settings):
each record with what belongs only to it. Every removal is an audit row written
under JobTrail, saying it was purged after the period; the History stays.

  --db FILE   the database to purge`;

export const purgeCommand: Command = {
  usage,
  run(argv) {
    const { help, values } = parseOptions(argv, ['db']);
    if (help) {
      console.log(usage);
      return 0;
    }
    const file = checkPath(required(values, 'db'), 'db', 'database', 'read');
    const db = openForWriting(file);
    try {
      const result = purgeExpired(db);
      const left = listRecycleBin(db).entries.length;
      const lines = describePurge(result);
      if (result.purged.length === 0 && result.failed.length === 0) lines.push('Nothing in the recycle bin has reached the end of its retention period.');
      lines.push(`${left} record${left === 1 ? '' : 's'} left in the recycle bin (${file}).`);
      console.log(lines.join('\n'));
      return result.failed.length ? 1 : 0;
    } finally {
      closeDatabase(db);
    }
  },
};
