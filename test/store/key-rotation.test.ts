import { describe, expect, it } from 'vitest';
import { BACKENDS, type StoreBackend, useBackend } from './store-backends.ts';
import { account, cipherWith, KEY_A, KEY_B, storeErrorOf } from './store-fixtures.ts';

const FIRST = '17841400000000001';
const SECOND = '17841400000000002';

async function seedUnderKeyA(backend: StoreBackend) {
  const store = await backend.open(cipherWith(KEY_A));
  const saved = [
    account({ userId: FIRST }),
    account({ userId: SECOND, connectedAt: '2025-05-02T10:00:00.000Z' }),
  ];
  for (const each of saved) await store.saveAccount(each);
  await store.close();
  return saved;
}

describe.each(BACKENDS)('rotating the token key in $name', (backend) => {
  useBackend(backend);

  it('keeps tokens written under the old key readable', async () => {
    const saved = await seedUnderKeyA(backend);
    const rotated = await backend.open(cipherWith(KEY_B, [KEY_A]));
    expect(await rotated.listAccounts()).toEqual(saved);
  });

  it('completes once tokens are re-encrypted: the old key is no longer needed', async () => {
    const saved = await seedUnderKeyA(backend);
    const rotating = await backend.open(cipherWith(KEY_B, [KEY_A]));
    expect(await rotating.reencryptTokens()).toBe(2);
    expect(await rotating.reencryptTokens()).toBe(0);
    await rotating.close();
    const rotated = await backend.open(cipherWith(KEY_B));
    expect(await rotated.listAccounts()).toEqual(saved);
  });

  it('re-encrypts only the tokens not yet under the current key', async () => {
    await seedUnderKeyA(backend);
    const rotating = await backend.open(cipherWith(KEY_B, [KEY_A]));
    await rotating.saveAccount(account({ userId: FIRST }));
    expect(await rotating.reencryptTokens()).toBe(1);
  });

  it('rotates what it can, then names the accounts whose key is missing', async () => {
    await seedUnderKeyA(backend);
    const third = '17841400000000003';
    await (await backend.open(cipherWith(KEY_B))).saveAccount(account({ userId: third }));
    const withoutB = await backend.open(cipherWith(Buffer.alloc(32, 0xc3), [KEY_A]));
    const error = await storeErrorOf(withoutB.reencryptTokens());
    expect(error.userId).toBe(third);
    expect(error.message).toMatch(
      /^Re-encrypted 2 token\(s\) under the current key, but could not read the token of Instagram account\(s\) 17841400000000003: add the key/,
    );
    expect((await withoutB.getAccount(FIRST))?.userId).toBe(FIRST);
    expect(await backend.count('accounts')).toBe(3);
  });
});
