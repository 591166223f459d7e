import type { Sql } from 'postgres';
import { assertNotNewer, assertOrdered, migrationFailed } from './migration-checks.ts';
import { MIGRATIONS, type Migration } from './migrations.ts';

// Any constant: the lock only serialises this code's migration runs on one database.
const MIGRATION_LOCK = 7_274_101_313;

const CREATE_SCHEMA_MIGRATIONS = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL
  )`;

/**
 * Applies to a PostgreSQL database the migrations it has not recorded, each in its own
 * transaction with its `schema_migrations` row (PostgreSQL's DDL is transactional, so a failing
 * migration leaves nothing behind); returns the versions applied. Servers starting together take
 * turns on an advisory lock, so each migration runs once.
 */
export async function applyPostgresMigrations(
  sql: Sql,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  assertOrdered(migrations);
  const latest = await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK}::bigint)`;
    await tx.unsafe(CREATE_SCHEMA_MIGRATIONS);
    const [row] = await tx`SELECT MAX(version) AS version FROM schema_migrations`;
    return Number(row?.version ?? 0);
  });
  assertNotNewer(latest, migrations, 'point DATABASE_URL at another database');
  const applied: number[] = [];
  for (const migration of migrations) {
    if (await applyOne(sql, migration)) applied.push(migration.version);
  }
  return applied;
}

async function applyOne(sql: Sql, migration: Migration): Promise<boolean> {
  try {
    return await sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK}::bigint)`;
      // Checked under the lock: another server starting on the same database may have just applied it.
      const done = await tx`SELECT 1 FROM schema_migrations WHERE version = ${migration.version}`;
      if (done.length > 0) return false;
      await tx.unsafe(migration.postgres);
      await tx`INSERT INTO schema_migrations (version, applied_at) VALUES (${migration.version}, ${new Date().toISOString()})`;
      return true;
    });
  } catch (error) {
    throw migrationFailed(migration, error);
  }
}
