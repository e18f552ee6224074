// Reading the audit trail. Every query is newest first and paged by keyset
// ("rows before id N"), so page 500 costs what page 1 costs, and each one is a
// single walk down one index (see the audit_* indexes in 0002_audit_log.sql).
import type Database from 'better-sqlite3';
import { indexHistoryText, scopeTextIndex } from '../../db/historyText';
import type { Db } from '../../db/open';
import { ERASED_ROW_SQL } from '../../db/erasedRows';
import { AUDIT_CATEGORIES, type AuditCategory } from '../../db/schema';
import { countEvents, type RecordFacts } from '../../renderer/history/readable';
import { nameRecords } from './recordFacts';
import { cachedStatement } from './statements';

export interface HistoryRow {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string;
  entity: string;
  entityId: number;
  bookingId: number | null;
  customerId: number | null;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  oldRef: number | null;
  newRef: number | null;
  category: AuditCategory;
  event: string;
  label: string | null;
  /** Rows written by one action share it: the UI shows them as one event. */
  action: number | null;
  /** Why the change was made, as said when it was made (migration 0016); null when none was asked. */
  reason: string | null;
  /** 'outside': written by something other than JobTrail; null: not sealed yet. */
  origin: 'app' | 'outside' | null;
  /** 1 when an erasure removed its values, label and reason (services/erasure.ts): shown as erased, not as empty. */
  erased: 0 | 1;
}

/** A page row also names the records it is about (the booking, a payment, an invoice...), as they are now: looked up when read. */
export interface HistoryPageRow extends HistoryRow, RecordFacts {}

export type HistoryOrder = 'newest' | 'oldest';

export interface HistoryPage {
  rows: HistoryPageRow[];
  /** Newest first: pass as `before` for the next page; null when this is the last page (or the order is oldest first). */
  nextBefore: number | null;
  /** Oldest first: pass as `after` for the next page; null when this is the last page (or the order is newest first). */
  nextAfter: number | null;
  /** On the first page only: how many rows match, counted up to TOTAL_CAP (`atLeast` when there are more). */
  total: HistoryTotal | null;
}

export interface HistoryTotal {
  /** Matching rows (one per field changed), up to TOTAL_CAP. */
  count: number;
  atLeast: boolean;
  /**
   * The events among them: one action's rows about one record count once (a reschedule
   * writes its start and its end). Null past EVENTS_CAP rows, which are not read to count them.
   */
  events: number | null;
}

/** Counting every match of a broad search over ten years of History would cost more than the page; past this, "10,000+". */
export const TOTAL_CAP = 10_000;

/**
 * Counting the events among the matches reads each matching row from the log (an
 * action's id is not in the indexes that find them): up to this many rows it costs a
 * few milliseconds; past it the page says how many rows, and the grid counts the
 * events itself once it has them all.
 */
export const EVENTS_CAP = 2_000;

export interface HistoryFilter {
  bookingId?: number;
  customerId?: number;
  /** A property's History: its own rows, its units', its quotes' and those of every booking at it (PROPERTY_ROWS). */
  propertyId?: number;
  /** A unit's History: its own rows and its readings' rows, across every booking (EQUIPMENT_ROWS). */
  equipmentId?: number;
  text?: string;
  from?: string; // ISO instant, inclusive
  to?: string; // ISO instant, exclusive
  actorId?: number;
  /** Only changes made outside JobTrail (no actor): what an auditor looks at first. */
  outside?: boolean;
  category?: AuditCategory;
  entity?: string;
  event?: string;
  /** Leaves out money: financial rows and price changes (for a reader who does not see money, electron/services/fieldworkerScope.ts). */
  hideMoney?: boolean;
  order?: HistoryOrder;
  before?: number;
  after?: number;
  limit: number;
}

