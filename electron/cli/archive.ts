// `archive`: moves the History written before a date out of the log into a
// compressed archive file that verifies alone and end to end into the log
// (electron/services/archive.ts). The file is written and checked before any row
// leaves; the move itself is one audited transaction, recorded as "archived" with
// JobTrail as the actor (nobody signs in on the command line).
import { existsSync } from 'node:fs';
import { closeDatabase, openDatabase } from '../../db/open';
import { archiveHistory, COMMAND_LINE_ACTOR } from '../services/archive';
import { checkPath, parseOptions, required, UsageError, type Command } from './args';
import { progressWriter } from './progress';
import { ProgressMeter, progressLines } from '../jobs/progress';

const usage = `Usage: npm run cli -- archive --db FILE --before DATE --out FILE

Moves the audit rows written before DATE (whole transactions) out of the log into
a compressed archive file, with their chain links and signatures. The file is
written and verified first; then, in one transaction, the rows and their search
index entries leave the log, the log's checkpoint moves to the last of them, and
an "archived" row records the file, the rows and JobTrail as the actor. The log
verifies on its own afterwards; check the archive with
  npm run cli -- verify --archive FILE                    (the archive alone)
  npm run cli -- verify --db FILE --archive FILE [...]    (archives and log end to end)

  --db FILE       the database (JobTrail may be running: the rows move in one short transaction)
  --before DATE   YYYY-MM-DD (midnight UTC) or an ISO date and time; not in the future
  --out FILE      the archive to write (e.g. history-2024.jtarchive); must not exist yet`;

/** "2024-01-01" as midnight UTC, or a full ISO instant. */
export function archiveDate(value: string): string {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : value;
  const at = new Date(iso);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(at.getTime())) {
    throw new UsageError(`--before must be a date as YYYY-MM-DD (or an ISO date and time), not "${value}"`);
  }
  return at.toISOString();
}

const n = (x: number) => x.toLocaleString('en');

export const archiveCommand: Command = {
  usage,
  async run(argv) {
    const { help, values } = parseOptions(argv, ['db', 'before', 'out']);
    if (help) {
      console.log(usage);
      return 0;
    }
    const [dbGiven, beforeGiven, outGiven] = (['db', 'before', 'out'] as const).map((o) => required(values, o));
    const before = archiveDate(beforeGiven);
    const file = checkPath(dbGiven, 'db', 'database', 'read');
    const out = checkPath(outGiven, 'out', 'archive', 'write');
    if (existsSync(out)) throw new UsageError(`--out ${out} exists already: an archive is never written over; choose another name`);
    const db = openDatabase(file);
    const progress = progressWriter('archive');
    const meter = new ProgressMeter();
    const show = progressLines(progress.update);
    try {
      const r = await archiveHistory(db.sqlite, COMMAND_LINE_ACTOR, {
        before,
        file: out,
        onProgress: (phase, done, total) => show(meter.at(phase, 'rows', done, total)),
      });
      progress.done();
      console.log(
        [
          `Archived ${n(r.rows)} audit rows (rows ${n(r.firstId)}–${n(r.lastId)}, written before ${before}) to ${out}`,
          `  the log now starts after row ${n(r.lastId)} (checkpoint ${r.lastHash.slice(0, 16)}); recorded as audit row ${n(r.auditRow)}`,
          `  check it: npm run cli -- verify --db ${file} --archive ${out}`,
        ].join('\n'),
      );
      return 0;
    } finally {
      progress.done();
      closeDatabase(db);
    }
  },
};
