// Bulk import of bookings from a CSV file (moving from a spreadsheet or another
// system), written through the same services as a booking typed in by hand: each
// one audited with the importing user as the actor, and chained. Every row is
// checked before the first is written, with the contract's own rules, so a file
// with a mistake imports nothing; then rows are written in batches, one
// transaction each, so a crash or a power cut halfway leaves whole batches only.
// Each batch records the file's fingerprint and its lines in the same transaction
// (importBatches.ts), so running the same file again writes only what is missing.
//
// The app may be open on the same file. SQLite lets one writer in at a time, and a
// writer kept waiting retries only every 100 ms: an import that began its next
// batch the moment the last one committed would keep the app out until its
// busy timeout ran out ("database is locked"). So a batch holds the lock for at
// most about half a second, and the import then steps aside for longer than that
// retry interval. A batch is bounded by that time, not by a number of rows: the
// pause is the price of the app's turn, and it is paid per batch, so batches as
// long as the app can wait make the import as fast as it can be beside the app.
import { setTimeout as sleep } from 'node:timers/promises';
import { parseCsv } from './csvParse';
import type { ServiceContext } from './context';
import { createBooking } from './bookings';
import { importPlace, importPlaces, type ImportPlace } from './propertyImport';
import { createCustomer } from './customers';
import { listUsers } from './users';
import { batchLedger, earlierImport, importedBefore, type EarlierImport, type FileFingerprint } from './importBatches';
import type { z } from 'zod';
import { journalsInMemory } from '../../db/open';
import { signBatch } from '../../db/chain';

export interface ImportRowError {
  /** The line of the file the row starts on. */
  line: number;
  column?: string;
  message: string;
}

export class ImportRefused extends Error {
  constructor(
    readonly errors: ImportRowError[],
    readonly rows: number,
  ) {
    const bad = new Set(errors.map((e) => e.line)).size;
    super(
      rows === 0
        ? `line ${errors[0].line}: ${errors[0].message}; nothing was imported`
        : `${bad.toLocaleString('en')} of ${rows.toLocaleString('en')} rows cannot be imported; nothing was imported`,
    );
    this.name = 'ImportRefused';
  }
}

