// Create invoice: what it bills (the full price, a part, a no-show or late-change
// fee), the amount and the line printed on it, confirmed with the amount on the
// button. On a no-show nothing is chosen for the person: a missed visit is never
// billed its whole price by a quick click. The main process checks it all again.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { call } from '../api/client';
import { FormError, placeRefusal, useAction, useApi } from '../api/useApi';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { ErrorNote, Loading } from '../components/states';
import { formatMoney, moneyInput, parseMoney } from '../format';
import type { ApiInput } from '../../electron/api/contract';

type Purpose = NonNullable<ApiInput<'invoices.create'>['purpose']>;
const PURPOSES: { value: Purpose; label: string; line: string; fee: boolean }[] = [
  { value: 'full', label: 'Full price', line: '', fee: false },
  { value: 'part', label: 'Part of the price', line: 'Part of ', fee: false },
  { value: 'no_show_fee', label: 'No-show fee', line: 'No-show fee: ', fee: true },
  { value: 'late_change_fee', label: 'Late-change fee', line: 'Late-change fee: ', fee: true },
];

export function InvoiceDialog({ bookingId, onDone, onClose }: { bookingId: number; onDone: () => Promise<void>; onClose: () => void }) {
  const booking = useApi('bookings.get', { id: bookingId });
  const b = booking.data;
  return (
    <Dialog title="Create invoice" onClose={onClose}>
      {!b ? (
        booking.error ? (
          <ErrorNote message={booking.error} />
        ) : (
          <Loading what="Reading the booking" />
        )
      ) : (
        <InvoiceForm booking={b} onDone={onDone} onClose={onClose} />
      )}
    </Dialog>
  );
}

function InvoiceForm({
  booking,
  onDone,
  onClose,
}: {
  booking: { id: number; service: string; priceCents: number | null; status: string };
  onDone: () => Promise<void>;
  onClose: () => void;
}) {
  // Whoever may invoice sees prices; a booking without one bills nothing by default.
  const b = { ...booking, priceCents: booking.priceCents ?? 0 };
  const missed = b.status === 'no_show';
  const cancelled = b.status === 'cancelled';
  const [purpose, setPurpose] = useState<Purpose | ''>(missed || cancelled ? '' : 'full');
  const [amount, setAmount] = useState(moneyInput(b.priceCents));
  const [line, setLine] = useState('');
  const chosen = PURPOSES.find((p) => p.value === purpose);
  // The choice takes the focus (the dialog gives it to its Close button): the arrow keys pick what to bill.
  const choices = useRef<HTMLFieldSetElement>(null);
  useEffect(() => choices.current?.querySelector<HTMLInputElement>('input:checked, input:not(:disabled)')?.focus(), []);
  const cents = purpose === 'full' ? b.priceCents : parseMoney(amount);
  const action = useAction(async () => {
    if (!chosen) throw new FormError('Choose what this invoice bills.', 'purpose');
    if (cents === null || cents === 0) throw new FormError('Enter the amount to bill, like 75.00.', 'amountCents');
    await call('invoices.create', {
      bookingId: b.id,
      purpose: chosen.value,
      ...(chosen.value === 'full' ? {} : { amountCents: cents }),
      line: line.trim() || null,
    });
    onClose();
    await onDone();
  });
  const { errorFor, general } = placeRefusal(action.refusal, ['purpose', 'amountCents', 'line']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.go();
  };
  const pick = (p: (typeof PURPOSES)[number]) => {
    setPurpose(p.value);
    if (p.value !== 'full' && parseMoney(amount) === b.priceCents) setAmount(p.fee ? '' : moneyInput(b.priceCents));
  };
  return (
    <form onSubmit={submit} aria-label="Create invoice">
      {missed && (
        <p className="notice" role="status">
          This booking was a no-show: choose whether to bill a fee, a part or the full price.
        </p>
      )}
      {cancelled && (
        <p className="notice" role="status">
          This booking was cancelled: only a fee can be billed for it.
        </p>
      )}
      <fieldset className="choices" ref={choices}>
        <legend>Bill for</legend>
        {PURPOSES.map((p) => (
          <label key={p.value}>
            <input type="radio" name="purpose" value={p.value} checked={purpose === p.value} onChange={() => pick(p)} disabled={cancelled && !p.fee} />
            {p.label}
            {p.value === 'full' && <span className="muted"> · {formatMoney(b.priceCents)}</span>}
          </label>
        ))}
        {errorFor('purpose') && <span className="field-error">{errorFor('purpose')}</span>}
      </fieldset>
      {purpose !== 'full' && (
        <Field label="Amount" error={errorFor('amountCents')} hint={purpose === 'part' ? `Of ${formatMoney(b.priceCents)}` : undefined}>
          <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} size={10} />
        </Field>
      )}
      <Field label="Line on the invoice" error={errorFor('line')} hint="What it is for; left empty, it says the service.">
        <input value={line} onChange={(e) => setLine(e.target.value)} maxLength={200} placeholder={`${chosen?.line ?? ''}${b.service}`} />
      </Field>
      {general && (
        <p className="error" role="alert">
          {general}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={onClose}>
          Keep it
        </button>
        <button type="submit" className="primary" disabled={action.busy || !chosen}>
          {action.busy ? 'Creating…' : chosen && cents ? `Create invoice for ${formatMoney(cents)}` : 'Create invoice'}
        </button>
      </div>
    </form>
  );
}
