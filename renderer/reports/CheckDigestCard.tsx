// "Check a printed report": the digest (and row count) copied from any page of a
// report is looked up in this log, which says whether it still holds it and how
// many rows came after, or that it does not (a changed or another database).
import { useState, type FormEvent } from 'react';
import type { DigestCheck } from '../../db/expectedHead';
import { call } from '../api/client';
import { refusalOf, type Refusal } from '../api/useApi';
import { Field } from '../components/Field';

export function CheckDigestCard() {
  const [digest, setDigest] = useState('');
  const [rows, setRows] = useState('');
  const [checking, setChecking] = useState(false);
  const [answer, setAnswer] = useState<DigestCheck | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  async function check(e: FormEvent) {
    e.preventDefault();
    setChecking(true);
    setAnswer(null);
    setRefusal(null);
    try {
      const count = rows.replace(/[\s,.]/g, '');
      setAnswer(await call('audit.checkDigest', { digest: digest.replace(/\s/g, ''), rows: count ? Number(count) : undefined }));
    } catch (err) {
      setRefusal(refusalOf(err));
    } finally {
      setChecking(false);
    }
  }

  const fieldError = (f: string) => (refusal?.field === f ? refusal.message : undefined);
  return (
    <section className="card" aria-labelledby="check-printed-title">
      <h2 id="check-printed-title">Check a printed report</h2>
      <p>Every page of a report prints the chain head it was made from and the rows it covers. Type them here to learn
        whether this log still holds that page's rows unchanged.</p>
      <form className="stack" onSubmit={(e) => void check(e)} noValidate>
        <Field label="Chain head" hint="16 to 64 letters and digits (0–9, a–f), as printed" error={fieldError('digest')}>
          <input value={digest} onChange={(e) => setDigest(e.target.value)} spellCheck={false} autoComplete="off"
            className="mono" required />
        </Field>
        <Field label="Rows covered" hint="Optional: the row count printed beside it" error={fieldError('rows')}>
          <input value={rows} onChange={(e) => setRows(e.target.value)} inputMode="numeric" autoComplete="off" />
        </Field>
        <div className="actions left">
          <button type="submit" className="primary" disabled={checking || !digest.trim()}>{checking ? 'Checking the log…' : 'Check'}</button>
        </div>
      </form>
      {refusal && !refusal.field && <p className="error" role="alert">{refusal.message}</p>}
      {answer && (
        <p className={answer.ok ? 'verdict-line intact' : 'verdict-line broken'} role={answer.ok ? 'status' : 'alert'}>
          {answer.message}
        </p>
      )}
    </section>
  );
}
