// New quote: a draft for the customer, to be sent, accepted or declined later
// and linked to the booking that carries out the work.
import { useState } from 'react';
import { call } from '../api/client';
import { FormError, useAction } from '../api/useApi';
import { Field } from '../components/Field';
import { parseMoney } from '../format';
import { FormDialog } from './FormDialog';

export function NewQuoteDialog({
  customer,
  onClose,
  onCreated,
}: {
  customer: { id: number; name: string };
  onClose: () => void;
  onCreated: () => Promise<void>;
}) {
  const [title, setTitle] = useState('');
  const [amount, setAmount] = useState('');
  const create = useAction(async () => {
    const amountCents = parseMoney(amount);
    if (amountCents === null) throw new FormError('Enter the amount, like 1250.00.', 'amountCents');
    await call('quotes.create', { customerId: customer.id, title, amountCents });
    await onCreated();
  });
  return (
    <FormDialog
      title={`New quote — ${customer.name}`}
      submit="Create quote"
      busyLabel="Creating…"
      action={create}
      fields={['title', 'amountCents']}
      onClose={onClose}
    >
      {(errorFor) => (
        <div className="form-grid">
          <Field label="What it is for" error={errorFor('title')} className="span2">
            <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} required autoFocus placeholder="Replace 3-ton AC condenser" />
          </Field>
          <Field label="Amount" error={errorFor('amountCents')} hint="Starts as a draft; send it from the quote’s card.">
            <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="0.00" />
          </Field>
        </div>
      )}
    </FormDialog>
  );
}
