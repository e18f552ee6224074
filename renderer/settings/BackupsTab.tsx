// Settings › Backups (administrators): the backups in the folder beside the
// database, what is kept and until when, a backup made now (a job with a bar), and
// a restore from one of them, said plainly before it replaces anything: the
// backup is checked in full first, the audit rows made since are not in it, and
// the database as it is now is kept aside, not deleted.
import { useState } from 'react';
import type { ApiOutput } from '../../electron/api/contract';
import type { BackupOutcome, RestoreOutcome } from '../../electron/jobs/backupTypes';
import { useApi } from '../api/useApi';
import { ConfirmDialog } from '../components/Dialog';
import { Empty, ErrorNote, Loading } from '../components/states';
import { formatCount, formatDate, formatWhen, plural, utcTitle } from '../format';
import { JobProgress } from '../jobs/JobProgress';
import { useJob, type JobMatch } from '../jobs/useJob';

type Listing = ApiOutput<'backups.list'>;
type Backup = Listing['backups'][number];

const BACKUP: JobMatch = { kind: 'backup' };
const RESTORE: JobMatch = { kind: 'restore' };

/** "4.9 GB", "730 KB": a file's size as a person compares them. */
export function formatSize(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let n = bytes;
  let u = 0;
  while (n >= 1000 && u < units.length - 1) {
    n /= 1000;
    u++;
  }
  return u === 0 ? plural(bytes, 'byte') : `${n < 10 ? n.toFixed(1) : Math.round(n)} ${units[u]}`;
}

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

