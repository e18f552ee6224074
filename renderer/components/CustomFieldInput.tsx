// One custom field, as a form control and as text: the input fits its type (a
// date picker, Yes/No, a number), and a field whose changes are not tracked says so
// where someone is about to change it.
import type { ApiOutput } from '../../electron/api/contract';
import { formatDate } from '../format';
import { Field } from './Field';

export type CustomFieldDefinition = ApiOutput<'customFields.list'>[number];

export const UNTRACKED_HINT = 'Changes to this field are not kept in the History.';

export function CustomFieldInput({ definition: d, value, onChange, error }: {
  definition: CustomFieldDefinition; value: string; onChange: (v: string) => void; error?: string;
}) {
  return (
    <Field label={d.label} error={error} hint={d.trackChanges ? undefined : UNTRACKED_HINT}>
      {d.type === 'boolean'
        ? <select value={value} onChange={(e) => onChange(e.target.value)}>
            <option value="">(empty)</option><option value="true">Yes</option><option value="false">No</option>
          </select>
        : <input type={d.type === 'date' ? 'date' : 'text'} inputMode={d.type === 'number' ? 'decimal' : undefined}
            value={value} onChange={(e) => onChange(e.target.value)} maxLength={2000} />}
    </Field>
  );
}

/** A stored value as people read it; null when there is none (the caller shows "(empty)" its own way). */
export function customFieldText(d: CustomFieldDefinition, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (d.type === 'date') return formatDate(value);
  if (d.type === 'boolean') return value === 'true' ? 'Yes' : 'No';
  return value;
}
