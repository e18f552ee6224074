// The archive files beside the database, under "Archive old History": each one can
// be opened to read (checked whole, then loaded: a job with a bar and Cancel), read
// once open, and closed again. The file itself is never changed by any of it.
import { useState } from 'react';
import type { ArchiveListing } from '../../electron/services/archiveViews';
import { call, messageOf } from '../api/client';
import { useApi } from '../api/useApi';
import { ErrorNote } from '../components/states';
import { formatCount, formatDate, formatWhen } from '../format';
import { JobProgress } from '../jobs/JobProgress';
import { useJob } from '../jobs/useJob';
import { archiveHref } from './reportRoutes';

export function ArchiveFiles({ version }: { version: number }) {
  const [mine, setMine] = useState(0);
  const list = useApi('archives.list', {}, false, version + mine);
  const changed = () => setMine((v) => v + 1);
  if (!list.data) return <ErrorNote message={list.error} />;
  if (list.data.length === 0) return <p className="muted">No archive files yet: the archives you make are listed here, to open and read.</p>;
  return (
    <div className="archive-files">
      <h3>Archive files</h3>
      <ul className="plain">
        {list.data.map((a) => (
          <ArchiveFile key={a.fileName} archive={a} onChange={changed} />
        ))}
      </ul>
      <ErrorNote message={list.error} />
    </div>
  );
}

function ArchiveFile({ archive: a, onChange }: { archive: ArchiveListing; onChange: () => void }) {
  const opening = useJob({ kind: 'archiveOpen', fileName: a.fileName }, { onEnd: onChange });
  const [error, setError] = useState<string | null>(null);
  const job = opening.job;
  const busy = opening.starting || opening.running;
  const close = async () => {
    setError(null);
    try {
      await call('archives.close', { fileName: a.fileName });
      onChange();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const o = a.opened;
  return (
    <li className="archive-file">
      <div>
        <strong>
          <code>{a.fileName}</code>
        </strong>{' '}
        <span className="muted">{formatCount(Math.ceil(a.bytes / 1024))} KB</span>
      </div>
      {a.problem ? (
        <p className="error">{a.problem}</p>
      ) : (
        <p className="muted">
          Audit rows {formatCount(a.firstId!)}–{formatCount(a.lastId!)} ({formatCount(a.rows!)} rows), made {formatWhen(a.createdAt)}
          {!a.ofThisDatabase && <strong>: an archive of another database</strong>}
        </p>
      )}
      {o && (
        <p className={o.verified ? 'verified' : 'error'}>
          {o.verified ? '✓ Checked whole when opened' : `✗ Does not verify: ${o.problem}`}
          {o.from && o.to ? ` · History from ${formatDate(o.from)} to ${formatDate(o.to)}` : ''}
        </p>
      )}
      <div className="actions left">
        {o ? (
          <>
            <a className="button primary" href={archiveHref(a.fileName)}>
              Read the archive
            </a>
            <button type="button" onClick={() => void close()}>
              Close
            </button>
          </>
        ) : (
          !a.problem &&
          a.ofThisDatabase && (
            <button type="button" disabled={busy || opening.looking} onClick={() => void opening.start({ kind: 'archiveOpen', fileName: a.fileName })}>
              {busy ? 'Opening…' : 'Open to read'}
            </button>
          )
        )}
      </div>
      {job && job.state !== 'done' && (
        <JobProgress
          job={job}
          label={`Opening ${a.fileName}`}
          cancelling={opening.cancelling}
          onCancel={() => void opening.cancel()}
          failedText="The archive could not be opened"
          cancelledDetail="The archive file is as it was."
        />
      )}
      <ErrorNote message={error ?? opening.error} />
    </li>
  );
}
