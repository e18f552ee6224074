// The question busy.ts asks: shown over whatever screen the refused write came from,
// with the keyboard's focus on "Try again", so Enter retries and Escape leaves it.
import { useEffect, useRef } from 'react';
import { useBusyQuestion } from '../api/busy';

export function BusyPrompt() {
  const question = useBusyQuestion();
  const retry = useRef<HTMLButtonElement>(null);
  const shown = question !== null;
  useEffect(() => {
    if (shown) retry.current?.focus();
  }, [shown]);
  if (!question) return null;
  return (
    // Escape leaves the question from either of its buttons, the keys bubbling up to the dialog as in any dialog.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <div
      className="busy-prompt"
      role="alertdialog"
      aria-labelledby="busy-title"
      aria-describedby="busy-text"
      onKeyDown={(e) => {
        if (e.key === 'Escape') question.answer(false);
      }}
    >
      <strong id="busy-title">Not saved yet: the database is busy</strong>
      <p id="busy-text">{question.message} Another program (an import, a backup tool) is writing to it; this usually takes a few seconds.</p>
      <div className="actions">
        <button type="button" onClick={() => question.answer(false)}>
          Leave it
        </button>
        <button type="button" className="primary" ref={retry} onClick={() => question.answer(true)}>
          Try again
        </button>
      </div>
    </div>
  );
}
