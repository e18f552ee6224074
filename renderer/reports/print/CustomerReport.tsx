/** @jsxRuntime automatic */ // also when the CLI runs this file through tsx with the root tsconfig, which has no "jsx" (see electron/cli/report.ts)
// The customer's right-of-access report (GDPR Art. 15): everything stored about
// them, then the complete History tied to them. The same data is the JSON file of
// Art. 20.
import type { CustomerReport as Data } from '../../../electron/reports/types';
import { formatMoney, humanize } from '../../format';
import { ReportFrame } from './ReportFrame';
import { HistoryTable } from './HistoryTable';
import { Facts, RecordTable, Section } from './Section';
import { CustomFieldFacts, InvoicesTable, NotesTable, PaymentsTable } from './recordTables';
import { localText } from './when';

export function CustomerReport({ report: r }: { report: Data }) {
  const c = r.customer;
  const bookingFields = r.customFieldDefinitions.filter((d) => d.entity === 'booking');
  const labelOf = new Map(bookingFields.map((d) => [String(d.id), d.label]));
  return (
    <ReportFrame header={r.header}>
      <Section title="Profile">
        <Facts
          items={[
            ['Name', c.name],
            ['Email', c.email ?? ''],
            ['Phone', c.phone ?? ''],
            ['Address', c.address ?? ''],
            ['Notes', c.notes ?? ''],
            ['Customer since', localText(c.createdAt)],
            ['Last changed', localText(c.updatedAt)],
            ['Deleted', c.deletedAt ? localText(c.deletedAt) : 'No'],
          ]}
        />
        <h3>Custom fields</h3>
        <CustomFieldFacts values={c.customFields} definitions={r.customFieldDefinitions.filter((d) => d.entity === 'customer')} />
      </Section>
      <Section title={`Bookings (${r.bookings.length})`}>
        <RecordTable
          rows={r.bookings}
          none="No bookings."
          columns={[
            { title: 'Booking', cell: (b) => String(b.id), num: true, width: '9%' },
            { title: 'Service', cell: (b) => b.service, width: '14%' },
            { title: 'When', cell: (b) => localText(b.scheduledStart), width: '15%' },
            { title: 'Address', cell: (b) => b.address, width: '17%' },
            { title: 'Status', cell: (b) => humanize(b.status) + (b.deletedAt ? ' (deleted)' : ''), width: '12%' },
            { title: 'Fieldworker', cell: (b) => b.fieldworkerName ?? '—', width: '13%' },
            { title: 'Price', cell: (b) => formatMoney(b.priceCents), num: true, width: '10%' },
            {
              title: 'Custom fields',
              cell: (b) =>
                Object.entries(b.customFields)
                  .filter(([, v]) => v !== null)
                  .map(([k, v]) => `${labelOf.get(k) ?? k}: ${v}`)
                  .join('; ') || '—',
            },
          ]}
        />
      </Section>
      <Section title="Quotes">
        <RecordTable
          rows={r.quotes}
          none="No quotes."
          columns={[
            { title: 'Quote', cell: (q) => q.number, width: '14%' },
            { title: 'Title', cell: (q) => q.title },
            { title: 'Amount', cell: (q) => formatMoney(q.amountCents), num: true, width: '14%' },
            { title: 'Status', cell: (q) => humanize(q.status), width: '12%' },
            { title: 'Created', cell: (q) => localText(q.createdAt), width: '24%' },
          ]}
        />
      </Section>
      <Section title="Invoices">
        <InvoicesTable invoices={r.invoices} />
      </Section>
      <Section title="Payments">
        <PaymentsTable payments={r.payments} invoices={r.invoices} />
      </Section>
      <Section title="Inquiries">
        <RecordTable
          rows={r.inquiries}
          none="No inquiries."
          columns={[
            { title: 'Received', cell: (i) => localText(i.createdAt), width: '24%' },
            { title: 'Channel', cell: (i) => humanize(i.channel), width: '12%' },
            { title: 'Subject', cell: (i) => i.subject },
            { title: 'Message', cell: (i) => <span className="note-body">{i.body ?? ''}</span> },
          ]}
        />
      </Section>
      <Section title="Notes">
        <NotesTable notes={r.notes} />
      </Section>
      <Section title={`Complete History (${r.history.length.toLocaleString('en')} rows, oldest first)`}>
        <HistoryTable rows={r.history} />
      </Section>
    </ReportFrame>
  );
}
