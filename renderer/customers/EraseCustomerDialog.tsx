// Erasing a customer (GDPR Art. 17), for administrators: says exactly what goes
// and what stays, asks for the request's reference, and waits for the customer's
// name typed in full, as nothing brings the values back. Afterwards it says how
// many History rows were erased and which backups still hold the values, until when.
import { useState } from 'react';
import type { ApiOutput } from '../../electron/api/contract';
import { call } from '../api/client';
import { useAction } from '../api/useApi';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { formatDate, formatCount, plural } from '../format';

type Erased = ApiOutput<'customers.erase'>;

export function EraseCustomerDialog({
  customer,
  onClose,
  onErased,
}: {
  customer: { id: number; name: string };
  onClose: () => void;
  onErased: () => Promise<void>;
}) {
  const [reference, setReference] = useState('');
  const [typed, setTyped] = useState('');
  const [done, setDone] = useState<Erased | null>(null);
  const erase = useAction(async () => {
    setDone(await call('customers.erase', { customerId: customer.id, reference }));
    await onErased();
  });
  if (done) return <ErasedSummary done={done} onClose={onClose} />;
  const ready = reference.trim() !== '' && typed.trim() === customer.name.trim();
  const refusal = erase.refusal;
  return (
    <Dialog title={`Erase ${customer.name}?`} onClose={onClose} wide>
      <div className="confirm-text erase-what">
        <p>
          Their personal data is removed for good, from the records, from every History row that holds it and from the search index, and cannot be read back
          from the database file. This cannot be undone.
        </p>
        <div className="erase-columns">
          <div>
            <h3>Removed</h3>
            <ul>
              <li>the name (the customer becomes “Erased customer #{customer.id}”), email, phone, address and notes</li>
              <li>their bookings’ addresses, the words of their notes, inquiries and quotes’ titles</li>
              <li>custom field values marked as personal data</li>
              <li>the values of their History rows, and of any other row that names them: these read “(erased)”</li>
            </ul>
          </div>
          <div>
            <h3>Kept</h3>
            <ul>
              <li>invoices’ numbers, dates and amounts, and payments, as the law requires</li>
              <li>bookings’ times, services, prices and statuses</li>
              <li>who did what and when in the History, and its chain: it still verifies</li>
              <li>backups made before, until they expire (listed afterwards), and archives made before</li>
            </ul>
          </div>
        </div>
      </div>
      <Field
        label="Request reference"
        hint="What the erasure is filed under: the ticket or letter of the request"
        error={refusal?.field === 'reference' ? refusal.message : null}
      >
        <input value={reference} onChange={(e) => setReference(e.target.value)} maxLength={200} placeholder="e.g. DSR-2026-014" />
      </Field>
      <Field
        label={
          <>
            Type <strong>{customer.name}</strong> to confirm
          </>
        }
      >
        <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} />
      </Field>
      {refusal && refusal.field !== 'reference' && (
        <p className="error" role="alert">
          {refusal.message}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={onClose}>
          Keep it
        </button>
        <button type="button" className="danger" disabled={erase.busy || !ready} onClick={() => void erase.go()}>
          {erase.busy ? 'Erasing…' : 'Erase customer'}
        </button>
      </div>
    </Dialog>
  );
}

function ErasedSummary({ done, onClose }: { done: Erased; onClose: () => void }) {
  const gone =
    done.backupsGoneBy === null
      ? null
      : done.backupsGoneBy === 'never'
        ? 'some were made on request and stay until someone deletes them'
        : `the last of them goes by ${formatDate(done.backupsGoneBy.slice(0, 10))}`;
  return (
    <Dialog title={`Customer #${done.customerId} erased`} onClose={onClose}>
      <div className="confirm-text" role="status">
        <p>
          {plural(done.rowsErased, 'History row')} erased under reference “{done.reference}”; the erasure is recorded in the customer’s History with your name.
        </p>
        {done.backups.length === 0 ? (
          <p>No backup made before holds their data.</p>
        ) : (
          <>
            <p>
              {plural(done.backups.length, 'backup')} made before still {done.backups.length === 1 ? 'holds' : 'hold'} their data: {gone}.
            </p>
            <ul className="small">
              {done.backups.map((b) => (
                <li key={b.file}>
                  {b.file} ({b.goesBy ? `goes by ${formatDate(b.goesBy.slice(0, 10))}` : 'made on request'})
                </li>
              ))}
            </ul>
          </>
        )}
        {done.archivedUpTo !== null && <p>Archives made before hold the History up to row {formatCount(done.archivedUpTo)}: erase the customer there too.</p>}
        {!done.walCleared && <p className="muted">Another program had the database open: the database’s journal is cleared at the next checkpoint.</p>}
      </div>
      <div className="actions">
        <button type="button" className="primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}
