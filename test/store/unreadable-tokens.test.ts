import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  account,
  cipherWith,
  KEY_A,
  KEY_B,
  rawDatabase,
  storeErrorOf,
  tempStores,
} from './store-fixtures.ts';

const stores = tempStores();
beforeEach(stores.setUp);
afterEach(stores.tearDown);

const FIRST = '17841400000000001';
const SECOND = '17841400000000002';

function blobOf(path: string, userId: string): string {
  let blob = '';
  rawDatabase(path, (db) => {
    blob = String(
      db.prepare('SELECT token_blob FROM accounts WHERE user_id = ?').get(userId)?.token_blob,
    );
  });
  return blob;
}

describe('a token that cannot be read', () => {
  it('names the account and the variable to add its key to, when its key is not configured', async () => {
    const path = stores.path();
    const saved = account({ userId: FIRST });
    await (await stores.open(cipherWith(KEY_A), path)).saveAccount(saved);
    const blob = blobOf(path, FIRST);
    const error = await storeErrorOf(
      (await stores.open(cipherWith(KEY_B), path)).getAccount(FIRST),
    );
    expect(error.userId).toBe(FIRST);
    expect(error.message).toBe(
      `Cannot read the token of Instagram account ${FIRST}. The token was encrypted with a key that is not configured: add it to IG_TOKEN_ENCRYPTION_OLD_KEYS, or reconnect the account.`,
    );
    expect(error.message).not.toContain(blob);
    expect(error.message).not.toContain(saved.token);
  });

  it("names the account whose row holds another account's token, and says to reconnect it", async () => {
    const path = stores.path();
    const store = await stores.open(cipherWith(KEY_A), path);
    await store.saveAccount(account({ userId: FIRST }));
    await store.saveAccount(account({ userId: SECOND }));
    const moved = blobOf(path, FIRST);
    rawDatabase(path, (db) =>
      db.prepare('UPDATE accounts SET token_blob = ? WHERE user_id = ?').run(moved, SECOND),
    );
    const error = await storeErrorOf(store.listAccounts());
    expect(error.userId).toBe(SECOND);
    expect(error.message).toMatch(
      new RegExp(
        `^Cannot read the token of Instagram account ${SECOND}\\. .*Reconnect the account\\.$`,
      ),
    );
    expect(error.message).not.toContain(moved);
  });

  it('names the account whose row holds a token in clear text, without repeating it', async () => {
    const path = stores.path();
    const store = await stores.open(cipherWith(KEY_A), path);
    await store.saveAccount(account({ userId: FIRST }));
    rawDatabase(path, (db) =>
      db
        .prepare("UPDATE accounts SET token_blob = 'IGAAleakedplaintext' WHERE user_id = ?")
        .run(FIRST),
    );
    const error = await storeErrorOf(store.getAccount(FIRST));
    expect(error.message).toMatch(
      new RegExp(`^Cannot read the token of Instagram account ${FIRST}\\. .*not a token blob`),
    );
    expect(error.message).not.toContain('IGAAleakedplaintext');
  });

  it('can still be replaced by reconnecting, or deleted', async () => {
    const path = stores.path();
    await (await stores.open(cipherWith(KEY_A), path)).saveAccount(account({ userId: FIRST }));
    const store = await stores.open(cipherWith(KEY_B), path);
    const reconnected = account({ userId: FIRST });
    await store.saveAccount(reconnected);
    expect(await store.getAccount(FIRST)).toEqual(reconnected);
    expect(await store.deleteAccount(FIRST)).toBe(true);
  });
});
