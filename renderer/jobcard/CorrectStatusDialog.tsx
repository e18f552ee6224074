// A manager's correction of a final status (a booking cancelled by mistake, a job
// marked completed too soon): the status table offers the way back, and the
// correction says why, in every audit row it writes.
import { useState } from 'react';
import { call } from '../api/client';
import { useAction } from '../api/useApi';
import { ConfirmDialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { emptyReason, reasonInput, reasonReady, ReasonPicker, type ReasonDraft } from '../components/ReasonPicker';
import type { Booking } from '../types';
import type { CORRECTION_REASONS } from '../../electron/services/reasons';
import { STATUS_WORDS } from '../../electron/services/bookingStatus';

type Code = (typeof CORRECTION_REASONS)[number];

export function CorrectStatusDialog({
  booking: b,
  choices,
  codes,
  onClose,
  onDone,
}: {
  booking: Booking;
  choices: Booking['status'][];
  codes: readonly Code[];
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const [to, setTo] = useState(choices[0]);
  const [reason, setReason] = useState<ReasonDraft<Code>>(emptyReason);
  const run = useAction(async () => {
    await call('bookings.setStatus', { id: b.id, status: to, reason: reasonInput(reason) });
    await onDone();
  });
  const reasonError = run.refusal?.field?.startsWith('reason') ? run.refusal.message : null;
  return (
    <ConfirmDialog
      title="Correct the status?"
      confirm="Correct status"
      busy={run.busy}
      ready={reasonReady(reason)}
      error={reasonError ? null : run.refusal?.message}
      onConfirm={() => void run.go()}
      onClose={onClose}
    >
      <p>
        {b.service} for {b.customerName} is {STATUS_WORDS[b.status]}. A correction is recorded as such, with its reason, beside the status it replaces.
      </p>
      <Field label="Set it back to">
        <select value={to} onChange={(e) => setTo(e.target.value as Booking['status'])}>
          {choices.map((s) => (
            <option key={s} value={s}>
              {STATUS_WORDS[s]}
            </option>
          ))}
        </select>
      </Field>
      <ReasonPicker label="Why?" codes={codes} value={reason} onChange={setReason} error={reasonError} />
    </ConfirmDialog>
  );
}
