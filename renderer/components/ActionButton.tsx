// One button, one contract call: busy while it runs (so it cannot be sent twice),
// the refusal beside it. The job card's steps and money actions are all this.
import { useAction } from '../api/useApi';

export function ActionButton({
  label,
  busyLabel,
  run,
  onDone,
  primary = false,
}: {
  label: string;
  busyLabel: string;
  run: () => Promise<unknown>;
  onDone: () => Promise<void>;
  primary?: boolean;
}) {
  const action = useAction(async () => {
    await run();
    await onDone();
  });
  return (
    <span className="action">
      <button type="button" className={primary ? 'primary' : undefined} disabled={action.busy} onClick={() => void action.go()}>
        {action.busy ? busyLabel : label}
      </button>
      {action.refusal && (
        <span className="field-error" role="alert">
          {action.refusal.message}
        </span>
      )}
    </span>
  );
}
