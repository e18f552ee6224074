// "As it was": the booking, customer, invoice or payment a History row is about,
// rebuilt from the audit rows alone as it stood right after that change, the
// fields the change touched highlighted. A date and time gives it as of any moment.
import { useState } from 'react';
import type { ApiInput } from '../../electron/api/contract';
import type { AsItWas, AsItWasEntity } from '../../electron/services/asItWas';
import { useApi } from '../api/useApi';
import { DateTimeField } from '../components/DateTimeField';
import { Dialog } from '../components/Dialog';
import { ErrorNote, Loading } from '../components/states';
import { formatWhen, fromLocalInput, humanize, toLocalInput, utcTitle } from '../format';
import type { HistoryRow } from '../types';
import { eventText, fieldLabel, valueText } from './readable';

/** The row's own moment, to the second, as the picker shows it. */
const rowMoment = (iso: string) => `${toLocalInput(iso)}:${String(new Date(iso).getSeconds()).padStart(2, '0')}`;

export const AS_IT_WAS_OF = new Set<string>(['booking', 'customer', 'invoice', 'payment']);

const NOUN: Record<AsItWasEntity, string> = { booking: 'booking', customer: 'customer', invoice: 'invoice', payment: 'payment' };

export function AsItWasDialog({ row, onClose }: { row: HistoryRow; onClose: () => void }) {
  const entity = row.entity as AsItWasEntity;
  // Right after the row's change until another moment is given ('' while what is typed is not one yet).
  const rowsOwn = rowMoment(row.at);
  const [moment, setMoment] = useState(rowsOwn);
  const at = moment && moment !== rowsOwn ? fromLocalInput(moment) : null;
  const input: ApiInput<'history.asItWas'> = at ? { entity, id: row.entityId, at } : { entity, id: row.entityId, afterAuditId: row.id };
  const view = useApi('history.asItWas', input);
  const record = view.data;

  return (
    <Dialog title={`The ${NOUN[entity]} as it was`} onClose={onClose} wide>
      <div className="as-it-was">
        <p className="muted">Rebuilt from the History alone, so it shows what the chained log proves, whatever the record holds now.</p>
        <div className="as-of">
          <DateTimeField label="As of" value={moment} onChange={setMoment} toSecond />
          {moment !== rowsOwn && (
            <button type="button" className="quiet" onClick={() => setMoment(rowsOwn)}>
              Right after this change
            </button>
          )}
        </div>
        <ErrorNote message={view.error} />
        {view.loading && !record && <Loading what="Rebuilding it from the History" />}
        {record && <RecordAsItWas record={record} />}
      </div>
    </Dialog>
  );
}

function RecordAsItWas({ record: r }: { record: AsItWas }) {
  const changed = new Set(r.changed);
  const unknown = new Set(r.unknown);
  return (
    <>
      <p role="status">
        <strong>{r.label ?? `${humanize(r.entity)} ${r.id}`}</strong>, right after “{eventText(r.asOf)}” by {r.asOf.actorName} on{' '}
        <span title={utcTitle(r.asOf.at)}>{formatWhen(r.asOf.at, true)}</span>
        {r.deleted ? ' (deleted at that moment)' : ''}.
      </p>
      <table className="grid as-it-was-fields">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(r.fields).map(([field, value]) => (
            <tr key={field} className={changed.has(field) ? 'changed' : undefined}>
              <th scope="row">
                {fieldLabel(field)}
                {changed.has(field) && <span className="badge">changed here</span>}
              </th>
              <td>
                {unknown.has(field) ? (
                  <span className="empty-value">unknown: recorded before the History kept every first value</span>
                ) : (
                  valueText(field, value)
                )}
              </td>
            </tr>
          ))}
          {Object.entries(r.customFields).map(([label, value]) => (
            <tr key={`custom:${label}`} className={changed.has(label) ? 'changed' : undefined}>
              <th scope="row">{label}</th>
              <td>{valueText(null, value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.unknown.length > 0 && (
        <p className="notice">
          This {r.entity} was created before the History carried every field of a new record, so its first {r.unknown.map(fieldLabel).join(', ')}{' '}
          {r.unknown.length === 1 ? 'is' : 'are'} not known until a change recorded {r.unknown.length === 1 ? 'it' : 'them'}.
        </p>
      )}
    </>
  );
}
