// Erasing a customer (GDPR Art. 17): their personal data leaves the records, the
// History's values and the search index, and cannot be read back from the
// database file or its WAL; what the law says to keep (invoices' numbers, dates
// and amounts) stays, under "Erased customer #ID". The chain still verifies, and
// every digest printed before still checks (db/erasedRows.ts says how). The
// erasure is itself an audit row: who, when, under which request's reference, how
// many rows, and what still holds the values (backups made before, until they
// expire; archives made before); never an erased value.
import type { Db } from '../../db/open';
import { sealChain } from '../../db/chain';
import { customerRows, eraseAuditRows, firstFormatRows, rowsHolding, scrubFreedSpace, whileErasing } from '../../db/erasedRows';
import { expiresAt } from './backupPolicy';
import { listBackups, type BackupFile } from './backups';
import { change, type ServiceContext } from './context';
import { AppError, conflict, notFound } from './errors';

/** What an erased customer is called from then on. */
export const erasedName = (id: number) => `Erased customer #${id}`;

export interface HeldBackup {
  file: string;
  kind: BackupFile['kind'];
  at: string;
  /** When it leaves the kept set at the latest (backupPolicy.ts); null for a backup made on request, kept until deleted. */
  goesBy: string | null;
}

export interface ErasureRecord {
  customerId: number;
  reference: string;
  rowsErased: number;
  /** What still holds the values, in words, as the erasure's audit row carries it. */
  stillHeld: string;
  erasedAt: string;
}

export interface ErasureResult extends ErasureRecord {
  name: string;
  /** The records cleared, by kind: what the dialog and the CLI report. */
  cleared: {
    bookings: number;
    notes: number;
    inquiries: number;
    quotes: number;
    customFieldValues: number;
    reports: number;
    /** Their properties' names, addresses and access notes, and their units' notes (a home's address is theirs). */
    properties: number;
    /** Other customers' notes and inquiries that named them: the name, email, phone or address replaced there. */
    elsewhere: number;
  };
  backups: HeldBackup[];
  /** When the last backup holding the values goes: null when none does, 'never' when one was made on request. */
  backupsGoneBy: string | 'never' | null;
  /** The History before this row is in archives made before: they hold the customer's rows up to it, erased only there. */
  archivedUpTo: number | null;
  /** The erasure's own audit row. */
  auditRowId: number;
  /** False while another connection still read the WAL's older pages: the next checkpoint clears them. */
  walCleared: boolean;
  /** Whether the search index was merged, so that its files hold no erased word (ErasureOptions.mergeIndex). */
  indexMerged: boolean;
}

export interface ErasureInput {
  customerId: number;
  /** The request's reference (a ticket, a letter's date): what the audit row is filed under. */
  reference: string;
}

export interface ErasureOptions {
  /** The clock (backups' expiry is counted from it). */
  now?: Date;
  /** Where the backups are (default: the database's backup folder). */
  backupDir?: string;
  /**
   * Merge the search index after the erasure (default true): until then it keeps
   * the erased rows' words in its segments, though no search finds them. The
   * merge rewrites the whole index; the benchmark times it apart (scrubAfterErasure).
   */
  mergeIndex?: boolean;
}

export function erasureOf(db: Db, customerId: number): ErasureRecord | null {
  const row = db.sqlite
    .prepare(
      `SELECT customer_id AS customerId, reference, rows_erased AS rowsErased, still_held AS stillHeld,
    erased_at AS erasedAt FROM erasures WHERE customer_id = ?`,
    )
    .get(customerId) as ErasureRecord | undefined;
  return row ?? null;
}

/** The backups made before now, and so holding the values, with when each goes. */
function heldBackups(db: Db, options: ErasureOptions, now: Date): HeldBackup[] {
  return listBackups(db.file, options.backupDir)
    .filter((b) => b.at.getTime() <= now.getTime())
    .map((b) => ({ file: b.file, kind: b.kind, at: b.at.toISOString(), goesBy: expiresAt(b, now)?.toISOString() ?? null }));
}

function goneBy(backups: HeldBackup[]): string | 'never' | null {
  if (backups.length === 0) return null;
  if (backups.some((b) => b.goesBy === null)) return 'never';
  return backups
    .map((b) => b.goesBy!)
    .sort()
    .at(-1)!;
}

const plural = (n: number, one: string) => `${n.toLocaleString('en')} ${one}${n === 1 ? '' : 's'}`;

function stillHeldText(backups: HeldBackup[], archivedUpTo: { id: number; at: string } | null): string {
  const parts: string[] = [];
  const auto = backups.filter((b) => b.goesBy !== null);
  const manual = backups.length - auto.length;
  if (auto.length) {
    const last = auto
      .map((b) => b.goesBy!)
      .sort()
      .at(-1)!;
    parts.push(`${plural(auto.length, 'automatic backup')} made before, the last of them gone by ${last.slice(0, 10)}`);
  }
  if (manual) parts.push(`${plural(manual, 'backup')} made on request before, kept until deleted by hand`);
  if (archivedUpTo) parts.push(`archives made before ${archivedUpTo.at.slice(0, 10)} (History up to row ${archivedUpTo.id.toLocaleString('en')})`);
  return parts.length ? parts.join('; ') : 'nothing: no backup or archive was made before';
}

