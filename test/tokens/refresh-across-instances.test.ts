import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../integration/emulator/index.ts';
import { processLeases, type ConnectedAccount } from '../../integration/store/index.ts';
import {
  TokenService,
  type RefreshOutcome,
  type TokenLifecycleError,
} from '../../integration/tokens/index.ts';
import { SHARED_STATES, useSharedState, type SharedState } from '../helpers/shared-state.ts';
import { DAY } from '../helpers/token-harness.ts';

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
  const issuedAt = now() - 50 * DAY;
  const expiresAt = now() + 9 * DAY;
  const username = 'northlight.events';
  const account: ConnectedAccount = {
    userId: '17841400000000001',
    username,
    scopes: ['instagram_business_basic'],
    token: emulator.control.issueToken({ kind: 'long', username, issuedAt, expiresAt }),
    tokenIssuedAt: new Date(issuedAt).toISOString(),
    tokenExpiresAt: new Date(expiresAt).toISOString(),
    refreshedAt: null,
    connectedAt: new Date(issuedAt).toISOString(),
    source: 'oauth',
  };
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
    const results = await Promise.all(servers.map((server) => server.tokens.refreshDue()));
    expect(results.flat().map((r) => [r.userId, r.outcome?.refreshed, r.error?.message])).toEqual(
      [1, 2, 3].map(() => [account.userId, true, undefined]),
    );
    expect(refreshCalls()).toBe(1);
  });
});
