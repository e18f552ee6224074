// A new password, typed twice: a typo in a password nobody can read back would
// lock its owner out, so the form checks the two agree before asking.
import { FormError } from '../api/useApi';
import { Field } from '../components/Field';

export const MIN_PASSWORD = 8;

export interface PasswordPair {
  password: string;
  repeat: string;
}
export const NO_PASSWORD: PasswordPair = { password: '', repeat: '' };

/** The password to send, or a FormError naming the field to fix. */
export function checkedPassword(p: PasswordPair): string {
  if (p.password.length < MIN_PASSWORD) throw new FormError(`Use at least ${MIN_PASSWORD} characters.`, 'password');
  if (p.password !== p.repeat) throw new FormError('The two passwords differ: type the same one twice.', 'repeat');
  return p.password;
}

export function PasswordFields({
  value,
  onChange,
  errorFor,
  labels = ['Password', 'Repeat password'],
  autoFocus,
}: {
  value: PasswordPair;
  onChange: (p: PasswordPair) => void;
  errorFor: (field: string) => string | undefined;
  labels?: [string, string];
  autoFocus?: boolean;
}) {
  return (
    <>
      <Field label={labels[0]} error={errorFor('password')} hint={`At least ${MIN_PASSWORD} characters`}>
        <input
          type="password"
          autoComplete="new-password"
          value={value.password}
          autoFocus={autoFocus}
          onChange={(e) => onChange({ ...value, password: e.target.value })}
        />
      </Field>
      <Field label={labels[1]} error={errorFor('repeat')}>
        <input type="password" autoComplete="new-password" value={value.repeat} onChange={(e) => onChange({ ...value, repeat: e.target.value })} />
      </Field>
    </>
  );
}