/**
 * Erases a customer, in one transaction: their records cleared, the audit rows
 * that hold their data (every row of theirs, and any other row whose values name
 * them) erased, including the rows the clearing itself wrote, then the erasure's
 * own row. Refused, changing nothing, for an unknown customer, one already erased,
 * and one with rows of the first chain format, which only an archive can take out.
 */
export function eraseCustomer(ctx: ServiceContext, input: ErasureInput, options: ErasureOptions = {}): ErasureResult {
  const { sqlite } = ctx.db;
  const now = options.now ?? new Date();
  const reference = input.reference.trim();
  if (!reference) throw new AppError('invalid_input', "The request's reference is needed: what the erasure is filed under.", 'reference');
  const backups = heldBackups(ctx.db, options, now);
  const checkpoint = sqlite.prepare('SELECT last_id AS id, at FROM audit_checkpoint WHERE id = 1').get() as { id: number; at: string } | undefined;
  // The pages that held the erased rows, and their neighbours, are scrubbed after: old copies of rows linger there.
  let erasedIds: number[] = [];
  return whileErasing(sqlite, () => {
    const result = change({ ...ctx, at: undefined }, () => {
      const customer = sqlite.prepare('SELECT id, name, email, phone, address FROM customers WHERE id = ?').get(input.customerId) as
        { id: number; name: string; email: string | null; phone: string | null; address: string | null } | undefined;
      if (!customer) throw notFound('Customer', input.customerId, 'customerId');
      const earlier = erasureOf(ctx.db, customer.id);
      if (earlier) {
        throw conflict(`Customer ${customer.id} was erased on ${earlier.erasedAt.slice(0, 10)} under reference "${earlier.reference}".`, 'customerId');
      }
      const own = sqlite.prepare('SELECT id FROM audit_log WHERE customer_id = ?').pluck();
      const texts = [customer.name, customer.email, customer.phone, customer.address].filter((t): t is string => !!t);
      const naming = rowsHolding(sqlite, customer.id, texts);
      const before = [...new Set([...(own.all(customer.id) as number[]), ...naming])];
      refuseFirstFormat(sqlite, before, customer.id);

      const lastBefore = sqlite.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number;
      const cleared = { ...clearRecords(sqlite, customer, now.toISOString()), elsewhere: clearMentions(sqlite, customer.id, texts, naming) };
      // The rows the clearing wrote hold the old values: sealed now, so that they can be erased with the rest.
      sealChain(sqlite, sqlite.prepare('SELECT tx FROM session_actor WHERE id = 1').pluck().get() as number, false);
      const written = sqlite.prepare('SELECT id FROM audit_log WHERE id > ?').pluck().all(lastBefore) as number[];
      const erased = eraseAuditRows(sqlite, [...before, ...written]);
      erasedIds = erased;

      const record = {
        customerId: customer.id,
        reference,
        rowsErased: erased.length,
        stillHeld: stillHeldText(backups, checkpoint ?? null),
        erasedAt: now.toISOString(),
      };
      sqlite
        .prepare('INSERT INTO erasures (customer_id, reference, rows_erased, still_held, erased_at) VALUES (?, ?, ?, ?, ?)')
        .run(record.customerId, record.reference, record.rowsErased, record.stillHeld, record.erasedAt);
      const auditRowId = sqlite.prepare("SELECT max(id) FROM audit_log WHERE event = 'customer erased'").pluck().get() as number;
      return { ...record, name: erasedName(customer.id), cleared, backups, backupsGoneBy: goneBy(backups), archivedUpTo: checkpoint?.id ?? null, auditRowId };
    });
    const rows = { ...customerRows(sqlite, input.customerId), audit_log: erasedIds };
    return { ...result, ...scrubFreedSpace(sqlite, rows, options.mergeIndex ?? true) };
  });
}

function refuseFirstFormat(sqlite: Db['sqlite'], ids: number[], customerId: number): void {
  const old = firstFormatRows(sqlite, ids);
  if (old.count === 0) return;
  const day = (iso: string | null) => (iso ?? '').slice(0, 10);
  throw conflict(
    `${plural(old.count, 'History row')} of customer ${customerId}, from ${day(old.from)} to ${day(old.to)}, ` +
      `${old.count === 1 ? 'was' : 'were'} sealed ` +
      'before the chain could erase values (chain v1): their hashes cover the values themselves. Archive the History before ' +
      `${nextDay(old.to!)} first (npm run cli -- archive --db FILE --before ${nextDay(old.to!)} --out FILE): that moves them out ` +
      'of the database; then erase the customer, and keep or destroy that archive as the request requires.',
  );
}

