// What can be started from a customer's profile: a booking, an inquiry, a quote
// for them; for managers, delete and restore; for administrators, erase (GDPR).
// A refusal shows where it was asked.
import { useState } from 'react';
import { call } from '../api/client';
import { useAction } from '../api/useApi';
import { BlockerList } from '../components/BlockerList';
import { ConfirmDialog } from '../components/Dialog';
import { emptyReason, ReasonPicker, reasonInput, reasonReady, type ReasonDraft } from '../components/ReasonPicker';
import { DELETE_REASONS } from '../../electron/services/reasons';
import { NewBookingDialog } from '../bookings/NewBookingDialog';
import { navigate, routeHref } from '../router';
import { accessReportHref } from '../reports/reportRoutes';
import { useMay } from '../session';
import type { Customer } from './customerDraft';
import { NewQuoteDialog } from './NewQuoteDialog';
import { RecordInquiryDialog } from './RecordInquiryDialog';
import { EraseCustomerDialog } from './EraseCustomerDialog';
import { useCommand } from '../shell/commands';

type Open = 'booking' | 'inquiry' | 'quote' | 'delete' | 'erase' | null;

export function ProfileActions({ customer: c, onChanged, onShowActivity }: { customer: Customer; onChanged: () => Promise<void>; onShowActivity: () => void }) {
  const may = useMay();
  const [open, setOpen] = useState<Open>(null);
  // File › New booking on a profile books for this customer.
  useCommand('file.newBooking', () => setOpen('booking'), may('bookings.create'));
  const [reason, setReason] = useState<ReasonDraft<(typeof DELETE_REASONS)[number]>>(emptyReason);
  const close = () => setOpen(null);
  const run = useAction(async (what: 'delete' | 'restore') => {
    if (what === 'delete') await call('customers.delete', { id: c.id, reason: reasonInput(reason) });
    else await call('customers.restore', { id: c.id });
    close();
    await onChanged();
  });
  // A new inquiry or quote is shown where it now lives.
  const added = async () => {
    close();
    onShowActivity();
    await onChanged();
  };
  const picked = { id: c.id, name: c.name };
  // Erased once: the service refuses a second time, so the action is not offered.
  // The dialog stays open on its summary once the profile has reloaded under the new name.
  const erasing = (
    <>
      {may('customers.erase') && c.name !== `Erased customer #${c.id}` && (
        <button type="button" className="danger-quiet" onClick={() => setOpen('erase')}>
          Erase customer…
        </button>
      )}
      {open === 'erase' && <EraseCustomerDialog customer={picked} onClose={close} onErased={onChanged} />}
    </>
  );

  if (c.deletedAt) {
    return (
      <div className="head-actions">
        {may('customers.restore') && (
          <button type="button" className="primary" disabled={run.busy} onClick={() => void run.go('restore')}>
            {run.busy ? 'Restoring…' : 'Restore customer'}
          </button>
        )}
        {erasing}
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
      {may('bookings.create') && (
        <button type="button" className="primary" onClick={() => setOpen('booking')}>
          New booking
        </button>
      )}
      {may('inquiries.record') && (
        <button type="button" onClick={() => setOpen('inquiry')}>
          Record inquiry
        </button>
      )}
      {may('quotes.create') && (
        <button type="button" onClick={() => setOpen('quote')}>
          New quote
        </button>
      )}
      {may('reports.customer') && (
        <a className="button" href={accessReportHref(c.id)}>
          Access report
        </a>
      )}
      {may('customers.delete') && (
        <button
          type="button"
          className="danger-quiet"
          onClick={() => {
            run.clear();
            setReason(emptyReason);
            setOpen('delete');
          }}
        >
          Delete
        </button>
      )}
      {erasing}
      {open === 'booking' && <NewBookingDialog customer={picked} onClose={close} onCreated={(id) => navigate(routeHref('bookings', id))} />}
      {open === 'inquiry' && <RecordInquiryDialog customer={picked} onClose={close} onRecorded={added} />}
      {open === 'quote' && <NewQuoteDialog customer={picked} onClose={close} onCreated={added} />}
      {open === 'delete' && (
        <ConfirmDialog
          title="Delete this customer?"
          confirm="Delete customer"
          danger
          busy={run.busy}
          ready={reasonReady(reason)}
          error={run.refusal?.field === 'reason' || run.refusal?.blockers ? null : run.refusal?.message}
          onConfirm={() => void run.go('delete')}
          onClose={close}
        >
          <p>
            {c.name} leaves the customer lists and waits in the recycle bin with their bookings, where a manager can restore them, until the retention period is
            over; then they are removed for good. Their History stays.
          </p>
          <ReasonPicker
            label="Why delete them?"
            codes={DELETE_REASONS}
            value={reason}
            onChange={setReason}
            error={run.refusal?.field?.startsWith('reason') ? run.refusal.message : null}
          />
          <BlockerList refusal={run.refusal} />
        </ConfirmDialog>
      )}
    </div>
  );
}
