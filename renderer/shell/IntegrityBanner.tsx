// The warning every signed-in person sees when the audit trail failed the check
// the app ran as it started: a log tampered with while the app was closed must be
// said out loud on the first screen, not found by chance in Reports.
import { useEffect, useState } from 'react';
import type { ApiOutput } from '../../electron/api/contract';
import { useApi } from '../api/useApi';
import { formatCount, formatWhen, plural, utcTitle } from '../format';
import { routeHref } from '../router';
import { useMay } from '../session';

type AtStart = NonNullable<ApiOutput<'audit.integrityAtStart'>>;

/** How often to ask again while the check is still running (it reads the whole log). */
const POLL_MS = 1500;

export function IntegrityBanner() {
  const may = useMay();
  const allowed = may('audit.integrityAtStart');
  const [version, setVersion] = useState(0);
  const { data } = useApi('audit.integrityAtStart', {}, !allowed, version);
  const checking = data?.state === 'checking';

  useEffect(() => {
    if (!checking) return;
    const t = setTimeout(() => setVersion((v) => v + 1), POLL_MS);
    return () => clearTimeout(t);
  }, [checking, version]);

  if (!data) return null;
  if (data.state === 'checking') {
    return (
      <div className="integrity-banner checking" role="status">
        <span className="spinner" aria-hidden="true" />Checking the audit trail, as at every start…
      </div>
    );
  }
  return <Verdict result={data} canVerify={may('audit.verify')} />;
}

function Verdict({ result, canVerify }: { result: AtStart; canVerify: boolean }) {
  const next = canVerify
    ? <>See <a href={routeHref('reports')}>Reports › Check the audit trail</a> for the full report.</>
    : <>Tell a manager or your administrator.</>;
  if (result.state === 'failed') {
    return (
      <div className="integrity-banner broken" role="alert">
        <strong>The audit trail could not be checked at start.</strong> {result.error}. Keep the database file as it is. {next}
      </div>
    );
  }
  if (result.state !== 'done' || result.summary.ok) return null;
  const s = result.summary;
  const more = s.problemCount - s.problems.length;
  return (
    <div className="integrity-banner broken" role="alert" aria-labelledby="integrity-title">
      <p id="integrity-title">
        <strong>Warning: the audit trail failed its integrity check</strong> when JobTrail started
        {' '}(<span title={utcTitle(result.finishedAt)}>{formatWhen(result.finishedAt)}</span>):
        {' '}{plural(s.problemCount, 'problem')} found. Someone may have changed the database outside JobTrail.
      </p>
      <ul>
        {s.problems.map((p) => <li key={p}>{p}</li>)}
        {more > 0 && <li>… and {formatCount(more)} more</li>}
      </ul>
      <p>Keep the database file as it is and do not restore a backup over it. {next}</p>
    </div>
  );
}
