// How far a long job has got, and the way to stop it: a bar, the figures behind it
// in words, what it is doing now, and Cancel. After it stops, what stopping left.
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import type { JobProgress as Progress, JobStatus } from '../../electron/jobs/types';
import { ErrorNote } from '../components/states';
import { formatCount, formatDuration } from '../format';

export interface JobProgressProps {
  job: JobStatus;
  /** The bar's name for a screen reader: "Checking the audit trail". */
  label: string;
  cancelling: boolean;
  onCancel: () => void;
  /** What a cancelled job leaves, after "Cancelled: nothing was written." */
  cancelledDetail?: string;
  /** "The check could not finish": the job's own error follows. */
  failedText: string;
}

/** A rate to two significant figures: 25,926 reads as 26,000, and stays still from one poll to the next. */
function roughly(n: number): number {
  if (n < 100) return Math.round(n);
  const step = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / step) * step;
}

/** "1,234,567 of 10,000,000 audit rows · 250,000 a second · about 35 s left"; nothing before there is anything to count. */
export function progressFigures(p: Progress): string[] {
  if (p.total === null && p.done === 0) return [];
  const parts = [p.total === null ? `${formatCount(p.done)} ${p.unit} so far` : `${formatCount(p.done)} of ${formatCount(p.total)} ${p.unit}`];
  if (p.ratePerSecond !== null && p.ratePerSecond > 0) parts.push(`${formatCount(roughly(p.ratePerSecond))} a second`);
  if (p.secondsLeft !== null) parts.push(p.secondsLeft < 1 ? 'almost done' : `about ${formatDuration(p.secondsLeft)} left`);
  return parts;
}

export function JobProgress({ job, label, cancelling, onCancel, cancelledDetail, failedText }: JobProgressProps) {
  const box = useRef<HTMLDivElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const running = job.state === 'running';

  // The button that started the job is disabled now: a keyboard user's focus goes to
  // Cancel rather than to the top of the page. Focus anywhere else is left alone.
  useEffect(() => {
    const active = document.activeElement;
    if (running && (!active || active === document.body || (active as HTMLButtonElement).disabled)) cancelButton.current?.focus();
    // Only when the bar first shows: later polls must not pull focus back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // When the job stops, Cancel goes away with the focus it had: put it on what
  // replaced it, where the notice is, instead of at the top of the page.
  const wasRunning = useRef(running);
  useLayoutEffect(() => {
    const active = document.activeElement;
    if (wasRunning.current && !running && (!active || active === document.body)) box.current?.focus({ preventScroll: true });
    wasRunning.current = running;
  }, [running]);

  if (job.state === 'done') return null;
  return (
    <div className="job-progress" ref={box} tabIndex={-1}>
      {running ? (
        <Running job={job} label={label} cancelling={cancelling} onCancel={onCancel} buttonRef={cancelButton} />
      ) : job.state === 'cancelled' ? (
        <p className="notice job-cancelled" role="status">
          <strong>Cancelled: nothing was written.</strong>
          {cancelledDetail && <> {cancelledDetail}</>}
        </p>
      ) : (
        <ErrorNote message={`${failedText}: ${(job.error ?? 'no reason was given').replace(/\.$/, '')}.`} />
      )}
    </div>
  );
}

function Running({
  job,
  label,
  cancelling,
  onCancel,
  buttonRef,
}: Omit<JobProgressProps, 'failedText' | 'cancelledDetail'> & { buttonRef: RefObject<HTMLButtonElement | null> }) {
  const p = job.progress;
  const known = p.total !== null && p.total > 0;
  const share = known ? Math.min(1, p.done / p.total!) : 0;
  const figures = progressFigures(p);
  return (
    <>
      {/* The phase changes a few times a job: worth reading out; the figures change every poll and are not. */}
      <span className="job-phase" role="status">
        {cancelling ? 'Stopping…' : p.phase}
      </span>
      <div className="job-progress-row">
        <div
          className={known ? 'progress' : 'progress working'}
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={known ? p.total! : undefined}
          aria-valuenow={known ? p.done : undefined}
          aria-valuetext={figures.length ? figures.join(', ') : p.phase}
        >
          <div className="progress-bar" style={known ? { width: `${share * 100}%` } : undefined} />
        </div>
        {known && (
          <span className="job-percent" aria-hidden="true">
            {Math.floor(share * 100)} %
          </span>
        )}
        {/* Not disabled while stopping: a disabled button would drop a keyboard user's focus. */}
        <button
          type="button"
          ref={buttonRef}
          aria-disabled={cancelling || undefined}
          onClick={() => {
            if (!cancelling) onCancel();
          }}
        >
          {cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      </div>
      {/* Kept while empty, so that the card does not jump when the first figures arrive. */}
      <p className="job-figures muted">{figures.join(' · ') || '\u00a0'}</p>
    </>
  );
}
