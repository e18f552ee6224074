// The job card's Readings: the fields the fieldworker fills in, the readings taken
// at this visit (a setpoint before and after the work), and the equipment at the
// property they are read from. The assigned fieldworker writes them on their own
// job; the office sees them, and may write them too.
import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../api/client';
import { placeRefusal, useAction, useApi } from '../api/useApi';
import { Field } from '../components/Field';
import { CustomFieldInput, customFieldText, formValues } from '../components/CustomFieldInput';
import { Empty, ErrorNote, Loading } from '../components/states';
import { formatDate, formatWhen, utcTitle } from '../format';
import { routeHref } from '../router';
import { useMay, useSession } from '../session';
import type { Booking } from '../types';
import './equipment.css';

type Definition = NonNullable<ReturnType<typeof useApi<'customFields.list'>>['data']>[number];

export function JobReadings({ booking: b, version, onChanged }: { booking: Booking; version: number; onChanged: () => Promise<void> }) {
  const may = useMay();
  const { user } = useSession();
  const definitions = useApi('customFields.list', { entity: 'booking' });
  const readings = useApi('readings.list', { bookingId: b.id }, false, version);
  const equipment = useApi('equipment.forBooking', { bookingId: b.id }, false, version);
  const fields = (definitions.data ?? []).filter((d) => d.fieldworkerFills);
  // The assigned fieldworker on their own job; the office on any, as the contract allows.
  const writable = may('readings.record') && !b.deletedAt && b.status !== 'cancelled' && (user.role !== 'fieldworker' || b.fieldworkerId === user.id);
  if (definitions.data && fields.length === 0 && (equipment.data ?? []).length === 0) return null;
  return (
    <section className="card readings" aria-labelledby="readings-title">
      <h2 id="readings-title">Readings</h2>
      <ErrorNote message={definitions.error ?? readings.error ?? equipment.error} />
      {fields.length > 0 && <FilledFields booking={b} fields={fields} writable={writable} onChanged={onChanged} />}
      {fields.length > 0 && (readings.data === undefined ? <Loading what="Loading the readings" /> : <ReadingTable rows={readings.data} />)}
      {writable && fields.length > 0 && <NewReading bookingId={b.id} fields={fields} equipment={equipment.data ?? []} onRecorded={onChanged} />}
      <EquipmentHere rows={equipment.data} linked={may('equipment.get')} />
    </section>
  );
}

/** The one value per visit of each fieldworker field: a form for whoever may write it, text for others. */
function FilledFields({
  booking: b,
  fields,
  writable,
  onChanged,
}: {
  booking: Booking;
  fields: Definition[];
  writable: boolean;
  onChanged: () => Promise<void>;
}) {
  const stored = formValues(b.customFields);
  const [draft, setDraft] = useState<Record<string, string>>(stored);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setDraft(formValues(b.customFields));
  }, [b.customFields]);
  const changed = Object.fromEntries(
    fields
      .map((d) => String(d.id))
      .filter((k) => (draft[k] ?? '') !== (stored[k] ?? ''))
      .map((k) => [k, draft[k]?.trim() ? draft[k].trim() : null]),
  );
  const save = useAction(async () => {
    await call('bookings.fillFields', { id: b.id, customFields: changed });
    await onChanged();
    setSaved(true);
  });
  const { general } = placeRefusal(save.refusal, []);
  if (!writable) {
    return (
      <dl className="details">
        {fields.map((d) => (
          <div key={d.id} className="contents">
            <dt>{d.label}</dt>
            <dd>{customFieldText(d, b.customFields[String(d.id)]) ?? <span className="muted">(empty)</span>}</dd>
          </div>
        ))}
      </dl>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    void save.go();
  };
  return (
    <form className="inline-form filled-fields" onSubmit={submit} aria-label="Filled in by the fieldworker">
      {fields.map((d) => (
        <CustomFieldInput
          key={d.id}
          definition={d}
          value={draft[String(d.id)] ?? ''}
          onChange={(v) => {
            setDraft({ ...draft, [String(d.id)]: v });
            setSaved(false);
          }}
          error={save.refusal?.field === `customFields.${d.id}` ? save.refusal.message : undefined}
        />
      ))}
      <button type="submit" disabled={save.busy || Object.keys(changed).length === 0}>
        {save.busy ? 'Saving…' : 'Save fields'}
      </button>
      {saved && (
        <span className="ok" role="status">
          Saved
        </span>
      )}
      <ErrorNote message={general} />
    </form>
  );
}

