// Setting someone's password (they forgot it, or it should change): typed twice,
// never shown again; the History records that it changed, never what it is.
import { useState, type FormEvent } from 'react';
import { call } from '../api/client';
import { placeRefusal, useAction } from '../api/useApi';
import { Dialog } from '../components/Dialog';
import { ErrorNote } from '../components/states';
import type { UserRowData } from './UserRow';
import { checkedPassword, NO_PASSWORD, PasswordFields } from './passwords';

export function PasswordDialog({ user, onDone, onClose }: { user: UserRowData; onDone: () => void; onClose: () => void }) {
  const [pair, setPair] = useState(NO_PASSWORD);
  const save = useAction(async () => {
    await call('users.setPassword', { id: user.id, password: checkedPassword(pair) });
    onDone();
  });
  const { errorFor, general } = placeRefusal(save.refusal, ['password', 'repeat']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.go();
  };
  return (
    <Dialog title={`Set a password for ${user.name}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <PasswordFields value={pair} onChange={setPair} errorFor={errorFor} labels={['New password', 'Repeat new password']} autoFocus />
        <p className="muted small">Tell {user.name} in person. The History records that the password changed, never the password.</p>
        <ErrorNote message={general} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={save.busy}>
            {save.busy ? 'Saving…' : 'Set password'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
