// What can be done to the whole booking from its header: the assigned
// fieldworker's steps (accept, start, finish, no-show), cancel, delete, restore.
// What is hard to undo asks first; a refusal shows where it was asked.
import { useState } from 'react';
import { call } from '../api/client';
import { useAction } from '../api/useApi';
import { ConfirmDialog } from '../components/Dialog';
import { useMay, useSession } from '../session';
import type { Booking } from '../types';
import { ActionButton } from '../components/ActionButton';
import { bookingProofHref } from '../reports/reportRoutes';

type Confirming = 'cancel' | 'delete' | null;

export function BookingActions({ booking: b, onChanged }: { booking: Booking; onChanged: () => Promise<void> }) {
  const may = useMay();
  const { user } = useSession();
  const [confirming, setConfirming] = useState<Confirming>(null);
  const run = useAction(async (what: 'cancel' | 'delete' | 'restore') => {
    if (what === 'cancel') await call('bookings.cancel', { id: b.id });
    else if (what === 'delete') await call('bookings.delete', { id: b.id });
    else await call('bookings.restore', { id: b.id });
    setConfirming(null);
    await onChanged();
  });
  const mine = b.fieldworkerId === user.id;
  const status = (to: 'in_progress' | 'completed' | 'no_show') => () => call('bookings.setStatus', { id: b.id, status: to });
  const open = (c: Confirming) => { run.clear(); setConfirming(c); };

  if (b.deletedAt) {
    return (
      <div className="head-actions">
        {may('reports.booking') && <a className="button" href={bookingProofHref(b.id)}>Print proof</a>}
        {may('bookings.restore') && <button type="button" className="primary" disabled={run.busy} onClick={() => void run.go('restore')}>Restore booking</button>}
        {run.refusal && <span className="field-error" role="alert">{run.refusal.message}</span>}
      </div>
    );
  }
  return (
    <div className="head-actions">
      {mine && (b.status === 'scheduled' || b.status === 'pending') && (
        <ActionButton label="Accept job" busyLabel="Accepting…" primary onDone={onChanged} run={() => call('bookings.accept', { id: b.id })} />
      )}
      {mine && b.status === 'accepted' && <ActionButton label="Start work" busyLabel="Starting…" primary onDone={onChanged} run={status('in_progress')} />}
      {mine && (b.status === 'accepted' || b.status === 'scheduled') && <ActionButton label="Customer not there" busyLabel="Saving…" onDone={onChanged} run={status('no_show')} />}
      {mine && b.status === 'in_progress' && <ActionButton label="Mark completed" busyLabel="Saving…" primary onDone={onChanged} run={status('completed')} />}
      {may('reports.booking') && <a className="button" href={bookingProofHref(b.id)}>Print proof</a>}
      {may('bookings.cancel') && b.status !== 'cancelled' && b.status !== 'completed' && (
        <button type="button" onClick={() => open('cancel')}>Cancel booking</button>
      )}
      {may('bookings.delete') && <button type="button" className="danger-quiet" onClick={() => open('delete')}>Delete</button>}
      {confirming === 'cancel' && (
        <ConfirmDialog title="Cancel this booking?" confirm="Cancel booking" danger busy={run.busy} error={run.refusal?.message}
          onConfirm={() => void run.go('cancel')} onClose={() => setConfirming(null)}>
          <p>{b.service} for {b.customerName} will be marked cancelled. The History keeps who cancelled it and when.</p>
        </ConfirmDialog>
      )}
      {confirming === 'delete' && (
        <ConfirmDialog title="Delete this booking?" confirm="Delete booking" danger busy={run.busy} error={run.refusal?.message}
          onConfirm={() => void run.go('delete')} onClose={() => setConfirming(null)}>
          <p>{b.service} for {b.customerName} leaves the lists but is kept, with its whole History. A manager can restore it.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
