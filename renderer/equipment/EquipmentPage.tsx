// A unit at a property: what it is (kind, make and model, serial number, installed
// on, warranty until), every reading taken from it at every visit, and its History
// across every visit: the warranty-dispute view, which prints with the chain head.
import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../api/client';
import { placeRefusal, useAction, useApi } from '../api/useApi';
import { Field } from '../components/Field';
import { Empty, ErrorNote, Loading } from '../components/states';
import { formatDate, formatWhen, utcTitle } from '../format';
import { filtersFromParams, filtersToParams } from '../history/filters';
import { HistoryGrid } from '../history/HistoryGrid';
import { historyReportHref } from '../reports/reportRoutes';
import { routeHref, setParams, type Route } from '../router';
import { useMay } from '../session';
import { useWindowTitle } from '../shell/windowTitle';
import { propertyHref } from '../properties/propertyTypes';
import { unitName } from './JobReadings';
import './equipment.css';

type Unit = NonNullable<ReturnType<typeof useApi<'equipment.get'>>['data']>;

export function EquipmentPage({ id, route }: { id: number; route: Route }) {
  const may = useMay();
  const [version, setVersion] = useState(0);
  const unit = useApi('equipment.get', { id }, false, version);
  const readings = useApi('equipment.readings', { equipmentId: id }, false, version);
  const filters = filtersFromParams(route.params);
  const u = unit.data;
  useWindowTitle(u ? `Equipment · ${unitName(u)}` : null);
  if (!u) {
    return (
      <section>
        <div className="crumbs">
          <a href={routeHref('customers')}>Customers</a> › Equipment
        </div>
        {unit.error ? <ErrorNote message={unit.error} /> : <Loading what="Opening the unit" />}
      </section>
    );
  }
  return (
    <section className="equipment-page" aria-labelledby="equipment-title">
      <div className="page-head">
        <div>
          <div className="crumbs">
            <a href={routeHref('customers')}>Customers</a> › <a href={routeHref('customers', u.customerId)}>{u.customerName}</a>
            {' › '}
            <a href={propertyHref(u.propertyId)}>{u.propertyName}</a> › Equipment
          </div>
          <h1 id="equipment-title">{unitName(u)}</h1>
          <div className="subhead">
            <span>{u.propertyAddress.startsWith(u.propertyName) ? u.propertyAddress : `${u.propertyName}, ${u.propertyAddress}`}</span>
            {u.serialNumber && <span>SN {u.serialNumber}</span>}
            {u.warrantyUntil && <span>Warranty until {formatDate(u.warrantyUntil)}</span>}
          </div>
        </div>
        <div className="head-actions">
          <a
            className="button"
            href={historyReportHref({ equipmentId: id }, filters)}
            title="Its History across every visit, as filtered below, on paper or as a PDF, with the chain head on every page"
          >
            Print report…
          </a>
        </div>
      </div>

      <section className="card" aria-labelledby="unit-details-title">
        <h2 id="unit-details-title">Details</h2>
        {may('equipment.update') ? <UnitForm unit={u} onSaved={() => setVersion((v) => v + 1)} /> : <UnitDetails unit={u} />}
      </section>

      <section className="card" aria-labelledby="unit-readings-title">
        <h2 id="unit-readings-title">Readings across every visit</h2>
        <ErrorNote message={readings.error} />
        {readings.data === undefined ? (
          <Loading what="Loading the readings" />
        ) : readings.data.length === 0 ? (
          <Empty>No reading has been taken from this unit yet.</Empty>
        ) : (
          <div className="readings-scroll">
            <table className="grid compact" aria-label="Readings across every visit">
              <thead>
                <tr>
                  <th>Taken</th>
                  <th>Visit</th>
                  <th>Field</th>
                  <th className="num">Value</th>
                  <th>When</th>
                  <th>Recorded by</th>
                </tr>
              </thead>
              <tbody>
                {readings.data.map((r) => (
                  <tr key={r.id}>
                    <td title={utcTitle(r.takenAt)}>{formatWhen(r.takenAt)}</td>
                    <td>
                      <a href={routeHref('bookings', r.bookingId)}>
                        #{r.bookingId} · {r.bookingService} · {formatDate(r.bookingStart.slice(0, 10))}
                      </a>
                    </td>
                    <td>{r.field}</td>
                    <td className="num">{r.value}</td>
                    <td>{r.note ?? <span className="muted">—</span>}</td>
                    <td>{r.recordedBy ?? <span className="muted">outside JobTrail</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card activity" aria-labelledby="unit-history-title">
        <h2 id="unit-history-title">History across every visit</h2>
        <HistoryGrid
          scope={{ equipmentId: id }}
          filters={filters}
          onFilters={(f) => setParams(route, filtersToParams(f))}
          refreshKey={version}
          emptyText="Nothing has happened to this unit yet."
          exportName={`equipment-${id}`}
          idPrefix="equipment-history"
          maxHeight="460px"
          showRecord
        />
      </section>
    </section>
  );
}

function UnitDetails({ unit: u }: { unit: Unit }) {
  const day = (d: string | null) => (d ? formatDate(d) : <span className="muted">Not known</span>);
  return (
    <dl className="details">
      <dt>Kind</dt>
      <dd>{u.kind}</dd>
      <dt>Make and model</dt>
      <dd>{u.makeModel ?? <span className="muted">Not known</span>}</dd>
      <dt>Serial number</dt>
      <dd>{u.serialNumber ?? <span className="muted">Not known</span>}</dd>
      <dt>Installed on</dt>
      <dd>{day(u.installedOn)}</dd>
      <dt>Warranty until</dt>
      <dd>{day(u.warrantyUntil)}</dd>
    </dl>
  );
}

const FIELDS = ['kind', 'makeModel', 'serialNumber', 'installedOn', 'warrantyUntil'] as const;
type Draft = Record<(typeof FIELDS)[number], string>;
const draftOf = (u: Unit): Draft => ({
  kind: u.kind,
  makeModel: u.makeModel ?? '',
  serialNumber: u.serialNumber ?? '',
  installedOn: u.installedOn ?? '',
  warrantyUntil: u.warrantyUntil ?? '',
});

/** The office edits a unit in place: one Save is one action, each changed field a History row. */
function UnitForm({ unit, onSaved }: { unit: Unit; onSaved: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(unit));
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setDraft(draftOf(unit));
  }, [unit]);
  const before = draftOf(unit);
  const changed = Object.fromEntries(FIELDS.filter((f) => draft[f].trim() !== before[f]).map((f) => [f, draft[f].trim()]));
  const save = useAction(async () => {
    await call('equipment.update', { id: unit.id, ...changed });
    setSaved(true);
    onSaved();
  });
  const { errorFor, general } = placeRefusal(save.refusal, [...FIELDS]);
  const set = (f: keyof Draft) => (e: { target: { value: string } }) => {
    setDraft({ ...draft, [f]: e.target.value });
    setSaved(false);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.go();
  };
  return (
    <form onSubmit={submit} aria-label="Unit details" noValidate>
      <div className="form-grid">
        <Field label="Kind" error={errorFor('kind')}>
          <input value={draft.kind} onChange={set('kind')} maxLength={60} />
        </Field>
        <Field label="Make and model" error={errorFor('makeModel')}>
          <input value={draft.makeModel} onChange={set('makeModel')} maxLength={120} />
        </Field>
        <Field label="Serial number" error={errorFor('serialNumber')}>
          <input value={draft.serialNumber} onChange={set('serialNumber')} maxLength={80} />
        </Field>
        <span />
        <Field label="Installed on" error={errorFor('installedOn')}>
          <input type="date" value={draft.installedOn} onChange={set('installedOn')} />
        </Field>
        <Field label="Warranty until" error={errorFor('warrantyUntil')}>
          <input type="date" value={draft.warrantyUntil} onChange={set('warrantyUntil')} />
        </Field>
      </div>
      <div className="inline-form">
        <button type="submit" className="primary" disabled={save.busy || Object.keys(changed).length === 0}>
          {save.busy ? 'Saving…' : 'Save'}
        </button>
        {saved && (
          <span className="ok" role="status">
            Saved
          </span>
        )}
      </div>
      <ErrorNote message={general} />
    </form>
  );
}