/** A batch that failed while writing: the batches before it stay imported. */
export class ImportStopped extends Error {
  constructor(
    readonly line: number,
    readonly imported: number,
    cause: unknown,
  ) {
    super(`stopped at the row on line ${line}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ImportStopped';
  }
}

/** Asked to stop (options.signal; Ctrl+C in the CLI) between two batches: the ones before stay imported. */
export class ImportInterrupted extends Error {
  constructor(
    readonly line: number,
    readonly imported: number,
    readonly remaining: number,
    readonly reason: string,
  ) {
    super(`interrupted (${reason}) before the row on line ${line}`);
    this.name = 'ImportInterrupted';
  }
}

export interface ImportOptions {
  /** Rows per transaction at most (default: as many as BATCH_MS allows). */
  batchSize?: number;
  /** Skip the data rows before this line (to continue after an ImportStopped). */
  fromLine?: number;
  onProgress?: (done: number, total: number) => void;
  /** Which file the text is: its batches are recorded under it, and its rows imported before are skipped. */
  source: FileFingerprint;
  /** Aborted: stop before the next batch (the one being written commits first). */
  signal?: AbortSignal;
  /** The contract's input schema of bookings.create: the rules a booking typed in the window must pass. */
  schema: z.ZodType;
}

/** How long one batch may hold the write lock. */
export const BATCH_MS = 500;
/** The pause after a batch: longer than the 100 ms between a waiting writer's retries, so the app gets its turn. */
export const PAUSE_MS = 110;

export interface ImportSummary {
  rows: number;
  bookings: number;
  customersCreated: number;
  /** Rows of this file that earlier imports wrote, left out this time. */
  skipped: number;
  earlier: EarlierImport | null;
}

export const IMPORT_COLUMNS = ['customer', 'customer_id', 'service', 'address', 'start', 'end', 'price', 'status', 'fieldworker', 'property', 'unit'] as const;
type Column = (typeof IMPORT_COLUMNS)[number];
const REQUIRED: Column[] = ['service', 'start', 'end', 'price'];
/** The contract's field names, as the file calls them. */
const COLUMN_OF: Record<string, Column> = {
  customerId: 'customer_id',
  service: 'service',
  address: 'address',
  scheduledStart: 'start',
  scheduledEnd: 'end',
  priceCents: 'price',
  status: 'status',
  fieldworkerId: 'fieldworker',
};

interface PlannedRow {
  line: number;
  /** An existing customer's id, or the name of one this import creates (the first row naming it). */
  customer: number | { name: string; address: string };
  booking: Record<string, unknown>;
  /** The customer's property by name or address (made if they have none such), and its unit by name (added if new). */
  place: ImportPlace;
}

/** "125", "125.5", "1,250.00", "$125.00" → cents; null if it is not an amount. */
export function parseMoney(text: string): number | null {
  const m = /^(-?)\$?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const cents = Number(m[2].replace(/,/g, '')) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -cents : cents;
}

function headerOf(fields: string[], line: number): Map<Column, number> | ImportRowError {
  const at = new Map<Column, number>();
  for (const [i, raw] of fields.entries()) {
    const name = raw.trim().toLowerCase() as Column;
    if (!IMPORT_COLUMNS.includes(name)) {
      return { line, message: `unknown column "${raw}": the columns are ${IMPORT_COLUMNS.join(', ')}` };
    }
    if (at.has(name)) return { line, message: `the column "${name}" is given twice` };
    at.set(name, i);
  }
  const missing = REQUIRED.filter((c) => !at.has(c));
  if (!at.has('customer') && !at.has('customer_id')) missing.unshift('customer' as Column);
  if (missing.length) return { line, message: `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` };
  return at;
}

/**
 * Checks every row and decides what each will do, without writing: the customer
 * (found by name or id, or created), the fieldworker (by name), and the booking's
 * fields against the contract's schema.
 */
function plan(
  ctx: ServiceContext,
  text: string,
  schema: z.ZodType,
  fromLine: number,
  done: (line: number) => boolean,
): { rows: PlannedRow[]; errors: ImportRowError[]; total: number; skipped: number } {
  const records = parseCsv(text);
  if (records.length === 0) return { rows: [], errors: [{ line: 1, message: 'the file is empty: it needs a header row' }], total: 0, skipped: 0 };
  const header = headerOf(records[0].fields, records[0].line);
  if (!(header instanceof Map)) return { rows: [], errors: [header], total: 0, skipped: 0 };
  const named = ctx.db.sqlite.prepare('SELECT id, address FROM customers WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL');
  // A file names the same customer on many rows: each name is looked up once (no index serves NOCASE).
  const seen = new Map<string, unknown[]>();
  const byName = { all: (name: string) => seen.get(name) ?? seen.set(name, named.all(name)).get(name)! };
  const byId = ctx.db.sqlite.prepare('SELECT id FROM customers WHERE id = ? AND deleted_at IS NULL');
  const fieldworkers = new Map(listUsers(ctx.db, { role: 'fieldworker' }).map((u) => [u.name.toLowerCase(), u.id]));
  const creating = new Map<string, { name: string; address: string }>();
  const rows: PlannedRow[] = [];
  const errors: ImportRowError[] = [];
  const wanted = records.slice(1).filter((r) => r.line >= fromLine);
  // Rows written before are not checked again: their customers may exist by now, and they will not be written.
  const data = wanted.filter((r) => !done(r.line));
  for (const { line, fields } of data) {
    const before = errors.length;
    const bad = (column: Column | undefined, message: string) => errors.push({ line, ...(column ? { column } : {}), message });
    if (fields.length !== records[0].fields.length) {
      bad(undefined, `has ${fields.length} fields, the header ${records[0].fields.length}`);
      continue;
    }
    const cell = (c: Column) => (header.has(c) ? fields[header.get(c)!].trim() : '');
    const booking: Record<string, unknown> = { customerId: 1, service: cell('service'), scheduledStart: cell('start'), scheduledEnd: cell('end') };
    if (cell('address')) booking.address = cell('address');
    if (cell('status')) booking.status = cell('status');
    const price = parseMoney(cell('price'));
    if (price === null) bad('price', `"${cell('price')}" is not an amount like 125.00`);
    else booking.priceCents = price;
    if (cell('fieldworker')) {
      const id = fieldworkers.get(cell('fieldworker').toLowerCase());
      if (id === undefined) bad('fieldworker', `there is no active fieldworker called "${cell('fieldworker')}"`);
      else booking.fieldworkerId = id;
    }
    const checked = schema.safeParse(booking);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const column = COLUMN_OF[String(issue.path[0])];
        if (column === 'price' && price === null) continue;
        bad(column, issue.message);
      }
    } else if (Date.parse(cell('end')) < Date.parse(cell('start'))) {
      bad('end', 'the end of the appointment is before its start');
    } else if (booking.status === 'accepted' && !cell('fieldworker')) {
      bad('status', 'a booking can only be accepted once a fieldworker is assigned');
    }
    const place = importPlace(cell('property'), cell('unit'));
    if (typeof place === 'string') bad(cell('property') ? 'property' : 'unit', place);
    const customer = customerOf(cell, { byName, byId, creating }, booking.address as string | undefined);
    if (typeof customer === 'string') bad(header.has('customer_id') ? 'customer_id' : 'customer', customer);
    // What the schema made of the row (trimmed, as the window's would be) is what gets written.
    else if (errors.length === before && checked.success && typeof place !== 'string') {
      rows.push({ line, customer, booking: checked.data as Record<string, unknown>, place });
    }
  }
  return { rows, errors, total: data.length, skipped: wanted.length - data.length };
}

interface Lookups {
  byName: { all(name: string): unknown[] };
  byId: { get(id: number): unknown };
  creating: Map<string, { name: string; address: string }>;
}

/** The row's customer: an id, one to create, or what is wrong. */
function customerOf(cell: (c: Column) => string, l: Lookups, address: string | undefined): PlannedRow['customer'] | string {
  if (cell('customer_id')) {
    const id = Number(cell('customer_id'));
    if (!Number.isSafeInteger(id) || id < 1) return `"${cell('customer_id')}" is not a customer id`;
    return l.byId.get(id) ? id : `there is no customer ${id} (or it is deleted)`;
  }
  const name = cell('customer');
  if (!name) return 'the customer is empty';
  if (name.length > 120) return 'the customer name is longer than 120 characters';
  const found = l.byName.all(name) as { id: number; address: string | null }[];
  if (found.length > 1) return `${found.length} customers are called "${name}": give customer_id instead`;
  if (found.length === 1) {
    return found[0].address || address ? found[0].id : `customer "${name}" has no address on file: give the booking an address`;
  }
  const key = name.toLowerCase();
  const known = l.creating.get(key);
  if (known) return known;
  if (!address) return `there is no customer "${name}"; to create one, give the booking an address (it becomes the customer's too)`;
  const created = { name, address };
  l.creating.set(key, created);
  return created;
}

/**
 * Imports the bookings of a CSV text as ctx.user. Rejects with ImportRefused
 * (nothing written) when any row is wrong, ImportStopped when a batch fails while
 * writing (the batches before it stay).
 */
export async function importBookings(ctx: ServiceContext, text: string, options: ImportOptions): Promise<ImportSummary> {
  const sqlite = ctx.db.sqlite;
  const { earlier, ledger } = sqlite.transaction(() => ({
    earlier: earlierImport(sqlite, options.source),
    ledger: batchLedger(sqlite, options.source, ctx.user.name),
  }))();
  const { rows, errors, total, skipped } = plan(ctx, text, options.schema, options.fromLine ?? 0, importedBefore(earlier));
  if (errors.length) throw new ImportRefused(errors, total);
  const batchSize = options.batchSize ?? Infinity;
  const made = new Map<{ name: string; address: string }, number>();
  let done = 0;
  let customersCreated = 0;
  const places = importPlaces(ctx);
  const write = (row: PlannedRow) => {
    let customerId = typeof row.customer === 'number' ? row.customer : made.get(row.customer);
    if (customerId === undefined) {
      const c = row.customer as { name: string; address: string };
      customerId = createCustomer(ctx, { name: c.name, address: c.address }).id;
      made.set(c, customerId);
      customersCreated++;
    }
    const at = places(customerId, row.place, row.booking.address as string | undefined);
    createBooking(ctx, { ...row.booking, customerId, ...at } as Parameters<typeof createBooking>[1]);
  };
  const restoreJournals = journalsInMemory(ctx.db.sqlite);
  try {
    while (done < rows.length) {
      if (done > 0) await sleep(PAUSE_MS, undefined, { signal: options.signal }).catch(() => {}); // cut short by the signal
      if (options.signal?.aborted) throw new ImportInterrupted(rows[done].line, done, rows.length - done, String(options.signal.reason));
      const first = done;
      let end = first;
      try {
        // IMMEDIATE: take the write lock first (waiting up to the busy timeout), so the batch
        // never has to upgrade a read to a write, which SQLite may refuse outright.
        ctx.db.sqlite
          .transaction(() => {
            // Checked inside the write lock: two runs of one file cannot both write the same rows.
            const other = ledger.otherImport();
            if (other !== undefined) {
              throw new Error(
                `another import of this file (by ${other}) wrote rows while this one ran; once it has finished, ` +
                  'run the same command again: it imports only the rows still missing',
              );
            }
            const started = performance.now();
            while (end < rows.length && end - first < batchSize && (end === first || performance.now() - started < BATCH_MS)) {
              write(rows[end]);
              end++;
            }
            ledger.record(rows[first].line, rows[end - 1].line, end - first);
            signBatch(ctx.db.sqlite);
          })
          .immediate();
      } catch (e) {
        throw new ImportStopped(rows[first].line, done, e); // this batch rolled back whole; the ones before it stay
      }
      done = end;
      options.onProgress?.(done, rows.length);
    }
  } finally {
    restoreJournals();
  }
  return { rows: total, bookings: done, customersCreated, skipped, earlier };
}
