// The inputs of a customer's profile, for New customer and the profile's Details.
// Every refusal about a field (from the form or from the main process) shows under it.
import { Field } from '../components/Field';
import { CustomFieldInput, type CustomFieldDefinition } from '../components/CustomFieldInput';
import type { CustomerDraft } from './customerDraft';

export function CustomerFields({
  draft,
  onChange,
  errorFor,
  definitions,
  autoFocus,
}: {
  draft: CustomerDraft;
  onChange: (d: CustomerDraft) => void;
  errorFor: (field: string) => string | undefined;
  definitions: CustomFieldDefinition[];
  autoFocus?: boolean;
}) {
  const set = (k: Exclude<keyof CustomerDraft, 'customFields'>) => (e: { target: { value: string } }) => onChange({ ...draft, [k]: e.target.value });
  const setCustom = (id: number) => (v: string) => onChange({ ...draft, customFields: { ...draft.customFields, [id]: v } });
  return (
    <fieldset className="form-grid">
      <Field label="Name" error={errorFor('name')} className="span2">
        <input value={draft.name} onChange={set('name')} maxLength={120} required autoFocus={autoFocus} autoComplete="off" />
      </Field>
      <Field label="Phone" error={errorFor('phone')}>
        <input type="tel" value={draft.phone} onChange={set('phone')} maxLength={40} autoComplete="off" />
      </Field>
      <Field label="Email" error={errorFor('email')}>
        <input type="email" value={draft.email} onChange={set('email')} maxLength={200} autoComplete="off" />
      </Field>
      <Field label="Address" error={errorFor('address')} className="span2" hint="New bookings go here unless told otherwise.">
        <input value={draft.address} onChange={set('address')} maxLength={300} autoComplete="off" />
      </Field>
      {definitions.map((d) => (
        <CustomFieldInput
          key={d.id}
          definition={d}
          value={draft.customFields[d.id] ?? ''}
          onChange={setCustom(d.id)}
          error={errorFor(`customFields.${d.id}`)}
        />
      ))}
      <Field label="Notes" error={errorFor('notes')} className="span2">
        <textarea
          rows={3}
          value={draft.notes}
          onChange={set('notes')}
          maxLength={4000}
          placeholder="Access, pets, who to ask for, how they like to be contacted…"
        />
      </Field>
    </fieldset>
  );
}
