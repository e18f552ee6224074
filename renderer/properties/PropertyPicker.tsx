// Where a new booking happens: one of the customer's properties (their first by
// default) and, when it has units, which one; or a new address, which the booking
// makes a property of theirs.
import { useEffect } from 'react';
import { useApi } from '../api/useApi';
import { Field } from '../components/Field';
import type { PropertyListRow } from './propertyTypes';

/** '' while the customer's properties load; 'new' for an address that is not one of them yet. */
export interface PlaceChoice {
  propertyId: number | 'new' | '';
  unitId: number | null;
}

export function PropertyPicker({
  customerId,
  value,
  onChange,
  onProperty,
  errorFor,
}: {
  customerId: number;
  value: PlaceChoice;
  onChange: (v: PlaceChoice) => void;
  /** The property chosen (its address goes into the form), or null for a new address. */
  onProperty: (p: PropertyListRow | null) => void;
  errorFor: (field: string) => string | undefined;
}) {
  const list = useApi('properties.list', { customerId });
  const properties = list.data ?? [];
  const chosen = properties.find((p) => p.id === value.propertyId) ?? null;
  // The first (or only) property, once they are known; none: the address typed makes the first.
  useEffect(() => {
    if (!list.data || value.propertyId !== '') return;
    const first = list.data[0] ?? null;
    onChange({ propertyId: first ? first.id : 'new', unitId: null });
    onProperty(first);
  }, [list.data, value.propertyId, onChange, onProperty]);
  const pick = (v: string) => {
    const p = properties.find((x) => String(x.id) === v) ?? null;
    onChange({ propertyId: p ? p.id : 'new', unitId: null });
    onProperty(p);
  };
  return (
    <div className="form-grid">
      <Field
        label="Property"
        error={errorFor('propertyId') ?? list.error}
        hint={chosen?.address ?? (value.propertyId === 'new' ? 'Type the address below: it becomes a property of theirs.' : undefined)}
      >
        <select value={value.propertyId === '' ? '' : String(value.propertyId)} onChange={(e) => pick(e.target.value)} disabled={!list.data}>
          {!list.data && <option value="">Loading…</option>}
          {properties.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
          {list.data && <option value="new">A new address…</option>}
        </select>
      </Field>
      {chosen && chosen.units.length > 0 && (
        <Field label="Unit" error={errorFor('unitId')}>
          <select value={value.unitId ?? ''} onChange={(e) => onChange({ ...value, unitId: e.target.value ? Number(e.target.value) : null })}>
            <option value="">The whole property</option>
            {chosen.units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </Field>
      )}
    </div>
  );
}
