// The visit verification report (Electronic Visit Verification): for a period,
// every visit's service, person served, date, place, person who served, and
// scheduled against actual begin and end, with every correction; narrowed to one
// customer or one fieldworker if asked. Opens the report, ready to print or to
// download as CSV or JSON. Managers' and administrators'.
import { useState, type FormEvent } from 'react';
import { useApi } from '../api/useApi';
import { CustomerPicker, type PickedCustomer } from '../components/CustomerPicker';
import { Field } from '../components/Field';
import { localDay } from '../format';
import { navigate } from '../router';
import { visitReportHref } from './reportRoutes';
import { PeriodFields, periodProblem, type FormProblem } from './PeriodFields';

export function VisitReportCard() {
  const users = useApi('users.list', { includeInactive: true });
  const [from, setFrom] = useState(localDay(-30));
  const [to, setTo] = useState(localDay());
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  const [fieldworker, setFieldworker] = useState('');
  const [problem, setProblem] = useState<FormProblem | null>(null);

  function open(e: FormEvent) {
    e.preventDefault();
    const wrong = periodProblem(from, to);
    setProblem(wrong);
    if (!wrong) navigate(visitReportHref({ from, to, customer: customer ? String(customer.id) : undefined, fieldworker: fieldworker || undefined }));
  }

  const error = (f: string) => (problem?.field === f ? problem.message : undefined);
  const fieldworkers = users.data?.filter((u) => u.role === 'fieldworker') ?? [];
  return (
    <section className="card" aria-labelledby="visit-report-title">
      <h2 id="visit-report-title">Visit verification report</h2>
      <p>
        For insurers (Electronic Visit Verification): each visit's service, person served, date, place and person who served, when it began and ended against
        the schedule, and every correction of a recorded time with its reason.
      </p>
      <form className="stack" onSubmit={open} noValidate>
        <PeriodFields from={from} to={to} onFrom={setFrom} onTo={setTo} error={error} />
        <div className="row">
          <CustomerPicker label="Customer (optional)" value={customer} onChange={setCustomer} placeholder="Every customer" />
          <Field label="Fieldworker (optional)">
            <select value={fieldworker} onChange={(e) => setFieldworker(e.target.value)}>
              <option value="">Every fieldworker</option>
              {fieldworkers.map((u) => (
                <option key={u.id} value={String(u.id)}>
                  {u.name}
                  {u.active ? '' : ' (deactivated)'}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="actions left">
          <button type="submit" className="primary">
            Open the visit report
          </button>
        </div>
      </form>
    </section>
  );
}
