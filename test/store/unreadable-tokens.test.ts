import { describe, expect, it } from 'vitest';
import { BACKENDS, type StoreBackend, useBackend } from './store-backends.ts';
import { account, cipherWith, KEY_A, KEY_B, storeErrorOf } from './store-fixtures.ts';

const FIRST = '17841400000000001';
const SECOND = '17841400000000002';

async function blobOf(backend: StoreBackend, userId: string): Promise<string> {
  const [row] = await backend.query('SELECT token_blob FROM accounts WHERE user_id = ?', [userId]);
  return String(row?.token_blob);
}

describe.each(BACKENDS)('a token that cannot be read, in $name', (backend) => {
  useBackend(backend);

  it('names the account and the variable to add its key to, when its key is not configured', async () => {
    const saved = account({ userId: FIRST });
    await (await backend.open(cipherWith(KEY_A))).saveAccount(saved);
    const blob = await blobOf(backend, FIRST);
    const error = await storeErrorOf((await backend.open(cipherWith(KEY_B))).getAccount(FIRST));
    expect(error.userId).toBe(FIRST);
    expect(error.message).toBe(
      `Cannot read the token of Instagram account ${FIRST}. The token was encrypted with a key that is not configured: add it to IG_TOKEN_ENCRYPTION_OLD_KEYS, or reconnect the account.`,
    );
    expect(error.message).not.toContain(blob);
    expect(error.message).not.toContain(saved.token);
  });

  it("names the account whose row holds another account's token, and says to reconnect it", async () => {
    const store = await backend.open(cipherWith(KEY_A));
    await store.saveAccount(account({ userId: FIRST }));
    await store.saveAccount(account({ userId: SECOND }));
    const moved = await blobOf(backend, FIRST);
    await backend.query('UPDATE accounts SET token_blob = ? WHERE user_id = ?', [moved, SECOND]);
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
    const store = await backend.open(cipherWith(KEY_A));
    await store.saveAccount(account({ userId: FIRST }));
    await backend.query(
      "UPDATE accounts SET token_blob = 'IGAAleakedplaintext' WHERE user_id = ?",
      [FIRST],
    );
    const error = await storeErrorOf(store.getAccount(FIRST));
    expect(error.message).toMatch(
      new RegExp(`^Cannot read the token of Instagram account ${FIRST}\\. .*not a token blob`),
    );
    expect(error.message).not.toContain('IGAAleakedplaintext');
  });

  it('can still be replaced by reconnecting, or deleted', async () => {
    await (await backend.open(cipherWith(KEY_A))).saveAccount(account({ userId: FIRST }));
    const store = await backend.open(cipherWith(KEY_B));
    const reconnected = account({ userId: FIRST });
    await store.saveAccount(reconnected);
    expect(await store.getAccount(FIRST)).toEqual(reconnected);
    expect(await store.deleteAccount(FIRST)).toBe(true);
  });
});
