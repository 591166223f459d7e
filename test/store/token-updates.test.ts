import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { Env } from '../../integration/shared/env.ts';
import type { TokenUpdate } from '../../integration/store/index.ts';
import { BACKENDS, useBackend } from './store-backends.ts';
import { account, KEY_A, storeErrorOf, uniqueToken } from './store-fixtures.ts';

const USER_ID = '17841400000000001';

/** Update number `n`: its token and dates all say `n`, so a row mixing two updates shows. */
function update(n: number): TokenUpdate {
  const at = (days: number) =>
    new Date(Date.UTC(2025, 6, 1, 0, n) + days * 86_400_000).toISOString();
  return {
    token: `${uniqueToken()}-${n}`,
    tokenIssuedAt: at(0),
    tokenExpiresAt: at(60),
    refreshedAt: at(0),
  };
}

/** Another server, in its own thread with its own connection, applying `updates` in order. */
function runWriter(env: Env, updates: TokenUpdate[]): Promise<void> {
  const worker = new Worker(new URL('./token-writer-worker.ts', import.meta.url), {
    workerData: { env, key: KEY_A, userId: USER_ID, updates },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`token writer exited with ${code}`)),
    );
  });
}

describe.each(BACKENDS)('updating a token in $name', (backend) => {
  useBackend(backend);

  it('replaces the token, its dates and the refresh time', async () => {
    const store = await backend.open();
    const saved = account();
    await store.saveAccount(saved);
    const next = update(1);
    expect(await store.updateToken(USER_ID, next)).toBe(true);
    expect(await store.getAccount(USER_ID)).toEqual({ ...saved, ...next });
  });

  it('reports an account that is gone, and creates none', async () => {
    const store = await backend.open();
    expect(await store.updateToken(USER_ID, update(1))).toBe(false);
    expect(await store.listAccounts()).toEqual([]);
  });

  it('changes nothing when the write fails part way', async () => {
    const store = await backend.open();
    const saved = account();
    await store.saveAccount(saved);
    // Fails after the row has changed, inside the statement: all of it must be undone.
    await backend.failAccountUpdates('disk went away');
    const next = update(1);
    const error = await storeErrorOf(store.updateToken(USER_ID, next));
    expect(error.message).toBe(
      `Cannot update the token of Instagram account ${USER_ID}: disk went away.`,
    );
    expect(error.message).not.toContain(next.token);
    expect(await store.getAccount(USER_ID)).toEqual(saved);
  });

  it('changes nothing when the update is malformed', async () => {
    const store = await backend.open();
    const saved = account();
    await store.saveAccount(saved);
    await expect(store.updateToken(USER_ID, { ...update(1), refreshedAt: 'now' })).rejects.toThrow(
      /refreshedAt must be an ISO date string/,
    );
    expect(await store.getAccount(USER_ID)).toEqual(saved);
  });

  it('leaves one consistent row when two servers update at once', async () => {
    await (await backend.open()).saveAccount(account());
    const updates = Array.from({ length: 60 }, (_, n) => update(n));
    await Promise.all([
      runWriter(backend.env(), updates.slice(0, 30)),
      runWriter(backend.env(), updates.slice(30)),
    ]);
    const stored = await (await backend.open()).getAccount(USER_ID);
    const winner = updates.find((each) => each.token === stored?.token);
    expect(winner).toBeDefined();
    expect(stored).toMatchObject(winner!);
    expect(await backend.count('accounts')).toBe(1);
  });
});
