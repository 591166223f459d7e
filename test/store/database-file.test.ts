import { existsSync, readFileSync, statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { account, KEY_A, rawDatabase, tempStores, uniqueToken } from './store-fixtures.ts';

const stores = tempStores();
beforeEach(stores.setUp);
afterEach(stores.tearDown);

/** The bytes sqlite has written for the database: main file and write-ahead log. */
function databaseBytes(path: string): Buffer {
  return Buffer.concat([path, `${path}-wal`].filter(existsSync).map((file) => readFileSync(file)));
}

describe('the database file', () => {
  it('is created with its folder on first open', async () => {
    const path = stores.path('nested/deeper/state.db');
    await stores.open(undefined, path);
    expect(statSync(path).isFile()).toBe(true);
  });

  it('is readable by its owner only', async () => {
    const path = stores.path('state.db');
    await stores.open(undefined, path);
    expect(statSync(path).mode & 0o077).toBe(0);
  });

  it('uses write-ahead logging', async () => {
    const path = stores.path();
    await stores.open(undefined, path);
    rawDatabase(path, (db) => {
      expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    });
    expect(existsSync(`${path}-wal`)).toBe(true);
  });

  it('never holds a token or the key in clear text, in the file or the write-ahead log', async () => {
    const path = stores.path();
    const store = await stores.open(undefined, path);
    const saved = account();
    const refreshed = uniqueToken();
    await store.saveAccount(saved);
    await store.updateToken(saved.userId, {
      token: refreshed,
      tokenIssuedAt: '2025-06-01T10:00:00.000Z',
      tokenExpiresAt: '2025-07-31T10:00:00.000Z',
      refreshedAt: '2025-06-01T10:00:00.000Z',
    });
    const afterWrites = databaseBytes(path);
    // The search reads what was written: the username is stored in clear.
    expect(afterWrites.includes(saved.username)).toBe(true);
    for (const secret of [
      saved.token,
      refreshed,
      KEY_A,
      KEY_A.toString('base64'),
      KEY_A.toString('hex'),
    ]) {
      expect(afterWrites.includes(secret)).toBe(false);
    }

    await store.deleteAccount(saved.userId);
    const afterDelete = databaseBytes(path);
    expect(afterDelete.includes(saved.token)).toBe(false);
    expect(afterDelete.includes(refreshed)).toBe(false);
  });

  it("keeps no trace of a deleted account's encrypted token once closed", async () => {
    const path = stores.path();
    const store = await stores.open(undefined, path);
    await store.saveAccount(account());
    let blob = '';
    rawDatabase(path, (db) => {
      blob = String(db.prepare('SELECT token_blob FROM accounts').get()?.token_blob);
    });
    await store.deleteAccount('17841400000000001');
    await store.close();
    expect(blob).toMatch(/^v1:/);
    expect(databaseBytes(path).includes(blob)).toBe(false);
  });
});
