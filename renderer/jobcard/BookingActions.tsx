// What can be done to the whole booking from its header: the assigned
// fieldworker's steps (accept, start, finish, no-show), cancel, a manager's
// correction of a final status, delete, restore. Only what the status table
// (electron/services/bookingStatus.ts) allows is offered; the main process checks
// it again. What is hard to undo asks first, with its reason; a refusal shows where it was asked.
import { useState } from 'react';
import { ApiFailure, call } from '../api/client';
import { useAction } from '../api/useApi';
import { ConfirmDialog } from '../components/Dialog';
import { emptyReason, reasonInput, reasonReady, ReasonPicker, type ReasonDraft } from '../components/ReasonPicker';
import { useMay, useSession } from '../session';
import type { Booking } from '../types';
import { ActionButton } from '../components/ActionButton';
import { BlockerList } from '../components/BlockerList';
import { formatWhen } from '../format';
import { bookingProofHref } from '../reports/reportRoutes';
import { CANCEL_REASONS, CORRECTION_REASONS, DELETE_REASONS } from '../../electron/services/reasons';
import { isEarly, nextStatuses } from '../../electron/services/bookingStatus';
import { EarlyStartDialog } from './EarlyStartDialog';
import { CorrectStatusDialog } from './CorrectStatusDialog';

type Step = 'in_progress' | 'completed';
type Confirming = 'cancel' | 'delete' | 'correct' | 'noShow' | { early: Step } | null;

export function BookingActions({ booking: b, onChanged }: { booking: Booking; onChanged: () => Promise<void> }) {
  const may = useMay();
  const { user } = useSession();
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [reason, setReason] = useState<ReasonDraft>(emptyReason);
  const run = useAction(async (what: 'cancel' | 'delete' | 'restore' | 'noShow') => {
    if (what === 'noShow') await call('bookings.setStatus', { id: b.id, status: 'no_show' });
    else if (what === 'cancel') await call('bookings.cancel', { id: b.id, reason: reasonInput(reason as ReasonDraft<(typeof CANCEL_REASONS)[number]>) });
    else if (what === 'delete') await call('bookings.delete', { id: b.id, reason: reasonInput(reason as ReasonDraft<(typeof DELETE_REASONS)[number]>) });
    else await call('bookings.restore', { id: b.id });
    setConfirming(null);
    await onChanged();
  });
  const mine = b.fieldworkerId === user.id;
  const next = nextStatuses(user.role, b.status);
  const can = (to: Booking['status']) => next.some((t) => t.to === to);
  const open = (c: Confirming) => {
    run.clear();
    setReason(emptyReason);
    setConfirming(c);
  };
  const close = () => setConfirming(null);
  // Starting or finishing long before the appointment asks first; so does a refusal
  // for it, should this computer's clock disagree with the main process's.
  const step = (to: Step) => async () => {
    if (isEarly(b.scheduledStart, Date.now())) return setConfirming({ early: to });
    try {
      await call('bookings.setStatus', { id: b.id, status: to });
    } catch (e) {
      if (e instanceof ApiFailure && e.field === 'early') return setConfirming({ early: to });
      throw e;
    }
  };
  const reasonError = run.refusal?.field?.startsWith('reason') ? run.refusal.message : null;
  // A deletion's blockers are listed with their links instead of the sentence that names the first.
  const dialogError = run.refusal && !reasonError && !run.refusal.blockers ? run.refusal.message : null;

  if (b.deletedAt) {
    return (
      <div className="head-actions">
        {may('reports.booking') && (
          <a className="button" href={bookingProofHref(b.id)}>
            Print proof
          </a>
        )}
        {may('bookings.restore') && (
          <button type="button" className="primary" disabled={run.busy} onClick={() => void run.go('restore')}>
            Restore booking
          </button>
        )}
        {run.refusal && (
          <span className="field-error" role="alert">
            {run.refusal.message}
          </span>
        )}
      </div>
    );
  }
  return (
    <div className="head-actions">
      {mine && can('accepted') && (
        <ActionButton label="Accept job" busyLabel="Accepting…" primary onDone={onChanged} run={() => call('bookings.accept', { id: b.id })} />
      )}
      {mine && can('in_progress') && <ActionButton label="Start work" busyLabel="Starting…" primary onDone={onChanged} run={step('in_progress')} />}
      {mine && can('no_show') && (
        <button type="button" onClick={() => open('noShow')}>
          Customer not there
        </button>
      )}
      {mine && can('completed') && <ActionButton label="Mark completed" busyLabel="Saving…" primary onDone={onChanged} run={step('completed')} />}
      {may('reports.booking') && (
        <a className="button" href={bookingProofHref(b.id)}>
          Print proof
        </a>
      )}
      {may('bookings.cancel') && can('cancelled') && (
        <button type="button" onClick={() => open('cancel')}>
          Cancel booking
        </button>
      )}
      {may('bookings.setStatus') && next.some((t) => t.needs?.includes('correctionReason')) && (
        <button type="button" onClick={() => open('correct')}>
          Correct status…
        </button>
      )}
      {may('bookings.delete') && (
        <button type="button" className="danger-quiet" onClick={() => open('delete')}>
          Delete
        </button>
      )}
      {confirming === 'cancel' && (
        <ConfirmDialog
          title="Cancel this booking?"
          confirm="Cancel booking"
          danger
          busy={run.busy}
          ready={reasonReady(reason)}
          error={dialogError}
          onConfirm={() => void run.go('cancel')}
          onClose={close}
        >
          <p>
            {b.service} for {b.customerName} will be marked cancelled. The History and the Timeline keep who cancelled it, when and why.
          </p>
          <ReasonPicker label="Why is it cancelled?" codes={CANCEL_REASONS} value={reason} onChange={setReason} error={reasonError} />
        </ConfirmDialog>
      )}
      {confirming === 'noShow' && (
        // A no-show fee rests on this one click: it says what it records before it does.
        <ConfirmDialog
          title="Record that the customer was not there?"
          confirm="Record no-show"
          busy={run.busy}
          error={run.refusal?.message}
          onConfirm={() => void run.go('noShow')}
          onClose={close}
        >
          <p>
            {b.service} for {b.customerName}, at {b.address}, scheduled {formatWhen(b.scheduledStart)}. It is recorded as a no-show now, under your name: the
            office may bill a no-show fee on it.
          </p>
        </ConfirmDialog>
      )}
      {confirming === 'correct' && (
        <CorrectStatusDialog
          booking={b}
          choices={next.filter((t) => t.needs?.includes('correctionReason')).map((t) => t.to)}
          codes={CORRECTION_REASONS}
          onClose={close}
          onDone={async () => {
            close();
            await onChanged();
          }}
        />
      )}
      {confirming === 'delete' && (
        <ConfirmDialog
          title="Delete this booking?"
          confirm="Delete booking"
          danger
          busy={run.busy}
          ready={reasonReady(reason)}
          error={dialogError}
          onConfirm={() => void run.go('delete')}
          onClose={close}
        >
          <p>
            {b.service} for {b.customerName} leaves the lists and waits in the recycle bin, where a manager can restore it, until its retention period is over;
            then it is removed for good. Its History stays.
          </p>
          <ReasonPicker label="Why delete it?" codes={DELETE_REASONS} value={reason} onChange={setReason} error={reasonError} />
          <BlockerList refusal={run.refusal} />
        </ConfirmDialog>
      )}
      {typeof confirming === 'object' && confirming !== null && (
        <EarlyStartDialog
          booking={b}
          to={confirming.early}
          onClose={close}
          onDone={async () => {
            close();
            await onChanged();
          }}
        />
      )}
    </div>
  );
}
