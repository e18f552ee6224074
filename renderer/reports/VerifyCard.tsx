// "Check the audit trail": recomputes the chain (and the triggers and records it
// cannot vouch for) as a job in the main process, with a bar and Cancel while it
// runs, and says what it found in words an office manager can repeat to an auditor.
import { useState } from 'react';
import type { JobStatus, VerifyOutcome } from '../../electron/jobs/types';
import { ErrorNote } from '../components/states';
import { formatCount, formatWhen, plural, utcTitle } from '../format';
import { JobProgress } from '../jobs/JobProgress';
import { useJob, type JobMatch } from '../jobs/useJob';
import { routeHref } from '../router';
import { useMay, useSession } from '../session';

/**
 * What verify answers. `problems`, `outsideRows` and `untracked` are newer than the rest:
 * read loosely, so an older or newer main process never breaks the page.
 */
type Verdict = Omit<VerifyOutcome, 'kind' | 'problems' | 'outsideRows' | 'untracked' | 'signing'> & {
  problems?: unknown;
  outsideRows?: unknown;
  untracked?: unknown;
  signing?: VerifyOutcome['signing'];
};

interface Checked {
  verdict: Verdict;
  at: string;
  by: string;
}

const VERIFY: JobMatch = { kind: 'verify' };

export function VerifyCard() {
  const may = useMay();
  const { user } = useSession();
  const allowed = may('jobs.start');
  const check = useJob(VERIFY, { enabled: allowed });
  const job = check.job;
  const verdict = job?.state === 'done' && job.outcome?.kind === 'verify' ? job.outcome : null;
  const working = check.starting || check.running;
  const someoneElse = job?.startedBy && job.startedBy.id !== user.id ? job.startedBy.name : null;

  return (
    <section className="card" aria-labelledby="verify-title">
      <h2 id="verify-title">Check the audit trail</h2>
      <p>
        Recomputes the seal of every audit row, in order, checks JobTrail's signature on them, and checks that the database's triggers, tables and indexes are
        as JobTrail installed them. It changes nothing; it only reads.
      </p>
      {!allowed ? (
        <p className="notice">A manager or an administrator can check the audit trail.</p>
      ) : (
        <>
          <div className="actions left">
            <button type="button" className="primary" disabled={working || check.looking} onClick={() => void check.start({ kind: 'verify' })}>
              {working ? 'Checking…' : verdict ? 'Check again' : 'Check the audit trail'}
            </button>
          </div>
          {check.running && someoneElse && (
            <p className="muted">
              {someoneElse} started this check on {formatWhen(job!.startedAt)}; its verdict shows here when it ends.
            </p>
          )}
          {job && (
            <JobProgress
              job={job}
              label="Checking every audit row"
              cancelling={check.cancelling}
              onCancel={() => void check.cancel()}
              failedText="The check could not finish"
              cancelledDetail={stoppedAt(job)}
            />
          )}
          <ErrorNote message={check.error} />
          {verdict && <VerdictView verdict={verdict} at={job!.finishedAt ?? job!.startedAt} by={job!.startedBy?.name ?? user.name} />}
        </>
      )}
    </section>
  );
}

/** A cancelled check vouches for nothing, not even the rows it got through: say so, lest a partial count be read as a pass. */
function stoppedAt({ progress: p }: JobStatus): string {
  const where = p.total === null ? `after ${formatCount(p.done)} ${p.unit}` : `at ${formatCount(p.done)} of ${formatCount(p.total)} ${p.unit}`;
  return `The check stopped ${where}, so it gives no verdict. Check again to see it through.`;
}

