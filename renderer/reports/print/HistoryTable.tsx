/** @jsxRuntime automatic */ // also when the CLI runs this file through tsx with the root tsconfig, which has no "jsx" (see electron/cli/report.ts)
// The complete History of a report, a row per audit row, read as the History grid
// reads it (renderer/history/readable.ts): local time and UTC, who, the event, the
// record, the field, before → after.
import type { ReportHistoryRow } from '../../../electron/reports/types';
import { afterText, beforeText, eventText, fieldText, madeOutside, recordText } from '../../history/readable';
import { localText, utcText } from './when';

export function HistoryTable({ rows, showRecord = true }: { rows: readonly ReportHistoryRow[]; showRecord?: boolean }) {
  if (rows.length === 0) return <p className="empty">No History rows.</p>;
  return (
    <table className="history-log">
      <colgroup>
        <col style={{ width: '7%' }} />
        <col style={{ width: '15%' }} />
        <col style={{ width: '11%' }} />
        <col style={{ width: '12%' }} />
        {showRecord && <col style={{ width: '15%' }} />}
        <col style={{ width: '10%' }} />
        <col />
        <col />
      </colgroup>
      <thead>
        <tr>
          <th className="num">Row</th><th>When</th><th>Who</th><th>Event</th>{showRecord && <th>Record</th>}<th>Field</th>
          <th>Before</th><th>After</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} className={madeOutside(r) ? 'outside' : undefined}>
            <td className="num">{r.id}</td>
            <td>{localText(r.at)}<br /><span className="utc">{utcText(r.at)}</span></td>
            <td>{r.actorName}{madeOutside(r) && r.actorId !== null ? ' (outside JobTrail)' : ''}</td>
            <td>{eventText(r)}</td>
            {showRecord && <td>{recordText(r)}</td>}
            <td>{fieldText(r)}</td>
            <td>{beforeText(r)}</td>
            <td>{afterText(r)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
