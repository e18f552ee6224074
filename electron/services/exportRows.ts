// One History row as an export writes it: first the words the History grid shows
// (readable.ts, the same functions), then the stored values, each in a column of
// its own, for whoever checks the words against what was recorded.
import {
  afterText,
  beforeText,
  eventText,
  fieldText,
  kindText,
  madeOutside,
  reasonText,
  recordFullText,
  type RecordFacts,
} from '../../renderer/history/readable';
import { formatUtc, formatWhenZoned } from '../../renderer/zonedTime';
import type { HistoryRow } from './history';

/** The readable cells, as they are keyed in a JSON export's rows. */
export interface ReadableCells {
  /** Local time with the zone's name: "Jan 3, 2026, 10:00:00 AM CST". */
  when: string;
  /** The same instant in UTC, as the grid shows it on hover: "2026-01-03 16:00:00 UTC". */
  whenUtc: string;
  who: string;
  /** Written by a program other than JobTrail (the grid's "outside JobTrail" badge). */
  outsideJobTrail: boolean;
  event: string;
  /** Why, as recorded with the change ("Asked by the customer: running late"); empty when none was asked. */
  reason: string;
  kind: string;
  record: string;
  field: string;
  before: string;
  after: string;
}

/** The CSV header of each readable cell, in the order they are written. */
export const READABLE_HEADERS: [keyof ReadableCells, string][] = [
  ['when', 'When'],
  ['whenUtc', 'When (UTC)'],
  ['who', 'Who'],
  ['outsideJobTrail', 'Outside JobTrail'],
  ['event', 'Event'],
  ['reason', 'Reason'],
  ['kind', 'Kind'],
  ['record', 'Record'],
  ['field', 'Field'],
  ['before', 'Before'],
  ['after', 'After'],
];

/** The stored values after them, under the names the History's rows give them (as exports before these columns did). */
export const RAW_COLUMNS: (keyof HistoryRow)[] = [
  'id',
  'at',
  'actorId',
  'actorName',
  'entity',
  'entityId',
  'bookingId',
  'customerId',
  'field',
  'oldValue',
  'newValue',
  'category',
  'event',
  'label',
  'origin',
  'reason',
];

export function readableCells(row: HistoryRow, facts: RecordFacts): ReadableCells {
  return {
    when: formatWhenZoned(row.at),
    whenUtc: formatUtc(row.at),
    who: row.actorName,
    outsideJobTrail: madeOutside(row),
    event: eventText(row),
    reason: reasonText(row),
    kind: kindText(row.category),
    record: recordFullText(row, facts),
    field: fieldText(row, facts),
    before: beforeText(row),
    after: afterText(row),
  };
}
