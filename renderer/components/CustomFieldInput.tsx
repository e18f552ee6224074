// One custom field, as a form control and as text: the input fits its type (a
// date picker, Yes/No, a number), and a field whose changes are not tracked says so
// where someone is about to change it.
import type { ApiOutput } from '../../electron/api/contract';
import { formatDate } from '../format';
import { Field } from './Field';

export type CustomFieldDefinition = ApiOutput<'customFields.list'>[number];

export const UNTRACKED_HINT = 'Changes to this field are not kept in the History.';

export function CustomFieldInput({
  definition: d,
  value,
  onChange,
  error,
}: {
  definition: CustomFieldDefinition;
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  return (
    <Field label={d.label} error={error} hint={d.trackChanges ? undefined : UNTRACKED_HINT}>
      {d.type === 'boolean' ? (
        <select value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">(empty)</option>
          <option value="true">Yes</option>
          <option value="false">No</option>
        </select>
      ) : (
        <input
          type={d.type === 'date' ? 'date' : 'text'}
          inputMode={d.type === 'number' ? 'decimal' : undefined}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          maxLength={2000}
        />
      )}
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

// A form holds custom field values as typed text ('' for none); the contract takes
// null for none. The same three conversions serve every form that has them.

/** Stored values as a form holds them. */
export function formValues(stored: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(stored).map(([k, v]) => [k, v ?? '']));
}

/** What a new record sends: only the values someone typed. */
export function filledValues(form: Record<string, string>): Record<string, string> | undefined {
  const filled = Object.entries(form)
    .filter(([, v]) => v.trim())
    .map(([k, v]) => [k, v.trim()]);
  return filled.length ? Object.fromEntries(filled) : undefined;
}

/** What an edit sends: only the values that changed, null for one cleared. */
export function changedValues(stored: Record<string, string | null>, form: Record<string, string>): Record<string, string | null> | undefined {
  const changed: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(form)) {
    const next = v.trim() === '' ? null : v.trim();
    if (next !== (stored[k] ?? null)) changed[k] = next;
  }
  return Object.keys(changed).length ? changed : undefined;
}

/** The custom fields of a record as read-only rows of a <dl className="details">. */
export function CustomFieldDetails({ definitions, values }: { definitions: CustomFieldDefinition[]; values: Record<string, string | null> }) {
  return (
    <>
      {definitions.map((d) => [
        <dt key={`t${d.id}`}>{d.label}</dt>,
        <dd key={`d${d.id}`}>{customFieldText(d, values[d.id]) ?? <span className="muted">(empty)</span>}</dd>,
      ])}
    </>
  );
}
