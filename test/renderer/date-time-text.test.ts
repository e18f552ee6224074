// The booking form's one-line date and time: written and read back in the office's
// locale, so what a person types is what the form sends, and what is not a date
// and time is refused rather than guessed.
import { afterAll, describe, expect, it } from 'vitest';
import { setOfficeFormats } from '../../renderer/format';
import { dateTimeText, dateTimeWords, parseDateTime } from '../../renderer/components/dateTimeText';

const office = (locale: string) => setOfficeFormats({ locale, currency: 'USD' });
afterAll(() => office('en-US'));

describe.each([
  { locale: 'en-US', text: '2/3/2026 2:30 PM', typed: ['2/3/2026 14:30', '2/3/26 2:30pm', '2-3-2026 2:30 p.m.', '2/3 2:30 PM', '2026-02-03T14:30'] },
  { locale: 'en-GB', text: '3/2/2026 14:30', typed: ['3/2/2026 2:30 pm', '03/02/2026 14.30', '3/2 14:30', '2026-02-03 14:30'] },
  { locale: 'de-DE', text: '3.2.2026 14:30', typed: ['03.02.2026 14:30', '3.2. 14:30', '3.2.26 14h30'] },
])('in $locale', ({ locale, text, typed }) => {
  it('writes a value the way the office reads it, and reads it back', () => {
    office(locale);
    expect(dateTimeText('2026-02-03T14:30')).toBe(text);
    expect(parseDateTime(text)).toBe('2026-02-03T14:30');
  });
  it.each(typed)('takes "%s" as 3 February 2026, 14:30', (t) => {
    office(locale);
    expect(parseDateTime(t, 2026)).toBe('2026-02-03T14:30');
  });
});

describe('what is not one day and time', () => {
  it.each(['', 'tomorrow', '2/3/2026', '13/13/2026 9:00', '2/30/2026 9:00', '2/3/2026 24:00', '2/3/2026 9:60', '2/3/2026 13 pm', '2/3/2026 2:3'])(
    'refuses "%s"',
    (t) => {
      office('en-US');
      expect(parseDateTime(t, 2026)).toBeNull();
    },
  );
});

it('midnight and noon read as people say them', () => {
  office('en-US');
  expect(parseDateTime('2/3/2026 12:00 AM')).toBe('2026-02-03T00:00');
  expect(parseDateTime('2/3/2026 12 pm')).toBe('2026-02-03T12:00');
  expect(dateTimeText('2026-02-03T00:05')).toBe('2/3/2026 12:05 AM');
  expect(dateTimeWords('2026-02-03T14:30')).toBe('Tuesday, February 3, 2026 at 2:30 PM');
});

it('a moment to the second keeps its seconds, written and read', () => {
  office('en-US');
  expect(parseDateTime('2/3/2026 2:30:05 PM', 2026, true)).toBe('2026-02-03T14:30:05');
  expect(parseDateTime('2026-02-03T14:30:05', 2026, true)).toBe('2026-02-03T14:30:05');
  expect(parseDateTime('2/3/2026 2:30 PM', 2026, true)).toBe('2026-02-03T14:30:00');
  expect(dateTimeText('2026-02-03T14:30:05')).toBe('2/3/2026 2:30:05 PM');
  expect(dateTimeWords('2026-02-03T14:30:05')).toBe('Tuesday, February 3, 2026 at 2:30:05 PM');
  expect(parseDateTime('2/3/2026 2:30:60 PM', 2026, true)).toBeNull();
});
