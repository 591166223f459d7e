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

async function seedUnderKeyA(path: string) {
  const store = await stores.open(cipherWith(KEY_A), path);
  const saved = [
    account({ userId: FIRST }),
    account({ userId: SECOND, connectedAt: '2025-05-02T10:00:00.000Z' }),
  ];
  for (const each of saved) await store.saveAccount(each);
  await store.close();
  return saved;
}

describe('rotating the token key', () => {
  it('keeps tokens written under the old key readable', async () => {
    const path = stores.path();
    const saved = await seedUnderKeyA(path);
    const rotated = await stores.open(cipherWith(KEY_B, [KEY_A]), path);
    expect(await rotated.listAccounts()).toEqual(saved);
  });

  it('completes once tokens are re-encrypted: the old key is no longer needed', async () => {
    const path = stores.path();
    const saved = await seedUnderKeyA(path);
    const rotating = await stores.open(cipherWith(KEY_B, [KEY_A]), path);
    expect(await rotating.reencryptTokens()).toBe(2);
    expect(await rotating.reencryptTokens()).toBe(0);
    await rotating.close();
    const rotated = await stores.open(cipherWith(KEY_B), path);
    expect(await rotated.listAccounts()).toEqual(saved);
  });

  it('re-encrypts only the tokens not yet under the current key', async () => {
    const path = stores.path();
    await seedUnderKeyA(path);
    const rotating = await stores.open(cipherWith(KEY_B, [KEY_A]), path);
    await rotating.saveAccount(account({ userId: FIRST }));
    expect(await rotating.reencryptTokens()).toBe(1);
  });

  it('rotates what it can, then names the accounts whose key is missing', async () => {
    const path = stores.path();
    await seedUnderKeyA(path);
    const third = '17841400000000003';
    await (await stores.open(cipherWith(KEY_B), path)).saveAccount(account({ userId: third }));
    const withoutB = await stores.open(cipherWith(Buffer.alloc(32, 0xc3), [KEY_A]), path);
    const error = await storeErrorOf(withoutB.reencryptTokens());
    expect(error.userId).toBe(third);
    expect(error.message).toMatch(
      /^Re-encrypted 2 token\(s\) under the current key, but could not read the token of Instagram account\(s\) 17841400000000003: add the key/,
    );
    expect((await withoutB.getAccount(FIRST))?.userId).toBe(FIRST);
    rawDatabase(path, (db) =>
      expect(db.prepare('SELECT COUNT(*) AS n FROM accounts').get()).toEqual({ n: 3 }),
    );
  });
});
