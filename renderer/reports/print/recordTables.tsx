/** @jsxRuntime automatic */ // also when the CLI runs this file through tsx with the root tsconfig, which has no "jsx" (see electron/cli/report.ts)
// The records a booking or customer report lists beside its History: invoices,
// payments, notes, custom fields, money and times as the screens show them.
import type { CustomFieldDefinition } from '../../../electron/services/customFields';
import type { InvoiceView } from '../../../electron/services/invoices';
import type { NoteView } from '../../../electron/services/notes';
import type { PaymentView } from '../../../electron/services/payments';
import type { CustomFields } from '../../../electron/reports/types';
import { formatMoney, humanize } from '../../format';
import { valueText } from '../../history/readable';
import { Facts, RecordTable } from './Section';
import { localText } from './when';

export function InvoicesTable({ invoices }: { invoices: readonly InvoiceView[] }) {
  return (
    <RecordTable
      rows={invoices}
      none="No invoices."
      columns={[
        { title: 'Invoice', cell: (i) => i.number },
        { title: 'Amount', cell: (i) => formatMoney(i.amountCents), num: true },
        { title: 'Status', cell: (i) => humanize(i.status) },
        { title: 'Created', cell: (i) => localText(i.createdAt) },
        { title: 'Sent', cell: (i) => localText(i.sentAt) || '—' },
      ]}
    />
  );
}

export function PaymentsTable({ payments, invoices }: { payments: readonly PaymentView[]; invoices: readonly InvoiceView[] }) {
  const numberOf = new Map(invoices.map((i) => [i.id, i.number]));
  return (
    <RecordTable
      rows={payments}
      none="No payments."
      columns={[
        { title: 'On invoice', cell: (p) => numberOf.get(p.invoiceId) ?? `invoice ${p.invoiceId}` },
        { title: 'Amount', cell: (p) => formatMoney(p.amountCents), num: true },
        { title: 'Method', cell: (p) => humanize(p.method) },
        { title: 'Status', cell: (p) => humanize(p.status) },
        { title: 'Logged', cell: (p) => localText(p.createdAt) },
      ]}
    />
  );
}

export function NotesTable({ notes }: { notes: readonly NoteView[] }) {
  return (
    <RecordTable
      rows={notes}
      none="No notes."
      columns={[
        { title: 'Written', cell: (n) => localText(n.createdAt), width: '24%' },
        { title: 'By', cell: (n) => n.authorName ?? '(unknown)', width: '16%' },
        { title: 'Note', cell: (n) => <span className="note-body">{n.body}</span> },
      ]}
    />
  );
}

/** A record's custom fields by their labels, every defined one listed (empty ones say so). */
export function CustomFieldFacts({ values, definitions }: { values: CustomFields; definitions: readonly CustomFieldDefinition[] }) {
  if (definitions.length === 0) return null;
  return <Facts items={definitions.map((d) => [d.label, values[String(d.id)] == null ? '' : valueText(null, values[String(d.id)])])} />;
}
