// The inputs of a booking, for New booking and the job card's Details. Every
// refusal about a field (from the form or from the main process) shows under it.
import { CustomFieldInput, type CustomFieldDefinition } from '../components/CustomFieldInput';
import { DateTimeField } from '../components/DateTimeField';
import { Field } from '../components/Field';
import { humanize } from '../format';
import type { ApiOutput } from '../../electron/api/contract';
import { BOOKING_STATUSES, type BookingDraft } from './bookingDraft';

type Person = ApiOutput<'users.list'>[number];
type Quote = { id: number; number: string; title: string };

export function BookingFields({
  draft,
  onChange,
  errorFor,
  fieldworkers,
  definitions,
  quotes,
  withStatus,
  statuses,
  disabled,
}: {
  draft: BookingDraft;
  onChange: (d: BookingDraft) => void;
  errorFor: (field: string) => string | undefined;
  fieldworkers: Person[];
  definitions: CustomFieldDefinition[];
  quotes?: Quote[];
  withStatus: boolean;
  disabled?: boolean;
  /** The statuses offered: the booking's own and those a save of this form may move it to (all when not given). */
  statuses?: readonly BookingDraft['status'][];
}) {
  const set =
    <K extends keyof BookingDraft>(k: K) =>
    (v: BookingDraft[K]) =>
      onChange({ ...draft, [k]: v });
  const setCustom = (id: number, v: string) => onChange({ ...draft, customFields: { ...draft.customFields, [id]: v } });
  // A deactivated fieldworker still shows on the bookings they had, but cannot be chosen for others.
  const choosable = fieldworkers.filter((u) => u.active || String(u.id) === draft.fieldworkerId);
  return (
    <fieldset className="form-grid" disabled={disabled}>
      <Field label="Service" error={errorFor('service')} className="span2">
        <input value={draft.service} onChange={(e) => set('service')(e.target.value)} maxLength={120} required />
      </Field>
      <DateTimeField label="Starts" value={draft.start} onChange={set('start')} error={errorFor('scheduledStart')} required />
      <DateTimeField label="Ends" value={draft.end} onChange={set('end')} error={errorFor('scheduledEnd')} required />
      <Field label="Address" error={errorFor('address')} className="span2" hint={draft.address ? undefined : 'Leave empty to use the customer’s address.'}>
        <input value={draft.address} onChange={(e) => set('address')(e.target.value)} maxLength={300} />
      </Field>
      <Field label="Fieldworker" error={errorFor('fieldworkerId')}>
        <select value={draft.fieldworkerId} onChange={(e) => set('fieldworkerId')(e.target.value)}>
          <option value="">Unassigned</option>
          {choosable.map((u) => (
            <option key={u.id} value={String(u.id)}>
              {u.name}
              {u.active ? '' : ' (deactivated)'}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Price" error={errorFor('priceCents')}>
        <input inputMode="decimal" value={draft.price} onChange={(e) => set('price')(e.target.value)} required />
      </Field>
      {withStatus && (
        <Field label="Status" error={errorFor('status')}>
          <select value={draft.status} onChange={(e) => set('status')(e.target.value as BookingDraft['status'])}>
            {(statuses ?? BOOKING_STATUSES).map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </Field>
      )}
      {quotes && (
        <Field label="Quote" error={errorFor('quoteId')}>
          <select value={draft.quoteId} onChange={(e) => set('quoteId')(e.target.value)}>
            <option value="">No quote</option>
            {quotes.map((q) => (
              <option key={q.id} value={String(q.id)}>
                {q.number} {q.title}
              </option>
            ))}
          </select>
        </Field>
      )}
      {definitions.map((d) => (
        <CustomFieldInput
          key={d.id}
          definition={d}
          value={draft.customFields[d.id] ?? ''}
          onChange={(v) => setCustom(d.id, v)}
          error={errorFor(`customFields.${d.id}`)}
        />
      ))}
    </fieldset>
  );
}
