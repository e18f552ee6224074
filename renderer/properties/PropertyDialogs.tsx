// Adding and editing a property, adding a unit, and giving a property to another
// customer (a change of owner or tenant): each one form, one action, one event in
// the History.
import { useState } from 'react';
import { call } from '../api/client';
import { FormError, useAction } from '../api/useApi';
import { CustomerPicker, type PickedCustomer } from '../components/CustomerPicker';
import { Field } from '../components/Field';
import { FormDialog } from '../customers/FormDialog';
import type { PropertyDetails } from './propertyTypes';

/** One unit a line: what an office pastes from a landlord's list. */
const unitLines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export function PropertyDialog({
  customer,
  property,
  onClose,
  onSaved,
}: {
  customer: { id: number; name: string };
  property?: PropertyDetails;
  onClose: () => void;
  onSaved: (id: number) => void | Promise<void>;
}) {
  const [name, setName] = useState(property?.name ?? '');
  const [address, setAddress] = useState(property?.address ?? '');
  const [accessNotes, setAccessNotes] = useState(property?.accessNotes ?? '');
  const [units, setUnits] = useState('');
  const save = useAction(async () => {
    if (property) {
      const patch = {
        ...(name !== property.name ? { name } : {}),
        ...(address !== property.address ? { address } : {}),
        ...(accessNotes !== (property.accessNotes ?? '') ? { accessNotes } : {}),
      };
      if (Object.keys(patch).length === 0) throw new FormError('Nothing has changed.', 'name');
      await call('properties.update', { id: property.id, ...patch });
      await onSaved(property.id);
    } else {
      const made = await call('properties.create', { customerId: customer.id, name, address, accessNotes, units: unitLines(units) });
      await onSaved(made.id);
    }
  });
  return (
    <FormDialog
      title={property ? `Edit ${property.name}` : `Add property — ${customer.name}`}
      submit={property ? 'Save' : 'Add property'}
      busyLabel="Saving…"
      action={save}
      fields={['name', 'address', 'accessNotes', 'units']}
      onClose={onClose}
      wide
    >
      {(errorFor) => (
        <div className="form-grid">
          <Field label="Name" error={errorFor('name')} hint="How the office calls it: “Harbour View”, “Home”.">
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} required autoFocus />
          </Field>
          <Field label="Address" error={errorFor('address')}>
            <input value={address} onChange={(e) => setAddress(e.target.value)} maxLength={300} required placeholder="20 Harbour St, Portsmouth" />
          </Field>
          <Field label="Access notes" error={errorFor('accessNotes')} className="span2" hint="Keys, gate codes, who lets the fieldworker in.">
            <textarea value={accessNotes} onChange={(e) => setAccessNotes(e.target.value)} maxLength={2000} rows={2} />
          </Field>
          {!property && (
            <Field label="Units" error={errorFor('units')} className="span2" hint="One a line (Flat 1, Flat 2…); leave empty for a house.">
              <textarea value={units} onChange={(e) => setUnits(e.target.value)} rows={3} />
            </Field>
          )}
        </div>
      )}
    </FormDialog>
  );
}

export function AddUnitDialog({ property, onClose, onAdded }: { property: { id: number; name: string }; onClose: () => void; onAdded: () => Promise<void> }) {
  const [name, setName] = useState('');
  const [notes, setNotes] = useState('');
  const add = useAction(async () => {
    await call('units.add', { propertyId: property.id, name, notes });
    await onAdded();
  });
  return (
    <FormDialog title={`Add a unit — ${property.name}`} submit="Add unit" busyLabel="Adding…" action={add} fields={['name', 'notes']} onClose={onClose}>
      {(errorFor) => (
        <div className="form-grid">
          <Field label="Unit" error={errorFor('name')}>
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required autoFocus placeholder="Flat 4B" />
          </Field>
          <Field label="Notes" error={errorFor('notes')}>
            <input value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={2000} />
          </Field>
        </div>
      )}
    </FormDialog>
  );
}

export function MovePropertyDialog({ property, onClose, onMoved }: { property: PropertyDetails; onClose: () => void; onMoved: () => Promise<void> }) {
  const [to, setTo] = useState<PickedCustomer | null>(null);
  const move = useAction(async () => {
    if (!to) throw new FormError('Pick the new owner or tenant.', 'customerId');
    await call('properties.move', { id: property.id, customerId: to.id });
    await onMoved();
  });
  return (
    <FormDialog
      title={`Change the customer of ${property.name}`}
      submit="Change customer"
      busyLabel="Changing…"
      action={move}
      fields={['customerId']}
      onClose={onClose}
    >
      {(errorFor) => (
        <>
          <p className="muted">
            Now {property.customerName}’s. The property keeps its History and its bookings; bookings made for {property.customerName} stay theirs.
          </p>
          <CustomerPicker label="New owner or tenant" value={to} onChange={setTo} error={errorFor('customerId')} autoFocus />
        </>
      )}
    </FormDialog>
  );
}
