// A save refused because someone changed the record after the form was opened
// (electron/services/versions.ts): who changed what since, old → new, and the two
// ways on: look at their change and take the current values into the form, or
// save mine anyway, which the History then records as overriding theirs.
import { useEffect, useRef, useState, type Ref } from 'react';
import type { StaleChange, StaleEdit, StaleField } from '../../electron/services/versions';
import { ApiFailure } from '../api/client';
import { afterText, beforeText } from '../history/readable';
import { formatWhenZoned } from '../zonedTime';
import './staleEdit.css';

/** The stale-save refusal inside a failed call, if that is what it was. */
export function staleEditOf(e: unknown): StaleEdit | null {
  return e instanceof ApiFailure && e.code === 'conflict' ? (e.details?.staleEdit ?? null) : null;
}

/** What a form's save says about its version: the one it was opened with or, saving anyway, the one the notice showed. */
export function versionOfSave(opened: number, anyway: StaleEdit | null): { version: number; override?: true } {
  return anyway ? { version: anyway.version, override: true } : { version: opened };
}

const who = (c: StaleChange) => (c.outside ? 'Someone outside JobTrail' : c.actorName);

function people(changes: StaleChange[]): string {
  const names = [...new Set(changes.map(who))];
  return names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

const list = (labels: string[]) => [...new Set(labels)].join(', ');

function summary(s: StaleEdit): string {
  const fields = s.changes.flatMap((c) => c.fields);
  const clashing = fields.filter((f) => f.clash).map((f) => f.label);
  const touched = list(fields.map((f) => f.label));
  return clashing.length
    ? `Their change touched ${touched}; you changed ${list(clashing)} too. Nothing was saved.`
    : `Their change touched ${touched}, which you did not change, but your form showed the old values. Nothing was saved.`;
}

export function StaleEditNotice({ stale, busy, onReload, onSaveAnyway }: { stale: StaleEdit; busy: boolean; onReload: () => void; onSaveAnyway: () => void }) {
  const [reviewing, setReviewing] = useState(false);
  const box = useRef<HTMLElement>(null);
  const review = useRef<HTMLTableElement>(null);
  // Focus comes to the notice, so the keyboard is where the choice is (and the notice in view).
  useEffect(() => {
    setReviewing(false);
    box.current?.focus();
  }, [stale]);
  useEffect(() => {
    if (reviewing) review.current?.focus();
  }, [reviewing]);
  const last = stale.changes.at(-1)!;
  const title = `${people(stale.changes)} changed this ${stale.entity} after you opened it`;
  return (
    <section className="stale-edit" role="alert" aria-label={title} tabIndex={-1} ref={box}>
      <h3>{title}</h3>
      <p>{summary(stale)}</p>
      {reviewing && <ChangesTable changes={stale.changes} tableRef={review} />}
      <div className="actions left">
        {reviewing ? (
          <button type="button" onClick={onReload} disabled={busy}>
            Load their values into the form
          </button>
        ) : (
          <button type="button" onClick={() => setReviewing(true)}>
            Review their change
          </button>
        )}
        <button type="button" className="primary" onClick={onSaveAnyway} disabled={busy}>
          {busy ? 'Saving…' : 'Save mine anyway'}
        </button>
      </div>
      <p className="hint">
        {reviewing ? 'Loading their values drops your unsaved edits. ' : ''}
        Saving yours anyway writes only the fields you changed, and the History records that it overrode {who(last)}’s change of {formatWhenZoned(last.at)}.
      </p>
    </section>
  );
}

function ChangesTable({ changes, tableRef }: { changes: StaleChange[]; tableRef: Ref<HTMLTableElement> }) {
  return (
    <table className="stale-changes" tabIndex={-1} ref={tableRef} aria-label="Changes made since you opened the form">
      <thead>
        <tr>
          <th>When</th>
          <th>Who</th>
          <th>Field</th>
          <th>Before</th>
          <th>After</th>
          <th>
            <span className="sr-only">Yours too</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {changes.flatMap((c) =>
          c.fields.map((f, i) => (
            <tr key={`${c.auditId}-${i}`} className={f.clash ? 'clash' : undefined}>
              <td>{i === 0 ? formatWhenZoned(c.at) : ''}</td>
              <td>{i === 0 ? who(c) : ''}</td>
              <td>{f.label}</td>
              <td>{valueOf(f, 'before')}</td>
              <td>{valueOf(f, 'after')}</td>
              <td>{f.clash ? 'You changed this too' : ''}</td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}

const valueOf = (f: StaleField, side: 'before' | 'after') => (side === 'before' ? beforeText(f) : afterText(f));
