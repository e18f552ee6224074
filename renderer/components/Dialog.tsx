// A modal on the native <dialog>: the browser keeps focus inside it and Escape closes it.
import { useEffect, useRef, type ReactNode } from 'react';

export function Dialog({ title, onClose, children, wide = false }: { title: ReactNode; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    // A control that asks for the focus by the HTML attribute (set by a ref once the dialog was open already) gets it now.
    d?.querySelector<HTMLElement>('[autofocus]')?.focus();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog wide' : 'dialog'}
      aria-labelledby="dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="dialog-head" ref={openAtOnce}>
        <h2 id="dialog-title">{title}</h2>
        <button type="button" className="quiet close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}

/**
 * Opens the dialog as soon as its first child is in the page, before the children
 * after it mount: React's autoFocus is a focus() call at mount, which only takes
 * inside a dialog already open (else a dialog opened from the keyboard left focus on ×).
 */
function openAtOnce(head: HTMLDivElement | null) {
  const d = head?.parentElement;
  if (d instanceof HTMLDialogElement && !d.open) d.showModal();
}

/** "Are you sure?" for what is hard to take back; the refusal, if any, shows inside it. */
export function ConfirmDialog({
  title,
  children,
  confirm,
  danger = false,
  busy,
  ready = true,
  error,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  confirm: string;
  danger?: boolean;
  busy: boolean;
  error?: string | null;
  /** False while the dialog still asks something (a reason): the confirm button waits for it. */
  ready?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog title={title} onClose={onClose}>
      <div className="confirm-text">{children}</div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={onClose}>
          Keep it
        </button>
        <button type="button" className={danger ? 'danger' : 'primary'} disabled={busy || !ready} onClick={onConfirm} autoFocus={ready}>
          {busy ? 'Working…' : confirm}
        </button>
      </div>
    </Dialog>
  );
}
