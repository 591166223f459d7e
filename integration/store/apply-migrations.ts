import type { DatabaseSync } from 'node:sqlite';
import { StoreError } from './errors.ts';
import { inTransaction } from './sqlite-database.ts';
import { MIGRATIONS, type Migration } from './migrations.ts';

const CREATE_SCHEMA_MIGRATIONS = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL
  )`;

/**
 * Applies the migrations the database has not recorded, each in its own transaction with its
 * `schema_migrations` row; returns the versions applied (none when the schema is current).
 */
export function applyMigrations(
  db: DatabaseSync,
  migrations: readonly Migration[] = MIGRATIONS,
): number[] {
  assertOrdered(migrations);
  db.exec(CREATE_SCHEMA_MIGRATIONS);
  assertNotNewer(db, migrations);
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
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
        migration.version,
        new Date().toISOString(),
      );
      return true;
    });
  } catch (error) {
    throw new StoreError(
      `Migration ${migration.version} (${migration.name}) failed and was rolled back: ${messageOf(error)}. The database keeps the schema of the migrations before it; fix the migration and restart.`,
      { cause: error },
    );
  }
}

function isApplied(db: DatabaseSync, version: number): boolean {
  return db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(version) !== undefined;
}

// A database migrated by a newer release has tables this code does not know how to keep consistent.
function assertNotNewer(db: DatabaseSync, migrations: readonly Migration[]): void {
  const latest = Number(
    db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get()?.version ?? 0,
  );
  const known = migrations.at(-1)?.version ?? 0;
  if (latest > known) {
    throw new StoreError(
      `The state database is at schema version ${latest}, newer than this server knows (${known}): run the newer release, or point STATE_DB_PATH at another file.`,
    );
  }
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1];
    if (
      !Number.isInteger(migration.version) ||
      migration.version < 1 ||
      (previous && migration.version <= previous.version)
    ) {
      throw new StoreError(
        `Migration "${migration.name}" has version ${migration.version}: versions must be positive integers in ascending order.`,
      );
    }
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
