// Instants on paper: local time with the zone's name, and the UTC instant beside it,
// since a page may be read in another zone than it was printed in.
import { formatWhenZoned } from '../../zonedTime';

/** "Jan 3, 2026, 10:00:00 AM CST" (local time with the zone, as the exports write it); '' for no instant. */
export const localText = formatWhenZoned;

/** "2026-01-03 16:00:00 UTC". */
export function utcText(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Both, for the footer of every page. */
export const generatedText = (iso: string) => `${localText(iso)} (${utcText(iso)})`;
