// The money steps of a job, as buttons that can sit wherever the question comes
// up: on the Timeline's open steps and in the Invoices list. Each is one contract
// call; its refusal shows beside it.
import { useState, type FormEvent } from 'react';
import { call } from '../api/client';
import { FormError, placeRefusal, useAction } from '../api/useApi';
import { ActionButton } from '../components/ActionButton';
import { Field } from '../components/Field';
import { formatMoney, moneyInput, parseMoney } from '../format';
import { useMay } from '../session';

type Done = () => Promise<void>;

export function CreateInvoiceButton({ bookingId, onDone }: { bookingId: number; onDone: Done }) {
  const may = useMay();
  if (!may('invoices.create')) return null;
  return <ActionButton label="Create invoice" busyLabel="Creating…" onDone={onDone} run={() => call('invoices.create', { bookingId })} />;
}

export function SendInvoiceButton({ invoiceId, onDone, primary }: { invoiceId: number; onDone: Done; primary?: boolean }) {
  const may = useMay();
  if (!may('invoices.send')) return null;
  return <ActionButton label="Send invoice" busyLabel="Sending…" primary={primary} onDone={onDone}
    run={() => call('invoices.send', { id: invoiceId })} />;
}

export function ApprovePaymentButton({ paymentId, onDone, primary }: { paymentId: number; onDone: Done; primary?: boolean }) {
  const may = useMay();
  if (!may('payments.approve')) return null;
  return <ActionButton label="Approve" busyLabel="Approving…" primary={primary} onDone={onDone}
    run={() => call('payments.approve', { id: paymentId })} />;
}

export function RefundPaymentButton({ paymentId, onDone }: { paymentId: number; onDone: Done }) {
  const may = useMay();
  if (!may('payments.refund')) return null;
  return <ActionButton label="Refund" busyLabel="Refunding…" onDone={onDone} run={() => call('payments.refund', { id: paymentId })} />;
}

const METHODS = [['card', 'Card'], ['cash', 'Cash'], ['check', 'Check'], ['bank_transfer', 'Bank transfer']] as const;

/** Logging a payment against a sent invoice; the amount starts at what is still owed. */
export function AddPaymentForm({ invoiceId, owedCents, onDone }: { invoiceId: number; owedCents: number; onDone: Done }) {
  const may = useMay();
  const [amount, setAmount] = useState(moneyInput(Math.max(owedCents, 0)));
  const [method, setMethod] = useState<(typeof METHODS)[number][0]>('card');
  const action = useAction(async () => {
    const amountCents = parseMoney(amount);
    if (amountCents === null || amountCents === 0) throw new FormError('Enter the amount paid, like 125.00.', 'amountCents');
    await call('payments.add', { invoiceId, amountCents, method });
    await onDone();
  });
  if (!may('payments.add')) return null;
  const { errorFor, general } = placeRefusal(action.refusal, ['amountCents', 'method']);
  const submit = (e: FormEvent) => { e.preventDefault(); void action.go(); };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Add payment">
      <Field label="Amount" error={errorFor('amountCents')}>
        <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} size={10} />
      </Field>
      <Field label="Method" error={errorFor('method')}>
        <select value={method} onChange={(e) => setMethod(e.target.value as typeof method)}>
          {METHODS.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
        </select>
      </Field>
      <button type="submit" className="primary" disabled={action.busy}>{action.busy ? 'Adding…' : 'Add payment'}</button>
      {general && <span className="field-error" role="alert">{general}</span>}
      {owedCents > 0 && <span className="muted small">{formatMoney(owedCents)} still owed</span>}
    </form>
  );
}
