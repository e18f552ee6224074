import { and, asc, eq, inArray, isNull, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { bookings, customers } from '../../db/schema';
import { change, nowIso, type ServiceContext } from './context';
import { conflict, notFound } from './errors';
import { assertDeletable, assertEditable, containsAny, definedOnly } from './records';
import { assertNothingBlocks, customerBlockers } from './deletionBlockers';
import { purgeAfter, retentionDays } from './retention';
import { readCustomFields, validateCustomFields, writeCustomFields, type CustomFieldInput } from './customFields';
import { perConnection, updateById } from './statements';
import { versionedChange, versionOf, type EditVersion } from './versions';

export interface CustomerFields {
  name: string;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
  notes?: string | null;
}

export interface CustomerView extends Required<CustomerFields> {
  id: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

const view = {
  id: customers.id,
  name: customers.name,
  email: customers.email,
  phone: customers.phone,
  address: customers.address,
  notes: customers.notes,
  createdAt: customers.createdAt,
  updatedAt: customers.updatedAt,
  deletedAt: customers.deletedAt,
};

const byId = perConnection((db) =>
  db.orm
    .select(view)
    .from(customers)
    .where(eq(customers.id, sql.placeholder('id')))
    .prepare(),
);

function row(db: Db, id: number): CustomerView | undefined {
  return byId(db).get({ id });
}

export function getCustomer(db: Db, id: number, field = 'id'): CustomerView & { customFields: Record<string, string | null>; version: number } {
  const version = versionOf(db, 'customer', id); // before the row: see versions.ts
  const c = row(db, id);
  if (!c) throw notFound('Customer', id, field);
  return { ...c, customFields: readCustomFields(db, 'customer', id), version };
}

/** Throws unless the customer exists and is not deleted: bookings may only point at live customers. */
export function assertLiveCustomer(db: Db, id: number, field = 'customerId'): CustomerView {
  const c = row(db, id);
  if (!c) throw notFound('Customer', id, field);
  assertEditable('Customer', id, c);
  return c;
}

export interface CustomerQuery {
  search?: string;
  deleted?: boolean;
  limit: number;
  offset: number;
}

export type CustomerListRow = CustomerView & { bookingCount: number };

export function listCustomers(db: Db, q: CustomerQuery): { rows: CustomerListRow[]; total: number } {
  const where = and(
    q.deleted ? isNotNull(customers.deletedAt) : isNull(customers.deletedAt),
    containsAny(q.search, [customers.name, customers.email, customers.phone, customers.address]),
  );
  // Written out: drizzle leaves columns unqualified inside a select's sql, which here would mean the subquery's own table.
  const bookingCount = sql<number>`(SELECT count(*) FROM bookings b WHERE b.customer_id = "customers"."id" AND b.deleted_at IS NULL)`;
  const rows = db.orm
    .select({ ...view, bookingCount })
    .from(customers)
    .where(where)
    .orderBy(sql`${customers.name} COLLATE NOCASE`, asc(customers.id))
    .limit(q.limit)
    .offset(q.offset)
    .all();
  const total = db.orm
    .select({ n: sql<number>`count(*)` })
    .from(customers)
    .where(where)
    .get()!.n;
  return { rows, total };
}

const insert = perConnection((db) =>
  db.orm
    .insert(customers)
    .values({
      name: sql.placeholder('name'),
      email: sql.placeholder('email'),
      phone: sql.placeholder('phone'),
      address: sql.placeholder('address'),
      notes: sql.placeholder('notes'),
      createdAt: sql.placeholder('createdAt'),
      updatedAt: sql.placeholder('updatedAt'),
    })
    .returning(view)
    .prepare(),
);

export function createCustomer(ctx: ServiceContext, input: CustomerFields & { customFields?: CustomFieldInput }): CustomerView {
  const { customFields, name, email = null, phone = null, address = null, notes = null } = input;
  const now = nowIso(ctx);
  return change(ctx, () => {
    validateCustomFields(ctx.db, 'customer', customFields ?? {});
    const created = insert(ctx.db).get({ name, email, phone, address, notes, createdAt: now, updatedAt: now })!;
    writeCustomFields(ctx.db, created.id, customFields ?? {});
    return created;
  });
}

/** Refused when the version it was made on is stale (versions.ts). */
export function updateCustomer(
  ctx: ServiceContext,
  input: { id: number } & Partial<CustomerFields> & { customFields?: CustomFieldInput } & EditVersion,
): CustomerView {
  const { id, customFields, version, override, ...fields } = input;
  const patch = definedOnly(fields);
  return versionedChange(ctx, 'customer', id, { version, override }, { ...patch, customFields }, () => {
    assertEditable('Customer', id, row(ctx.db, id));
    validateCustomFields(ctx.db, 'customer', customFields ?? {});
    if (Object.keys(patch).length) {
      updateById(ctx.db, customers, id, { ...patch, updatedAt: nowIso(ctx) });
    }
    writeCustomFields(ctx.db, id, customFields ?? {});
    return row(ctx.db, id)!;
  });
}

/** Bookings still to be worked: a customer who has any cannot be deleted out from under them. */
const OPEN_STATUSES = ['quote', 'pending', 'scheduled', 'accepted', 'in_progress'] as const;

/** Checked in the same transaction as the delete, so no booking can be made for the customer in between. */
export function setCustomerDeleted(ctx: ServiceContext, input: { id: number }, deleting: boolean): CustomerView {
  return change(ctx, () => {
    const current = row(ctx.db, input.id);
    assertDeletable('Customer', input.id, current, deleting, ctx.reason);
    if (deleting) {
      const { n } = ctx.db.orm
        .select({ n: sql<number>`count(*)` })
        .from(bookings)
        .where(and(eq(bookings.customerId, input.id), isNull(bookings.deletedAt), inArray(bookings.status, [...OPEN_STATUSES])))
        .get()!;
      if (n > 0) {
        throw conflict(`${current.name} has ${n} open booking${n === 1 ? '' : 's'}; cancel or delete ${n === 1 ? 'it' : 'them'} first.`);
      }
      assertNothingBlocks(current.name, customerBlockers(ctx.db, input.id));
    }
    const at = nowIso(ctx);
    return ctx.db.orm
      .update(customers)
      .set({ deletedAt: deleting ? at : null, purgeAfter: deleting ? purgeAfter(at, retentionDays(ctx.db)) : null, updatedAt: at })
      .where(eq(customers.id, input.id))
      .returning(view)
      .get()!;
  });
}
