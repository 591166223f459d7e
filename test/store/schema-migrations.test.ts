import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  MIGRATIONS,
  StoreError,
  type Migration,
} from '../../integration/store/index.ts';
import { rawDatabase, tempStores } from './store-fixtures.ts';

const stores = tempStores();
beforeEach(stores.setUp);
afterEach(stores.tearDown);

const tableNames = (db: DatabaseSync) =>
  db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((row) => row.name);

describe('schema migrations', () => {
  it('run once on first open and record their versions', async () => {
    const path = stores.path();
    await stores.open(undefined, path);
    rawDatabase(path, (db) => {
      const recorded = db
        .prepare('SELECT version, applied_at FROM schema_migrations ORDER BY version')
        .all();
      expect(recorded.map((row) => row.version)).toEqual(
        MIGRATIONS.map((migration) => migration.version),
      );
      expect(recorded.every((row) => !Number.isNaN(Date.parse(String(row.applied_at))))).toBe(true);
      expect(tableNames(db)).toContain('accounts');
    });
  });

  it('run none when the database is opened again', async () => {
    const path = stores.path();
    const first = await stores.open(undefined, path);
    await first.close();
    let before: unknown[] = [];
    rawDatabase(path, (db) => {
      before = db.prepare('SELECT * FROM schema_migrations').all();
    });
    await stores.open(undefined, path);
    rawDatabase(path, (db) => {
      expect(db.prepare('SELECT * FROM schema_migrations').all()).toEqual(before);
    });
  });

  it('apply only the versions not yet recorded', () => {
    const db = new DatabaseSync(':memory:');
    const first: Migration = { version: 1, name: 'a', sql: 'CREATE TABLE a (id TEXT)' };
    const second: Migration = { version: 2, name: 'b', sql: 'CREATE TABLE b (id TEXT)' };
    expect(applyMigrations(db, [first])).toEqual([1]);
    expect(applyMigrations(db, [first, second])).toEqual([2]);
    expect(applyMigrations(db, [first, second])).toEqual([]);
    expect(tableNames(db)).toEqual(['a', 'b', 'schema_migrations']);
    db.close();
  });

  it('roll a failing migration back whole, keeping the ones before it', () => {
    const db = new DatabaseSync(':memory:');
    const broken: Migration = {
      version: 2,
      name: 'half done',
      sql: 'CREATE TABLE b (id TEXT); INSERT INTO missing VALUES (1);',
    };
    const run = () =>
      applyMigrations(db, [{ version: 1, name: 'a', sql: 'CREATE TABLE a (id TEXT)' }, broken]);
    expect(run).toThrow(StoreError);
    expect(run).toThrow(
      /Migration 2 \(half done\) failed and was rolled back: no such table: missing/,
    );
    expect(tableNames(db)).toEqual(['a', 'schema_migrations']);
    expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual([{ version: 1 }]);
    db.close();
  });

  it('refuse a list out of order', () => {
    const db = new DatabaseSync(':memory:');
    const list: Migration[] = [
      { version: 2, name: 'b', sql: 'SELECT 1' },
      { version: 1, name: 'a', sql: 'SELECT 1' },
    ];
    expect(() => applyMigrations(db, list)).toThrow(
      /versions must be positive integers in ascending order/,
    );
    db.close();
  });

  it('refuse a database migrated by a newer release', async () => {
    const path = stores.path();
    await (await stores.open(undefined, path)).close();
    rawDatabase(path, (db) =>
      db.exec("INSERT INTO schema_migrations VALUES (999, '2030-01-01T00:00:00.000Z')"),
    );
    await expect(stores.open(undefined, path)).rejects.toThrow(
      /schema version 999, newer than this server knows/,
    );
  });
});
