// Opening a record (a booking, a customer, a property, a piece of equipment) moves
// the keyboard's focus to the record's heading, as a new page would: a screen reader
// says what opened, and Tab goes on from the top of it rather than from wherever
// the link that opened it was. The heading shows once the record has loaded, so it
// is waited for; focus the person has already put somewhere (a field, a dialog's
// button) is left alone: only focus that went nowhere, with the link that opened
// the record, is moved.
import { useEffect } from 'react';

const WAIT_MS = 3000;
const STEP_MS = 50;

export function useHeadingFocus(record: string | null): void {
  useEffect(() => {
    if (record === null) return;
    const started = Date.now();
    const timer = setInterval(() => {
      const main = document.querySelector('main.content');
      const heading = main?.querySelector<HTMLElement>('h1');
      const active = document.activeElement;
      const placed = active !== null && active !== document.body && active.isConnected;
      if (placed || Date.now() - started > WAIT_MS) clearInterval(timer);
      else if (heading) {
        heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
        clearInterval(timer);
      }
    }, STEP_MS);
    return () => clearInterval(timer);
  }, [record]);
}
