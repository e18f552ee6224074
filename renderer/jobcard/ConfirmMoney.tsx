// "Approve $110.00 cash payment on INV-001458?": every money step that is hard to
// take back asks first, naming the amount, and those a dispute turns on (reject,
// void) ask why. Enter confirms (the confirm button has the focus), Escape keeps it.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { FormError, placeRefusal, useAction } from '../api/useApi';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { formatMoney, humanize } from '../format';
import { CORRECTION_REASONS, REASON_WORDS } from '../../electron/services/reasons';

type Correction = (typeof CORRECTION_REASONS)[number];
export interface CorrectionReason {
  code: Correction;
  note: string | null;
}

/** "$110.00 cash payment on INV-001458": a payment as a sentence names it. */
export function paymentWords(p: { amountCents: number; method: string }, invoiceNumber?: string | null): string {
  return `${formatMoney(p.amountCents)} ${humanize(p.method).toLowerCase()} payment${invoiceNumber ? ` on ${invoiceNumber}` : ''}`;
}

export function ConfirmMoney({
  title,
  children,
  confirm,
  danger = false,
  askReason = false,
  run,
  onDone,
  onClose,
}: {
  title: string;
  children?: ReactNode;
  confirm: string;
  danger?: boolean;
  /** Ask why, from the correction reasons, before confirming. */
  askReason?: boolean;
  run: (reason: CorrectionReason | undefined) => Promise<unknown>;
  onDone: () => Promise<void>;
  onClose: () => void;
}) {
  const [code, setCode] = useState<Correction | ''>('');
  const [note, setNote] = useState('');
  // The dialog opens (showModal, in Dialog's effect, which runs first) with the focus on its Close button;
  // the question's own first control takes it: Enter confirms, or the reason is chosen by keyboard.
  const reasonRef = useRef<HTMLSelectElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => (askReason ? reasonRef.current : confirmRef.current)?.focus(), [askReason]);
  const action = useAction(async () => {
    if (askReason && !code) throw new FormError('Choose why.', 'reason.code');
    if (code === 'other' && !note.trim()) throw new FormError('Say what the reason is.', 'reason.note');
    await run(askReason && code ? { code, note: note.trim() || null } : undefined);
    onClose();
    await onDone();
  });
  const { errorFor, general } = placeRefusal(action.refusal, ['reason.code', 'reason.note']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.go();
  };
  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit} aria-label={title}>
        {children && <div className="confirm-text">{children}</div>}
        {askReason && (
          <>
            <Field label="Why" error={errorFor('reason.code')}>
              <select
                value={code}
                onChange={(e) => {
                  setCode(e.target.value as Correction);
                  action.clear();
                }}
                ref={reasonRef}
              >
                <option value="">Choose a reason…</option>
                {CORRECTION_REASONS.map((c) => (
                  <option key={c} value={c}>
                    {REASON_WORDS[c]}
                  </option>
                ))}
              </select>
            </Field>
            <Field
              label="Note"
              hint={code === 'other' ? 'Required for “Other”.' : 'Optional; kept with the reason in the History.'}
              error={errorFor('reason.note')}
            >
              <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={300} />
            </Field>
          </>
        )}
        {general && (
          <p className="error" role="alert">
            {general}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={onClose}>
            Keep it
          </button>
          <button type="submit" className={danger ? 'danger' : 'primary'} disabled={action.busy} ref={confirmRef}>
            {action.busy ? 'Working…' : confirm}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