function VerdictView({ verdict: v, at, by }: Checked) {
  const problems = Array.isArray(v.problems) ? v.problems.map(String) : [];
  const outside = typeof v.outsideRows === 'number' ? v.outsideRows : 0;
  const untracked = Array.isArray(v.untracked) ? v.untracked.map(String) : [];
  const firstLine = v.firstBroken ? `audit row ${v.firstBroken.id}: ${v.firstBroken.problem}` : null;
  const others = problems.filter((p) => p !== firstLine);
  const when = (
    <p className="verify-meta" title={utcTitle(at)}>
      Checked {formatWhen(at, true)} by {by}.
    </p>
  );

  if (v.ok) {
    return (
      <div className="verdict intact" role="status">
        <h3>
          <span className="mark" aria-hidden="true">
            ✓
          </span>
          The audit trail is intact
        </h3>
        <p>
          {plural(v.rowsChecked, 'audit row')} checked: each still carries the seal it got when it was written, in order, with none missing between them, and
          the audit triggers are in place.
        </p>
        <Digest head={v.head} />
        <p className="muted">
          Write this chain head down, or keep it with a printed report. A later check against it shows whether anything was cut off or rewritten since.
        </p>
        {v.signing && <Signing {...v.signing} />}
        {outside > 0 && (
          <p className="notice">
            {plural(outside, 'row was', 'rows were')} written by a program other than JobTrail. They are recorded and sealed as such, and highlighted in the{' '}
            <a href={routeHref('audit')}>Audit log</a>.
          </p>
        )}
        {v.unsealedTail > 0 && (
          <p className="notice">
            The last {plural(v.unsealedTail, 'row')} were written outside JobTrail after its last change and are not sealed yet; JobTrail seals them, marked as
            outside, with its next change.
          </p>
        )}
        {untracked.length > 0 && (
          <div className="notice untracked-fields">
            <p>
              Custom fields not tracked now: their values may change without audit rows, which an administrator allowed by switching tracking off. Switched back
              on, each value changed meanwhile is recorded as ‘changed while not tracked’.
            </p>
            <ul>
              {untracked.map((u) => (
                <li key={u}>{u}</li>
              ))}
            </ul>
          </div>
        )}
        {when}
      </div>
    );
  }
  return (
    <div className="verdict broken" role="alert">
      <h3>
        <span className="mark" aria-hidden="true">
          ✗
        </span>
        The audit trail does not check out
      </h3>
      {v.firstBroken ? (
        <p>
          <strong>The first broken row is audit row {formatCount(v.firstBroken.id)}:</strong> {v.firstBroken.problem}. {plural(v.rowsChecked, 'row')} before it
          were checked and are as they were written.
        </p>
      ) : (
        <p>{plural(v.rowsChecked, 'audit row')} checked and sealed as written, but something around them was changed:</p>
      )}
      {others.length > 0 && (
        <ul>
          {others.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {outside > 0 && <p>{plural(outside, 'row was', 'rows were')} written by a program other than JobTrail.</p>}
      <p>This check changed nothing. Keep the database file as it is, note the row above, and tell your administrator.</p>
      {when}
    </div>
  );
}

/** Who vouches for the rows: JobTrail's signing keys, which an auditor compares with the one printed on a report. */
function Signing({ keys, signedThrough, v1Rows }: NonNullable<Verdict['signing']>) {
  const newest = keys.at(-1);
  if (!newest) return null;
  return (
    <div className="signing">
      <p>
        Signed by JobTrail{signedThrough !== null && <> through audit row {formatCount(signedThrough)}</>}, with the signing key{' '}
        <code>{newest.fingerprint}</code>
        {keys.length > 1 && <> (and {plural(keys.length - 1, 'earlier key')}, each recorded in the log when it was added)</>}.
        {v1Rows > 0 && <> The first {plural(v1Rows, 'row')} date from before signing began and are checked by their seals alone.</>}
      </p>
      <details>
        <summary>The full signing {keys.length > 1 ? 'keys' : 'key'}, for an auditor</summary>
        <ul>
          {keys.map((k) => (
            <li key={k.publicKey}>
              <code>{k.publicKey}</code> added {formatWhen(k.addedAt, true)}
            </li>
          ))}
        </ul>
        <p className="muted">
          With a copy of the database and this key, <code>npm run cli -- verify --db FILE --public-key KEY</code> checks every row without trusting anything in
          the file.
        </p>
      </details>
    </div>
  );
}

function Digest({ head }: { head: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(head);
      setCopied(true);
    } catch {
      setCopied(false); // no clipboard here: the digest is selectable, and short enough to write down
    }
  };
  return (
    <div className="digest">
      <span>Chain head</span>
      <code aria-label={`Chain head ${head.split('').join(' ')}`}>{head}</code>
      <button type="button" className="quiet" onClick={() => void copy()}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}
