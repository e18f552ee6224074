// A property's equipment, a section of its page (renderer/properties/PropertyPage.tsx,
// which gives it its card and heading): each unit linking to its own page (its
// readings and History across every visit), and a form to add one.
import { useState, type FormEvent } from 'react';
import { call } from '../api/client';
import { placeRefusal, useAction, useApi } from '../api/useApi';
import { Field } from '../components/Field';
import { Empty, ErrorNote, Loading } from '../components/states';
import { formatDate } from '../format';
import { routeHref } from '../router';
import { useMay } from '../session';
import { unitName } from './JobReadings';
import './equipment.css';

export function PropertyEquipment({ propertyId, deleted = false }: { propertyId: number; deleted?: boolean }) {
  const may = useMay();
  const [version, setVersion] = useState(0);
  const units = useApi('equipment.list', { propertyId }, !may('equipment.list'), version);
  if (!may('equipment.list')) return null;
  return (
    <div className="property-equipment">
      <ErrorNote message={units.error} />
      {units.data === undefined ? (
        <Loading what="Loading the equipment" />
      ) : units.data.length === 0 ? (
        <Empty>No equipment recorded at this property.</Empty>
      ) : (
        <table className="grid compact" aria-label="Equipment at this property">
          <thead>
            <tr>
              <th>Unit</th>
              <th>Serial number</th>
              <th>Installed on</th>
              <th>Warranty until</th>
            </tr>
          </thead>
          <tbody>
            {units.data.map((u) => (
              <tr key={u.id}>
                <td>
                  <a href={routeHref('equipment', u.id)}>{unitName(u)}</a>
                </td>
                <td>{u.serialNumber ?? <span className="muted">—</span>}</td>
                <td>{u.installedOn ? formatDate(u.installedOn) : <span className="muted">—</span>}</td>
                <td>{u.warrantyUntil ? formatDate(u.warrantyUntil) : <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {may('equipment.add') && !deleted && <AddUnit propertyId={propertyId} onAdded={() => setVersion((v) => v + 1)} />}
    </div>
  );
}

const EMPTY = { kind: '', makeModel: '', serialNumber: '', installedOn: '', warrantyUntil: '' };

function AddUnit({ propertyId, onAdded }: { propertyId: number; onAdded: () => void }) {
  const [draft, setDraft] = useState(EMPTY);
  const add = useAction(async () => {
    await call('equipment.add', { propertyId, ...(Object.fromEntries(Object.entries(draft).map(([k, v]) => [k, v.trim()])) as typeof EMPTY) });
    setDraft(EMPTY);
    onAdded();
  });
  const { errorFor, general } = placeRefusal(add.refusal, Object.keys(EMPTY));
  const set = (f: keyof typeof EMPTY) => (e: { target: { value: string } }) => setDraft({ ...draft, [f]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void add.go();
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Add equipment" noValidate>
      <Field label="Kind" error={errorFor('kind')}>
        <input value={draft.kind} onChange={set('kind')} maxLength={60} placeholder="Furnace" />
      </Field>
      <Field label="Make and model" error={errorFor('makeModel')}>
        <input value={draft.makeModel} onChange={set('makeModel')} maxLength={120} />
      </Field>
      <Field label="Serial number" error={errorFor('serialNumber')}>
        <input value={draft.serialNumber} onChange={set('serialNumber')} maxLength={80} />
      </Field>
      <Field label="Installed on" error={errorFor('installedOn')}>
        <input type="date" value={draft.installedOn} onChange={set('installedOn')} />
      </Field>
      <Field label="Warranty until" error={errorFor('warrantyUntil')}>
        <input type="date" value={draft.warrantyUntil} onChange={set('warrantyUntil')} />
      </Field>
      <button type="submit" disabled={add.busy || !draft.kind.trim()}>
        {add.busy ? 'Adding…' : 'Add equipment'}
      </button>
      <ErrorNote message={general} />
    </form>
  );
}
