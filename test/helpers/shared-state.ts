// One state shared by several simulated server instances: each "instance" opens its own store
// handle, on one sqlite file or on one PostgreSQL database. The PostgreSQL cluster is a
// throwaway one (harness/postgres-cluster.ts), started by the first test of a file that needs
// it and stopped after the file; each test gets a fresh file or database.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { startPostgresCluster, type PostgresCluster } from '../../harness/postgres-cluster.ts';
import { openStateStore, TokenCipher, type StateStore } from '../../integration/store/index.ts';
import { TEST_KEY } from './token-harness.ts';

export interface SharedState {
  name: 'sqlite' | 'postgres';
  /** A new handle on this test's state, as another server instance would open it (closed after the test). */
  open(): Promise<StateStore>;
}

interface SharedStateWithLifecycle extends SharedState {
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
  dispose(): Promise<void>;
}

const cipher = () => TokenCipher.fromKeys({ current: Buffer.from(TEST_KEY, 'base64'), old: [] });

/** sqlite and PostgreSQL, for `describe.each`; pass each to `useSharedState`. */
export const SHARED_STATES: SharedStateWithLifecycle[] = [sqliteState(), postgresState()];

/** Registers the hooks that give each test of the enclosing describe a fresh shared state. */
export function useSharedState(state: SharedStateWithLifecycle): void {
  beforeEach(state.setUp);
  afterEach(state.tearDown);
  afterAll(state.dispose);
}

function sqliteState(): SharedStateWithLifecycle {
  let dir = '';
  const opened: StateStore[] = [];
  return {
    name: 'sqlite',
    async setUp() {
      dir = await mkdtemp(path.join(os.tmpdir(), 'ais-shared-state-'));
    },
    async tearDown() {
      await Promise.all(opened.splice(0).map((store) => store.close()));
      await rm(dir, { recursive: true, force: true });
    },
    async dispose() {},
    async open() {
      const store = await openStateStore({ STATE_DB_PATH: path.join(dir, 'state.db') }, cipher());
      opened.push(store);
      return store;
    },
  };
}

function postgresState(): SharedStateWithLifecycle {
  let cluster: PostgresCluster | undefined;
  let database = '';
  const opened: StateStore[] = [];
  const admin = async <T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> => {
    const sql = postgres(cluster!.url, { max: 1, onnotice: () => {} });
    try {
      return await work(sql);
    } finally {
      await sql.end();
    }
  };
  return {
    name: 'postgres',
    async setUp() {
      cluster ??= await startPostgresCluster();
      database = `shared_${randomBytes(6).toString('hex')}`;
      await admin((sql) => sql.unsafe(`CREATE DATABASE ${database}`));
    },
    async tearDown() {
      await Promise.all(opened.splice(0).map((store) => store.close()));
      await admin((sql) => sql.unsafe(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    },
    async dispose() {
      await cluster?.stop();
      cluster = undefined;
    },
    async open() {
      const store = await openStateStore({ DATABASE_URL: cluster!.urlFor(database) }, cipher());
      opened.push(store);
      return store;
    },
  };
}
