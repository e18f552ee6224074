// One kind of long job on one screen: starts it, follows it while it runs, cancels
// it, and finds it again when the screen is opened anew. The job runs in the main
// process whether or not a screen watches it, so leaving the page must not lose it.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportFormat, ExportScope, JobRequest, JobStatus } from '../../electron/jobs/types';
import { ApiFailure, call, messageOf } from '../api/client';
import { startBackupJob } from '../settings/backupJobs';

/** Which job a screen shows: the check of the trail (or of a printed report's head), or the export of one History as filtered. */
export type JobMatch =
  | { kind: 'verify'; printed?: true }
  | { kind: 'export'; format: ExportFormat; scope: ExportScope }
  | { kind: 'archive' }
  | { kind: 'archiveOpen'; fileName: string }
  | { kind: 'backup' }
  | { kind: 'restore' };

/** Often enough that the numbers move, seldom enough that the core worker hardly notices. */
const POLL_MS = 400;
/** After a failed poll (the main process busy or restarting): try again, more slowly, rather than lose the job. */
const RETRY_MS = 2000;

/**
 * The jobs this tab started and has not yet seen end, by match. JobStatus does not
 * say which History an export covers, so only the tab that asked knows which job
 * belongs to which screen; sessionStorage keeps that across a reload, and forgets
 * it with the tab.
 */
const KEPT = 'jobtrail.jobs';

function kept(): Record<string, string> {
  try {
    const v: unknown = JSON.parse(sessionStorage.getItem(KEPT) ?? '{}');
    return v && typeof v === 'object' ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function keep(key: string, id: string): void {
  sessionStorage.setItem(KEPT, JSON.stringify({ ...kept(), [key]: id }));
}

function forget(id: string): void {
  sessionStorage.setItem(KEPT, JSON.stringify(Object.fromEntries(Object.entries(kept()).filter(([, v]) => v !== id))));
}

/** The same match gives the same key whatever order its fields came in, and an unset filter is no filter. */
export function matchKey(match: JobMatch): string {
  const sorted = (o: object): object =>
    Object.fromEntries(
      Object.entries(o)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, v !== null && typeof v === 'object' ? sorted(v as object) : v]),
    );
  return JSON.stringify(sorted(match));
}

export interface JobOptions {
  /** False when this user may not run the job: nothing is asked of the main process. */
  enabled?: boolean;
  /**
   * Called once when the job ends: `watched` when this screen saw it end, false when
   * it ended while nobody was looking and the screen found it on opening.
   */
  onEnd?: (job: JobStatus, watched: boolean) => void;
}

export interface JobControl {
  /** The job on screen: running, or ended until another starts or the match changes. */
  job: JobStatus | null;
  running: boolean;
  /** Still asking whether a job is already running: starting now could start a second one. */
  looking: boolean;
  starting: boolean;
  /** Cancel was asked and the job has not stopped yet. */
  cancelling: boolean;
  /** Why starting, cancelling or following the job failed. */
  error: string | null;
  start: (request: JobRequest) => Promise<JobStatus | undefined>;
  cancel: () => Promise<void>;
}

export function useJob(match: JobMatch, { enabled = true, onEnd }: JobOptions = {}): JobControl {
  // Read through its key: a new object with the same fields is the same match.
  const key = matchKey(match);
  // The trail is one: a check someone else (or another tab) started answers the trail's question, not a printed head's.
  const sharedCheck = match.kind === 'verify' && !match.printed;
  const [job, setJob] = useState<JobStatus | null>(null);
  const [looking, setLooking] = useState(enabled);
  const [starting, setStarting] = useState(false);
  const [cancelAsked, setCancelAsked] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Read inside callbacks and effects without making them start over on every poll.
  const current = useRef<JobStatus | null>(null);
  const endRef = useRef(onEnd);
  endRef.current = onEnd;

  /** Takes a status from the main process; the first time it shows the job ended, says so once. */
  const take = useCallback((next: JobStatus | null, watched: boolean) => {
    const before = current.current;
    current.current = next;
    setJob(next);
    if (next && next.state !== 'running' && (before?.id !== next.id || before.state === 'running')) {
      forget(next.id);
      endRef.current?.(next, watched);
    }
  }, []);

  // On opening, and when the screen's match changes while nothing runs: is a job of
  // this match running, or did one end that this tab has not seen yet?
  useEffect(() => {
    if (!enabled) {
      setLooking(false);
      return;
    }
    if (current.current?.state === 'running') return; // keep following what was started, whatever the filters now say
    let stopped = false;
    take(null, false);
    setError(null);
    setLooking(true);
    void (async () => {
      try {
        const jobs = await call('jobs.list', {});
        if (stopped) return;
        const mine = kept()[key];
        const found =
          jobs.find((j) => j.id === mine) ?? (sharedCheck ? jobs.find((j) => j.kind === 'verify' && j.state === 'running' && !j.printed) : undefined);
        if (mine && found?.id !== mine) forget(mine); // it ended long enough ago that the main process let it go
        if (found) take(found, false);
      } catch (e) {
        if (!stopped) setError(messageOf(e));
      } finally {
        if (!stopped) setLooking(false);
      }
    })();
    return () => {
      stopped = true;
    };
  }, [key, sharedCheck, enabled, take]);

  // While the job runs: ask how far it has got, until it ends or the screen closes.
  const runningId = job?.state === 'running' ? job.id : null;
  useEffect(() => {
    if (!runningId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      let wait = POLL_MS;
      try {
        const next = await call('jobs.status', { id: runningId });
        if (stopped) return;
        setError(null);
        take(next, true);
        if (next.state !== 'running') return;
      } catch (e) {
        if (stopped) return;
        if (e instanceof ApiFailure && e.code === 'not_found') {
          forget(runningId);
          current.current = null;
          setJob(null);
          setError('JobTrail no longer knows this job: it may have been restarted. Start it again.');
          return;
        }
        setError(messageOf(e));
        wait = RETRY_MS;
      }
      timer = setTimeout(() => void poll(), wait);
    };
    timer = setTimeout(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [runningId, take]);

  const start = useCallback(
    async (request: JobRequest) => {
      setStarting(true);
      setError(null);
      try {
        // An archive moves rows out of the log: its own entry (archives.ts), whose summary a refusal quotes.
        const started =
          request.kind === 'backup' || request.kind === 'restore'
            ? await startBackupJob(request)
            : request.kind === 'archive'
              ? await call('archives.start', { before: request.before })
              : request.kind === 'archiveOpen'
                ? await call('archives.open', { fileName: request.fileName })
                : await call('jobs.start', request);
        // Kept before anything else: leaving the page right now must still find it.
        if (started.state === 'running') keep(key, started.id);
        take(started, true);
        return started;
      } catch (e) {
        setError(messageOf(e));
        return undefined;
      } finally {
        setStarting(false);
      }
    },
    [key, take],
  );

  const cancel = useCallback(async () => {
    const id = current.current?.state === 'running' ? current.current.id : null;
    if (!id) return;
    setCancelAsked(id);
    setError(null);
    try {
      const next = await call('jobs.cancel', { id });
      if (current.current?.id === id) take(next, true);
    } catch (e) {
      setCancelAsked(null);
      setError(messageOf(e));
    }
  }, [take]);

  const running = job?.state === 'running';
  return {
    job,
    running,
    looking,
    starting,
    error,
    start,
    cancel,
    cancelling: running && cancelAsked === job.id,
  };
}
