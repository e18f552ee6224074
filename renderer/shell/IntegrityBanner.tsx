// The warning every signed-in person sees when the audit trail failed a check: the
// one the app ran as it started (the rows added since the last check), or the last
// whole-log check, which the start does not repeat and so cannot clear. A log
// tampered with while the app was closed must be said out loud on the first
// screen, not found by chance in Reports. Quiet while all is well.
import { useEffect, useState, type ReactNode } from 'react';
import type { ApiOutput } from '../../electron/api/contract';
import { useApi } from '../api/useApi';
import { formatCount, formatWhen, plural, utcTitle } from '../format';
import { routeHref } from '../router';
import { useMay } from '../session';

type AtStart = NonNullable<ApiOutput<'audit.integrityAtStart'>>;
type WholeCheck = NonNullable<AtStart['wholeLog']['last']>;

/** How often to ask again while a check (the start's, or a whole one) is still running. */
const POLL_MS = 1500;

export function IntegrityBanner() {
  const may = useMay();
  const allowed = may('audit.integrityAtStart');
  const [version, setVersion] = useState(0);
  const { data } = useApi('audit.integrityAtStart', {}, !allowed, version);
  // A whole check running beside the office (weekly, or a manager's) is asked after too: a failure it finds is said at once.
  const checking = data?.state === 'checking' || data?.wholeLog.running === true;

  useEffect(() => {
    if (!checking) return;
    const t = setTimeout(() => setVersion((v) => v + 1), POLL_MS);
    return () => clearTimeout(t);
  }, [checking, version]);

  if (!data) return null;
  const next = may('jobs.start') ? (
    <>
      See <a href={routeHref('reports')}>Reports › Check the audit trail</a> for the full report.
    </>
  ) : (
    <>Tell a manager or your administrator.</>
  );
  const whole = data.wholeLog.last;
  // A whole check this start ran itself is the start's verdict, not a second one.
  const wholeFailed = whole && !whole.ok && whole.startedAt !== data.startedAt ? whole : null;
  return (
    <>
      <AtStartLine result={data} next={next} />
      {wholeFailed && <WholeLogWarning check={wholeFailed} atStart={data} next={next} />}
    </>
  );
}

function AtStartLine({ result, next }: { result: AtStart; next: ReactNode }) {
  if (result.state === 'checking') {
    return (
      <div className="integrity-banner checking" role="status">
        <span className="spinner" aria-hidden="true" />
        {result.scope === 'whole'
          ? 'Checking the whole audit trail, as JobTrail has not checked it on this computer before…'
          : 'Checking the audit trail, as at every start…'}
      </div>
    );
  }
  if (result.state === 'failed') {
    return (
      <div className="integrity-banner broken" role="alert">
        <strong>The audit trail could not be checked at start.</strong> {result.error}. Keep the database file as it is. {next}
      </div>
    );
  }
  if (result.state !== 'done' || result.summary.ok) return null;
  const s = result.summary;
  return (
    <div className="integrity-banner broken" role="alert" aria-labelledby="integrity-title">
      <p id="integrity-title">
        <strong>Warning: the audit trail failed its integrity check</strong> when JobTrail started (
        <span title={utcTitle(result.finishedAt)}>{formatWhen(result.finishedAt)}</span>): {plural(s.problemCount, 'problem')} found. Someone may have changed
        the database outside JobTrail.
      </p>
      <Problems shown={s.problems} total={s.problemCount} />
      {s.since && (
        <p>
          Checked at start: the {plural(s.since.rowsAdded, 'row')} added since the last check (
          <span title={utcTitle(s.since.at)}>{formatWhen(s.since.at)}</span>), the database's structure and the passwords.
        </p>
      )}
      <p>Keep the database file as it is and do not restore a backup over it. {next}</p>
    </div>
  );
}

function WholeLogWarning({ check, atStart, next }: { check: WholeCheck; atStart: AtStart; next: ReactNode }) {
  const s = atStart.state === 'done' ? atStart.summary : null;
  return (
    <div className="integrity-banner broken" role="alert" aria-labelledby="integrity-whole-title">
      <p id="integrity-whole-title">
        <strong>Warning: the audit trail failed its integrity check of the whole log</strong> {daysAgo(check.finishedAt)} (
        <span title={utcTitle(check.finishedAt)}>{formatWhen(check.finishedAt)}</span>): {plural(check.problemCount, 'problem')} found. Someone may have changed
        the database outside JobTrail.
      </p>
      <Problems shown={check.problems} total={check.problemCount} />
      {s?.ok && s.since && (
        <p>
          Audit trail checked at start:{' '}
          {s.since.rowsAdded === 0 ? (
            'no rows were added since the last check, and the last ones are intact'
          ) : (
            <>the {plural(s.since.rowsAdded, 'row')} added since the last check are intact</>
          )}
          . That check does not read the older rows: this warning stands until a check of the whole log passes.
        </p>
      )}
      <p>Keep the database file as it is and do not restore a backup over it. {next}</p>
    </div>
  );
}

function Problems({ shown, total }: { shown: string[]; total: number }) {
  const more = total - shown.length;
  return (
    <ul>
      {shown.map((p) => (
        <li key={p}>{p}</li>
      ))}
      {more > 0 && <li>… and {formatCount(more)} more</li>}
    </ul>
  );
}

/** "today", "yesterday", "3 days ago": how stale a verdict is, at a glance. */
function daysAgo(iso: string): string {
  const days = Math.floor((Date.now() - Date.parse(iso)) / 86_400_000);
  return days <= 0 ? 'today' : days === 1 ? 'yesterday' : `${formatCount(days)} days ago`;
}
