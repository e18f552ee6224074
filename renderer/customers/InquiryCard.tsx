// An inquiry's card: how it came in, when, and what the customer asked.
import { Dialog } from '../components/Dialog';
import { formatWhen, utcTitle } from '../format';
import type { CustomerActivity } from './customerDraft';
import { channelLabel } from './RecordInquiryDialog';

type Inquiry = CustomerActivity['inquiries'][number];

export function InquiryCard({ inquiry: i, onClose }: { inquiry: Inquiry; onClose: () => void }) {
  return (
    <Dialog title="Inquiry" onClose={onClose}>
      <dl className="details">
        <dt>Subject</dt>
        <dd className="strong">{i.subject}</dd>
        <dt>Came by</dt>
        <dd>{channelLabel(i.channel)}</dd>
        <dt>When</dt>
        <dd title={utcTitle(i.createdAt)}>{formatWhen(i.createdAt)}</dd>
        <dt>What they said</dt>
        <dd className="note-body">{i.body ?? <span className="muted">(nothing written down)</span>}</dd>
      </dl>
    </Dialog>
  );
}
