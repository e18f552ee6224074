// A dialog that is one form: Enter sends it, Escape or Cancel closes it, a
// refusal shows under the field it names, and one no field claims above the buttons.
import type { FormEvent, ReactNode } from 'react';
import { placeRefusal, type Refusal } from '../api/useApi';
import { Dialog } from '../components/Dialog';
import { ErrorNote } from '../components/states';

export function FormDialog({
  title,
  submit,
  busyLabel,
  action,
  fields,
  onClose,
  wide,
  children,
}: {
  title: ReactNode;
  submit: string;
  busyLabel: string;
  /** What sending does (from useAction): busy while it runs, its refusal after. */
  action: { go: () => Promise<unknown>; busy: boolean; refusal: Refusal | null };
  /** The fields the form shows, so a refusal about one of them shows under it. */
  fields: readonly string[];
  onClose: () => void;
  wide?: boolean;
  children: (errorFor: (field: string) => string | undefined) => ReactNode;
}) {
  const { errorFor, general } = placeRefusal(action.refusal, fields);
  const send = (e: FormEvent) => {
    e.preventDefault();
    void action.go();
  };
  return (
    <Dialog title={title} onClose={onClose} wide={wide}>
      <form onSubmit={send} noValidate>
        {children(errorFor)}
        <ErrorNote message={general} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={action.busy}>
            {action.busy ? busyLabel : submit}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
