// Settings › Recycle bin (managers): what was deleted, by whom, when and why, and
// how many days it has before the retention job removes it for good; restore from
// here. The period itself is an administrator's setting, recorded in the Audit log.
import { useState } from 'react';
import type { ApiOutput } from '../../electron/api/contract';
import { call } from '../api/client';
import { placeRefusal, useAction, useApi } from '../api/useApi';
import { Field } from '../components/Field';
import { Empty, ErrorNote, Loading } from '../components/states';
import { formatDate, formatWhen, plural, utcTitle } from '../format';
import { routeHref } from '../router';
import { useMay } from '../session';

type Bin = ApiOutput<'recycleBin.list'>;
type Entry = Bin['entries'][number];

export function RecycleBinTab() {
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const bin = useApi('recycleBin.list', {}, false, version);
  const reload = (text: string) => {
    setNotice(text);
    setVersion((v) => v + 1);
  };
  return (
    <div className="settings-split">
      <section className="card" aria-labelledby="bin-title">
        <h2 id="bin-title">Recycle bin</h2>
        <p className="muted">
          Deleted bookings and customers wait here{bin.data ? ` for ${plural(bin.data.retention.days, 'day')}` : ''}, then JobTrail removes them for good, with
          what belongs only to them (a customer's bookings, a booking's invoices, payments and notes). Their History stays, and says who deleted them and that
          they were purged.
        </p>
        <ErrorNote message={bin.error} />
        {!bin.data && !bin.error && <Loading what="Opening the recycle bin" />}
        {bin.data && bin.data.entries.length === 0 && (
          <Empty>The recycle bin is empty: nothing has been deleted, or everything deleted was restored or purged.</Empty>
        )}
        {bin.data && bin.data.entries.length > 0 && (
          <table className="grid compact settings-table bin-table">
            <thead>
              <tr>
                <th>Deleted record</th>
                <th>Deleted</th>
                <th>By</th>
                <th>Reason</th>
                <th>Removed for good</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {bin.data.entries.map((e) => (
                <BinRow key={`${e.kind}-${e.id}`} entry={e} onRestored={reload} />
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
      {bin.data && <RetentionForm days={bin.data.retention} onSaved={reload} />}
    </div>
  );
}

function BinRow({ entry: e, onRestored }: { entry: Entry; onRestored: (text: string) => void }) {
  const may = useMay();
  const label = e.kind === 'booking' ? `Booking #${e.id}` : 'Customer';
  const restore = useAction(async () => {
    if (e.kind === 'booking') await call('bookings.restore', { id: e.id });
    else await call('customers.restore', { id: e.id });
    onRestored(`${label} ${e.kind === 'booking' ? `· ${e.name}` : e.name} restored.`);
  });
  const href = routeHref(e.kind === 'booking' ? 'bookings' : 'customers', e.id);
  return (
    <tr>
      <td>
        <a href={href}>{e.kind === 'booking' ? `#${e.id} · ${e.name}` : e.name}</a>
        <div className="muted">
          {e.kind === 'booking' ? `Booking${e.start ? `, ${formatDate(e.start)}` : ''}` : `Customer, with ${plural(e.bookings, 'booking')}`}
        </div>
      </td>
      <td title={utcTitle(e.deletedAt)}>{formatWhen(e.deletedAt)}</td>
      <td>{e.deletedBy ?? <span className="badge warn">outside JobTrail</span>}</td>
      <td>{e.reason ?? <span className="muted">none recorded</span>}</td>
      <td title={utcTitle(e.purgeAfter)}>
        {e.daysLeft === 0 ? 'at the next retention run' : `in ${plural(e.daysLeft, 'day')}`}
        <div className="muted">{formatDate(e.purgeAfter)}</div>
      </td>
      <td>
        <span className="row-actions">
          {may(e.kind === 'booking' ? 'bookings.restore' : 'customers.restore') && (
            <button
              type="button"
              disabled={restore.busy}
              aria-label={`Restore ${e.kind === 'booking' ? `booking #${e.id}` : e.name}`}
              onClick={() => void restore.go()}
            >
              {restore.busy ? 'Restoring…' : 'Restore'}
            </button>
          )}
        </span>
        {restore.refusal && (
          <span className="field-error" role="alert">
            {restore.refusal.message}
          </span>
        )}
      </td>
    </tr>
  );
}

function RetentionForm({ days: r, onSaved }: { days: Bin['retention']; onSaved: (text: string) => void }) {
  const may = useMay();
  const [draft, setDraft] = useState(String(r.days));
  const save = useAction(async () => {
    const days = Number(draft);
    const saved = await call('retention.set', { days: Number.isInteger(days) ? days : -1 });
    onSaved(`The retention period is now ${plural(saved.days, 'day')}.`);
  });
  const { errorFor, general } = placeRefusal(save.refusal, ['days']);
  if (!may('retention.set')) {
    return (
      <section className="card side-form" aria-labelledby="retention-title">
        <h2 id="retention-title">Retention period</h2>
        <p>
          {plural(r.days, 'day')}. An administrator sets it (never less than {r.minDays} days).
        </p>
      </section>
    );
  }
  return (
    <form
      className="card side-form"
      aria-labelledby="retention-title"
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        void save.go();
      }}
    >
      <h2 id="retention-title">Retention period</h2>
      <p className="muted">
        How long a deleted record waits before it is removed for good: {r.minDays} to {r.maxDays} days ({r.defaultDays} unless changed). A longer period
        lengthens the stay of what is in the bin; a shorter one applies to records deleted from now on. The change is recorded in the Audit log.
      </p>
      <Field label="Days in the recycle bin" error={errorFor('days')}>
        <input type="number" inputMode="numeric" min={r.minDays} max={r.maxDays} step={1} value={draft} onChange={(ev) => setDraft(ev.target.value)} />
      </Field>
      {general && <ErrorNote message={general} />}
      <button type="submit" className="primary" disabled={save.busy || draft === String(r.days)}>
        {save.busy ? 'Saving…' : 'Save period'}
      </button>
    </form>
  );
}
