// Record inquiry: a call, an email or a web form from the customer, kept with
// their profile (and in their History) so the next person knows what was asked.
import { useState } from 'react';
import type { ApiInput } from '../../electron/api/contract';
import { call } from '../api/client';
import { useAction } from '../api/useApi';
import { Field } from '../components/Field';
import { FormDialog } from './FormDialog';

type Channel = ApiInput<'inquiries.record'>['channel'];
const CHANNELS: [Channel, string][] = [
  ['phone', 'Phone'],
  ['email', 'Email'],
  ['web', 'Web form'],
];
export const channelLabel = (c: Channel) => CHANNELS.find(([v]) => v === c)?.[1] ?? c;

export function RecordInquiryDialog({
  customer,
  onClose,
  onRecorded,
}: {
  customer: { id: number; name: string };
  onClose: () => void;
  onRecorded: () => Promise<void>;
}) {
  const [channel, setChannel] = useState<Channel>('phone');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const record = useAction(async () => {
    await call('inquiries.record', { customerId: customer.id, channel, subject, body });
    await onRecorded();
  });
  return (
    <FormDialog
      title={`Record inquiry — ${customer.name}`}
      submit="Record inquiry"
      busyLabel="Recording…"
      action={record}
      fields={['channel', 'subject', 'body']}
      onClose={onClose}
    >
      {(errorFor) => (
        <div className="form-grid">
          <Field label="Came by" error={errorFor('channel')}>
            <select value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
              {CHANNELS.map(([v, label]) => (
                <option key={v} value={v}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Subject" error={errorFor('subject')}>
            <input
              value={subject}
              onChange={(e) => setSubject(e.target.value)}
              maxLength={200}
              required
              autoFocus
              placeholder="Noisy furnace, quote for gutters…"
            />
          </Field>
          <Field label="What they said" error={errorFor('body')} className="span2">
            <textarea rows={4} value={body} onChange={(e) => setBody(e.target.value)} maxLength={4000} />
          </Field>
        </div>
      )}
    </FormDialog>
  );
}
