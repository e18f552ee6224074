import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationMismatchError';
  }
}

export function loadMigrations(dir: string): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * Applies the migrations not yet applied, in order, each in its own transaction.
 * A database whose applied list does not match the files (a migration edited,
 * removed or unknown to this version) is refused rather than guessed at: the
 * audit triggers live in these files, and a silently different trigger set would
 * be a silently different audit trail.
 */
export function migrate(sqlite: Database.Database, migrations: Migration[]): string[] {
  sqlite.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = sqlite.prepare('SELECT name, checksum FROM schema_migrations ORDER BY name').all() as { name: string; checksum: string }[];
  applied.forEach((row, i) => {
    const file = migrations[i];
    if (!file || file.name !== row.name) {
      throw new MigrationMismatchError(
        `This database was migrated by another version of JobTrail (it has ${row.name}, ` +
          `this version expects ${file?.name ?? 'nothing'}). Open it with the version that created it.`,
      );
    }
    if (file.checksum !== row.checksum) {
      throw new MigrationMismatchError(`Migration ${row.name} differs from the one applied to this database.`);
    }
  });
  const pending = migrations.slice(applied.length);
  const record = sqlite.prepare("INSERT INTO schema_migrations (name, checksum, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
  for (const m of pending) {
    sqlite
      .transaction(() => {
        sqlite.exec(m.sql);
        record.run(m.name, m.checksum);
      })
      .immediate();
  }
  return pending.map((m) => m.name);
}
