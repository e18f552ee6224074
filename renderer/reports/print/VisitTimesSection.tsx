/** @jsxRuntime automatic */ // also when the CLI runs this file through tsx with the root tsconfig, which has no "jsx" (see electron/cli/report.ts)
// A booking's proof of the visit: its actual time-in and time-out against the
// schedule, who recorded each (for whom, when on the fieldworker's behalf), and
// every correction with who made it, when and why, beside the time first recorded.
import type { BookingReport } from '../../../electron/reports/types';
import { lateWords } from '../../../electron/services/visitTimeRules';
import { RecordTable, Section } from './Section';
import { localText } from './when';

type Time = NonNullable<BookingReport['visit']['timeIn']>;

const recorded = (t: Time) => (t.recordedBy === null ? `for ${t.fieldworkerName}` : t.onBehalf ? `${t.recordedBy} for ${t.fieldworkerName}` : t.recordedBy);

export function VisitTimesSection({ report: r }: { report: BookingReport }) {
  const times = [
    ['Time-in', r.visit.timeIn, r.booking.scheduledStart],
    ['Time-out', r.visit.timeOut, r.booking.scheduledEnd],
  ] as const;
  const rows = times.map(([label, t, scheduled], id) => ({ id, label, t, scheduled }));
  return (
    <Section title="Visit times">
      <RecordTable
        rows={rows}
        none=""
        columns={[
          { title: 'Time', cell: (x) => x.label, width: '12%' },
          {
            title: 'Actual',
            cell: (x) =>
              x.t ? (
                <>
                  {localText(x.t.at)} <span className="utc">{lateWords(x.t.at, x.scheduled)}</span>
                </>
              ) : (
                <span className="empty">Not recorded</span>
              ),
            width: '26%',
          },
          { title: 'Scheduled', cell: (x) => localText(x.scheduled), width: '22%' },
          {
            title: 'Recorded by',
            cell: (x) =>
              x.t ? (
                <>
                  {recorded(x.t)}
                  {x.t.recordedAt && <div className="utc">{localText(x.t.recordedAt)}</div>}
                </>
              ) : (
                '—'
              ),
            width: '18%',
          },
          {
            title: 'Corrections',
            cell: (x) =>
              x.t?.corrections.length
                ? x.t.corrections.map((c, i) => (
                    <div key={i}>
                      {c.what === 'time' ? `${localText(c.from)} → ${localText(c.to)}` : `${c.from} → ${c.to}`}, by {c.actorName}
                      {c.reason ? ` (${c.reason})` : c.outside ? ' (outside JobTrail, no reason)' : ''}
                    </div>
                  ))
                : '—',
          },
        ]}
      />
    </Section>
  );
}
