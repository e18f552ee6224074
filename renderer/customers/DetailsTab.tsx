// The customer's profile: a form for those who may edit it (one Save is one
// action, so its fields read as one event in the History), a plain list for
// others; beside it, where the customer stands with the office.
import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../api/client';
import { placeRefusal, useAction, useApi } from '../api/useApi';
import { CustomFieldDetails, type CustomFieldDefinition } from '../components/CustomFieldInput';
import { SaveBar, patchCounts, savedText } from '../components/SaveBar';
import { StaleEditNotice, staleEditOf, versionOfSave } from '../components/StaleEditNotice';
import type { StaleEdit } from '../../electron/services/versions';
import { ErrorNote } from '../components/states';
import { useMay } from '../session';
import { AtAGlance } from './AtAGlance';
import { CustomerFields } from './CustomerFields';
import { changedFields, draftOf, PROFILE_FIELDS, type Customer, type CustomerActivity, type CustomerDraft } from './customerDraft';

export function DetailsTab({ customer, activity, onChanged }: { customer: Customer; activity: CustomerActivity | undefined; onChanged: () => Promise<void> }) {
  const may = useMay();
  const definitions = useApi('customFields.list', { entity: 'customer' }).data ?? [];
  const editable = may('customers.update') && !customer.deletedAt;
  return (
    <div className="customer-details">
      {editable ? (
        <ProfileForm customer={customer} definitions={definitions} onChanged={onChanged} />
      ) : (
        <ReadOnlyProfile customer={customer} definitions={definitions} />
      )}
      {activity && <AtAGlance customer={customer} activity={activity} />}
    </div>
  );
}

function ProfileForm({ customer, definitions, onChanged }: { customer: Customer; definitions: CustomFieldDefinition[]; onChanged: () => Promise<void> }) {
  const [draft, setDraft] = useState<CustomerDraft>(() => draftOf(customer));
  const [saved, setSaved] = useState<string | null>(null);
  // Someone changed the customer after the form was opened: their change, and what to do about it.
  const [stale, setStale] = useState<StaleEdit | null>(null);
  // A change made elsewhere (a restore, another tab) shows in the form at once, with its version.
  useEffect(() => {
    setDraft(draftOf(customer));
    setStale(null);
  }, [customer]);
  /** Saves the edits made on the profile as the form was opened; `anyway`, over the newer change the notice showed. */
  const save = useAction(async (anyway: StaleEdit | null) => {
    setSaved(null);
    const patch = changedFields(customer, draft);
    try {
      await call('customers.update', { id: customer.id, ...patch, ...versionOfSave(customer.version, anyway) });
    } catch (err) {
      const newer = staleEditOf(err);
      if (!newer) throw err;
      setStale(newer);
      return;
    }
    setStale(null);
    await onChanged();
    setSaved(savedText(patchCounts(patch, definitions)));
  });
  const { errorFor, general } = placeRefusal(save.refusal, PROFILE_FIELDS);
  let pending: number;
  try {
    pending = patchCounts(changedFields(customer, draft), definitions).all;
  } catch {
    pending = 1;
  } // no name: Save explains

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.go(null);
  };
  const undo = () => {
    setDraft(draftOf(customer));
    save.clear();
    setStale(null);
  };
  return (
    <form className="details-form" onSubmit={submit} noValidate aria-label="Customer details">
      <CustomerFields
        draft={draft}
        onChange={(d) => {
          setDraft(d);
          setSaved(null);
        }}
        errorFor={errorFor}
        definitions={definitions}
      />
      <ErrorNote message={general} />
      {stale && <StaleEditNotice stale={stale} busy={save.busy} onReload={() => void onChanged()} onSaveAnyway={() => void save.go(stale)} />}
      <SaveBar busy={save.busy} pending={pending} saved={saved} onUndo={undo} />
    </form>
  );
}

const orEmpty = (v: string | null | undefined) => v || <span className="muted">(empty)</span>;

function ReadOnlyProfile({ customer: c, definitions }: { customer: Customer; definitions: CustomFieldDefinition[] }) {
  // A fieldworker is given no email (the visit needs the phone): no row, rather than one that reads "(empty)".
  const office = useMay()('customers.update');
  return (
    <dl className="details profile-list">
      <dt>Phone</dt>
      <dd>{c.phone ? <a href={`tel:${c.phone}`}>{c.phone}</a> : orEmpty(null)}</dd>
      {office && (
        <>
          <dt>Email</dt>
          <dd>{c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : orEmpty(null)}</dd>
        </>
      )}
      <dt>Address</dt>
      <dd>{orEmpty(c.address)}</dd>
      <CustomFieldDetails definitions={definitions} values={c.customFields} />
      <dt>Notes</dt>
      <dd className="note-body">{orEmpty(c.notes)}</dd>
    </dl>
  );
}
