import { formatWhen, utcTitle } from '../format';
import type { Timeline } from '../types';

export function TimelineList({ timeline }: { timeline: Timeline }) {
  return (
    <>
      <ol className="timeline">
        {timeline.steps.map((s) => (
          <li key={s.key} className={s.done ? 'done' : 'open'}>
            <span className="mark" aria-hidden="true">{s.done ? '✓' : ''}</span>
            <span className="step">{s.label}</span>
            <span className="when" title={utcTitle(s.at)}>
              {s.done ? (s.at ? `${formatWhen(s.at)} · ${s.actorName ?? ''}` : 'done') : 'not yet'}
            </span>
          </li>
        ))}
      </ol>
      {timeline.rescheduleCount > 0 && (
        <p className="muted small">Moved {timeline.rescheduleCount} {timeline.rescheduleCount === 1 ? 'time' : 'times'}.</p>
      )}
    </>
  );
}
