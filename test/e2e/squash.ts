/** Text as a person reads it: whitespace collapsed (ICU puts narrow spaces in times). */
export const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
