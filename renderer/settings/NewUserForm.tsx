// Adding someone to the office: a name, a role, a first password they can sign in with.
import { useState, type FormEvent } from 'react';
import { call } from '../api/client';
import { FormError, placeRefusal, useAction } from '../api/useApi';
import { Field } from '../components/Field';
import { ErrorNote } from '../components/states';
import { humanize } from '../format';
import { ROLE_ORDER, roleInWords, type Role } from '../roles';
import { checkedPassword, NO_PASSWORD, PasswordFields } from './passwords';

export function NewUserForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('staff');
  const [pair, setPair] = useState(NO_PASSWORD);
  const [created, setCreated] = useState<string | null>(null);
  const create = useAction(async () => {
    if (!name.trim()) throw new FormError('Give the name they will sign in with.', 'name');
    const u = await call('users.create', { name, role, password: checkedPassword(pair) });
    setCreated(`${u.name} can sign in now, as ${roleInWords(u.role)}.`);
    setName('');
    setPair(NO_PASSWORD);
    onCreated();
  });
  const { errorFor, general } = placeRefusal(create.refusal, ['name', 'role', 'password', 'repeat']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    void create.go();
  };

  return (
    <form className="card side-form" onSubmit={submit} aria-labelledby="new-user-title" noValidate>
      <h2 id="new-user-title">Add a user</h2>
      <Field label="Name" error={errorFor('name')} hint="Shown on every change they make">
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} autoComplete="off" />
      </Field>
      <Field label="Role" error={errorFor('role')}>
        <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLE_ORDER.map((r) => (
            <option key={r} value={r}>
              {humanize(r)}
            </option>
          ))}
        </select>
      </Field>
      <PasswordFields value={pair} onChange={setPair} errorFor={errorFor} />
      <ErrorNote message={general} />
      <div className="actions left">
        <button type="submit" className="primary" disabled={create.busy}>
          {create.busy ? 'Creating…' : 'Create user'}
        </button>
      </div>
      {created && (
        <p className="ok" role="status">
          {created}
        </p>
      )}
    </form>
  );
}
