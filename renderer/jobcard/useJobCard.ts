// Everything a job card shows about one booking, read together and read again
// after each change made on the card (so the Timeline and History follow at once).
import { useCallback, useState } from 'react';
import { useApi } from '../api/useApi';
import { useMay } from '../session';

export function useJobCard(id: number) {
  const may = useMay();
  const booking = useApi('bookings.get', { id });
  const timeline = useApi('timeline.get', { bookingId: id });
  const money = useApi('invoices.list', { bookingId: id }, !may('invoices.list'));
  const payments = useApi('payments.list', { bookingId: id }, !may('payments.list'));
  const [version, setVersion] = useState(0);

  const { reload: reloadBooking } = booking;
  const { reload: reloadTimeline } = timeline;
  const { reload: reloadMoney } = money;
  const { reload: reloadPayments } = payments;
  const changed = useCallback(async () => {
    setVersion((v) => v + 1);
    await Promise.all([reloadBooking(), reloadTimeline(), may('invoices.list') ? reloadMoney() : null, may('payments.list') ? reloadPayments() : null]);
  }, [reloadBooking, reloadTimeline, reloadMoney, reloadPayments, may]);

  return { booking, timeline, invoices: money, payments, version, changed };
}

export type JobCardData = ReturnType<typeof useJobCard>;
