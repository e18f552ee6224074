// An on/off switch that says what it is to a screen reader (role="switch",
// aria-checked) and in words on screen, not by its colour alone. `asks`: flipping
// it opens a dialog that asks first, which a screen reader announces beforehand.
export function Switch({
  checked,
  onChange,
  label,
  disabled = false,
  busy = false,
  asks = false,
}: {
  checked: boolean;
  onChange: (next: boolean) => void;
  label: string;
  disabled?: boolean;
  busy?: boolean;
  asks?: boolean;
}) {
  return (
    // ARIA 1.2 lists aria-haspopup for buttons, not switches, but this switch is a <button> and screen
    // readers announce it there; axe-core still counts it global (test/e2e/tracking-switch.spec.ts).
    // eslint-disable-next-line jsx-a11y/role-supports-aria-props
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      aria-busy={busy || undefined}
      aria-haspopup={asks ? 'dialog' : undefined}
      className={checked ? 'switch on' : 'switch'}
      disabled={disabled || busy}
      onClick={() => onChange(!checked)}
    >
      <span className="switch-track" aria-hidden="true">
        <span className="switch-thumb" />
      </span>
      <span className="switch-text" aria-hidden="true">
        {busy ? 'Saving…' : checked ? 'On' : 'Off'}
      </span>
    </button>
  );
}
