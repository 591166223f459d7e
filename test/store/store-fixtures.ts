import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import {
  openSqliteStore,
  StoreError,
  TokenCipher,
  type ConnectedAccount,
  type StateStore,
} from '../../integration/store/index.ts';

export const KEY_A = Buffer.alloc(32, 0xa1);
export const KEY_B = Buffer.alloc(32, 0xb2);

export const cipherWith = (current: Buffer, old: Buffer[] = []) =>
  TokenCipher.fromKeys({ current, old });

/** A token long and random enough that finding its bytes anywhere means it was written. */
export const uniqueToken = () => `IGAA${randomBytes(48).toString('base64url')}`;

export function account(overrides: Partial<ConnectedAccount> = {}): ConnectedAccount {
  return {
    userId: '17841400000000001',
    username: 'harbour.lights',
    accountType: 'BUSINESS',
    scopes: ['instagram_business_basic', 'instagram_business_content_publish'],
    token: uniqueToken(),
    tokenIssuedAt: '2025-05-01T10:00:00.000Z',
    tokenExpiresAt: '2025-06-30T10:00:00.000Z',
    refreshedAt: null,
    connectedAt: '2025-05-01T10:00:00.000Z',
    source: 'oauth',
    ...overrides,
  };
}

/** A temp folder per test, and the stores opened in it closed afterwards. */
export function tempStores() {
  let dir = '';
  const open: StateStore[] = [];
  return {
    async setUp() {
      dir = await mkdtemp(join(tmpdir(), 'state-store-'));
    },
    async tearDown() {
      await Promise.all(open.splice(0).map((store) => store.close()));
      await rm(dir, { recursive: true, force: true });
    },
    path: (name = 'state.db') => join(dir, name),
    async open(cipher = cipherWith(KEY_A), path = join(dir, 'state.db')) {
      const store = await openSqliteStore({ path, cipher });
      open.push(store);
      return store;
    },
  };
}

/** A second connection to the file, to look under the store or to break it on purpose. */
export function rawDatabase(path: string, run: (db: DatabaseSync) => void): void {
  const db = new DatabaseSync(path);
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    run(db);
  } finally {
    db.close();
  }
}

/** The StoreError a promise rejects with; fails the test on anything else. */
export async function storeErrorOf(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (error instanceof StoreError) return error;
  throw new Error(`expected a StoreError, got ${String(error)}`);
}
