// Asked before a custom field's tracking goes off: what it means for the History,
// in the field's own name. Keeping tracking on has the focus, so Enter or Escape
// right away changes nothing; switching off takes a deliberate Tab or click.
import { Dialog } from '../components/Dialog';
import type { FieldDefinition } from './fieldLabels';

/**
 * The HTML attribute, which showModal() honours when it picks what to focus:
 * React's autoFocus focuses on mount, before Dialog opens the modal, so the modal
 * would then focus its first button (Close) instead.
 */
const autofocus = (el: HTMLButtonElement | null) => el?.setAttribute('autofocus', '');

export function TrackingOffDialog({
  field,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  field: FieldDefinition;
  busy: boolean;
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog title={`Switch off tracking of ${field.label}?`} onClose={onClose}>
      <div className="confirm-text">
        <p>
          Changes to {field.label} will not be recorded in the History until you switch tracking on again. Values changed meanwhile will be recorded as ‘changed
          while not tracked’ when you do.
        </p>
        <p className="muted">Switching it off is itself recorded in the Audit log, under your name.</p>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={onClose} ref={autofocus}>
          Keep tracking
        </button>
        <button type="button" className="danger" disabled={busy} onClick={onConfirm}>
          {busy ? 'Switching off…' : 'Switch tracking off'}
        </button>
      </div>
    </Dialog>
  );
}