type Reading = NonNullable<ReturnType<typeof useApi<'readings.list'>>['data']>[number];

function ReadingTable({ rows }: { rows: Reading[] }) {
  if (rows.length === 0) return <Empty>No readings taken at this visit yet.</Empty>;
  return (
    <table className="grid compact reading-table" aria-label="Readings at this visit">
      <thead>
        <tr>
          <th>Taken</th>
          <th>Field</th>
          <th className="num">Value</th>
          <th>When</th>
          <th>Unit</th>
          <th>Recorded by</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td title={utcTitle(r.takenAt)}>{formatWhen(r.takenAt)}</td>
            <td>{r.field}</td>
            <td className="num">{r.value}</td>
            <td>{r.note ?? <span className="muted">—</span>}</td>
            <td>{r.equipmentName ?? <span className="muted">—</span>}</td>
            <td>{r.recordedBy ?? <span className="muted">outside JobTrail</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Unit = NonNullable<ReturnType<typeof useApi<'equipment.forBooking'>>['data']>[number];

const WHEN = ['before', 'after'] as const;

/** A reading taken now: the field, its value, before or after the work, and the unit it was read from. */
function NewReading({
  bookingId,
  fields,
  equipment,
  onRecorded,
}: {
  bookingId: number;
  fields: Definition[];
  equipment: Unit[];
  onRecorded: () => Promise<void>;
}) {
  const [definitionId, setDefinitionId] = useState(fields[0].id);
  const [value, setValue] = useState('');
  const [note, setNote] = useState<string>('before');
  const [equipmentId, setEquipmentId] = useState<number | null>(equipment.length === 1 ? equipment[0].id : null);
  useEffect(() => {
    if (equipment.length === 1 && equipmentId === null) setEquipmentId(equipment[0].id);
  }, [equipment, equipmentId]);
  const record = useAction(async () => {
    await call('readings.record', { bookingId, definitionId, value: value.trim(), note, equipmentId });
    setValue('');
    // The usual next reading of a visit is the one after the work.
    if (note === 'before') setNote('after');
    await onRecorded();
  });
  const { errorFor, general } = placeRefusal(record.refusal, ['value', 'definitionId', 'equipmentId', 'note']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void record.go();
  };
  return (
    <form className="inline-form new-reading" onSubmit={submit} aria-label="Record a reading">
      <Field label="Field" error={errorFor('definitionId')}>
        <select value={definitionId} onChange={(e) => setDefinitionId(Number(e.target.value))}>
          {fields.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Reading" error={errorFor('value')}>
        <input
          value={value}
          onChange={(e) => setValue(e.target.value)}
          maxLength={200}
          size={8}
          inputMode={fields.find((d) => d.id === definitionId)?.type === 'number' ? 'decimal' : undefined}
        />
      </Field>
      <Field label="When" error={errorFor('note')}>
        <select value={note} onChange={(e) => setNote(e.target.value)}>
          {WHEN.map((w) => (
            <option key={w} value={w}>
              {w === 'before' ? 'Before the work' : 'After the work'}
            </option>
          ))}
        </select>
      </Field>
      {equipment.length > 0 && (
        <Field label="Unit" error={errorFor('equipmentId')}>
          <select value={equipmentId ?? ''} onChange={(e) => setEquipmentId(e.target.value ? Number(e.target.value) : null)}>
            <option value="">(none)</option>
            {equipment.map((u) => (
              <option key={u.id} value={u.id}>
                {unitName(u)}
              </option>
            ))}
          </select>
        </Field>
      )}
      <button type="submit" className="primary" disabled={record.busy || !value.trim()}>
        {record.busy ? 'Recording…' : 'Record reading'}
      </button>
      <ErrorNote message={general} />
    </form>
  );
}

export const unitName = (u: { kind: string; makeModel: string | null }) => [u.kind, u.makeModel].filter(Boolean).join(' ');

function EquipmentHere({ rows, linked }: { rows: Unit[] | undefined; linked: boolean }) {
  if (!rows || rows.length === 0) return null;
  return (
    <div className="equipment-here">
      <h3>Equipment at {rows[0].propertyName}</h3>
      <ul>
        {rows.map((u) => (
          <li key={u.id}>
            {linked ? <a href={routeHref('equipment', u.id)}>{unitName(u)}</a> : <strong>{unitName(u)}</strong>}
            {u.serialNumber && <span className="muted"> · SN {u.serialNumber}</span>}
            {u.warrantyUntil && <span className="muted"> · warranty until {formatDate(u.warrantyUntil)}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
