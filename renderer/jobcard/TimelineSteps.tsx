// The Timeline's checklist, as the History has it: each step reached with when and
// who; Cancelled or No-show as a step of its own, with the reason given; the steps
// a cancelled or missed booking never reached marked so, not "not yet"; work
// started or finished long before its day flagged.
import { formatWhen, utcTitle } from '../format';
import type { Timeline } from '../types';
import { aheadWords } from '../../electron/services/bookingStatus';
import './timeline.css';
import { VisitLine } from './VisitTimes';

type Step = Timeline['steps'][number];

const state = (s: Step) => (s.done ? 'done' : s.skipped ? 'skipped' : 'open');
const ENDING = new Set(['cancelled', 'no_show']);

export function TimelineSteps({ timeline }: { timeline: Timeline }) {
  return (
    <ol className="timeline" aria-label="Timeline">
      {timeline.steps.map((s) => (
        <li key={s.key} className={[state(s), ENDING.has(s.key) ? 'ending' : '', s.early ? 'early' : ''].filter(Boolean).join(' ')} data-step={s.key}>
          <span className="mark" aria-hidden="true">
            {s.done ? (ENDING.has(s.key) ? '✕' : '✓') : s.skipped ? '–' : ''}
          </span>
          <span className="step">
            {s.label}
            <span className="sr-only">{s.done ? ': done' : s.skipped ? ': not reached' : ': not yet'}</span>
          </span>
          <span className="when" title={utcTitle(s.at)}>
            <span>
              <When step={s} />
            </span>
            {s.reason && <span className="step-reason">{s.reason}</span>}
            {s.key === 'started' && <VisitLine timeline={timeline} kind="time_in" />}
            {s.key === 'completed' && <VisitLine timeline={timeline} kind="time_out" />}
            {s.early && s.at && (
              <span className="step-early">{aheadWords(Date.parse(timeline.scheduledStart) - Date.parse(s.at))} before its scheduled start</span>
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}

function When({ step: s }: { step: Step }) {
  if (s.skipped) return <>not reached</>;
  if (!s.done) return <>not yet</>;
  if (!s.at) return <>done</>;
  return (
    <>
      {formatWhen(s.at)} · <span className="who-did">{s.actorName}</span>
    </>
  );
}
