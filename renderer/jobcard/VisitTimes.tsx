// The visit's actual times on the job card: when the fieldworker arrived and
// left against the schedule (late or early by, time on site), who recorded each
// and for whom, and every correction with its reason. The assigned fieldworker
// records their own arrival and departure; the office records them on their
// behalf and corrects them with a reason. A time the main process doubts (in the
// future, out of order, far from the schedule: visitTimeRules.ts) comes back as a
// refusal on "confirm", which the dialog turns into "Record anyway?".
import { useState, type FormEvent } from 'react';
import { ApiFailure, call } from '../api/client';
import { FormError, useAction } from '../api/useApi';
import { Dialog } from '../components/Dialog';
import { DateTimeField } from '../components/DateTimeField';
import { emptyReason, reasonInput, reasonReady, ReasonPicker, type ReasonDraft } from '../components/ReasonPicker';
import { formatWhen, fromLocalInput, toLocalInput, utcTitle } from '../format';
import { useMay, useSession } from '../session';
import type { Booking, Timeline } from '../types';
import { VISIT_CORRECTION_REASONS } from '../../electron/services/reasons';
import { KIND_WORDS, lateWords, spanWords, type VisitTimeKind } from '../../electron/services/visitTimeRules';
import './visitTimes.css';

type Visit = Timeline['visit'];
type Time = NonNullable<Visit['timeIn']>;
type Code = (typeof VISIT_CORRECTION_REASONS)[number];

const LABEL: Record<VisitTimeKind, string> = { time_in: 'Arrived', time_out: 'Left' };
const RECORD: Record<VisitTimeKind, string> = { time_in: 'Record arrival', time_out: 'Record departure' };
const NO_VISIT = new Set(['quote', 'pending', 'cancelled']);

/** "recorded by Leah Okafor for Luis Ortega", or "recorded by Luis Ortega". */
export const recordedWords = (t: Time) =>
  t.recordedBy === null ? `for ${t.fieldworkerName}` : t.onBehalf ? `recorded by ${t.recordedBy} for ${t.fieldworkerName}` : `recorded by ${t.recordedBy}`;

/** The line under Started or Completed on the Timeline: the actual time against the schedule. */
export function VisitLine({ timeline, kind }: { timeline: Timeline; kind: VisitTimeKind }) {
  const t = kind === 'time_in' ? timeline.visit.timeIn : timeline.visit.timeOut;
  if (!t) return null;
  const scheduled = kind === 'time_in' ? timeline.scheduledStart : timeline.scheduledEnd;
  return (
    <span className="step-visit" data-visit={kind}>
      {kind === 'time_in' ? 'Time-in' : 'Time-out'} <span title={utcTitle(t.at)}>{formatWhen(t.at)}</span> · {lateWords(t.at, scheduled)}
      {kind === 'time_out' && timeline.visit.timeIn && <> · {onSite(timeline.visit.timeIn.at, t.at, timeline)}</>}
      {t.corrections.length > 0 && <span className="corrected"> · corrected</span>}
    </span>
  );
}

function onSite(from: string, to: string, timeline: Timeline): string {
  const scheduled = Date.parse(timeline.scheduledEnd) - Date.parse(timeline.scheduledStart);
  return `${spanWords(Date.parse(to) - Date.parse(from))} on site (scheduled ${spanWords(scheduled)})`;
}

