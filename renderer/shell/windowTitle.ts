// The window's title names what is shown: "Booking #1951 · Furnace repair · JobTrail",
// so a taskbar, a window switcher and a printed page's header say which record it is.
import { useEffect } from 'react';

/** Sets the title while the screen shows it; null while its record is still loading. */
export function useWindowTitle(title: string | null): void {
  useEffect(() => {
    if (title !== null) document.title = `${title} · JobTrail`;
  }, [title]);
}
