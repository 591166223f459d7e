import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../integration/emulator/index.ts';
import { processLeases, type ConnectedAccount } from '../../integration/store/index.ts';
import {
  TokenService,
  type RefreshOutcome,
  type TokenLifecycleError,
} from '../../integration/tokens/index.ts';
import { SHARED_STATES, useSharedState, type SharedState } from '../helpers/shared-state.ts';
import { agedAccount } from '../helpers/token-harness.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator?.close());

const REFRESH_ROUTE = 'GET /refresh_access_token';
const refreshCalls = () => emulator.control.counts().byRoute[REFRESH_ROUTE] ?? 0;
const now = () => emulator.control.now();

/** Server instances on one shared state: a store handle and a token service each. */
async function instances(state: SharedState, count: number) {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const store = await state.open();
      const tokens = new TokenService({
        store,
        leases: processLeases(store),
        graphBase: emulator.graphBase,
        leadDays: 10,
        now,
      });
      return { store, tokens };
    }),
  );
}

/** An account whose token is 50 days old, with 9 days left: refreshable and due. */
async function connectAgedAccount(state: SharedState): Promise<ConnectedAccount> {
  const account = agedAccount(emulator, { ageDays: 50, daysLeft: 9 });
  const store = await state.open();
  await store.saveAccount(account);
  return account;
}

describe.each(SHARED_STATES)('token refreshes across instances on $name', (state) => {
  useSharedState(state);

  it('50 concurrent refreshes of one account over 3 instances make exactly 1 refresh call, and all get its result', async () => {
    emulator.control.reset();
    const account = await connectAgedAccount(state);
    const servers = await instances(state, 3);
    // A slow Instagram: the other instances are surely waiting while the first refreshes.
    emulator.control.addFault({ route: REFRESH_ROUTE, delayMs: 300 });
    const settled = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => servers[i % 3]!.tokens.refresh(account.userId)),
    );
    expect(settled.filter((each) => each.status === 'rejected')).toEqual([]);
    expect(refreshCalls()).toBe(1);
    const outcomes = settled.map((each) => (each as PromiseFulfilledResult<RefreshOutcome>).value);
    const stored = (await servers[2]!.store.getAccount(account.userId))!;
    expect(stored.token).not.toBe(account.token);
    expect(new Set(outcomes.map((o) => JSON.stringify(o)))).toEqual(
      new Set([
        JSON.stringify({
          userId: account.userId,
          refreshed: true,
          expiresAt: stored.tokenExpiresAt,
        }),
      ]),
    );
  });

  it('a refresh asked for after another instance refreshed is still refused as under 24 hours', async () => {
    emulator.control.reset();
    const account = await connectAgedAccount(state);
    const [first, second] = await instances(state, 2);
    expect((await first!.tokens.refresh(account.userId)).refreshed).toBe(true);
    const refusal = await second!.tokens.refresh(account.userId).then(
      () => undefined,
      (error: TokenLifecycleError) => error,
    );
    expect(refusal).toMatchObject({ code: 'too_new', status: 409 });
    expect(refreshCalls()).toBe(1);
  });

  it('refreshDue on every instance at once refreshes a due token once', async () => {
    emulator.control.reset();
    const account = await connectAgedAccount(state);
    const servers = await instances(state, 3);
    // A slow Instagram, so the instances usually overlap and share the one refresh. One that a
    // busy machine starts only after it finished finds the token no longer due (refreshed:
    // false), which is right too: what must hold is one refresh and no error.
    emulator.control.addFault({ route: REFRESH_ROUTE, delayMs: 300 });
    const results = (await Promise.all(servers.map((server) => server.tokens.refreshDue()))).flat();
    expect(results.map((r) => [r.userId, r.error?.message])).toEqual(
      [1, 2, 3].map(() => [account.userId, undefined]),
    );
    expect(results.filter((r) => r.outcome?.refreshed === true).length).toBeGreaterThanOrEqual(1);
    expect(refreshCalls()).toBe(1);
    const stored = (await servers[0]!.store.getAccount(account.userId))!;
    expect(stored.token).not.toBe(account.token);
  });
});
