// Settings › Custom fields: the extra fields of bookings and customers, and for
// each whether its changes are written to the audit trail. Switching that off is
// exactly what an auditor asks about, so the switch is itself recorded, asked
// first, and switching back on records what changed meanwhile (migration 0018).
import { useState } from 'react';
import type { ApiOutput } from '../../electron/api/contract';
import { call } from '../api/client';
import { useAction, useApi } from '../api/useApi';
import { ErrorNote, Loading } from '../components/states';
import { formatWhen, plural, utcTitle } from '../format';
import { routeHref } from '../router';
import { useMay } from '../session';
import { ENTITY_LABELS, TYPE_LABELS, type FieldDefinition } from './fieldLabels';
import { NewFieldForm } from './NewFieldForm';
import { Switch } from './Switch';
import { TrackingOffDialog } from './TrackingOffDialog';
import { FieldworkerFillsSwitch } from '../equipment/FieldworkerFillsSwitch';

type Switched = ApiOutput<'customFields.setTracking'>;

export function CustomFieldsTab() {
  const may = useMay();
  const [version, setVersion] = useState(0);
  const [switched, setSwitched] = useState<Switched | null>(null);
  const list = useApi('customFields.list', {}, false, version);
  const canSwitch = may('customFields.setTracking');
  const reload = () => setVersion((v) => v + 1);

  return (
    <div className={may('customFields.define') ? 'settings-split' : 'settings-single'}>
      <section className="card" aria-labelledby="fields-title">
        <h2 id="fields-title">Custom fields</h2>
        <p className="muted">
          Track changes: every change to the field's value is written to the History, with who, when, before and after. Switching tracking is recorded in the
          Audit log; switched back on, each value changed while it was off is recorded as ‘changed while not tracked’
          {canSwitch ? '' : '. Only an administrator can switch it or define new fields'}.
        </p>
        <ErrorNote message={list.error} />
        {!list.data && !list.error && <Loading what="Loading the custom fields" />}
        {list.data &&
          (['booking', 'customer'] as const).map((entity) => (
            <FieldTable
              key={entity}
              entity={entity}
              fields={list.data!.filter((f) => f.entity === entity)}
              canSwitch={canSwitch}
              onSwitched={(f) => {
                setSwitched(f);
                reload();
              }}
              onFills={() => {
                setSwitched(null);
                reload();
              }}
            />
          ))}
        {switched && <SwitchedNote switched={switched} />}
      </section>
      {may('customFields.define') && (
        <NewFieldForm
          onDefined={() => {
            setSwitched(null);
            reload();
          }}
        />
      )}
    </div>
  );
}

/** What the switch did, and where the rows it wrote are. */
function SwitchedNote({ switched: s }: { switched: Switched }) {
  const changed = s.trackChanges && s.changedWhileUntracked > 0;
  return (
    <p className="ok" role="status">
      Tracking of “{s.label}” switched {s.trackChanges ? 'on' : 'off'}, recorded in the Audit log under your name.
      {changed && (
        <>
          {' '}
          {plural(s.changedWhileUntracked, 'value')} changed while it was off {s.changedWhileUntracked === 1 ? 'is' : 'are'} now in the History as ‘changed
          while not tracked’.
        </>
      )}{' '}
      <a href={routeHref('audit', null, { hevent: changed ? 'changed while not tracked' : `tracking switched ${s.trackChanges ? 'on' : 'off'}` })}>
        See {changed ? 'them' : 'it'} in the Audit log
      </a>
    </p>
  );
}

function FieldTable({
  entity,
  fields,
  canSwitch,
  onSwitched,
  onFills,
}: {
  entity: FieldDefinition['entity'];
  fields: FieldDefinition[];
  canSwitch: boolean;
  onSwitched: (f: Switched) => void;
  onFills: () => void;
}) {
  return (
    <div className="field-group">
      <h3>{ENTITY_LABELS[entity]}</h3>
      {fields.length === 0 ? (
        <p className="muted small">No custom fields on {ENTITY_LABELS[entity].toLowerCase()} yet.</p>
      ) : (
        <table className="grid compact settings-table fields-table">
          <thead>
            <tr>
              <th>Field</th>
              <th>Type</th>
              <th>Track changes</th>
              <th>Filled in by the fieldworker</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <FieldRow key={f.id} field={f} canSwitch={canSwitch} onSwitched={onSwitched} onFills={onFills} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function FieldRow({
  field,
  canSwitch,
  onSwitched,
  onFills,
}: {
  field: FieldDefinition;
  canSwitch: boolean;
  onSwitched: (f: Switched) => void;
  onFills: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const flip = useAction(async (on: boolean) => {
    const switched = await call('customFields.setTracking', { id: field.id, trackChanges: on });
    setAsking(false);
    onSwitched(switched);
  });
  // Off is asked first (TrackingOffDialog); on is what the History wants, so it is done at once.
  const change = (on: boolean) => {
    flip.clear();
    if (on) void flip.go(true);
    else setAsking(true);
  };
  return (
    <tr className={field.trackChanges ? undefined : 'untracked'}>
      <td className="strong">
        {field.label}
        {field.personal && (
          <span className="badge" title="Cleared when its customer is erased">
            personal data
          </span>
        )}
      </td>
      <td>{TYPE_LABELS[field.type]}</td>
      <td>
        <span className="switch-cell">
          <Switch
            checked={field.trackChanges}
            label={`Track changes to ${field.label}`}
            disabled={!canSwitch}
            busy={flip.busy && !asking}
            asks={field.trackChanges}
            onChange={change}
          />
          {!field.trackChanges && !flip.refusal && (
            <span className="hint" title={utcTitle(field.untrackedSince)}>
              Not tracked since {formatWhen(field.untrackedSince)}: changes to its values are not recorded
            </span>
          )}
          {flip.refusal && !asking && (
            <span className="field-error" role="alert">
              {flip.refusal.message}
            </span>
          )}
        </span>
        {asking && (
          <TrackingOffDialog
            field={field}
            busy={flip.busy}
            error={flip.refusal?.message}
            onConfirm={() => void flip.go(false)}
            onClose={() => {
              setAsking(false);
              flip.clear();
            }}
          />
        )}
      </td>
      <td>
        <FieldworkerFillsSwitch field={field} canSwitch={canSwitch} onSwitched={onFills} />
      </td>
    </tr>
  );
}
