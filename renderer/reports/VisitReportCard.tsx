// The visit verification report (Electronic Visit Verification): for a period,
// every visit's service, person served, date, place, person who served, and
// scheduled against actual begin and end, with every correction; narrowed to one
// customer or one fieldworker if asked. Opens the report, ready to print or to
// download as CSV or JSON. Managers' and administrators'.
import { useState, type FormEvent } from 'react';
import { useApi } from '../api/useApi';
import { CustomerPicker, type PickedCustomer } from '../components/CustomerPicker';
import { Field } from '../components/Field';
import { localDay, localDayStart } from '../format';
import { navigate } from '../router';
import { visitReportHref } from './reportRoutes';

export function VisitReportCard() {
  const users = useApi('users.list', { includeInactive: true });
  const [from, setFrom] = useState(localDay(-30));
  const [to, setTo] = useState(localDay());
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  const [fieldworker, setFieldworker] = useState('');
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);

  function open(e: FormEvent) {
    e.preventDefault();
    const wrong = !localDayStart(from) ? { field: 'from', message: 'Pick the first day of the period.' }
      : !localDayStart(to) ? { field: 'to', message: 'Pick the last day of the period.' }
      : to < from ? { field: 'to', message: 'The last day must not be before the first.' }
      : null;
    setProblem(wrong);
    if (!wrong) navigate(visitReportHref({ from, to, customer: customer ? String(customer.id) : undefined, fieldworker: fieldworker || undefined }));
  }

  const error = (f: string) => (problem?.field === f ? problem.message : undefined);
  const fieldworkers = users.data?.filter((u) => u.role === 'fieldworker') ?? [];
  return (
    <section className="card" aria-labelledby="visit-report-title">
      <h2 id="visit-report-title">Visit verification report</h2>
      <p>For insurers (Electronic Visit Verification): each visit's service, person served, date, place and person who
        served, when it began and ended against the schedule, and every correction of a recorded time with its reason.</p>
      <form className="stack" onSubmit={open} noValidate>
        <div className="row">
          <Field label="From" error={error('from')}>
            <input type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} />
          </Field>
          <Field label="To (included)" error={error('to')}>
            <input type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} />
          </Field>
        </div>
        <div className="row">
          <CustomerPicker label="Customer (optional)" value={customer} onChange={setCustomer} placeholder="Every customer" />
          <Field label="Fieldworker (optional)">
            <select value={fieldworker} onChange={(e) => setFieldworker(e.target.value)}>
              <option value="">Every fieldworker</option>
              {fieldworkers.map((u) => <option key={u.id} value={String(u.id)}>{u.name}{u.active ? '' : ' (deactivated)'}</option>)}
            </select>
          </Field>
        </div>
        <div className="actions left">
          <button type="submit" className="primary">Open the visit report</button>
        </div>
      </form>
    </section>
  );
}