export function VisitPanel({ booking: b, timeline, onChanged }: { booking: Booking; timeline: Timeline; onChanged: () => Promise<void> }) {
  const may = useMay();
  const { user } = useSession();
  const [open, setOpen] = useState<{ kind: VisitTimeKind; correct: boolean } | null>(null);
  const visit = timeline.visit;
  const mine = b.fieldworkerId === user.id;
  const office = user.role !== 'fieldworker';
  const live = !b.deletedAt && !NO_VISIT.has(b.status) && b.fieldworkerId !== null;
  const mayRecord = live && may('visits.record') && (mine || office);
  const mayCorrect = !b.deletedAt && may('visits.correct');
  const row = (kind: VisitTimeKind) => {
    const t = kind === 'time_in' ? visit.timeIn : visit.timeOut;
    const scheduled = kind === 'time_in' ? timeline.scheduledStart : timeline.scheduledEnd;
    return (
      <div className="visit-time" data-kind={kind} key={kind}>
        <dt>
          {LABEL[kind]} <span className="muted">({KIND_WORDS[kind]})</span>
        </dt>
        <dd>
          {t ? (
            <>
              <strong title={utcTitle(t.at)}>{formatWhen(t.at)}</strong> · {lateWords(t.at, scheduled)}{' '}
              <span className="muted">(scheduled {formatWhen(scheduled)})</span>
              <div className="muted">
                {recordedWords(t)}
                {t.recordedAt ? `, ${formatWhen(t.recordedAt)}` : ''}
              </div>
              {t.corrections.length > 0 && <Corrections time={t} />}
              {mayCorrect && (
                <button type="button" className="link" onClick={() => setOpen({ kind, correct: true })}>
                  Correct {KIND_WORDS[kind]}…
                </button>
              )}
            </>
          ) : (
            <>
              <span className="muted">Not recorded</span> <span className="muted">(scheduled {formatWhen(scheduled)})</span>
              {mayRecord && (
                <div>
                  <button
                    type="button"
                    className={kind === 'time_in' || visit.timeIn ? 'primary' : undefined}
                    onClick={() => setOpen({ kind, correct: false })}
                  >
                    {RECORD[kind]}
                  </button>
                </div>
              )}
            </>
          )}
        </dd>
      </div>
    );
  };
  return (
    <section className="quick visit-panel" aria-labelledby="visit-times-title" data-quick="visit-times">
      <h3 id="visit-times-title">Visit times</h3>
      <dl className="details compact">
        {row('time_in')}
        {row('time_out')}
      </dl>
      {visit.timeIn && visit.timeOut && <p className="muted">{onSite(visit.timeIn.at, visit.timeOut.at, timeline)}</p>}
      {open &&
        (open.correct ? (
          <CorrectDialog
            booking={b}
            kind={open.kind}
            time={(open.kind === 'time_in' ? visit.timeIn : visit.timeOut)!}
            onClose={() => setOpen(null)}
            onDone={async () => {
              setOpen(null);
              await onChanged();
            }}
          />
        ) : (
          <RecordDialog
            booking={b}
            kind={open.kind}
            mine={mine}
            onClose={() => setOpen(null)}
            onDone={async () => {
              setOpen(null);
              await onChanged();
            }}
          />
        ))}
    </section>
  );
}

function Corrections({ time: t }: { time: Time }) {
  return (
    <ul className="plain corrections" aria-label="Corrections">
      {t.original && <li className="muted">First recorded as {formatWhen(t.original)}</li>}
      {t.corrections.map((c, i) => (
        <li key={i} className={c.outside ? 'outside' : undefined}>
          Corrected{' '}
          {c.what === 'time' ? (
            <>
              from {formatWhen(c.from)} to {formatWhen(c.to)}
            </>
          ) : (
            <>
              from {c.from} to {c.to}
            </>
          )}{' '}
          by {c.actorName}, {formatWhen(c.at)}
          {c.reason ? ` — ${c.reason}` : c.outside ? ' — outside JobTrail, no reason given' : ''}
        </li>
      ))}
    </ul>
  );
}

/** The refusal that asks first: its message lists the doubts; "Record anyway" sends the same time confirmed. */
const asksFirst = (e: unknown) => e instanceof ApiFailure && e.field === 'confirm';

function useTimeForm(initial: string) {
  const [when, setWhen] = useState(toLocalInput(initial));
  const [doubt, setDoubt] = useState<string | null>(null);
  return {
    when,
    setWhen: (v: string) => {
      setWhen(v);
      setDoubt(null);
    },
    doubt,
    setDoubt,
    at: () => fromLocalInput(when),
  };
}

