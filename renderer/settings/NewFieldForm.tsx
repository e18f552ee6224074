// Defining a custom field: on bookings or customers, its label and type, whether
// its changes are tracked (on unless someone decides otherwise), and whether it
// holds personal data (cleared when its customer is erased), and on bookings
// whether the assigned fieldworker fills it in (a reading such as a setpoint).
import { useState, type FormEvent } from 'react';
import { call } from '../api/client';
import { FormError, placeRefusal, useAction } from '../api/useApi';
import { Field } from '../components/Field';
import { ErrorNote } from '../components/states';
import { ENTITY_LABELS, TYPE_LABELS, type FieldDefinition, type FieldType } from './fieldLabels';
import { Switch } from './Switch';

const FIELDS = ['entity', 'label', 'type', 'trackChanges', 'personal', 'fieldworkerFills'];

export function NewFieldForm({ onDefined }: { onDefined: () => void }) {
  const [entity, setEntity] = useState<FieldDefinition['entity']>('booking');
  const [label, setLabel] = useState('');
  const [type, setType] = useState<FieldType>('text');
  const [track, setTrack] = useState(true);
  const [personal, setPersonal] = useState(false);
  const [fieldworkerFills, setFieldworkerFills] = useState(false);
  const [defined, setDefined] = useState<FieldDefinition | null>(null);
  const define = useAction(async () => {
    if (!label.trim()) throw new FormError('Give the field a label.', 'label');
    // A customer field is never the fieldworker's to fill: the switch is hidden then, and its choice not sent.
    const f = await call('customFields.define', {
      entity,
      label,
      type,
      trackChanges: track,
      personal,
      fieldworkerFills: entity === 'booking' && fieldworkerFills,
    });
    setDefined(f);
    setLabel('');
    onDefined();
  });
  const { errorFor, general } = placeRefusal(define.refusal, FIELDS);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDefined(null);
    void define.go();
  };

  return (
    <form className="card side-form" onSubmit={submit} aria-labelledby="new-field-title" noValidate>
      <h2 id="new-field-title">Define a field</h2>
      <Field label="Applies to" error={errorFor('entity')}>
        <select value={entity} onChange={(e) => setEntity(e.target.value as typeof entity)}>
          {Object.entries(ENTITY_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Label" error={errorFor('label')} hint="As it will read on the job card or the customer profile">
        <input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={80} placeholder="e.g. Warranty until" />
      </Field>
      <Field label="Type" error={errorFor('type')}>
        <select value={type} onChange={(e) => setType(e.target.value as FieldType)}>
          {Object.entries(TYPE_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </Field>
      <SwitchField
        title="Track changes"
        label="Track changes to the new field"
        checked={track}
        onChange={setTrack}
        hint={track ? 'Every change to its values goes into the History' : 'Its values change without History rows until tracking is switched on'}
        error={errorFor('trackChanges')}
      />
      <SwitchField
        title="Personal data"
        label="The new field holds personal data"
        checked={personal}
        onChange={setPersonal}
        hint={personal ? 'Its values are cleared when their customer is erased (GDPR)' : 'Its values stay when a customer is erased, as invoices do'}
        error={errorFor('personal')}
      />
      {entity === 'booking' && (
        <SwitchField
          title="Fieldworker fills in"
          label="The assigned fieldworker fills in the new field"
          checked={fieldworkerFills}
          onChange={setFieldworkerFills}
          error={errorFor('fieldworkerFills')}
          hint={fieldworkerFills ? 'The assigned fieldworker sets it and records readings of it on their job card' : 'Only the office sets it'}
        />
      )}
      <ErrorNote message={general} />
      <div className="actions left">
        <button type="submit" className="primary" disabled={define.busy}>
          {define.busy ? 'Defining…' : 'Define field'}
        </button>
      </div>
      {defined && (
        <p className="ok" role="status">
          “{defined.label}” is now a field on every {defined.entity}.
        </p>
      )}
    </form>
  );
}

/** A yes/no setting of the new field: its switch, what the choice means, and a refusal that names it. */
function SwitchField({
  title,
  label,
  checked,
  onChange,
  hint,
  error,
}: {
  title: string;
  label: string;
  checked: boolean;
  onChange: (next: boolean) => void;
  hint: string;
  error?: string | null;
}) {
  return (
    <div className="field">
      <span className="switch-label">{title}</span>
      <span className="switch-cell">
        <Switch checked={checked} onChange={onChange} label={label} />
        <span className="hint">{hint}</span>
      </span>
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}
