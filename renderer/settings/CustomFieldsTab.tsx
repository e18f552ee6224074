// Settings › Custom fields: the extra fields of bookings and customers, and for
// each whether its changes are written to the audit trail. Switching that off is
// exactly what an auditor asks about, so the switch is itself recorded.
import { useState } from 'react';
import { call } from '../api/client';
import { useAction, useApi } from '../api/useApi';
import { ErrorNote, Loading } from '../components/states';
import { routeHref } from '../router';
import { useMay } from '../session';
import { ENTITY_LABELS, TYPE_LABELS, type FieldDefinition } from './fieldLabels';
import { NewFieldForm } from './NewFieldForm';
import { Switch } from './Switch';

export function CustomFieldsTab() {
  const may = useMay();
  const [version, setVersion] = useState(0);
  const [switched, setSwitched] = useState<FieldDefinition | null>(null);
  const list = useApi('customFields.list', {}, false, version);
  const canSwitch = may('customFields.setTracking');
  const reload = () => setVersion((v) => v + 1);

  return (
    <div className={may('customFields.define') ? 'settings-split' : 'settings-single'}>
      <section className="card" aria-labelledby="fields-title">
        <h2 id="fields-title">Custom fields</h2>
        <p className="muted">Track changes: every change to the field's value is written to the History, with who, when, before
          and after. Switching tracking is recorded in the Audit log{canSwitch ? '' : '; only an administrator can switch it or define new fields'}.</p>
        <ErrorNote message={list.error} />
        {!list.data && !list.error && <Loading what="Loading the custom fields" />}
        {list.data && (['booking', 'customer'] as const).map((entity) => (
          <FieldTable key={entity} entity={entity} fields={list.data!.filter((f) => f.entity === entity)} canSwitch={canSwitch}
            onSwitched={(f) => { setSwitched(f); reload(); }} />
        ))}
        {switched && (
          <p className="ok" role="status">
            Tracking of “{switched.label}” switched {switched.trackChanges ? 'on' : 'off'}, recorded in the Audit log under your name.{' '}
            <a href={routeHref('audit', null, { hevent: `tracking switched ${switched.trackChanges ? 'on' : 'off'}` })}>See it in the Audit log</a>
          </p>
        )}
      </section>
      {may('customFields.define') && <NewFieldForm onDefined={() => { setSwitched(null); reload(); }} />}
    </div>
  );
}

function FieldTable({ entity, fields, canSwitch, onSwitched }: {
  entity: FieldDefinition['entity']; fields: FieldDefinition[]; canSwitch: boolean; onSwitched: (f: FieldDefinition) => void;
}) {
  return (
    <div className="field-group">
      <h3>{ENTITY_LABELS[entity]}</h3>
      {fields.length === 0 ? <p className="muted small">No custom fields on {ENTITY_LABELS[entity].toLowerCase()} yet.</p> : (
        <table className="grid compact settings-table fields-table">
          <thead><tr><th>Field</th><th>Type</th><th>Track changes</th></tr></thead>
          <tbody>
            {fields.map((f) => <FieldRow key={f.id} field={f} canSwitch={canSwitch} onSwitched={onSwitched} />)}
          </tbody>
        </table>
      )}
    </div>
  );
}

function FieldRow({ field, canSwitch, onSwitched }: { field: FieldDefinition; canSwitch: boolean; onSwitched: (f: FieldDefinition) => void }) {
  const flip = useAction(async (on: boolean) => onSwitched(await call('customFields.setTracking', { id: field.id, trackChanges: on })));
  return (
    <tr className={field.trackChanges ? undefined : 'untracked'}>
      <td className="strong">{field.label}</td>
      <td>{TYPE_LABELS[field.type]}</td>
      <td>
        <span className="switch-cell">
          <Switch checked={field.trackChanges} label={`Track changes to ${field.label}`} disabled={!canSwitch} busy={flip.busy}
            onChange={(on) => void flip.go(on)} />
          {!field.trackChanges && !flip.refusal && <span className="hint">Changes to its values are not recorded</span>}
          {flip.refusal && <span className="field-error" role="alert">{flip.refusal.message}</span>}
        </span>
      </td>
    </tr>
  );
}