const nextDay = (iso: string) => new Date(Date.parse(iso.slice(0, 10)) + 86_400_000).toISOString().slice(0, 10);

/**
 * The customer's personal data out of the records, through the tracked tables'
 * triggers (their audit rows are erased after): the customer's name, contact,
 * address and notes; their bookings' addresses; their notes' and inquiries' words;
 * their quotes' titles and who decided them; their properties' names, addresses
 * and access notes, and their units' notes; custom values marked personal; the
 * reports' subjects that name them. Invoices, payments, prices, times and statuses
 * stay. A property that has changed hands is the new owner's, and stays as it is.
 */
function clearRecords(sqlite: Db['sqlite'], c: { id: number; name: string }, at: string): Omit<ErasureResult['cleared'], 'elsewhere'> {
  const run = (sql: string, ...params: unknown[]) => sqlite.prepare(sql).run(...params).changes;
  const ofBookings = 'SELECT id FROM bookings WHERE customer_id = ?';
  const customFieldValues =
    run(
      `UPDATE custom_field_values SET value = NULL WHERE value IS NOT NULL AND definition_id IN (
           SELECT id FROM custom_field_definitions WHERE personal = 1 AND entity = 'customer') AND entity_id = ?`,
      c.id,
    ) +
    run(
      `UPDATE custom_field_values SET value = NULL WHERE value IS NOT NULL AND definition_id IN (
           SELECT id FROM custom_field_definitions WHERE personal = 1 AND entity = 'booking') AND entity_id IN (${ofBookings})`,
      c.id,
    );
  const reports = run(
    `UPDATE reports_issued SET subject = replace(subject, ?, ?) WHERE instr(subject, ?) > 0
    AND (customer_id = ? OR booking_id IN (${ofBookings}))`,
    c.name,
    erasedName(c.id),
    c.name,
    c.id,
    c.id,
  );
  run(`UPDATE customers SET name = ?, email = NULL, phone = NULL, address = NULL, notes = NULL, updated_at = ? WHERE id = ?`, erasedName(c.id), at, c.id);
  return {
    bookings: run("UPDATE bookings SET address = '', updated_at = ? WHERE customer_id = ?", at, c.id),
    notes: run("UPDATE notes SET body = '' WHERE customer_id = ?", c.id),
    inquiries: run("UPDATE inquiries SET subject = '', body = NULL WHERE customer_id = ?", c.id),
    quotes: run("UPDATE quotes SET title = '', decided_by = NULL WHERE customer_id = ?", c.id),
    properties:
      run(
        `UPDATE properties SET name = ?, address = '', access_notes = NULL, updated_at = ? WHERE customer_id = ?`,
        `Property of ${erasedName(c.id)}`,
        at,
        c.id,
      ) +
      run(
        `UPDATE property_units SET notes = NULL, updated_at = ? WHERE notes IS NOT NULL
           AND property_id IN (SELECT id FROM properties WHERE customer_id = ?)`,
        at,
        c.id,
      ),
    customFieldValues,
    reports,
  };
}

/**
 * Notes and inquiries of others that name the customer (found with the audit rows
 * that hold their words): each of the customer's texts replaced there by what the
 * customer is now called. Returns how many records changed.
 */
function clearMentions(sqlite: Db['sqlite'], customerId: number, texts: string[], rows: number[]): number {
  const records = sqlite
    .prepare(
      `SELECT DISTINCT entity, entity_id AS id FROM audit_log WHERE id IN (SELECT value FROM json_each(?))
    AND entity IN ('note', 'inquiry') AND customer_id IS NOT ?`,
    )
    .all(JSON.stringify(rows), customerId) as { entity: string; id: number }[];
  const replaced = (column: string) => texts.reduce((sql) => `replace(${sql}, ?, ?)`, column);
  const args = texts.flatMap((t) => [t, erasedName(customerId)]);
  const note = sqlite.prepare(`UPDATE notes SET body = ${replaced('body')} WHERE id = ? AND body IS NOT ${replaced('body')}`);
  const inquiry = sqlite.prepare(`UPDATE inquiries SET subject = ${replaced('subject')}, body = ${replaced('body')} WHERE id = ?`);
  let changed = 0;
  for (const r of records) {
    changed += r.entity === 'note' ? note.run(...args, r.id, ...args).changes : inquiry.run(...args, ...args, r.id).changes;
  }
  return changed;
}

/** The search index merged and the file scrubbed again after an erasure made without it (ErasureOptions.mergeIndex). */
export function scrubAfterErasure(db: Db, customerId: number): { walCleared: boolean; indexMerged: boolean } {
  return whileErasing(db.sqlite, () => scrubFreedSpace(db.sqlite, customerRows(db.sqlite, customerId), true));
}
