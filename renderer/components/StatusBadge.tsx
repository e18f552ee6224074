import { humanize } from '../format';

/** A record's status as a coloured pill: booking, invoice, payment and quote statuses share the palette. */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`status status-${status}`}>{humanize(status)}</span>;
}
