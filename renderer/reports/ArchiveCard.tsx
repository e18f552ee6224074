// "Archive old History" (managers): the History written before a date moves out of
// the database into an archive file beside it, as a job with a bar and Cancel until
// the rows move. What was archived before, by whom, stays listed here.
import { useState } from 'react';
import type { ArchiveOutcome } from '../../electron/jobs/archiveTypes';
import { useApi } from '../api/useApi';
import { ErrorNote } from '../components/states';
import { formatCount, formatDate, formatWhen, localDay, localDayStart, utcTitle } from '../format';
import { JobProgress } from '../jobs/JobProgress';
import { useJob, type JobMatch } from '../jobs/useJob';
import { useMay } from '../session';
import { ArchiveFiles } from './ArchiveFiles';

const ARCHIVE: JobMatch = { kind: 'archive' };

export function ArchiveCard() {
  const may = useMay();
  const allowed = may('archives.start');
  const [day, setDay] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [version, setVersion] = useState(0);
  const status = useApi('archives.status', {}, !allowed, version);
  const archive = useJob(ARCHIVE, { enabled: allowed, onEnd: () => setVersion((v) => v + 1) });
  const job = archive.job;
  const done = job?.state === 'done' && job.outcome?.kind === 'archive' ? job.outcome : null;
  const working = archive.starting || archive.running;
  const before = day ? localDayStart(day) : null;

  const start = async () => {
    setConfirming(false);
    if (before) await archive.start({ kind: 'archive', before });
  };

  return (
    <section className="card archive-card" aria-labelledby="archive-title">
      <h2 id="archive-title">Archive old History</h2>
      <p>
        Moves the History written before a date out of the database into an archive file in the <code>archives</code> folder beside it. Every row keeps its seal
        and signature in the file, so the archive is checked on its own and, with the database, end to end. The database keeps a checkpoint and a row saying who
        archived what.
      </p>
      {!allowed ? (
        <p className="notice">A manager or an administrator can archive old History.</p>
      ) : (
        <>
          {status.data?.keptFrom && (
            <p>
              History before{' '}
              <time dateTime={status.data.keptFrom} title={utcTitle(status.data.keptFrom)}>
                {formatDate(status.data.keptFrom)}
              </time>{' '}
              is in {status.data.archives.length === 1 ? 'an archive' : `${formatCount(status.data.archives.length)} archives`}.
            </p>
          )}
          <div className="archive-form">
            <label htmlFor="archive-before">Archive History written before</label>
            <input
              id="archive-before"
              type="date"
              value={day}
              max={localDay()}
              disabled={working}
              onChange={(e) => {
                setDay(e.target.value);
                setConfirming(false);
              }}
            />
            <button type="button" disabled={!before || working || archive.looking || confirming} onClick={() => setConfirming(true)}>
              {working ? 'Archiving…' : 'Archive…'}
            </button>
          </div>
          {confirming && before && (
            <div className="notice archive-confirm" role="alertdialog" aria-labelledby="archive-confirm-text">
              <p id="archive-confirm-text">
                Move every History row written before {formatDate(day)} out of the database? The History screens will start at that date; the rows stay in the
                archive file, which you should keep with your backups.
              </p>
              <div className="actions left">
                <button type="button" className="primary" onClick={() => void start()}>
                  Archive now
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  Back
                </button>
              </div>
            </div>
          )}
          {job && (
            <JobProgress
              job={job}
              label="Archiving old History"
              cancelling={archive.cancelling}
              onCancel={() => void archive.cancel()}
              failedText="The archive could not be made"
              cancelledDetail="Nothing left the database, and the archive file was removed."
            />
          )}
          <ErrorNote message={archive.error ?? status.error} />
          {done && <Archived outcome={done} />}
          <ArchiveFiles version={version} />
          {status.data && status.data.archives.length > 0 && (
            <details className="archive-list">
              <summary>Archives made</summary>
              <ul>
                {status.data.archives.map((a) => (
                  <li key={a.auditRow}>
                    {formatWhen(a.at)} by {a.by}: {a.what}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}

function Archived({ outcome: o }: { outcome: ArchiveOutcome }) {
  return (
    <div className="verdict intact" role="status">
      <h3>
        <span className="mark" aria-hidden="true">
          ✓
        </span>
        {formatCount(o.rows)} audit rows archived
      </h3>
      <p>
        Rows {formatCount(o.firstId)}–{formatCount(o.lastId)} are in <code>{o.fileName}</code> ({formatCount(Math.ceil(o.bytes / 1024))} KB), checked before
        they left the database; audit row {formatCount(o.auditRow)} records it.
      </p>
      <p className="muted">
        Keep the file with your backups. To check it: <code>npm run cli -- verify --archive {o.file}</code>, or with the database, end to end:{' '}
        <code>npm run cli -- verify --db FILE --archive {o.file}</code>.
      </p>
    </div>
  );
}
