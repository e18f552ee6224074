// An on/off switch that says what it is to a screen reader (role="switch",
// aria-checked) and in words on screen, not by its colour alone.
export function Switch({ checked, onChange, label, disabled = false, busy = false }: {
  checked: boolean; onChange: (next: boolean) => void; label: string; disabled?: boolean; busy?: boolean;
}) {
  return (
    <button type="button" role="switch" aria-checked={checked} aria-label={label} aria-busy={busy || undefined}
      className={checked ? 'switch on' : 'switch'} disabled={disabled || busy} onClick={() => onChange(!checked)}>
      <span className="switch-track" aria-hidden="true"><span className="switch-thumb" /></span>
      <span className="switch-text" aria-hidden="true">{busy ? 'Saving…' : checked ? 'On' : 'Off'}</span>
    </button>
  );
}
