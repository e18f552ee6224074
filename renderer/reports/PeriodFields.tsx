// The period a report covers, as calendar days in this computer's zone (the last
// one included): the two date fields and the checks every report form makes of them.
import { Field } from '../components/Field';
import { localDayStart } from '../format';

export interface FormProblem {
  field: string;
  message: string;
}

/** What is wrong with a period as typed, or null when it is a period. */
export function periodProblem(from: string, to: string): FormProblem | null {
  return !localDayStart(from)
    ? { field: 'from', message: 'Pick the first day of the period.' }
    : !localDayStart(to)
      ? { field: 'to', message: 'Pick the last day of the period.' }
      : to < from
        ? { field: 'to', message: 'The last day must not be before the first.' }
        : null;
}

export function PeriodFields({
  from,
  to,
  onFrom,
  onTo,
  error,
}: {
  from: string;
  to: string;
  onFrom: (day: string) => void;
  onTo: (day: string) => void;
  error: (field: string) => string | undefined;
}) {
  return (
    <div className="row">
      <Field label="From" error={error('from')}>
        <input type="date" value={from} max={to || undefined} onChange={(e) => onFrom(e.target.value)} />
      </Field>
      <Field label="To (included)" error={error('to')}>
        <input type="date" value={to} min={from || undefined} onChange={(e) => onTo(e.target.value)} />
      </Field>
    </div>
  );
}
