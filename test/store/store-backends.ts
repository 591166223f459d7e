// The two implementations of StateStore, each with a fresh place per test and a second
// connection to look under the store or break it on purpose: what the contract suite runs over.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import postgres, { type Sql } from 'postgres';
import { afterAll, afterEach, beforeEach, inject } from 'vitest';
import {
  applyMigrations,
  applyPostgresMigrations,
  openStateStore,
  type Migration,
  type StateStore,
  type TokenCipher,
} from '../../integration/store/index.ts';
import type { Env } from '../../integration/shared/env.ts';
import { cipherWith, KEY_A } from './store-fixtures.ts';

type Row = Record<string, unknown>;

export interface StoreBackend {
  name: 'sqlite' | 'postgres';
  /** The environment that makes `openStateStore` open this test's store. */
  env(): Env;
  /** Opens this test's store (closed after the test). */
  open(cipher?: TokenCipher): Promise<StateStore>;
  /** On a second connection; `?` placeholders. */
  query(sql: string, parameters?: (string | number)[]): Promise<Row[]>;
  count(table: string): Promise<number>;
  /** Makes every UPDATE of `accounts` fail with `message`, after the row changed. */
  failAccountUpdates(message: string): Promise<void>;
  /** Runs `migrations` with this backend's runner on a connection of its own. */
  applyMigrations(migrations: readonly Migration[]): Promise<number[]>;
  tableNames(): Promise<string[]>;
}

/** Registers the hooks that give each test of the enclosing describe a fresh store. */
export function useBackend(backend: StoreBackendWithLifecycle): void {
  beforeEach(backend.setUp);
  afterEach(backend.tearDown);
  afterAll(backend.dispose);
}

export interface StoreBackendWithLifecycle extends StoreBackend {
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
  dispose(): Promise<void>;
}

export const BACKENDS: StoreBackendWithLifecycle[] = [sqliteBackend(), postgresBackend()];

function sqliteBackend(): StoreBackendWithLifecycle {
  let dir = '';
  const opened: StateStore[] = [];
  const path = () => join(dir, 'state.db');
  const withDb = <T>(work: (db: DatabaseSync) => T): T => {
    const db = new DatabaseSync(path());
    try {
      db.exec('PRAGMA busy_timeout = 5000');
      return work(db);
    } finally {
      db.close();
    }
  };
  return {
    name: 'sqlite',
    async setUp() {
      dir = await mkdtemp(join(tmpdir(), 'state-store-'));
    },
    async tearDown() {
      await Promise.all(opened.splice(0).map((store) => store.close()));
      await rm(dir, { recursive: true, force: true });
    },
    async dispose() {},
    env: () => ({ STATE_DB_PATH: path() }),
    async open(cipher = cipherWith(KEY_A)) {
      const store = await openStateStore({ STATE_DB_PATH: path() }, cipher);
      opened.push(store);
      return store;
    },
    async query(sql, parameters = []) {
      return withDb((db) => {
        const statement = db.prepare(sql);
        if (statement.columns().length > 0) return statement.all(...parameters);
        statement.run(...parameters);
        return [];
      });
    },
    async count(table) {
      return withDb((db) => Number(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get()?.n));
    },
    async failAccountUpdates(message) {
      withDb((db) =>
        db.exec(
          `CREATE TRIGGER fail_after_update AFTER UPDATE ON accounts BEGIN SELECT RAISE(ABORT, '${message}'); END`,
        ),
      );
    },
    async applyMigrations(migrations) {
      return withDb((db) => applyMigrations(db, migrations));
    },
    async tableNames() {
      return withDb((db) =>
        db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
          .all()
          .map((row) => String(row.name)),
      );
    },
  };
}

// One database per test on the run's cluster (test/helpers/postgres-global-setup.ts).
function postgresBackend(): StoreBackendWithLifecycle {
  let admin: Sql | undefined;
  let raw: Sql | undefined;
  let database = '';
  const opened: StateStore[] = [];
  const clusterUrl = () => {
    const url = inject('postgresUrl');
    if (!url) {
      throw new Error(
        'No PostgreSQL cluster: run the store tests through the "store" project of vitest.config.ts, whose globalSetup starts one.',
      );
    }
    return url;
  };
  const url = () => {
    const parsed = new URL(clusterUrl());
    parsed.pathname = `/${database}`;
    return parsed.toString();
  };
  const connect = (target: string) => postgres(target, { max: 2, onnotice: () => {} });
  const rawSql = () => {
    raw ??= connect(url());
    return raw;
  };
  return {
    name: 'postgres',
    async setUp() {
      admin ??= connect(clusterUrl());
      database = `store_${randomBytes(6).toString('hex')}`;
      await admin.unsafe(`CREATE DATABASE ${database}`);
    },
    async tearDown() {
      await Promise.all(opened.splice(0).map((store) => store.close()));
      await raw?.end();
      raw = undefined;
      await admin?.unsafe(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    },
    async dispose() {
      await admin?.end();
      admin = undefined;
    },
    env: () => ({ DATABASE_URL: url() }),
    async open(cipher = cipherWith(KEY_A)) {
      const store = await openStateStore({ DATABASE_URL: url() }, cipher);
      opened.push(store);
      return store;
    },
    async query(sql, parameters = []) {
      let n = 0;
      const text = sql.replace(/\?/g, () => `$${++n}`);
      return [...(await rawSql().unsafe(text, parameters))];
    },
    async count(table) {
      const [row] = await rawSql().unsafe(`SELECT COUNT(*)::int AS n FROM ${table}`);
      return Number(row?.n);
    },
    async failAccountUpdates(message) {
      await rawSql().unsafe(`
        CREATE FUNCTION fail_after_update() RETURNS trigger LANGUAGE plpgsql
          AS $$ BEGIN RAISE EXCEPTION '${message}'; END $$;
        CREATE TRIGGER fail_after_update AFTER UPDATE ON accounts
          FOR EACH ROW EXECUTE FUNCTION fail_after_update();
      `);
    },
    async applyMigrations(migrations) {
      const sql = connect(url());
      try {
        return await applyPostgresMigrations(sql, migrations);
      } finally {
        await sql.end();
      }
    },
    async tableNames() {
      const rows = await rawSql()
        .unsafe(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)
        .then((result) => [...result]);
      return rows.map((row) => String(row.tablename));
    },
  };
}
