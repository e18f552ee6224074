// Whether every table and column the code reads is in the file. A column renamed
// or dropped with a SQLite tool would otherwise surface on every call as "no such
// column: r.price_cents"; found at open, it is named once, with what to do.
import type Database from 'better-sqlite3';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { schema } from './schema';
import { DatabaseOpenError } from './openErrors';

/** The tables and columns drizzle's schema names that the file lacks ("bookings.price_cents"). */
export function missingColumns(sqlite: Database.Database): string[] {
  const missing: string[] = [];
  for (const table of Object.values(schema) as SQLiteTable[]) {
    const { name, columns } = getTableConfig(table);
    const present = new Set((sqlite.prepare(`PRAGMA table_info("${name.replace(/"/g, '""')}")`).all() as { name: string }[]).map((c) => c.name));
    if (present.size === 0) missing.push(`${name} (the whole table)`);
    else for (const c of columns) if (!present.has(c.name)) missing.push(`${name}.${c.name}`);
  }
  return missing;
}

export function assertColumnsPresent(sqlite: Database.Database, file: string): void {
  const missing = missingColumns(sqlite);
  if (missing.length === 0) return;
  const shown = missing.slice(0, 5).join(', ') + (missing.length > 5 ? ` and ${missing.length - 5} more` : '');
  throw new DatabaseOpenError(
    `The schema of ${file} is damaged: ${shown} ${missing.length === 1 ? 'is' : 'are'} missing ` +
      '(renamed or dropped outside JobTrail). Restore a backup (npm run cli -- restore --db FILE --from BACKUP); ' +
      'JobTrail did not change the file.',
    'SCHEMA_DAMAGED',
  );
}
