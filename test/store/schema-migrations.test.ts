import { describe, expect, it } from 'vitest';
import { MIGRATIONS, StoreError, type Migration } from '../../integration/store/index.ts';
import { BACKENDS, useBackend } from './store-backends.ts';

/** A migration whose SQL both dialects accept. */
const portable = (version: number, name: string, sql: string): Migration => ({
  version,
  name,
  sqlite: sql,
  postgres: sql,
});

describe.each(BACKENDS)('schema migrations in $name', (backend) => {
  useBackend(backend);

  it('run once on first open and record their versions', async () => {
    await backend.open();
    const recorded = await backend.query(
      'SELECT version, applied_at FROM schema_migrations ORDER BY version',
    );
    expect(recorded.map((row) => row.version)).toEqual(
      MIGRATIONS.map((migration) => migration.version),
    );
    expect(recorded.every((row) => !Number.isNaN(Date.parse(String(row.applied_at))))).toBe(true);
    expect(await backend.tableNames()).toContain('accounts');
  });

  it('run none when the database is opened again', async () => {
    const first = await backend.open();
    await first.close();
    const before = await backend.query('SELECT * FROM schema_migrations ORDER BY version');
    await backend.open();
    expect(await backend.query('SELECT * FROM schema_migrations ORDER BY version')).toEqual(before);
  });

  it('apply only the versions not yet recorded', async () => {
    const first = portable(1, 'a', 'CREATE TABLE a (id TEXT)');
    const second = portable(2, 'b', 'CREATE TABLE b (id TEXT)');
    expect(await backend.applyMigrations([first])).toEqual([1]);
    expect(await backend.applyMigrations([first, second])).toEqual([2]);
    expect(await backend.applyMigrations([first, second])).toEqual([]);
    expect(await backend.tableNames()).toEqual(['a', 'b', 'schema_migrations']);
  });

  it('roll a failing migration back whole, keeping the ones before it', async () => {
    const broken = portable(
      2,
      'half done',
      'CREATE TABLE b (id TEXT); INSERT INTO missing VALUES (1);',
    );
    const run = () =>
      backend.applyMigrations([portable(1, 'a', 'CREATE TABLE a (id TEXT)'), broken]);
    await expect(run()).rejects.toThrow(StoreError);
    const missingTable =
      backend.name === 'sqlite' ? 'no such table: missing' : 'relation "missing" does not exist';
    await expect(run()).rejects.toThrow(
      `Migration 2 (half done) failed and was rolled back: ${missingTable}`,
    );
    expect(await backend.tableNames()).toEqual(['a', 'schema_migrations']);
    expect(await backend.query('SELECT version FROM schema_migrations')).toEqual([{ version: 1 }]);
  });

  it('refuse a list out of order', async () => {
    const list = [portable(2, 'b', 'SELECT 1'), portable(1, 'a', 'SELECT 1')];
    await expect(backend.applyMigrations(list)).rejects.toThrow(
      /versions must be positive integers in ascending order/,
    );
  });

  it('refuse a database migrated by a newer release', async () => {
    await (await backend.open()).close();
    await backend.query("INSERT INTO schema_migrations VALUES (999, '2030-01-01T00:00:00.000Z')");
    await expect(backend.open()).rejects.toThrow(
      /schema version 999, newer than this server knows/,
    );
  });
});
