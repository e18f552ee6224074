/** @jsxRuntime automatic */ // also when the CLI runs this file through tsx with the root tsconfig, which has no "jsx" (see electron/cli/report.ts)
// The complete History of a report, a row per audit row, read as the History grid
// reads it (renderer/history/readable.ts): local time and UTC, who, the event and
// the reason recorded with it, the record, the field, before → after.
import type { ReportHistoryRow } from '../../../electron/reports/types';
import { afterText, beforeText, eventText, fieldText, madeOutside, recordCellText } from '../../history/readable';
import { localText, utcText } from './when';

/**
 * Rows per table. Chromium lays out and paginates one long table in a time that
 * grows faster than its rows, so the History is a run of tables printed edge to
 * edge; each has its own headings, which Chromium repeats on every page the table
 * runs over, so every page still opens with them.
 */
export const ROWS_PER_TABLE = 250;

export function HistoryTable({ rows, showRecord = true }: { rows: readonly ReportHistoryRow[]; showRecord?: boolean }) {
  if (rows.length === 0) return <p className="empty">No History rows.</p>;
  const parts: (readonly ReportHistoryRow[])[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_TABLE) parts.push(rows.slice(i, i + ROWS_PER_TABLE));
  return (
    <div className="history">
      {parts.map((part) => (
        <table key={part[0].id} className="history-log">
          <Headings showRecord={showRecord} />
          <tbody>
            {part.map((r) => (
              <Row key={r.id} r={r} showRecord={showRecord} />
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}

/** Fixed column widths (the tables are `table-layout: fixed`), so that every part lines up with the others. */
function Headings({ showRecord }: { showRecord: boolean }) {
  return (
    <>
      <colgroup>
        {/* Wide enough for a seven-digit row number: a number never wraps (reportCss.ts). */}
        <col style={{ width: '6%' }} />
        <col style={{ width: '12%' }} />
        <col style={{ width: '9%' }} />
        <col style={{ width: '12%' }} />
        <col style={{ width: '11%' }} />
        {showRecord && <col style={{ width: '15%' }} />}
        <col style={{ width: '10%' }} />
        <col />
        <col />
      </colgroup>
      <thead>
        <tr>
          <th className="num">Row</th>
          <th>When</th>
          <th>Who</th>
          <th>Event</th>
          <th>Reason</th>
          {showRecord && <th>Record</th>}
          <th>Field</th>
          <th>Before</th>
          <th>After</th>
        </tr>
      </thead>
    </>
  );
}

function Row({ r, showRecord }: { r: ReportHistoryRow; showRecord: boolean }) {
  return (
    <tr className={madeOutside(r) ? 'outside' : undefined}>
      <td className="num">{r.id}</td>
      {/* The UTC instant goes on a line of its own by its style (reportCss.ts), not by a <br>: one element fewer a row. */}
      <td>
        {localText(r.at)} <span className="utc">{utcText(r.at)}</span>
      </td>
      <td>
        {r.actorName}
        {madeOutside(r) && r.actorId !== null ? ' (outside JobTrail)' : ''}
      </td>
      <td>{eventText(r)}</td>
      <td>{r.reason ?? ''}</td>
      {showRecord && <td>{recordCellText(r, r)}</td>}
      <td>{fieldText(r, r)}</td>
      <td>{beforeText(r)}</td>
      <td>{afterText(r)}</td>
    </tr>
  );
}
