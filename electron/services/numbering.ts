import { sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/open';
import { perConnection } from './statements';

const next = perConnection((db: Db, table: SQLiteTable) =>
  db.orm
    .select({ n: sql<number>`coalesce(max(id), 0) + 1` })
    .from(table)
    .prepare(),
);

/** The next human number for a document (INV-000042): one above the highest id so far. */
export function nextNumber(db: Db, table: SQLiteTable, prefix: string): string {
  const { n } = next(db, table).get()!;
  return `${prefix}-${String(n).padStart(6, '0')}`;
}
