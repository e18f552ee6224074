// How one History value shows on screen: the text readable.ts gives it, with the UTC
// instant on hover and an empty value as a visible "(empty)". Everything is text;
// nothing a value holds is ever read as HTML.
import { isInstant, utcTitle } from '../format';
import { valueText } from './readable';

export function Value({ field, value }: { field: string | null; value: string | null }) {
  if (value === null) return <span className="empty-value">(empty)</span>;
  const text = valueText(field, value);
  return <span title={isInstant(value) ? utcTitle(value) : text.length > 120 ? text : undefined}>{text}</span>;
}
