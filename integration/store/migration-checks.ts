import { StoreError } from './errors.ts';
import type { Migration } from './migrations.ts';

/** What both migration runners check and say, whatever the database. */

export function assertOrdered(migrations: readonly Migration[]): void {
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

// A database migrated by a newer release has tables this code does not know how to keep consistent.
export function assertNotNewer(
  latest: number,
  migrations: readonly Migration[],
  elsewhere: string,
): void {
  const known = migrations.at(-1)?.version ?? 0;
  if (latest > known) {
    throw new StoreError(
      `The state database is at schema version ${latest}, newer than this server knows (${known}): run the newer release, or ${elsewhere}.`,
    );
  }
}

export function migrationFailed(migration: Migration, error: unknown): StoreError {
  return new StoreError(
    `Migration ${migration.version} (${migration.name}) failed and was rolled back: ${messageOf(error)}. The database keeps the schema of the migrations before it; fix the migration and restart.`,
    { cause: error },
  );
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