/** Each column of a History row and its name in HistoryRow, in one order for the SELECT, for raw rows and for pageRowOf. */
const FIELDS: [column: string, key: keyof HistoryRow][] = [
  ['id', 'id'],
  ['at', 'at'],
  ['actor_id', 'actorId'],
  ['actor_name', 'actorName'],
  ['entity', 'entity'],
  ['entity_id', 'entityId'],
  ['booking_id', 'bookingId'],
  ['customer_id', 'customerId'],
  ['field', 'field'],
  ['old_value', 'oldValue'],
  ['new_value', 'newValue'],
  ['old_ref', 'oldRef'],
  ['new_ref', 'newRef'],
  ['category', 'category'],
  ['event', 'event'],
  ['label', 'label'],
  ['tx', 'action'],
  ['origin', 'origin'],
  ['reason', 'reason'],
  [ERASED_ROW_SQL, 'erased'],
];
const COLUMNS = FIELDS.map(([column, key]) => (column === key ? `a.${column}` : column.startsWith('(') ? `${column} AS ${key}` : `a.${column} AS ${key}`)).join(
  ', ',
);

/**
 * A page's row from its values in FIELDS's order, its records' facts still to find
 * (nameRecords fills them in). Read raw and built as one literal, so every row has
 * one shape: better-sqlite3's objects, then copied to add the facts, were most of
 * the time a property's first page took over its 200 rows (1.9 ms to build and
 * 0.9 ms to copy, against 0.3), and building them key by key from FIELDS half of it.
 */
function pageRowOf(v: unknown[]): HistoryPageRow {
  const row = {
    id: v[0],
    at: v[1],
    actorId: v[2],
    actorName: v[3],
    entity: v[4],
    entityId: v[5],
    bookingId: v[6],
    customerId: v[7],
    field: v[8],
    oldValue: v[9],
    newValue: v[10],
    oldRef: v[11],
    newRef: v[12],
    category: v[13],
    event: v[14],
    label: v[15],
    action: v[16],
    origin: v[17],
    reason: v[18],
    erased: v[19],
    booking: null,
    payment: null,
    recordName: null,
  } satisfies Record<keyof HistoryPageRow, unknown>;
  return row as HistoryPageRow;
}

/**
 * Turns what someone typed into an FTS5 query that cannot be a syntax error: each
 * word a quoted term, all of them required, the last one also as the start of a
 * word (what is still being typed) once it has three characters. A prefix of one
 * or two letters ("Dr"), or of the "00" of a price, gathers the rows of every word
 * it starts: over ten years of History, a tenth of a second per search.
 */
