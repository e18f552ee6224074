// The booking's details: a form for those who may edit them (one Save is one
// action, so its fields read as one event in the History), a plain list for others.
import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../api/client';
import { placeRefusal, refusalOf, useApi, type Refusal } from '../api/useApi';
import { ErrorNote } from '../components/states';
import { CustomFieldDetails, type CustomFieldDefinition } from '../components/CustomFieldInput';
import { formatMoney, formatWhen, utcTitle } from '../format';
import { routeHref } from '../router';
import { useMay, useSession } from '../session';
import type { Booking } from '../types';
import { BookingFields } from '../bookings/BookingFields';
import { changedFields, draftOf, type BookingDraft } from '../bookings/bookingDraft';
import { SaveBar, patchCounts, savedText } from '../components/SaveBar';
import { StaleEditNotice, staleEditOf, versionOfSave } from '../components/StaleEditNotice';
import type { StaleEdit } from '../../electron/services/versions';
import { emptyReason, ReasonPicker, reasonInput, reasonReady, type ReasonDraft } from '../components/ReasonPicker';
import { ASKED_BY, CORRECTION_REASONS, isOneOf } from '../../electron/services/reasons';
import { nextStatuses } from '../../electron/services/bookingStatus';

type EditReason = (typeof ASKED_BY)[number] | (typeof CORRECTION_REASONS)[number];

const FIELDS = ['service', 'scheduledStart', 'scheduledEnd', 'address', 'fieldworkerId', 'priceCents', 'status', 'quoteId', 'customFields', 'reason'];

export function DetailsTab({ booking, onChanged }: { booking: Booking; onChanged: () => Promise<void> }) {
  const may = useMay();
  const definitions = useApi('customFields.list', { entity: 'booking' });
  const editable = may('bookings.update') && !booking.deletedAt;
  if (!editable) return <ReadOnlyDetails booking={booking} definitions={definitions.data ?? []} />;
  return <DetailsForm booking={booking} definitions={definitions.data ?? []} onChanged={onChanged} />;
}

type Definitions = CustomFieldDefinition[];

function DetailsForm({ booking, definitions, onChanged }: { booking: Booking; definitions: Definitions; onChanged: () => Promise<void> }) {
  const may = useMay();
  const { user } = useSession();
  const fieldworkers = useApi('users.list', { role: 'fieldworker', includeInactive: true });
  // Only the customer's quotes, for the Quote list: their whole activity would be read for nothing.
  const quotes = useApi('quotes.list', { customerId: booking.customerId }, !may('quotes.list'));
  const [draft, setDraft] = useState<BookingDraft>(() => draftOf(booking));
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Someone changed the booking after the form was opened: their change, and what to do about it.
  const [stale, setStale] = useState<StaleEdit | null>(null);
  // A change made elsewhere on the card (cancel, accept) shows in the form at once, with its version.
  useEffect(() => {
    setDraft(draftOf(booking));
    setStale(null);
  }, [booking]);
  const { errorFor, general } = placeRefusal(refusal, FIELDS);

  let pending: number;
  let edited: ReturnType<typeof changedFields> = {};
  try {
    edited = changedFields(booking, draft);
    pending = patchCounts(edited, definitions).all;
  } catch {
    pending = 1;
  } // half-typed: Save explains
  // A new time says who asked for it (a late-change fee rests on it); a new price, why (required once invoiced).
  const moved = 'scheduledStart' in edited || 'scheduledEnd' in edited;
  const repriced = 'priceCents' in edited;
  const [reason, setReason] = useState<ReasonDraft<EditReason>>(emptyReason);
  const reasonCodes: readonly EditReason[] = moved ? ASKED_BY : CORRECTION_REASONS;
  const asked = (moved || repriced) && reasonReady(reason) && isOneOf(reasonCodes, reason.code) ? { reason: reasonInput(reason) } : {};

  /** Saves the edits made on the booking as the form was opened; `anyway`, over the newer change the notice showed. */
  async function send(anyway: StaleEdit | null) {
    setRefusal(null);
    setSaved(null);
    setBusy(true);
    try {
      const patch = changedFields(booking, draft);
      await call('bookings.update', { id: booking.id, ...patch, ...asked, ...versionOfSave(booking.version, anyway) });
      setStale(null);
      setReason(emptyReason);
      await onChanged();
      setSaved(savedText(patchCounts(patch, definitions)));
    } catch (err) {
      const newer = staleEditOf(err);
      if (newer) setStale(newer);
      else setRefusal(refusalOf(err));
    } finally {
      setBusy(false);
    }
  }
  const save = (e: FormEvent) => {
    e.preventDefault();
    void send(null);
  };

  return (
    <form className="details-form" onSubmit={save} noValidate aria-label="Booking details">
      <BookingFields
        draft={draft}
        onChange={(d) => {
          setDraft(d);
          setSaved(null);
        }}
        errorFor={errorFor}
        fieldworkers={fieldworkers.data ?? []}
        definitions={definitions}
        withStatus
        statuses={[...new Set([booking.status, ...nextStatuses(user.role, booking.status, 'update').map((t) => t.to)])]}
        quotes={quotes.data}
      />
      {(moved || repriced) && (
        <ReasonPicker
          label={moved ? 'Who asked for the new time?' : 'Why does the price change?'}
          codes={reasonCodes}
          value={reason}
          onChange={(r) => {
            setReason(r);
            if (refusal?.field?.startsWith('reason')) setRefusal(null);
          }}
          error={errorFor('reason')}
        />
      )}
      <ErrorNote message={general} />
      {stale && <StaleEditNotice stale={stale} busy={busy} onReload={() => void onChanged()} onSaveAnyway={() => void send(stale)} />}
      <SaveBar
        busy={busy}
        pending={pending}
        saved={saved}
        onUndo={() => {
          setDraft(draftOf(booking));
          setRefusal(null);
          setStale(null);
          setReason(emptyReason);
        }}
      />
    </form>
  );
}

function ReadOnlyDetails({ booking: b, definitions }: { booking: Booking; definitions: Definitions }) {
  return (
    <dl className="details">
      <dt>Customer</dt>
      <dd>
        <a href={routeHref('customers', b.customerId)}>{b.customerName}</a>
      </dd>
      <dt>Service</dt>
      <dd>{b.service}</dd>
      <dt>Address</dt>
      <dd>{b.address}</dd>
      <dt>Starts</dt>
      <dd title={utcTitle(b.scheduledStart)}>{formatWhen(b.scheduledStart)}</dd>
      <dt>Ends</dt>
      <dd title={utcTitle(b.scheduledEnd)}>{formatWhen(b.scheduledEnd)}</dd>
      <dt>Fieldworker</dt>
      <dd>{b.fieldworkerName ?? <span className="muted">Unassigned</span>}</dd>
      {b.priceCents !== null && (
        <>
          <dt>Price</dt>
          <dd>{formatMoney(b.priceCents)}</dd>
        </>
      )}
      <dt>Quote</dt>
      <dd>{b.quoteNumber ?? <span className="muted">None</span>}</dd>
      <CustomFieldDetails definitions={definitions} values={b.customFields} />
    </dl>
  );
}