function RecordDialog({
  booking: b,
  kind,
  mine,
  onClose,
  onDone,
}: {
  booking: Booking;
  kind: VisitTimeKind;
  mine: boolean;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const form = useTimeForm(new Date().toISOString());
  const run = useAction(async (confirmed: boolean) => {
    const at = form.at();
    if (!at) throw new FormError('Give the date and time.', 'at');
    try {
      await call('visits.record', { bookingId: b.id, kind, at, confirmed });
    } catch (e) {
      if (asksFirst(e)) return form.setDoubt((e as ApiFailure).message);
      throw e;
    }
    await onDone();
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run.go(form.doubt !== null);
  };
  return (
    <Dialog title={`${RECORD[kind]}?`} onClose={onClose}>
      <form className="stack" onSubmit={submit} noValidate>
        <p>
          {b.service} for {b.customerName}, scheduled {formatWhen(b.scheduledStart)}.{' '}
          {mine ? `Your ${KIND_WORDS[kind]} is recorded under your name.` : `Recorded for ${b.fieldworkerName} under your name, on their behalf.`}
        </p>
        <DateTimeField
          label={kind === 'time_in' ? 'Arrived at' : 'Left at'}
          value={form.when}
          onChange={form.setWhen}
          required
          error={run.refusal?.field === 'at' ? run.refusal.message : undefined}
        />
        {form.doubt && (
          <p className="notice warn" role="alert" data-doubt>
            {form.doubt} Record anyway?
          </p>
        )}
        {run.refusal && run.refusal.field !== 'at' && (
          <p className="error" role="alert">
            {run.refusal.message}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={run.busy}>
            {run.busy ? 'Saving…' : form.doubt ? 'Record anyway' : RECORD[kind]}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function CorrectDialog({
  booking: b,
  kind,
  time,
  onClose,
  onDone,
}: {
  booking: Booking;
  kind: VisitTimeKind;
  time: Time;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const form = useTimeForm(time.at);
  const [reason, setReason] = useState<ReasonDraft<Code>>(emptyReason);
  const run = useAction(async (confirmed: boolean) => {
    const at = form.at();
    if (!at) throw new FormError('Give the date and time.', 'at');
    try {
      await call('visits.correct', { bookingId: b.id, kind, at, reason: reasonInput(reason), confirmed });
    } catch (e) {
      if (asksFirst(e)) return form.setDoubt((e as ApiFailure).message);
      throw e;
    }
    await onDone();
  });
  const reasonError = run.refusal?.field?.startsWith('reason') ? run.refusal.message : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reasonReady(reason)) void run.go(form.doubt !== null);
  };
  return (
    <Dialog title={`Correct the ${KIND_WORDS[kind]}?`} onClose={onClose}>
      <form className="stack" onSubmit={submit} noValidate>
        <p>
          {b.service} for {b.customerName}: the {KIND_WORDS[kind]} is {formatWhen(time.at)} ({recordedWords(time)}). The correction is recorded with its reason
          beside the time it replaces, which stays in the History.
        </p>
        <DateTimeField
          label={kind === 'time_in' ? 'Arrived at' : 'Left at'}
          value={form.when}
          onChange={form.setWhen}
          required
          error={run.refusal?.field === 'at' ? run.refusal.message : undefined}
        />
        <ReasonPicker label="Why is it corrected?" codes={VISIT_CORRECTION_REASONS} value={reason} onChange={setReason} error={reasonError} />
        {form.doubt && (
          <p className="notice warn" role="alert" data-doubt>
            {form.doubt} Record anyway?
          </p>
        )}
        {run.refusal && !reasonError && run.refusal.field !== 'at' && (
          <p className="error" role="alert">
            {run.refusal.message}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={onClose}>
            Keep it
          </button>
          <button type="submit" className="primary" disabled={run.busy || !reasonReady(reason)}>
            {run.busy ? 'Saving…' : form.doubt ? 'Record anyway' : 'Correct time'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
