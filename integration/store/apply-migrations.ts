import type { DatabaseSync } from 'node:sqlite';
import { assertNotNewer, assertOrdered, migrationFailed } from './migration-checks.ts';
import { MIGRATIONS, type Migration } from './migrations.ts';
import { inTransaction } from './sqlite-database.ts';

const CREATE_SCHEMA_MIGRATIONS = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL
  )`;

/**
 * Applies to a sqlite database the migrations it has not recorded, each in its own transaction
 * with its `schema_migrations` row; returns the versions applied (none when the schema is current).
 */
export function applyMigrations(
  db: DatabaseSync,
  migrations: readonly Migration[] = MIGRATIONS,
): number[] {
  assertOrdered(migrations);
  db.exec(CREATE_SCHEMA_MIGRATIONS);
  const latest = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get();
  assertNotNewer(Number(latest?.version ?? 0), migrations, 'point STATE_DB_PATH at another file');
  const applied: number[] = [];
  for (const migration of migrations) {
    if (applyOne(db, migration)) applied.push(migration.version);
  }
  return applied;
}

function applyOne(db: DatabaseSync, migration: Migration): boolean {
  try {
    return inTransaction(db, () => {
      // Checked under the write lock: another server starting on the same file may have just applied it.
      if (isApplied(db, migration.version)) return false;
      db.exec(migration.sqlite);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
        migration.version,
        new Date().toISOString(),
      );
      return true;
    });
  } catch (error) {
    throw migrationFailed(migration, error);
  }
}

function isApplied(db: DatabaseSync, version: number): boolean {
  return db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(version) !== undefined;
}
