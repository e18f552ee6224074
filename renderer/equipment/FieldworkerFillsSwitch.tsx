// Settings › Custom fields: whether the assigned fieldworker fills in a booking
// field on their job card (and records readings of it). Who may write a field is
// the administrator's decision; switching it is recorded in the field's History.
import { call } from '../api/client';
import { useAction } from '../api/useApi';
import { Switch } from '../settings/Switch';
import type { FieldDefinition } from '../settings/fieldLabels';

export function FieldworkerFillsSwitch({ field, canSwitch, onSwitched }: { field: FieldDefinition; canSwitch: boolean; onSwitched: () => void }) {
  const flip = useAction(async (on: boolean) => {
    await call('customFields.setFieldworkerFills', { id: field.id, fieldworkerFills: on });
    onSwitched();
  });
  if (field.entity !== 'booking') return <span className="muted small">Office only</span>;
  return (
    <span className="switch-cell">
      <Switch
        checked={field.fieldworkerFills}
        label={`${field.label} is filled in by the fieldworker`}
        disabled={!canSwitch}
        busy={flip.busy}
        onChange={(on) => void flip.go(on)}
      />
      {flip.refusal && (
        <span className="field-error" role="alert">
          {flip.refusal.message}
        </span>
      )}
    </span>
  );
}
