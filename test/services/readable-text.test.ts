// The History's words outside React (renderer/history/readable.ts, renderer/zonedTime.ts):
// the local time with its zone reads exactly as Intl writes it, however it is
// made; a created row that carries the whole record reads as its fields.
import { describe, expect, it } from 'vitest';
import { afterText, beforeText, fieldText, NO_FACTS, valueText } from '../../renderer/history/readable';
import { formatUtc, formatWhenZoned } from '../../renderer/zonedTime';
import { formatWhen, utcTitle } from '../../renderer/format';
import { officeZone, setOfficeZone } from '../../renderer/officeZone';

const intl = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'long' });

describe('local time with the zone', () => {
  it('is what Intl writes, for stored instants over two years (both changes of clock each year) and for other ISO forms', () => {
    const start = Date.parse('2025-01-01T00:00:00Z');
    // A step that is no whole number of minutes: every minute and second of many hours comes up.
    for (let t = start; t < start + 2 * 366 * 86_400_000; t += 7_919_123) {
      const iso = new Date(t).toISOString();
      expect(formatWhenZoned(iso)).toBe(intl.format(new Date(t)));
      expect(formatUtc(iso)).toBe(utcTitle(iso));
    }
    for (const iso of ['2026-03-08T08:30:00Z', '2026-03-08T02:30:00-06:00', '2026-11-01T06:59:59.999Z']) {
      expect(formatWhenZoned(iso)).toBe(intl.format(new Date(iso)));
    }
    expect(formatWhenZoned('not a time')).toBe('not a time');
  });

  it("is in the office's zone once an administrator chose one, whatever this computer's is: changes of clock and half hours too", () => {
    try {
      for (const zone of ['America/Chicago', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Europe/Berlin']) {
        setOfficeZone(zone);
        expect(officeZone()).toBe(zone);
        const there = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'long', timeZone: zone });
        const start = Date.parse('2026-01-01T00:00:00Z');
        for (let t = start; t < start + 366 * 86_400_000; t += 7_919_123) {
          const iso = new Date(t).toISOString();
          expect(formatWhenZoned(iso), `${zone} ${iso}`).toBe(there.format(new Date(t)));
        }
        // The other way in, an instant written with an offset (not as the log stores it).
        expect(formatWhenZoned('2026-03-29T02:30:00+02:00')).toBe(there.format(new Date('2026-03-29T02:30:00+02:00')));
      }
    } finally {
      setOfficeZone(undefined);
    }
    expect(formatWhenZoned('2026-07-01T12:00:00.000Z')).toBe(intl.format(new Date('2026-07-01T12:00:00.000Z')));
  });

  it("begins with the screen's own text of the time", () => {
    const iso = '2026-01-03T16:00:07.120Z';
    expect(formatWhenZoned(iso).startsWith(formatWhen(iso, true))).toBe(true);
  });
});

describe('a created row carrying the whole record', () => {
  const row = (newValue: string) => ({ field: '*', oldValue: null, newValue, entity: 'booking', recordName: null });
  const record = JSON.stringify({
    scheduled_start: '2026-01-03T16:00:00.000Z',
    price: '12000',
    status: 'scheduled',
    fieldworker: 'Jake Morrison',
    fieldworker_ref: 3,
    notes: null,
    service: '',
  });

  it('reads as its fields: status first, money as money, times local, references by name only, empty fields left out', () => {
    expect(afterText(row(record))).toBe(`Status: Scheduled · Start: ${formatWhen('2026-01-03T16:00:00.000Z')} · Price: $120.00 · Fieldworker: Jake Morrison`);
    expect(beforeText(row(record))).toBe('');
    expect(fieldText(row(record), NO_FACTS)).toBe('');
  });

  it('shows what is not a JSON object as it was stored', () => {
    expect(valueText('*', 'not json {')).toBe('not json {');
    expect(valueText('*', '[1,2]')).toBe('[1,2]');
  });

  it('and an old created row (one field) reads as before', () => {
    const old = { field: 'status', oldValue: null, newValue: 'scheduled', entity: 'booking', recordName: null };
    expect([beforeText(old), afterText(old), fieldText(old, NO_FACTS)]).toEqual(['(empty)', 'Scheduled', 'Status']);
  });
});
