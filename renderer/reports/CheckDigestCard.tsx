// "Check a printed report": the digest (and row count) copied from any page of a
// report is looked up in this log, which says whether it still holds it and how
// many rows came after, or that it does not (a changed or another database). It
// recomputes the whole chain, so it runs as a job, with a bar and Cancel.
import { useState, type FormEvent } from 'react';
import type { VerifyOutcome } from '../../electron/jobs/types';
import { ErrorNote } from '../components/states';
import { Field } from '../components/Field';
import { formatCount, plural } from '../format';
import { JobProgress } from '../jobs/JobProgress';
import { useJob, type JobMatch } from '../jobs/useJob';

const PRINTED: JobMatch = { kind: 'verify', printed: true };

export function CheckDigestCard() {
  const [digest, setDigest] = useState('');
  const [rows, setRows] = useState('');
  const [problem, setProblem] = useState<{ field: 'digest' | 'rows'; message: string } | null>(null);
  const check = useJob(PRINTED);
  const job = check.job;
  const answer = job?.state === 'done' && job.outcome?.kind === 'verify' ? (job.outcome.printed ?? null) : null;
  const working = check.starting || check.running;

  function start(e: FormEvent) {
    e.preventDefault();
    const typed = digest.replace(/\s/g, '').toLowerCase();
    const count = rows.replace(/[\s,.]/g, '');
    const wrong = !/^[0-9a-f]{16,64}$/.test(typed)
      ? { field: 'digest' as const, message: 'A chain head is 16 to 64 letters and digits (0–9, a–f), as printed at the foot of each page.' }
      : count && !/^\d+$/.test(count)
        ? { field: 'rows' as const, message: 'The rows covered are a whole number, as printed beside the chain head.' }
        : null;
    setProblem(wrong);
    if (!wrong) void check.start({ kind: 'verify', printed: { digest: typed, rows: count ? Number(count) : undefined } });
  }

  const fieldError = (f: 'digest' | 'rows') => (problem?.field === f ? problem.message : undefined);
  return (
    <section className="card" aria-labelledby="check-printed-title">
      <h2 id="check-printed-title">Check a printed report</h2>
      <p>
        Every page of a report prints the chain head it was made from and the rows it covers. Type them here to learn whether this log still holds that page's
        rows unchanged.
      </p>
      <form className="stack" onSubmit={start} noValidate>
        <Field label="Chain head" hint="16 to 64 letters and digits (0–9, a–f), as printed" error={fieldError('digest')}>
          <input value={digest} onChange={(e) => setDigest(e.target.value)} spellCheck={false} autoComplete="off" className="mono" />
        </Field>
        <Field label="Rows covered" hint="Optional: the row count printed beside it" error={fieldError('rows')}>
          <input value={rows} onChange={(e) => setRows(e.target.value)} inputMode="numeric" autoComplete="off" />
        </Field>
        <div className="actions left">
          <button type="submit" className="primary" disabled={working || check.looking}>
            {working ? 'Checking the log…' : 'Check'}
          </button>
        </div>
      </form>
      {job && (
        <JobProgress
          job={job}
          label="Checking the log for the printed chain head"
          cancelling={check.cancelling}
          onCancel={() => void check.cancel()}
          failedText="The check could not finish"
          cancelledDetail="The check stopped before its end, so it says nothing of that chain head. Check again to see it through."
        />
      )}
      <ErrorNote message={check.error} />
      {answer && <PrintedVerdict answer={answer} />}
    </section>
  );
}

function PrintedVerdict({ answer: a }: { answer: NonNullable<VerifyOutcome['printed']> }) {
  if (!a.ok)
    return (
      <p className="verdict-line broken" role="alert">
        {a.message}.
      </p>
    );
  const since = a.rowsSince ?? 0;
  return (
    <p className="verdict-line intact" role="status">
      This log still holds that chain head, unchanged: it is audit row {formatCount(a.atRow!)},{' '}
      {since === 0 ? 'the newest row.' : `and ${plural(since, 'row has', 'rows have')} been added since.`}
    </p>
  );
}
