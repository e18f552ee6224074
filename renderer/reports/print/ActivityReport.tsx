/** @jsxRuntime automatic */ // also when the CLI runs this file through tsx with the root tsconfig, which has no "jsx" (see electron/cli/report.ts)
// The period report and the person report: what was asked, totals per kind, event
// and person, the chart of the period, then every event.
import type { ActivityReport as Data, Total } from '../../../electron/reports/types';
import { humanize, plural } from '../../format';
import { countEvents, eventText } from '../../history/readable';
import { ReportFrame } from './ReportFrame';
import { HistoryTable } from './HistoryTable';
import { Facts, RecordTable, Section } from './Section';
import { localText, utcText } from './when';
import { barStart, type Granularity } from '../../audit/period';

function Totals({ title, totals, name }: { title: string; totals: readonly Total[]; name: (key: string) => string }) {
  const all = totals.reduce((n, t) => n + t.count, 0);
  return (
    <>
      <h3>{title}</h3>
      <RecordTable
        rows={totals.map((t, i) => ({ ...t, id: i }))}
        none="None."
        columns={[
          { title: title.replace(/^Per /, '').replace(/^./, (c) => c.toUpperCase()), cell: (t) => name(t.key) },
          { title: 'Events', cell: (t) => t.count.toLocaleString('en'), num: true, width: '16%' },
          { title: 'Share', cell: (t) => `${((100 * t.count) / Math.max(all, 1)).toFixed(1)}%`, num: true, width: '12%' },
        ]}
      />
    </>
  );
}

type Bar = Data['perDay'][number];

/**
 * Bars that fit the page's width, as the Audit log's chart has them: a day each up
 * to three months, then a week (from Monday) up to two years, then a month. A year
 * of days was 365 bars, wider than the paper, and printed cut off.
 */
function barsOf(days: Data['perDay']): { unit: Granularity; bars: Bar[]; first: string; last: string } {
  const first = days.reduce((a, d) => (d.day < a ? d.day : a), days[0].day);
  const last = days.reduce((a, d) => (d.day > a ? d.day : a), days[0].day);
  const span = Math.round((Date.parse(last) - Date.parse(first)) / 86_400_000) + 1; // YYYY-MM-DD is read as UTC: whole days
  const unit: Granularity = span <= 92 ? 'day' : span <= 731 ? 'week' : 'month';
  const bars = new Map<string, Bar>();
  for (const d of days) {
    const key = barStart(d.day, unit);
    const bar = bars.get(key) ?? { day: key, userAction: 0, financial: 0, dataEdit: 0 };
    bars.set(key, { ...bar, userAction: bar.userAction + d.userAction, financial: bar.financial + d.financial, dataEdit: bar.dataEdit + d.dataEdit });
  }
  return { unit, bars: [...bars.values()].sort((a, b) => a.day.localeCompare(b.day)), first, last };
}

const BAR_NAMES: Record<Granularity, (key: string) => string> = {
  day: (key) => key,
  week: (key) => `week of ${key}`,
  month: (key) => key.slice(0, 7),
};

/** Events per day, week or month by kind, as bars: the Audit log's chart, drawn with boxes so that it prints anywhere. */
function PerDay({ days, zone }: { days: Data['perDay']; zone: string }) {
  if (days.length === 0) return null;
  const { unit, bars, first, last } = barsOf(days);
  const most = Math.max(...bars.map((d) => d.userAction + d.financial + d.dataEdit), 1);
  const h = (n: number) => `${(100 * n) / most}%`;
  const weeks = unit === 'week' ? 'weeks from Monday, ' : '';
  return (
    <>
      <h3>
        Events per {unit} ({weeks}days in {zone}, {first} to {last}; the highest {most.toLocaleString('en')})
      </h3>
      <div className="bars" role="img" aria-label={`Events per ${unit} by kind`}>
        {bars.map((d) => (
          <div className="day" key={d.day} title={`${BAR_NAMES[unit](d.day)}: ${d.userAction + d.financial + d.dataEdit}`}>
            <div className="user_action" style={{ height: h(d.userAction) }} />
            <div className="financial" style={{ height: h(d.financial) }} />
            <div className="data_edit" style={{ height: h(d.dataEdit) }} />
          </div>
        ))}
      </div>
      <div className="legend">
        <span className="user_action">User action</span>
        <span className="financial">Financial</span>
        <span className="data_edit">Data edit</span>
      </div>
    </>
  );
}

export function ActivityReport({ report: r }: { report: Data }) {
  const s = r.scope;
  // Events as the History counts them: one action's rows about one record are one.
  const events = countEvents(r.history);
  const person = r.header.kind === 'person';
  return (
    <ReportFrame header={r.header}>
      <Section title="What this report covers">
        <Facts
          items={[
            ...(s.record !== undefined ? [['History of', s.record ?? 'The whole Audit log'] as [string, string]] : []),
            [
              'From',
              s.from ? (
                <>
                  {localText(s.from)} <span className="utc">({utcText(s.from)})</span>
                </>
              ) : (
                'Its first row'
              ),
            ],
            [
              'Until (not included)',
              s.to ? (
                <>
                  {localText(s.to)} <span className="utc">({utcText(s.to)})</span>
                </>
              ) : (
                'Its newest row'
              ),
            ],
            ['Person', s.person?.name ?? (s.outside ? 'Programs other than JobTrail' : 'Everyone')],
            ...(s.text ? [['Words searched', s.text] as [string, string]] : []),
            ['Kind', s.category ? humanize(s.category) : 'Every kind'],
            ...(s.event ? [['Event', eventText({ event: s.event })] as [string, string]] : []),
            ['Events', `${events.toLocaleString('en')}${events === r.history.length ? '' : ` (${plural(r.history.length, 'History row')})`}`],
          ]}
        />
      </Section>
      <Section title="Totals">
        <Totals title="Per kind" totals={r.totalsByKind} name={humanize} />
        {!person && <Totals title="Per person" totals={r.totalsByPerson} name={(k) => k} />}
        <Totals title="Per event" totals={r.totalsByEvent} name={(k) => eventText({ event: k })} />
        <PerDay days={r.perDay} zone={r.dayZone} />
      </Section>
      <Section title={`Every change (${plural(r.history.length, 'History row')}, oldest first)`}>
        <HistoryTable rows={r.history} />
      </Section>
    </ReportFrame>
  );
}