export function BackupsTab() {
  const [version, setVersion] = useState(0);
  const reload = () => setVersion((v) => v + 1);
  const list = useApi('backups.list', {}, false, version);
  const backup = useJob(BACKUP, { onEnd: reload });
  const restore = useJob(RESTORE, { onEnd: reload });
  const [restoring, setRestoring] = useState<Backup | null>(null);
  const made = backup.job?.state === 'done' && backup.job.outcome?.kind === 'backup' ? backup.job.outcome : null;
  const restored = restore.job?.state === 'done' && restore.job.outcome?.kind === 'restore' ? restore.job.outcome : null;
  const busy = backup.starting || backup.running || restore.starting || restore.running;
  const data = list.data;

  return (
    <section className="card backups-card" aria-labelledby="backups-title">
      <h2 id="backups-title">Backups</h2>
      {data && (
        <p>
          JobTrail makes a backup at the first start of each day and keeps {data.kept}. Backups are compressed; they are in{' '}
          <code className="backup-folder">{data.folder}</code>. The database is {formatSize(data.databaseBytes)}.
        </p>
      )}
      <div className="actions left">
        <button type="button" className="primary" disabled={busy || backup.looking} onClick={() => void backup.start({ kind: 'backup' })}>
          {backup.running || backup.starting ? 'Backing up…' : 'Back up now'}
        </button>
      </div>
      {backup.job && (
        <JobProgress
          job={backup.job}
          label="Backing up the database"
          cancelling={backup.cancelling}
          onCancel={() => void backup.cancel()}
          failedText="The backup could not be made"
          cancelledDetail="No backup was left in the folder."
        />
      )}
      <ErrorNote message={backup.error} />
      {made && <Made outcome={made} />}
      {restore.job && (
        <JobProgress
          job={restore.job}
          label="Restoring the database"
          cancelling={restore.cancelling}
          onCancel={() => void restore.cancel()}
          failedText="The database was not restored"
          cancelledDetail="The database is as it was."
        />
      )}
      <ErrorNote message={restore.error} />
      {restored && <Restored outcome={restored} />}

      <ErrorNote message={list.error} />
      {!data && !list.error && <Loading what="Reading the backups folder" />}
      {data && data.backups.length === 0 && <Empty>There are no backups yet: one is made at the next start, or now with Back up now.</Empty>}
      {data && data.backups.length > 0 && (
        <table className="grid compact settings-table backups-table">
          <thead>
            <tr>
              <th>Made</th>
              <th>Kind</th>
              <th className="num">Size</th>
              <th>Chain head</th>
              <th>Kept</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.backups.map((b) => (
              <tr key={b.file}>
                <td title={utcTitle(b.at)}>
                  {formatWhen(b.at)}
                  <div className="muted backup-name">{b.name}</div>
                </td>
                <td>{b.kind === 'daily' ? 'Daily' : 'Made on request'}</td>
                <td className="num">
                  {formatSize(b.bytes)}
                  <div className="muted">{b.compressed ? 'compressed' : 'not compressed (older version)'}</div>
                </td>
                <td>
                  {b.headShort ? (
                    <>
                      <code>{b.headShort}</code>
                      <div className="muted">to row {formatCount(b.headId!)}</div>
                    </>
                  ) : (
                    <span className="muted">not recorded</span>
                  )}
                </td>
                <td>{b.expiresAt ? <span title={utcTitle(b.expiresAt)}>until {formatDate(b.expiresAt)} at the latest</span> : 'until deleted by hand'}</td>
                <td>
                  <button
                    type="button"
                    disabled={busy || restore.looking}
                    aria-label={`Restore from the backup of ${formatWhen(b.at)}`}
                    onClick={() => setRestoring(b)}
                  >
                    Restore…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {restoring && data && (
        <ConfirmDialog
          title="Restore the database from this backup?"
          confirm="Restore"
          danger
          busy={restore.starting}
          onClose={() => setRestoring(null)}
          onConfirm={() => {
            setRestoring(null);
            void restore.start({ kind: 'restore', file: restoring.file, replaceNewer: true });
          }}
        >
          <RestoreWarning backup={restoring} listing={data} />
        </ConfirmDialog>
      )}
    </section>
  );
}

function RestoreWarning({ backup: b, listing }: { backup: Backup; listing: Listing }) {
  const newer = b.headId === null ? null : listing.lastAuditId - b.headId;
  return (
    <>
      <p>
        The database as everyone uses it now is replaced by the backup of <strong>{formatWhen(b.at)}</strong>.
      </p>
      <ul>
        <li>
          {newer === null ? (
            'Whatever was changed since the backup was made is not in it.'
          ) : newer > 0 ? (
            <>
              The {plural(newer, 'audit row')} written since (rows {formatCount(b.headId! + 1)}–{formatCount(listing.lastAuditId)}), and the changes they
              record, are not in it.
            </>
          ) : (
            'Nothing has been written since it was made.'
          )}
        </li>
        <li>
          The database as it is now is kept beside it (<code>…replaced-&lt;time&gt;</code>), not deleted.
        </li>
        <li>
          The backup is checked in full first (chain, triggers, records), as <code>npm run cli -- restore</code> does: if it does not verify, nothing changes.
          No other job may be running.
        </li>
      </ul>
    </>
  );
}

function Made({ outcome: o }: { outcome: BackupOutcome }) {
  return (
    <p className="ok" role="status">
      Backup made: <code>{fileName(o.file)}</code>, {formatSize(o.bytes)} ({Math.max(1, Math.round((100 * o.bytes) / o.databaseBytes))}% of the database's{' '}
      {formatSize(o.databaseBytes)}), chain head <code>{o.headShort}</code>.
    </p>
  );
}

function Restored({ outcome: o }: { outcome: RestoreOutcome }) {
  return (
    <div className="verdict intact" role="status">
      <h3>
        <span className="mark" aria-hidden="true">
          ✓
        </span>
        The database was restored from {fileName(o.file)}
      </h3>
      <p>
        It holds the audit log to row {formatCount(o.lastAuditId)}, chain head <code>{o.headShort}</code>, as the backup did; it was checked in full first.
        {o.migrated.length > 0 && <> Brought up to this version: {o.migrated.join(', ')}.</>}
      </p>
      {o.keptAside && (
        <p className="muted">
          The database it replaced is kept as <code>{o.keptAside}</code>.
        </p>
      )}
      {o.erasedAgain?.map((e) => (
        <p key={e.customerId} className={e.done ? undefined : 'error'}>
          {e.done
            ? `The backup predates the erasure of customer #${e.customerId} (${formatDate(e.erasedAt)}): they were erased again.`
            : `Customer #${e.customerId}, erased on ${formatDate(e.erasedAt)}, could NOT be erased again: ${e.problem}`}
        </p>
      ))}
      <p className="muted">
        Screens already open show what they read before: open them again, or{' '}
        <button type="button" className="link" onClick={() => window.location.reload()}>
          reload JobTrail
        </button>
        .
      </p>
    </div>
  );
}
