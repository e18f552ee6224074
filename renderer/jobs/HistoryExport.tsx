// Export CSV of a History as a job: the rows the grid's filters show, written by the
// main process beside the database, then handed to the window when small enough to
// download, or named where it lies when not.
import { useState } from 'react';
import type { ExportScope, JobStatus } from '../../electron/jobs/types';
import { call, messageOf } from '../api/client';
import { downloadText } from '../components/download';
import { ErrorNote } from '../components/states';
import { plural } from '../format';
import { JobProgress } from './JobProgress';
import { useJob, type JobControl } from './useJob';

interface Finished {
  jobId: string;
  rows: number;
  head: string;
  /** Where the file lies, when it is too large to hand to the window. */
  savedAt: string | null;
  /** Offer a Download button: the export ended while nobody watched, so nothing was downloaded yet. */
  offer: string | null;
}

export interface HistoryExport extends JobControl {
  finished: Finished | null;
  downloadError: string | null;
  exportCsv: () => void;
  download: (jobId: string) => Promise<void>;
}

export function useHistoryExport({ scope, name, enabled }: { scope: ExportScope; name: string; enabled: boolean }): HistoryExport {
  const [finished, setFinished] = useState<Finished | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);

  const download = async (jobId: string) => {
    setDownloadError(null);
    try {
      const file = await call('jobs.download', { id: jobId });
      downloadText(file.fileName, file.text);
      setFinished((f) => (f?.jobId === jobId ? { ...f, offer: null } : f));
    } catch (e) {
      setDownloadError(messageOf(e));
    }
  };

  const onEnd = (job: JobStatus, watched: boolean) => {
    if (job.state !== 'done' || job.outcome?.kind !== 'export') return;
    const o = job.outcome;
    setFinished({
      jobId: job.id,
      rows: o.rows,
      head: o.head,
      savedAt: o.downloadable ? null : o.file,
      // A download nobody asked for just now would surprise: when the screen finds the
      // export already done, it offers the file instead of saving it unasked.
      offer: o.downloadable && !watched ? o.fileName : null,
    });
    if (o.downloadable && watched) void download(job.id);
  };

  const job = useJob({ kind: 'export', format: 'csv', scope }, { enabled, onEnd });
  const exportCsv = () => {
    setFinished(null);
    setDownloadError(null);
    void job.start({ kind: 'export', format: 'csv', scope, name });
  };
  return { ...job, finished, downloadError, exportCsv, download };
}

/** The export's bar and Cancel while it runs, then what it made. */
export function HistoryExportView({ exp }: { exp: HistoryExport }) {
  const { job, finished } = exp;
  return (
    <>
      {job && job.state !== 'done' && (
        <JobProgress
          job={job}
          label="Exporting History to CSV"
          cancelling={exp.cancelling}
          onCancel={() => void exp.cancel()}
          failedText="The export could not finish"
          cancelledDetail="No file was saved."
        />
      )}
      {finished && (
        <p className="notice success" role="status">
          Exported {plural(finished.rows, 'row')}; chain head {finished.head}.
          {finished.savedAt && (
            <>
              {' '}
              Saved to <code className="file-path">{finished.savedAt}</code> ({plural(finished.rows, 'row')}; too large to open here).
            </>
          )}
          {finished.offer && (
            <>
              {' '}
              <button type="button" className="link" onClick={() => void exp.download(finished.jobId)}>
                Download {finished.offer}
              </button>
            </>
          )}
        </p>
      )}
      <ErrorNote message={exp.error ?? exp.downloadError} />
    </>
  );
}
