// Settings › Users: who can sign in, and with which rights. Administrators only;
// everyone else is told who to ask. Users are never deleted, so no History ever
// loses the name of whoever made a change.
import { useState } from 'react';
import { useApi } from '../api/useApi';
import { ErrorNote, Loading } from '../components/states';
import { roleInWords } from '../roles';
import { useMay, useSession } from '../session';
import { NewUserForm } from './NewUserForm';
import { UserRow } from './UserRow';

export function UsersTab() {
  const may = useMay();
  return may('users.create') ? <UserAdmin /> : <NotAdministrator />;
}

function UserAdmin() {
  const session = useSession();
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useApi('users.list', { includeInactive: true }, false, version);
  const changed = async (text: string, own = false) => {
    setNotice(text);
    setVersion((v) => v + 1);
    // A change to one's own account changes what this screen may offer.
    if (own) await session.refresh();
  };

  return (
    <div className="settings-split">
      <section className="card" aria-labelledby="users-title">
        <h2 id="users-title">Users</h2>
        <p className="muted">
          Every change in JobTrail is recorded under the name of whoever signed in. Users are never deleted, so no History loses a name: deactivate them
          instead. Role changes, deactivations and new passwords are recorded in the Audit log.
        </p>
        <ErrorNote message={list.error} />
        {!list.data && !list.error && <Loading what="Loading the users" />}
        {list.data && (
          <table className="grid compact settings-table users">
            <thead>
              <tr>
                <th>Name</th>
                <th>Role</th>
                <th>Status</th>
                <th>Added</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((u) => (
                <UserRow key={u.id} user={u} me={u.id === session.user.id} onChanged={changed} />
              ))}
            </tbody>
          </table>
        )}
        {notice && (
          <p className="ok" role="status">
            {notice}
          </p>
        )}
      </section>
      <NewUserForm
        onCreated={() => {
          setNotice(null);
          setVersion((v) => v + 1);
        }}
      />
    </div>
  );
}

function NotAdministrator() {
  const { user } = useSession();
  const admins = useApi('users.list', { role: 'administrator' });
  const names = admins.data?.map((a) => a.name) ?? [];
  return (
    <section className="card not-allowed" aria-labelledby="users-title">
      <h3 id="users-title">Users and roles are managed by administrators</h3>
      <p>
        You are signed in as {roleInWords(user.role)}. Adding users, changing roles, deactivating accounts and setting passwords are for an administrator, and
        JobTrail refuses them to other roles.
      </p>
      {names.length > 0 && <p>Ask {names.join(' or ')}.</p>}
    </section>
  );
}
