// New booking: for a customer picked by name (or the one whose profile is open).
import { useCallback, useRef, useState, type FormEvent } from 'react';
import { call } from '../api/client';
import { placeRefusal, refusalOf, useApi, type Refusal } from '../api/useApi';
import { CustomerPicker, type PickedCustomer } from '../components/CustomerPicker';
import { filledValues } from '../components/CustomFieldInput';
import { Dialog } from '../components/Dialog';
import { ErrorNote } from '../components/states';
import { localDay } from '../format';
import { BookingFields } from './BookingFields';
import { draftFields, endFollowsStart, type BookingDraft } from './bookingDraft';
import { PropertyPicker, type PlaceChoice } from '../properties/PropertyPicker';
import type { PropertyListRow } from '../properties/propertyTypes';

const FIELDS = [
  'customerId',
  'propertyId',
  'unitId',
  'service',
  'scheduledStart',
  'scheduledEnd',
  'address',
  'fieldworkerId',
  'priceCents',
  'quoteId',
  'customFields',
];

export function NewBookingDialog({ customer: fixed, onClose, onCreated }: { customer?: PickedCustomer; onClose: () => void; onCreated: (id: number) => void }) {
  const fieldworkers = useApi('users.list', { role: 'fieldworker', includeInactive: false });
  const definitions = useApi('customFields.list', { entity: 'booking' });
  const [customer, setCustomer] = useState<PickedCustomer | null>(fixed ?? null);
  const tomorrow = localDay(1);
  const [draft, setDraft] = useState<BookingDraft>({
    service: '',
    address: '',
    start: `${tomorrow}T09:00`,
    end: `${tomorrow}T10:00`,
    fieldworkerId: '',
    price: '',
    status: 'scheduled',
    quoteId: '',
    customFields: {},
  });
  const length = useRef(60 * 60_000);
  const change = (next: BookingDraft) => {
    const followed = endFollowsStart(draft, next, length.current);
    length.current = followed.length;
    setDraft(followed.draft);
  };
  const [place, setPlace] = useState<PlaceChoice>({ propertyId: '', unitId: null });
  // The address follows the property chosen; a new address is typed.
  const [propertyAddress, setPropertyAddress] = useState<string | null>(null);
  const onProperty = useCallback((p: PropertyListRow | null) => {
    setPropertyAddress(p?.address ?? null);
    setDraft((d) => ({ ...d, address: p?.address ?? '' }));
  }, []);
  const pickCustomer = (c: PickedCustomer | null) => {
    setCustomer(c);
    setPlace({ propertyId: '', unitId: null });
  };
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const { errorFor, general } = placeRefusal(refusal, FIELDS);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setRefusal(null);
    if (!customer) {
      setRefusal({ message: 'Pick the customer the booking is for.', field: 'customerId' });
      return;
    }
    setBusy(true);
    try {
      const f = draftFields(draft);
      const customFields = filledValues(draft.customFields);
      const typed = draft.address.trim();
      const at =
        typeof place.propertyId === 'number'
          ? {
              propertyId: place.propertyId,
              ...(place.unitId ? { unitId: place.unitId } : {}),
              ...(typed && typed !== propertyAddress ? { address: typed } : {}),
            }
          : typed
            ? { address: typed }
            : {};
      const created = await call('bookings.create', {
        customerId: customer.id,
        service: f.service,
        scheduledStart: f.scheduledStart,
        scheduledEnd: f.scheduledEnd,
        priceCents: f.priceCents,
        fieldworkerId: f.fieldworkerId,
        ...at,
        ...(customFields ? { customFields } : {}),
      });
      onCreated(created.id);
    } catch (err) {
      setRefusal(refusalOf(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title="New booking" onClose={onClose} wide>
      <form onSubmit={submit} noValidate>
        {fixed ? (
          <p className="muted">
            For <strong>{fixed.name}</strong>
          </p>
        ) : (
          <CustomerPicker label="Customer" value={customer} onChange={pickCustomer} error={errorFor('customerId')} autoFocus />
        )}
        {customer && (
          <PropertyPicker key={customer.id} customerId={customer.id} value={place} onChange={setPlace} onProperty={onProperty} errorFor={errorFor} />
        )}
        <BookingFields
          draft={draft}
          onChange={change}
          errorFor={errorFor}
          fieldworkers={fieldworkers.data ?? []}
          definitions={definitions.data ?? []}
          withStatus={false}
        />
        <ErrorNote message={general} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create booking'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
