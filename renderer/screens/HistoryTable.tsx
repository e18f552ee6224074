// A booking's History: one row per changed field, newest first, every value as plain text.
import { formatMoney, formatWhen, humanize, isInstant, utcTitle } from '../format';
import type { HistoryRow } from '../types';

const MONEY_FIELDS = new Set(['price', 'amount']);

function Value({ field, value }: { field: string | null; value: string | null }) {
  if (value === null) return <span className="muted">(empty)</span>;
  if (field && MONEY_FIELDS.has(field)) return <>{formatMoney(value)}</>;
  if (isInstant(value)) return <span title={utcTitle(value)}>{formatWhen(value)}</span>;
  if (field === 'status') return <>{humanize(value)}</>;
  return <>{value}</>;
}

function fieldName(r: HistoryRow): string {
  const field = r.field ? humanize(r.field) : '';
  return r.entity === 'booking' ? field : [humanize(r.entity), field].filter(Boolean).join(': ');
}

export function HistoryTable({ rows }: { rows: HistoryRow[] }) {
  if (rows.length === 0) return <p className="muted">Nothing has happened to this booking yet.</p>;
  return (
    <table className="grid history">
      <thead>
        <tr><th>When</th><th>Who</th><th>Event</th><th>Field</th><th>Change</th></tr>
      </thead>
      <tbody>
        {rows.map((r, i) => {
          // Rows written by one action read as one event: the when and who are not repeated.
          const sameAction = i > 0 && r.action !== null && rows[i - 1].action === r.action;
          return (
            <tr key={r.id} className={[sameAction ? 'continued' : '', r.origin === 'outside' ? 'outside' : ''].join(' ').trim() || undefined}>
              <td title={utcTitle(r.at)} className="nowrap">{sameAction ? '' : formatWhen(r.at, true)}</td>
              <td>
                {sameAction ? '' : r.actorName}
                {r.origin === 'outside' && <span className="badge warn" title="Written by a program other than JobTrail">outside JobTrail</span>}
              </td>
              {/* The row's label names the booking, which the page title already does. */}
              <td>{humanize(r.event)}</td>
              <td>{fieldName(r)}</td>
              <td className="change">
                {r.event === 'created' && r.oldValue === null
                  ? <Value field={r.field} value={r.newValue} />
                  : <><Value field={r.field} value={r.oldValue} /><span className="arrow" aria-label="changed to"> → </span><Value field={r.field} value={r.newValue} /></>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
