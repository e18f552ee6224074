// The period report (everything in a date range, narrowed by person and kind) and
// the person report (everything one person did): a form that opens the report,
// ready to print. Managers' and administrators'.
import { useState, type FormEvent } from 'react';
import { useApi } from '../api/useApi';
import { Field } from '../components/Field';
import { localDay } from '../format';
import { CATEGORY_LABELS, type Category } from '../history/filters';
import { navigate } from '../router';
import { periodReportHref, personReportHref } from './reportRoutes';
import { PeriodFields, periodProblem } from './PeriodFields';

type Kind = 'period' | 'person';

export function ActivityReportCard() {
  const users = useApi('users.list', { includeInactive: true });
  const [kind, setKind] = useState<Kind>('period');
  const [from, setFrom] = useState(localDay(-30));
  const [to, setTo] = useState(localDay());
  const [person, setPerson] = useState('');
  const [category, setCategory] = useState('');
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);

  function open(e: FormEvent) {
    e.preventDefault();
    const wrong = periodProblem(from, to) ?? (kind === 'person' && !person ? { field: 'person', message: 'Pick the person whose activity to report.' } : null);
    setProblem(wrong);
    if (wrong) return;
    navigate(kind === 'person' ? personReportHref({ from, to, person }) : periodReportHref({ from, to, person, category }));
  }

  const error = (f: string) => (problem?.field === f ? problem.message : undefined);
  return (
    <section className="card" aria-labelledby="activity-report-title">
      <h2 id="activity-report-title">Period and person reports</h2>
      <p>
        Every event in a date range, with totals per kind and per person and the chart of the period (for month-end and ISO audits), or everything one person
        did. Producing a report is itself recorded in the Audit log.
      </p>
      <form className="stack" onSubmit={open} noValidate>
        <fieldset className="choice">
          <legend>Report</legend>
          <label>
            <input type="radio" name="activity-kind" checked={kind === 'period'} onChange={() => setKind('period')} /> A period
          </label>
          <label>
            <input type="radio" name="activity-kind" checked={kind === 'person'} onChange={() => setKind('person')} /> One person's activity
          </label>
        </fieldset>
        <PeriodFields from={from} to={to} onFrom={setFrom} onTo={setTo} error={error} />
        <div className="row">
          <Field label={kind === 'person' ? 'Person' : 'Person (optional)'} error={error('person')}>
            <select value={person} onChange={(e) => setPerson(e.target.value)}>
              <option value="">{kind === 'person' ? 'Pick a person…' : 'Everyone'}</option>
              {users.data?.map((u) => (
                <option key={u.id} value={String(u.id)}>
                  {u.name}
                  {u.active ? '' : ' (deactivated)'}
                </option>
              ))}
            </select>
          </Field>
          {kind === 'period' && (
            <Field label="Kind (optional)">
              <select value={category} onChange={(e) => setCategory(e.target.value)}>
                <option value="">All kinds</option>
                {(Object.entries(CATEGORY_LABELS) as [Category, string][]).map(([k, label]) => (
                  <option key={k} value={k}>
                    {label}
                  </option>
                ))}
              </select>
            </Field>
          )}
        </div>
        <div className="actions left">
          <button type="submit" className="primary">
            Open the report
          </button>
        </div>
      </form>
    </section>
  );
}
