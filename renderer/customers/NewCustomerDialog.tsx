// New customer: the profile's fields; on success the new profile opens.
import { useState } from 'react';
import { call } from '../api/client';
import { useAction, useApi } from '../api/useApi';
import { CustomerFields } from './CustomerFields';
import { createInput, EMPTY_DRAFT, PROFILE_FIELDS } from './customerDraft';
import { FormDialog } from './FormDialog';

export function NewCustomerDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (id: number) => void }) {
  const definitions = useApi('customFields.list', { entity: 'customer' });
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  const create = useAction(async () => onCreated((await call('customers.create', createInput(draft))).id));
  return (
    <FormDialog title="New customer" submit="Create customer" busyLabel="Creating…" action={create} fields={PROFILE_FIELDS} onClose={onClose} wide>
      {(errorFor) => <CustomerFields draft={draft} onChange={setDraft} errorFor={errorFor} definitions={definitions.data ?? []} autoFocus />}
    </FormDialog>
  );
}
