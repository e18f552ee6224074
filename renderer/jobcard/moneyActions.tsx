// The money steps of a job, as buttons that can sit wherever the question comes
// up: on the Timeline's open steps and in the Invoices list. Each is one contract
// call; those hard to take back ask first with the amount (ConfirmMoney), and the
// main process decides what is allowed and what is over the balance.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { ApiFailure, call } from '../api/client';
import { FormError, placeRefusal, useAction } from '../api/useApi';
import { ActionButton } from '../components/ActionButton';
import { Field } from '../components/Field';
import { formatMoney, moneyInput, parseMoney } from '../format';
import { useMay } from '../session';
import { ConfirmMoney, paymentWords } from './ConfirmMoney';
import { InvoiceDialog } from './InvoiceDialog';

type Done = () => Promise<void>;
/** What a payment's confirmation names. */
export interface PaymentFacts {
  id: number;
  amountCents: number;
  method: string;
}

/**
 * A button that opens its confirmation. The dialog goes to the page's body: a
 * button in a table row would otherwise give its dialog the row's styles.
 */
function Asking({ label, primary, danger, children }: { label: string; primary?: boolean; danger?: boolean; children: (close: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <span className="action">
      <button type="button" className={primary ? 'primary' : danger ? 'danger-quiet' : undefined} onClick={() => setOpen(true)}>
        {label}
      </button>
      {open &&
        createPortal(
          children(() => setOpen(false)),
          document.body,
        )}
    </span>
  );
}

export function CreateInvoiceButton({ bookingId, onDone }: { bookingId: number; onDone: Done }) {
  const may = useMay();
  if (!may('invoices.create')) return null;
  return <Asking label="Create invoice…">{(close) => <InvoiceDialog bookingId={bookingId} onDone={onDone} onClose={close} />}</Asking>;
}

export function SendInvoiceButton({ invoiceId, onDone, primary }: { invoiceId: number; onDone: Done; primary?: boolean }) {
  const may = useMay();
  if (!may('invoices.send')) return null;
  return <ActionButton label="Send invoice" busyLabel="Sending…" primary={primary} onDone={onDone} run={() => call('invoices.send', { id: invoiceId })} />;
}

export function VoidInvoiceButton({ invoice, onDone }: { invoice: { id: number; number: string; amountCents: number }; onDone: Done }) {
  const may = useMay();
  if (!may('invoices.void')) return null;
  return (
    <Asking label="Void…" danger>
      {(close) => (
        <ConfirmMoney
          title={`Void ${invoice.number} for ${formatMoney(invoice.amountCents)}?`}
          confirm="Void invoice"
          danger
          askReason
          run={(reason) => call('invoices.void', { id: invoice.id, reason: reason! })}
          onDone={onDone}
          onClose={close}
        >
          A void invoice is kept, with its History, but bills nothing and takes no payments.
        </ConfirmMoney>
      )}
    </Asking>
  );
}

/**
 * Approve a pending payment. Without the payment's facts (an older caller) the
 * question names it by number; the amount is on the row beside it.
 */
export function ApprovePaymentButton({
  paymentId,
  payment,
  invoiceNumber,
  onDone,
  primary,
}: {
  paymentId: number;
  payment?: PaymentFacts;
  invoiceNumber?: string | null;
  onDone: Done;
  primary?: boolean;
}) {
  const may = useMay();
  if (!may('payments.approve')) return null;
  const what = payment ? paymentWords(payment, invoiceNumber) : `payment #${paymentId}`;
  return (
    <Asking label="Approve" primary={primary}>
      {(close) => (
        <ConfirmMoney title={`Approve ${what}?`} confirm="Approve" run={() => call('payments.approve', { id: paymentId })} onDone={onDone} onClose={close}>
          Approved, it counts as paid on the invoice. Only approve money the office has.
        </ConfirmMoney>
      )}
    </Asking>
  );
}

export function RejectPaymentButton({ payment, invoiceNumber, onDone }: { payment: PaymentFacts; invoiceNumber?: string | null; onDone: Done }) {
  const may = useMay();
  if (!may('payments.reject')) return null;
  return (
    <Asking label="Reject…" danger>
      {(close) => (
        <ConfirmMoney
          title={`Reject ${paymentWords(payment, invoiceNumber)}?`}
          confirm="Reject payment"
          danger
          askReason
          run={(reason) => call('payments.reject', { id: payment.id, reason: reason! })}
          onDone={onDone}
          onClose={close}
        >
          It stays on the invoice as rejected, with your reason in the History, and no longer counts against the balance.
        </ConfirmMoney>
      )}
    </Asking>
  );
}

export function RefundPaymentButton({
  paymentId,
  payment,
  invoiceNumber,
  onDone,
}: {
  paymentId: number;
  payment?: PaymentFacts;
  invoiceNumber?: string | null;
  onDone: Done;
}) {
  const may = useMay();
  if (!may('payments.refund')) return null;
  const what = payment ? paymentWords(payment, invoiceNumber) : `payment #${paymentId}`;
  return (
    <Asking label="Refund…">
      {(close) => (
        <ConfirmMoney title={`Refund ${what}?`} confirm="Refund" danger run={() => call('payments.refund', { id: paymentId })} onDone={onDone} onClose={close}>
          The whole payment is given back and the invoice owes it again.
        </ConfirmMoney>
      )}
    </Asking>
  );
}

const METHODS = [
  ['card', 'Card'],
  ['cash', 'Cash'],
  ['check', 'Check'],
  ['bank_transfer', 'Bank transfer'],
] as const;
type Method = (typeof METHODS)[number][0];

/**
 * Logging a payment against a sent invoice. The amount starts at the balance due
 * the main process gave (invoice − approved − pending); an amount over it is
 * refused there, and this form then asks whether it is an overpayment.
 */
export function AddPaymentForm({
  invoiceId,
  invoiceNumber,
  owedCents,
  onDone,
}: {
  invoiceId: number;
  invoiceNumber?: string;
  owedCents: number;
  onDone: Done;
}) {
  const may = useMay();
  const [amount, setAmount] = useState(moneyInput(Math.max(owedCents, 0)));
  const [method, setMethod] = useState<Method>('card');
  const [over, setOver] = useState<{ amountCents: number; message: string } | null>(null);
  // A payment logged or approved elsewhere moves the balance: the amount follows it.
  useEffect(() => setAmount(moneyInput(Math.max(owedCents, 0))), [owedCents]);
  const log = async (amountCents: number, overpayment: boolean) => {
    await call('payments.add', { invoiceId, amountCents, method, ...(overpayment ? { overpayment } : {}) });
    await onDone();
  };
  const action = useAction(async () => {
    const amountCents = parseMoney(amount);
    if (amountCents === null || amountCents === 0) throw new FormError('Enter the amount paid, like 125.00.', 'amountCents');
    try {
      await log(amountCents, false);
    } catch (e) {
      // Over the balance: the main process said so; ask the person rather than show it as a failure.
      if (e instanceof ApiFailure && e.field === 'overpayment') {
        setOver({ amountCents, message: e.message });
        return;
      }
      throw e;
    }
  });
  if (!may('payments.add')) return null;
  const { errorFor, general } = placeRefusal(action.refusal, ['amountCents', 'method']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.go();
  };
  return (
    <>
      <form className="inline-form" onSubmit={submit} aria-label="Add payment">
        <Field label="Amount" error={errorFor('amountCents')}>
          <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} size={10} />
        </Field>
        <Field label="Method" error={errorFor('method')}>
          <select value={method} onChange={(e) => setMethod(e.target.value as Method)}>
            {METHODS.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className="primary" disabled={action.busy}>
          {action.busy ? 'Adding…' : 'Add payment'}
        </button>
        {general && (
          <span className="field-error" role="alert">
            {general}
          </span>
        )}
        <span className="muted small balance-due">
          {owedCents > 0 ? `Balance due ${formatMoney(owedCents)}` : 'Nothing is due: any payment now is an overpayment'}
        </span>
      </form>
      {over &&
        createPortal(
          <ConfirmMoney
            title={`Log ${paymentWords({ amountCents: over.amountCents, method }, invoiceNumber)} as an overpayment?`}
            confirm="Log overpayment"
            danger
            run={() => log(over.amountCents, true)}
            onDone={async () => {}}
            onClose={() => setOver(null)}
          >
            {over.message.replace(/ Confirm it as an overpayment to log it\.$/, '')} It will be recorded as an overpayment.
          </ConfirmMoney>,
          document.body,
        )}
    </>
  );
}
