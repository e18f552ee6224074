// Asks why a change is made (or who asked for it), from the choices the main
// process accepts for that action, with a note beside it. What is chosen is
// recorded in each audit row of the change, so the words shown here are the
// words the History will show (electron/services/reasons.ts holds both).
import { REASON_WORDS, type ReasonCode } from '../../electron/services/reasons';
import { Field } from './Field';

export interface ReasonDraft<C extends ReasonCode = ReasonCode> {
  code: C | '';
  note: string;
}

export const emptyReason: ReasonDraft<never> = { code: '', note: '' };

/** Whether the draft can be sent: a choice, and a note when the choice is "other". */
export const reasonReady = (r: ReasonDraft): boolean => r.code !== '' && (r.code !== 'other' || r.note.trim() !== '');

/** The draft as the contract takes it (call once reasonReady). */
export const reasonInput = <C extends ReasonCode>(r: ReasonDraft<C>): { code: C; note: string | null } => ({ code: r.code as C, note: r.note.trim() || null });

export function ReasonPicker<C extends ReasonCode>({
  label,
  codes,
  value,
  onChange,
  error,
}: {
  label: string;
  codes: readonly C[];
  value: ReasonDraft<C>;
  onChange: (r: ReasonDraft<C>) => void;
  error?: string | null;
}) {
  return (
    <div className="reason-picker">
      <Field label={label} error={error}>
        <select required value={value.code} onChange={(e) => onChange({ ...value, code: e.target.value as C | '' })}>
          <option value="" disabled>
            Choose…
          </option>
          {codes.map((c) => (
            <option key={c} value={c}>
              {REASON_WORDS[c]}
            </option>
          ))}
        </select>
      </Field>
      <Field label={value.code === 'other' ? 'What happened (required)' : 'Note (optional)'}>
        <input
          type="text"
          maxLength={300}
          value={value.note}
          onChange={(e) => onChange({ ...value, note: e.target.value })}
          placeholder={value.code === 'customer' ? 'e.g. running late' : undefined}
        />
      </Field>
    </div>
  );
}
