/** @jsxRuntime automatic */ // also when the CLI runs this file through tsx with the root tsconfig, which has no "jsx" (see electron/cli/report.ts)
// The visit verification report: what was asked, the totals, then every visit
// with the six things Electronic Visit Verification asks for (service, person
// served, date, place, person who served, begin and end, scheduled against
// actual), and every correction of a recorded time with who, when and why.
import type { VisitReport as Data, VisitReportRow } from '../../../electron/reports/types';
import { lateWords, spanWords } from '../../../electron/services/visitTimeRules';
import { humanize, plural } from '../../format';
import { zoneFormat } from '../../officeZone';
import { ReportFrame } from './ReportFrame';
import { Facts, RecordTable, Section } from './Section';
import { localText, utcText } from './when';

// The visit's day has a column of its own: times are printed as the office's clock read them, with the zone.
const timeOf = zoneFormat({ hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
const dayOf = zoneFormat({ weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });
const shortDay = zoneFormat({ month: 'short', day: 'numeric' });
const clock = (iso: string) => timeOf().format(new Date(iso));
/** The clock time, with the day too when it is not the visit's day (a time-out after midnight, a time far off). */
const at = (iso: string, day: string) => (dayOf().format(new Date(iso)) === day ? clock(iso) : `${shortDay().format(new Date(iso))}, ${clock(iso)}`);

function Actual({ v, day }: { v: VisitReportRow; day: string }) {
  if (!v.timeIn && !v.timeOut) return <span className="empty">Not recorded</span>;
  return (
    <>
      <div>
        In:{' '}
        {v.timeIn ? (
          <>
            {at(v.timeIn, day)} <span className="utc">{lateWords(v.timeIn, v.scheduledStart)}</span>
          </>
        ) : (
          <span className="empty">not recorded</span>
        )}
      </div>
      <div>
        Out:{' '}
        {v.timeOut ? (
          <>
            {at(v.timeOut, day)} <span className="utc">{lateWords(v.timeOut, v.scheduledEnd)}</span>
          </>
        ) : (
          <span className="empty">not recorded</span>
        )}
      </div>
      {v.timeIn && v.timeOut && <div className="utc">{spanWords(Date.parse(v.timeOut) - Date.parse(v.timeIn))} on site</div>}
    </>
  );
}

/** The visit's day as printed: the local day of its time-in, else of its scheduled start. */
const visitDay = (v: VisitReportRow) => dayOf().format(new Date(v.timeIn ?? v.scheduledStart));

function recordedBy(v: VisitReportRow): string {
  const names = [...new Set([v.timeInRecordedBy, v.timeOutRecordedBy].filter((n): n is string => n !== null))];
  return names.length ? `${names.join(', ')}${v.onBehalf ? ' (on behalf)' : ''}` : '—';
}

export function VisitReport({ report: r }: { report: Data }) {
  const s = r.scope;
  const t = r.totals;
  const corrections = r.visits.flatMap((v) => v.corrections.map((c, i) => ({ ...c, id: v.bookingId * 100 + i, visit: v })));
  return (
    <ReportFrame header={r.header}>
      <Section title="What this report covers">
        <Facts
          items={[
            [
              'From',
              <>
                {localText(s.from)} <span className="utc">({utcText(s.from)})</span>
              </>,
            ],
            [
              'Until (not included)',
              <>
                {localText(s.to)} <span className="utc">({utcText(s.to)})</span>
              </>,
            ],
            ['Customer', s.customer?.name ?? 'Every customer'],
            ['Fieldworker', s.fieldworker?.name ?? 'Every fieldworker'],
            [
              'Visits',
              `${t.visits.toLocaleString('en')}: ${t.verified.toLocaleString('en')} with both times recorded, ` +
                `${t.missingTimeIn} without a time-in, ${t.missingTimeOut} without a time-out, ${t.late} arrived late, ${t.corrected} corrected`,
            ],
            ['Times', 'Local time with its zone; the scheduled times are the booking’s as it stands now, the actual ones as recorded or corrected'],
          ]}
        />
      </Section>
      <Section title={`Visits (${plural(t.visits, 'visit')}, by scheduled start)`}>
        <RecordTable
          rows={r.visits.map((v) => ({ ...v, id: v.bookingId }))}
          none="No visits in this period."
          columns={[
            {
              title: 'Service',
              cell: (v) => (
                <>
                  {v.service}
                  <div className="utc">
                    Booking #{v.bookingId} · {humanize(v.status)}
                  </div>
                </>
              ),
              width: '13%',
            },
            { title: 'Person served', cell: (v) => v.personServed, width: '11%' },
            { title: 'Date', cell: (v) => visitDay(v), width: '10%' },
            { title: 'Place', cell: (v) => v.place, width: '13%' },
            { title: 'Person who served', cell: (v) => v.personWhoServed ?? <span className="empty">nobody assigned</span>, width: '11%' },
            {
              title: 'Scheduled',
              cell: (v) => (
                <>
                  {at(v.scheduledStart, visitDay(v))}
                  <div>to {at(v.scheduledEnd, visitDay(v))}</div>
                </>
              ),
              width: '13%',
            },
            { title: 'Actual (begin, end)', cell: (v) => <Actual v={v} day={visitDay(v)} />, width: '17%' },
            { title: 'Recorded by', cell: recordedBy },
          ]}
        />
      </Section>
      <Section title={`Corrections (${plural(corrections.length, 'correction')})`}>
        <RecordTable
          rows={corrections}
          none="No recorded time was corrected."
          columns={[
            {
              title: 'Visit',
              cell: (c) => (
                <>
                  Booking #{c.visit.bookingId}
                  <div className="utc">{c.visit.personServed}</div>
                </>
              ),
              width: '16%',
            },
            { title: 'Time', cell: (c) => (c.kind === 'time_in' ? 'Time-in' : 'Time-out'), width: '9%' },
            { title: 'From', cell: (c) => (c.what === 'time' ? localText(c.from) : c.from), width: '17%' },
            { title: 'To', cell: (c) => (c.what === 'time' ? localText(c.to) : c.to), width: '17%' },
            {
              title: 'By, when',
              cell: (c) => (
                <>
                  {c.actorName}
                  <div className="utc">{localText(c.at)}</div>
                </>
              ),
              width: '17%',
            },
            { title: 'Reason', cell: (c) => c.reason ?? (c.outside ? <span className="outside">Made outside JobTrail: no reason given</span> : '—') },
          ]}
        />
      </Section>
    </ReportFrame>
  );
}
