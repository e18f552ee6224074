// Starting or completing a job long before its appointment is asked first ("This
// job is scheduled for Tue 15 Dec, 9:00. Start it now, 13 days early?"): a tap on
// the wrong job in the list would otherwise date the work to the wrong day. The
// main process refuses it unconfirmed too (EARLY_HOURS in bookingStatus.ts).
import { call } from '../api/client';
import { useAction } from '../api/useApi';
import { ConfirmDialog } from '../components/Dialog';
import { dateFormat, perFormats } from '../format';
import type { Booking } from '../types';
import { aheadWords } from '../../electron/services/bookingStatus';

const appointment = perFormats(() => dateFormat({ weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }));

export function EarlyStartDialog({
  booking: b,
  to,
  onClose,
  onDone,
}: {
  booking: Booking;
  to: 'in_progress' | 'completed';
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const run = useAction(async () => {
    await call('bookings.setStatus', { id: b.id, status: to, early: true });
    await onDone();
  });
  const ahead = aheadWords(Math.max(0, Date.parse(b.scheduledStart) - Date.now()));
  const starting = to === 'in_progress';
  return (
    <ConfirmDialog
      title={starting ? 'Start this job early?' : 'Complete this job early?'}
      confirm={starting ? 'Start it now' : 'Mark it completed now'}
      busy={run.busy}
      error={run.refusal?.message}
      onConfirm={() => void run.go()}
      onClose={onClose}
    >
      <p>
        This job is scheduled for <strong>{appointment().format(new Date(b.scheduledStart))}</strong>. {starting ? 'Start it now' : 'Mark it completed now'},{' '}
        {ahead} early?
      </p>
      <p className="muted">The History and the Timeline will show it {starting ? 'started' : 'completed'} today, ahead of its day.</p>
    </ConfirmDialog>
  );
}
