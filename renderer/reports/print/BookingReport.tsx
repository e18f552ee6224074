/** @jsxRuntime automatic */ // also when the CLI runs this file through tsx with the root tsconfig, which has no "jsx" (see electron/cli/report.ts)
// The booking dispute report ("Print proof"): the booking now and as booked, its
// Timeline with who and when, every reschedule, notes, invoices and payments, and
// the complete History.
import type { BookingReport as Data } from '../../../electron/reports/types';
import { formatMoney, humanize } from '../../format';
import { fieldLabel, valueText } from '../../history/readable';
import { ReportFrame } from './ReportFrame';
import { HistoryTable } from './HistoryTable';
import { Facts, RecordTable, Section } from './Section';
import { CustomFieldFacts, InvoicesTable, NotesTable, PaymentsTable } from './recordTables';
import { localText, utcText } from './when';
import { VisitTimesSection } from './VisitTimesSection';

/** References carry ids beside the names: the names are what a page shows. */
const shownAsBooked = (field: string) => !field.endsWith('_ref');

export function BookingReport({ report: r }: { report: Data }) {
  const b = r.booking;
  return (
    <ReportFrame header={r.header}>
      <Section title="The booking now">
        <Facts
          items={[
            ['Service', b.service],
            ['Customer', b.customerName],
            ['Address', b.address],
            ['Start', localText(b.scheduledStart)],
            ['End', localText(b.scheduledEnd)],
            ['Status', humanize(b.status)],
            ['Fieldworker', b.fieldworkerName ?? ''],
            ['Price', formatMoney(b.priceCents)],
            ['Quote', b.quoteNumber ?? ''],
            ['Deleted', b.deletedAt ? localText(b.deletedAt) : 'No'],
          ]}
        />
        <CustomFieldFacts values={b.customFields} definitions={r.customFieldDefinitions} />
      </Section>
      <Section title="As it was when booked">
        {r.asBooked ? (
          <>
            <p>
              Booked {localText(r.asBooked.at)} ({utcText(r.asBooked.at)}) by {r.asBooked.actorName}.
            </p>
            <Facts
              items={Object.entries(r.asBooked.fields)
                .filter(([f]) => shownAsBooked(f))
                .map(([f, v]) => [fieldLabel(f), valueText(f, v)])}
            />
            {r.asBooked.unknown.length > 0 && (
              <p className="empty">
                Not recorded when booked (this booking predates "created" rows that carry every field, and the field was never changed since):{' '}
                {r.asBooked.unknown.map(fieldLabel).join(', ')}.
              </p>
            )}
          </>
        ) : (
          <p className="empty">The log holds no "created" row for this booking (it may have been archived).</p>
        )}
      </Section>
      <Section title="Timeline">
        <RecordTable
          rows={r.timeline.map((s, i) => ({ ...s, id: i }))}
          none=""
          columns={[
            {
              title: 'Step',
              cell: (s) =>
                s.reason ? (
                  <>
                    {s.label}
                    <br />
                    {s.reason}
                  </>
                ) : (
                  s.label
                ),
              width: '18%',
            },
            { title: 'Reached', cell: (s) => (s.done ? 'Yes' : s.skipped ? 'Not reached' : 'Not yet'), width: '12%' },
            {
              title: 'When',
              cell: (s) =>
                s.at ? (
                  <>
                    {localText(s.at)} <span className="utc">({utcText(s.at)})</span>
                  </>
                ) : (
                  '—'
                ),
            },
            { title: 'Who', cell: (s) => s.actorName ?? '—', width: '22%' },
          ]}
        />
      </Section>
      <VisitTimesSection report={r} />
      <Section title={`Reschedules (${r.reschedules.length})`}>
        <RecordTable
          rows={r.reschedules.map((m, i) => ({ ...m, id: i }))}
          none="The appointment was never moved."
          columns={[
            { title: 'When', cell: (m) => localText(m.at), width: '20%' },
            { title: 'Who', cell: (m) => m.actorName, width: '15%' },
            { title: 'Old time', cell: (m) => `${localText(m.oldStart)} – ${localText(m.oldEnd)}` },
            { title: 'New time', cell: (m) => `${localText(m.newStart)} – ${localText(m.newEnd)}` },
            { title: 'Reason', cell: (m) => m.reason ?? <span className="empty">none recorded</span>, width: '13%' },
          ]}
        />
      </Section>
      <Section title="Notes">
        <NotesTable notes={r.notes} />
      </Section>
      <Section title="Invoices">
        <InvoicesTable invoices={r.invoices} />
      </Section>
      <Section title="Payments">
        <PaymentsTable payments={r.payments} invoices={r.invoices} />
      </Section>
      <Section title={`Complete History (${r.history.length.toLocaleString('en')} rows, oldest first)`}>
        <HistoryTable rows={r.history} showRecord={false} />
      </Section>
    </ReportFrame>
  );
}
