// Notes on the job: what the office and the fieldworker want the next person to know.
import { useState, type FormEvent } from 'react';
import { call } from '../api/client';
import { placeRefusal, useAction, useApi } from '../api/useApi';
import { Field } from '../components/Field';
import { Empty, ErrorNote, Loading } from '../components/states';
import { formatWhen, utcTitle } from '../format';
import { useMay, useSession } from '../session';

export function NotesTab({
  bookingId,
  fieldworkerId,
  deleted,
  version,
  onChanged,
}: {
  bookingId: number;
  fieldworkerId: number | null;
  deleted: boolean;
  version: number;
  onChanged: () => Promise<void>;
}) {
  const may = useMay();
  const { user } = useSession();
  const notes = useApi('notes.list', { bookingId }, false, version);
  const [body, setBody] = useState('');
  const add = useAction(async () => {
    await call('notes.add', { bookingId, body });
    setBody('');
    await onChanged();
  });
  const { errorFor, general } = placeRefusal(add.refusal, ['body']);
  const mayAdd = may('notes.add') && !deleted && (user.role !== 'fieldworker' || fieldworkerId === user.id);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void add.go();
  };
  return (
    <div className="notes">
      {mayAdd && (
        <form className="note-form" onSubmit={submit} aria-label="Add a note">
          <Field label="New note" error={errorFor('body')}>
            <textarea
              rows={2}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              maxLength={4000}
              placeholder="Gate code changed, dog in the yard, parts ordered…"
            />
          </Field>
          <button type="submit" className="primary" disabled={add.busy || !body.trim()}>
            {add.busy ? 'Adding…' : 'Add note'}
          </button>
          <ErrorNote message={general} />
        </form>
      )}
      <ErrorNote message={notes.error} />
      {notes.data === undefined ? (
        <Loading what="Loading notes" />
      ) : notes.data.length === 0 ? (
        <Empty>No notes on this booking yet.</Empty>
      ) : (
        <ul className="note-list">
          {notes.data.map((n) => (
            <li key={n.id}>
              <div className="note-meta">
                <strong>{n.authorName ?? 'Someone outside JobTrail'}</strong>
                <span className="muted" title={utcTitle(n.createdAt)}>
                  {' '}
                  · {formatWhen(n.createdAt)}
                </span>
              </div>
              <p className="note-body">{n.body}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
