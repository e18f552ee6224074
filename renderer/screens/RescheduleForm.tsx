// Moving the appointment. The inputs are local wall-clock time; the contract gets
// instants with this computer's offset, so the History says exactly what was meant.
import { useEffect, useState, type FormEvent } from 'react';
import { call, messageOf } from '../api/client';
import { fromLocalInput, toLocalInput } from '../format';
import type { Booking } from '../types';

export function RescheduleForm({ booking, onSaved }: { booking: Booking; onSaved: () => Promise<void> }) {
  const [start, setStart] = useState(() => toLocalInput(booking.scheduledStart));
  const [end, setEnd] = useState(() => toLocalInput(booking.scheduledEnd));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setStart(toLocalInput(booking.scheduledStart));
    setEnd(toLocalInput(booking.scheduledEnd));
  }, [booking.scheduledStart, booking.scheduledEnd]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const scheduledStart = fromLocalInput(start);
    const scheduledEnd = fromLocalInput(end);
    if (!scheduledStart || !scheduledEnd) {
      setError('Enter both the new start and the new end.');
      return;
    }
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await call('bookings.reschedule', { id: booking.id, scheduledStart, scheduledEnd });
      setSaved(true);
      await onSaved();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="reschedule" onSubmit={submit} aria-labelledby="reschedule-title">
      <h3 id="reschedule-title">Reschedule</h3>
      <div className="row">
        <label>New start<input type="datetime-local" value={start} onChange={(e) => { setStart(e.target.value); setSaved(false); }} required /></label>
        <label>New end<input type="datetime-local" value={end} onChange={(e) => { setEnd(e.target.value); setSaved(false); }} required /></label>
        <button type="submit" className="primary" disabled={busy}>Reschedule</button>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {saved && !error && <p className="ok" role="status">Rescheduled; the change is in the History.</p>}
    </form>
  );
}
