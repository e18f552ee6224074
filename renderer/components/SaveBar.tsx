// The foot of an edit form (job card details, customer profile): Save, Undo, and
// what saving did in the History's words, counting only what the History keeps.
import { plural } from '../format';
import type { CustomFieldDefinition } from './CustomFieldInput';

/** What a form's patch will write: every field, and each custom field, once. */
export function patchCounts(patch: { customFields?: Record<string, unknown> }, definitions: CustomFieldDefinition[]) {
  const { customFields = {}, ...fields } = patch;
  const custom = Object.keys(customFields);
  const untracked = custom.filter((id) => definitions.find((d) => String(d.id) === id)?.trackChanges === false).length;
  const all = Object.keys(fields).length + custom.length;
  return { all, kept: all - untracked };
}

export function savedText(counts: { all: number; kept: number }): string {
  return (
    `Saved. ${plural(counts.kept, 'field')} recorded in the History under your name` +
    (counts.all > counts.kept ? `; ${plural(counts.all - counts.kept, 'untracked field')} not recorded.` : '.')
  );
}

export function SaveBar({ busy, pending, saved, onUndo }: { busy: boolean; pending: number; saved: string | null; onUndo: () => void }) {
  return (
    <div className="actions left">
      <button type="submit" className="primary" disabled={busy || pending === 0}>
        {busy ? 'Saving…' : 'Save changes'}
      </button>
      <button type="button" disabled={busy || pending === 0} onClick={onUndo}>
        Undo edits
      </button>
      {saved ? (
        <span className="ok" role="status">
          {saved}
        </span>
      ) : (
        pending > 0 && <span className="muted">Unsaved changes</span>
      )}
    </div>
  );
}
