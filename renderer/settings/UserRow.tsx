// One user in Settings › Users, with what an administrator can do to them. Each
// refusal (the last administrator, above all) shows beside the control that asked.
import { useEffect, useState } from 'react';
import type { ApiOutput } from '../../electron/api/contract';
import { call } from '../api/client';
import { useAction } from '../api/useApi';
import { ConfirmDialog } from '../components/Dialog';
import { StatusBadge } from '../components/StatusBadge';
import { formatDate, humanize, utcTitle } from '../format';
import { ROLE_ORDER, roleInWords, type Role } from '../roles';
import { useMay } from '../session';
import { PasswordDialog } from './PasswordDialog';

export type UserRowData = ApiOutput<'users.list'>[number];

export function UserRow({ user, me, onChanged }: { user: UserRowData; me: boolean; onChanged: (notice: string, own?: boolean) => Promise<void> | void }) {
  const may = useMay();
  const [role, setRole] = useState<Role>(user.role);
  useEffect(() => setRole(user.role), [user.role]);
  const [dialog, setDialog] = useState<'deactivate' | 'password' | null>(null);
  const saveRole = useAction(async () => {
    const u = await call('users.changeRole', { id: user.id, role });
    await onChanged(`${u.name} is now ${roleInWords(u.role)}.`, me);
  });
  const setActive = useAction(async (active: boolean) => {
    const u = await call('users.setActive', { id: user.id, active });
    setDialog(null);
    await onChanged(u.active ? `${u.name} can sign in again.` : `${u.name} is deactivated and can no longer sign in.`, me);
  });
  const roleChanged = role !== user.role;

  return (
    <tr className={user.active ? undefined : 'inactive'}>
      <td className="strong">
        {user.name}
        {me && <span className="you">you</span>}
      </td>
      <td>
        <span className="role-cell">
          <select
            aria-label={`Role of ${user.name}`}
            value={role}
            disabled={!may('users.changeRole') || saveRole.busy}
            aria-invalid={saveRole.refusal ? true : undefined}
            onChange={(e) => {
              setRole(e.target.value as Role);
              saveRole.clear();
            }}
          >
            {ROLE_ORDER.map((r) => (
              <option key={r} value={r}>
                {humanize(r)}
              </option>
            ))}
          </select>
          {roleChanged && (
            <>
              <button type="button" className="primary" disabled={saveRole.busy} onClick={() => void saveRole.go()}>
                {saveRole.busy ? 'Saving…' : 'Save role'}
              </button>
              <button
                type="button"
                className="quiet"
                onClick={() => {
                  setRole(user.role);
                  saveRole.clear();
                }}
              >
                Undo
              </button>
            </>
          )}
        </span>
        {saveRole.refusal && (
          <span className="field-error" role="alert">
            {saveRole.refusal.message}
          </span>
        )}
      </td>
      <td>
        <StatusBadge status={user.active ? 'active' : 'deactivated'} />
      </td>
      <td className="nowrap" title={utcTitle(user.createdAt)}>
        {formatDate(user.createdAt)}
      </td>
      <td>
        <span className="row-actions">
          {may('users.setPassword') && (
            <button type="button" onClick={() => setDialog('password')}>
              Set password…
            </button>
          )}
          {may('users.setActive') &&
            (user.active ? (
              <button
                type="button"
                className="danger-quiet"
                onClick={() => {
                  setActive.clear();
                  setDialog('deactivate');
                }}
              >
                Deactivate…
              </button>
            ) : (
              <button type="button" disabled={setActive.busy} onClick={() => void setActive.go(true)}>
                Reactivate
              </button>
            ))}
        </span>
        {!user.active && setActive.refusal && (
          <span className="field-error" role="alert">
            {setActive.refusal.message}
          </span>
        )}
        {dialog === 'password' && (
          <PasswordDialog
            user={user}
            onClose={() => setDialog(null)}
            onDone={() => {
              setDialog(null);
              void onChanged(`New password set for ${user.name}. It is not shown again: tell them in person.`);
            }}
          />
        )}
        {dialog === 'deactivate' && (
          <ConfirmDialog
            title={`Deactivate ${user.name}?`}
            confirm="Deactivate"
            danger
            busy={setActive.busy}
            error={setActive.refusal?.message}
            onConfirm={() => void setActive.go(false)}
            onClose={() => setDialog(null)}
          >
            <p>
              {me
                ? 'You will be signed out at once and can no longer sign in.'
                : `${user.name} can no longer sign in, and is signed out at once if working now.`}{' '}
              Their name stays on every change they made; an administrator can reactivate them.
            </p>
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}