export function ftsQuery(text: string): string | null {
  const words = text
    .normalize('NFC')
    .split(/\s+/)
    .map((w) => w.replace(/"/g, ''))
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .slice(0, 12);
  if (words.length === 0) return null;
  const last = words.length - 1;
  // A word that is one token ("Harbo"), not a price or a date ("125.00"), which people type whole.
  const growing = (w: string) => [...w].length >= 3 && /^[\p{L}\p{N}]+$/u.test(w);
  return words.map((w, i) => (i === last && growing(w) ? `"${w}"*` : `"${w}"`)).join(' ');
}

/**
 * An event filter as a phrase of the full-text index's event column, for the Audit
 * log as a whole: a rare event (a refund over a year) is a short list of rows there,
 * where walking the log newest first read a year's rows to fill a page and count it.
 * The row's event is still compared in full. A person's or a record's rows are few
 * enough to walk; an event with no word in it cannot be a phrase.
 */
function eventPhrase(f: Omit<HistoryFilter, 'limit'>): string | null {
  if (!f.event || ownIndex(f)) return null;
  return /[\p{L}\p{N}]/u.test(f.event) ? `event : "${f.event.replace(/"/g, '""')}"` : null;
}

/** A person's, a record's or the outside rows: found by their own index, where the whole log's ways of narrowing would cost more. */
const ownIndex = (f: Omit<HistoryFilter, 'limit'>) =>
  f.actorId !== undefined || f.outside || f.bookingId !== undefined || f.customerId !== undefined || f.equipmentId !== undefined || f.propertyId !== undefined;

/**
 * A unit's rows: two short walks of their partial indexes (0024), its own and its
 * readings', whichever bookings those were read at. Their ids are then taken in
 * order like a booking's, never by walking the log.
 */
const EQUIPMENT_ROWS = `SELECT id FROM audit_log WHERE entity = 'equipment' AND entity_id = @equipmentId
  UNION ALL SELECT id FROM audit_log WHERE entity = 'reading' AND entity_id IN (SELECT id FROM readings WHERE equipment_id = @equipmentId)`;

/**
 * A property's rows, whichever customer it belonged to: its own, its units', its
 * quotes' and its equipment's (each a short walk of its partial index, 0022, 0024)
 * and every booking's at it
 * (audit_booking). A booking moved to another property is in that one's History.
 * `keyed`: with what an event is known by (tx, entity, entity_id) beside each id,
 * from the same indexes (0025), so that counting events reads no row of the log.
 */
const propertyRows = (keyed: boolean) => {
  const of = (entity: string) => (keyed ? `id, tx, ${entity} AS entity, entity_id` : 'id');
  return `SELECT ${of("'property'")} FROM audit_log WHERE entity = 'property' AND entity_id = @propertyId
  UNION ALL SELECT ${of("'unit'")} FROM audit_log WHERE entity = 'unit' AND entity_id IN (SELECT id FROM property_units WHERE property_id = @propertyId)
  UNION ALL SELECT ${of("'quote'")} FROM audit_log WHERE entity = 'quote' AND entity_id IN (SELECT id FROM quotes WHERE property_id = @propertyId)
  UNION ALL SELECT ${of("'equipment'")} FROM audit_log WHERE entity = 'equipment' AND entity_id IN (SELECT id FROM equipment WHERE property_id = @propertyId)
  UNION ALL SELECT ${of('entity')} FROM audit_log WHERE booking_id IN (SELECT id FROM bookings WHERE property_id = @propertyId)`;
};
const PROPERTY_ROWS = propertyRows(false);
const PROPERTY_EVENT_KEYS = propertyRows(true);

/** Stored instants are UTC with milliseconds; compare like with like whatever zone was typed. */
export const utc = (s?: string) => (s ? new Date(s).toISOString() : undefined);

interface Built {
  from: string;
  where: string;
  params: Record<string, unknown>;
  key: string;
  /** What the page orders by: the key, or the key kept from choosing the index. */
  orderKey: string;
  /** Only words to match: counted in the full-text index alone, without reading the log. */
  textOnly: boolean;
  /** `from` gives the ids alone (a property's rows, unfiltered), not rows of the log. */
  derived: boolean;
}

/**
 * FROM and WHERE for a filter; null when the search text has nothing searchable in it.
 * `scopeIndex`: a temporary full-text index of the booking's or customer's own rows
 * (scopeTextIndex) to match words in, instead of the whole log's.
 */
function build(f: Omit<HistoryFilter, 'limit'>, scopeIndex: string | null = null, stretch: Stretch | null = null, idsOnly = false): Built | null {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const add = (clause: string, name: string, value: unknown) => {
    if (value === undefined || value === null || value === '') return;
    where.push(clause);
    params[name] = value;
  };
  add('a.booking_id = @bookingId', 'bookingId', f.bookingId);
  add('a.customer_id = @customerId', 'customerId', f.customerId);
  add(`a.id IN (${EQUIPMENT_ROWS})`, 'equipmentId', f.equipmentId);
  add(`a.id IN (${PROPERTY_ROWS})`, 'propertyId', f.propertyId);
  // Within a stretch of ids (see periodStretch), a row's time is tested on the row ("+": not from the index).
  const at = stretch ? '+a.at' : 'a.at';
  add(`${at} >= @from`, 'from', utc(f.from));
  add(`${at} < @to`, 'to', utc(f.to));
  add('a.actor_id = @actorId', 'actorId', f.actorId);
  if (f.outside) where.push("a.actor_id IS NULL AND a.origin IS NOT 'app'"); // JobTrail's own jobs (the purge) act with no user: not outside
  add('a.category = @category', 'category', f.category);
  // One person over a period (both ends given) is read from audit_actor_category_at;
  // without a kind, naming all three lets SQLite seek each kind's stretch of it. An
  // open-ended one is left to the newest-first walk, which stops at the page.
  const period = f.actorId !== undefined && Boolean(f.from && f.to);
  if (period && !f.category) where.push(`a.category IN (${AUDIT_CATEGORIES.map((c) => `'${c}'`).join(', ')})`);
  add('a.entity = @entity', 'entity', f.entity);
  add('a.event = @event', 'event', f.event);
  if (f.hideMoney) where.push("a.category <> 'financial' AND a.field IS NOT 'price'");
  // A property's rows with nothing else to test (its page as it opens): their ids straight from the
  // indexes that find them. Testing them against the log read each row from the table, at random
  // places in ten years of it: counting a busy building's History was most of its first page.
  const derived = idsOnly && f.propertyId !== undefined && where.length === 1 && !f.text && !eventPhrase(f);
  if (derived) where.length = 0;
  const filtered = where.length > 0;
  const words = f.text ? ftsQuery(f.text) : null;
  if (f.text && !words) return null;
  const event = eventPhrase(f); // never with a scope's index: a scope is a record's rows
  const match = words && event ? `(${words}) AND ${event}` : (words ?? event);
  // A search walks the full-text index in its own rowid order (the audit row's id), so the newest
  // matches come first and the walk stops at the page; ordering by a.id would sort every match first.
  // Within a scope's own index the matches are few: they are taken, then read by id.
  const walk = match !== null && scopeIndex === null;
  if (match && scopeIndex) add(`a.id IN (SELECT rowid FROM temp.${scopeIndex} WHERE ${scopeIndex} MATCH @match)`, 'match', match);
  const key = walk ? 'audit_fts.rowid' : 'a.id';
  // Walking the person's rows newest first (audit_actor) reads all their rows after the period;
  // "+" keeps SQLite from ordering by that index, so the period's ids are taken and sorted.
  const orderKey = period && !match ? '+a.id' : key;
  if (stretch) {
    where.push(`${key} BETWEEN @lo AND @hi`);
    Object.assign(params, stretch);
  }
  add(`${key} < @before`, 'before', f.before);
  add(`${key} > @after`, 'after', f.after);
  if (walk) add('audit_fts MATCH @match', 'match', match);
  return {
    from: walk ? 'audit_fts JOIN audit_log a ON a.id = audit_fts.rowid' : derived ? `(${PROPERTY_ROWS}) a` : 'audit_log a',
    derived,
    where: where.length ? `WHERE ${where.join(' AND ')}` : '',
    params,
    key,
    orderKey,
    textOnly: match !== null && !filtered,
  };
}

/** The first and last id of a period's rows. */
export interface Stretch {
  lo: number;
  hi: number;
}

/**
 * The log over a period, with no person, record or outside filter: ids and times rise
 * together, so the period's rows lie between its first and its last row's id. That
 * stretch is read once from the time index; the page then walks it (or the words'
 * index within it) newest first and stops at the page, where sorting a year's ids
 * took a second at ten million rows.
 * Exact whatever the clock did: every row in the stretch is still tested for its time.
 */
export function periodStretch(db: Db, f: Omit<HistoryFilter, 'limit'>): Stretch | null {
  if (!f.from || !f.to || ownIndex(f)) return null;
  const from = utc(f.from)!;
  const to = utc(f.to)!;
  // Read before the stretch: a row written in between is then read again next time, which min and max do not mind.
  const last = cachedStatement(db.sqlite, 'SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number;
  let known = stretches.get(db.sqlite);
  if (!known || known.from !== from || known.to !== to || last < known.through) {
    const s = cachedStatement(db.sqlite, 'SELECT min(id) AS lo, max(id) AS hi FROM audit_log WHERE at >= ? AND at < ?').get(from, to) as Bounds;
    known = { from, to, through: last, ...s };
  } else if (last > known.through) {
    // Rows are only ever appended: the stretch grows by the period's rows among those written since ("+": by id, not the time index).
    const s = cachedStatement(db.sqlite, 'SELECT min(id) AS lo, max(id) AS hi FROM audit_log WHERE id > ? AND +at >= ? AND +at < ?').get(
      known.through,
      from,
      to,
    ) as Bounds;
    known = { from, to, through: last, lo: known.lo ?? s.lo, hi: s.hi ?? known.hi };
  }
  stretches.set(db.sqlite, known);
  return { lo: known.lo ?? 1, hi: known.hi ?? 0 }; // an empty period: a stretch with nothing in it
}

interface Bounds {
  lo: number | null;
  hi: number | null;
}
/**
 * The last period's stretch per connection, and the last row it accounts for. The
 * Audit log asks again for every page of a period (a year: 0.36 s at ten million
 * rows), and the stretch only grows as rows are appended.
 */
const stretches = new WeakMap<Database.Database, Bounds & { from: string; to: string; through: number }>();

/** The filter built, after the full-text index has caught up with the log when there are words (or an event) to find in it. */
function searchable(db: Db, f: Omit<HistoryFilter, 'limit'>, idsOnly = false): Built | null {
  if (!f.text && !eventPhrase(f)) return build(f, null, periodStretch(db, f), idsOnly);
  indexHistoryText(db.sqlite);
  return build(f, scopeTextIndex(db.sqlite, f), periodStretch(db, f));
}

/**
 * One query for all History views: a booking's, a customer's, and the global Audit
 * log. `names`: where the records the rows are about are looked up, when `db` is an
 * open archive's view (services/archiveViews.ts) rather than the log.
 */
export function queryHistory(db: Db, f: HistoryFilter, names: Db = db): HistoryPage {
  const q = searchable(db, f, true);
  const firstPage = f.before === undefined && f.after === undefined;
  if (!q) return { rows: [], nextBefore: null, nextAfter: null, total: firstPage ? { count: 0, atLeast: false, events: 0 } : null };
  const oldest = f.order === 'oldest';
  const order = oldest ? 'ASC' : 'DESC';
  // Words alone, on the first page: one walk of the full-text index gives the page's ids
  // and the count. A word still being typed ("Park"*) merges the lists of every word it
  // starts before its first answer, so asking twice cost twice: a common surname at ten
  // million rows, 30-45 ms each time.
  const matched =
    firstPage && q.textOnly
      ? (cachedStatement(db.sqlite, `SELECT rowid FROM audit_fts WHERE audit_fts MATCH @match ORDER BY rowid ${order} LIMIT ${TOTAL_CAP + 1}`)
          .pluck()
          .all({ match: q.params.match }) as number[])
      : null;
  // The page's ids first, from the index alone where one covers the filter; then only
  // those rows are read. Sorting whole rows (with their record names) read every match.
  const sql = matched
    ? `SELECT ${COLUMNS} FROM audit_log a WHERE a.id IN (SELECT value FROM json_each(@ids)) ORDER BY a.id ${order}`
    : `SELECT ${COLUMNS} FROM audit_log a
    WHERE a.id IN (SELECT ${q.key} FROM ${q.from} ${q.where} ORDER BY ${q.orderKey} ${order} LIMIT @limit) ORDER BY a.id ${order}`;
  const params = matched ? { ids: JSON.stringify(matched.slice(0, f.limit + 1)) } : { ...q.params, limit: f.limit + 1 };
  const rows = (cachedStatement(db.sqlite, sql).raw(true).all(params) as unknown[][]).map(pageRowOf);
  const more = rows.length > f.limit;
  if (more) rows.pop();
  // The page's records named in one look-up for the page, not one per row.
  nameRecords(names, rows);
  const next = more ? rows[rows.length - 1].id : null;
  return {
    rows,
    nextBefore: oldest ? null : next,
    nextAfter: oldest ? next : null,
    total: firstPage ? countMatches(db, q, more ? null : rows, matched?.length) : null,
  };
}

/**
 * The matching rows, up to TOTAL_CAP, and the events among them up to EVENTS_CAP rows
 * (those rows are then read from the log, but for a property's page as it opens, whose
 * indexes hold what an event is known by: a search's row count alone needs only its
 * index); a first page that is also the last already knows both, and a search by words
 * alone (`counted`) its rows.
 */
function countMatches(db: Db, q: Built, known: readonly HistoryRow[] | null, counted?: number): HistoryTotal {
  if (known !== null) return { count: known.length, atLeast: false, events: countEvents(known) };
  const rowsSql = q.textOnly
    ? `SELECT count(*) AS n FROM (SELECT 1 FROM audit_fts WHERE audit_fts MATCH @match LIMIT ${TOTAL_CAP + 1})`
    : `SELECT count(*) AS n FROM (SELECT 1 FROM ${q.from} ${q.where} LIMIT ${TOTAL_CAP + 1})`;
  const n = counted ?? (cachedStatement(db.sqlite, rowsSql).get(q.textOnly ? { match: q.params.match } : q.params) as { n: number }).n;
  if (n > TOTAL_CAP) return { count: TOTAL_CAP, atLeast: true, events: null };
  if (n > EVENTS_CAP) return { count: n, atLeast: false, events: null };
  const from = q.textOnly ? 'audit_fts JOIN audit_log a ON a.id = audit_fts.rowid' : q.from;
  const where = q.textOnly ? 'WHERE audit_fts MATCH @match' : q.where;
  const keys = q.derived ? PROPERTY_EVENT_KEYS : `SELECT a.id, a.tx, a.entity, a.entity_id FROM ${from} ${where}`;
  const eventsSql = `SELECT count(*) AS events FROM (SELECT 1 FROM (${keys})
    GROUP BY coalesce(tx, -id), entity, entity_id)`;
  const { events } = cachedStatement(db.sqlite, eventsSql).get(q.textOnly ? { match: q.params.match } : q.params) as { events: number };
  return { count: n, atLeast: false, events };
}

/** The keys of HistoryRow in the order iterateHistoryValues gives them. */
export const HISTORY_ROW_KEYS: readonly (keyof HistoryRow)[] = FIELDS.map(([, key]) => key);

/** Every row matching the filter, oldest first, one at a time: for exports of any size. */
export function iterateHistory(db: Db, f: Omit<HistoryFilter, 'limit' | 'before' | 'after' | 'order'>): IterableIterator<HistoryRow> {
  return iterateRows(db, f, false) as IterableIterator<HistoryRow>;
}

/** As iterateHistory, each row an array in HISTORY_ROW_KEYS order: no object per row, for exports of millions. */
export function iterateHistoryValues(db: Db, f: Omit<HistoryFilter, 'limit' | 'before' | 'after' | 'order'>): IterableIterator<unknown[]> {
  return iterateRows(db, f, true) as IterableIterator<unknown[]>;
}

/** Rows read per step of an export: large enough that stepping costs little, small enough to keep memory flat. */
const CHUNK = 5000;

/**
 * Reads in keyset chunks rather than one long iterate(): several times faster per
 * row, and no statement stays busy between chunks. Audit rows are never changed or
 * removed, so bounding the walk by the last id at its start reads one consistent
 * set even while others write.
 */
function* iterateRows(db: Db, f: Omit<HistoryFilter, 'limit' | 'before' | 'after' | 'order'>, raw: boolean): Generator<unknown> {
  const last = db.sqlite.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number;
  // Built with a starting key, so that the key bound is in the SQL; each chunk moves it on.
  const q = searchable(db, { ...f, after: 0 });
  if (!q) return;
  const chunk = db.sqlite.prepare(`SELECT ${COLUMNS} FROM ${q.from} ${q.where} AND ${q.key} <= @last ORDER BY ${q.key} LIMIT ${CHUNK}`).raw(raw);
  for (let after = 0; after < last;) {
    const rows = chunk.all({ ...q.params, after, last }) as unknown[];
    yield* rows;
    if (rows.length < CHUNK) return;
    const end = rows[rows.length - 1];
    after = (raw ? (end as unknown[])[0] : (end as HistoryRow).id) as number;
  }
}
