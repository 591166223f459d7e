import { afterEach, describe, expect, it } from 'vitest';
import {
  DebouncedRebuild,
  httpDeployHook,
  type DeployHook,
} from '../../integration/rebuild/index.ts';
import { processLeases } from '../../integration/store/index.ts';
import { SHARED_STATES, useSharedState, type SharedState } from '../helpers/shared-state.ts';
import { startHookServer } from '../helpers/webhook-site.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function hookServer() {
  const hook = await startHookServer();
  cleanups.push(hook.close);
  return hook;
}

/**
 * A clock that moves only when told: a quiet period ends when the test says so, not when a busy
 * machine happens to be slow to record a burst (a request recorded after the trigger began
 * rightly gets a call of its own).
 */
function testClock() {
  let now = Date.now();
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** Server instances on one shared state, each with its own store handle and rebuild trigger. */
async function instances(state: SharedState, count: number, hook: DeployHook, now?: () => number) {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const store = await state.open();
      return DebouncedRebuild.open({
        hook,
        store,
        leases: processLeases(store),
        quietMs: QUIET_MS,
        attempts: 3,
        backoffMs: 10,
        now,
      });
    }),
  );
}

const QUIET_MS = 150;

describe.each(SHARED_STATES)('rebuilds across instances on $name', (state) => {
  useSharedState(state);

  it('a burst of requests spread over 3 instances calls the hook once, and every instance shows it', async () => {
    const server = await hookServer();
    const clock = testClock();
    const rebuilds = await instances(
      state,
      3,
      httpDeployHook(`${server.origin}/build_hooks/x`),
      clock.now,
    );
    for (let i = 0; i < 30; i++) rebuilds[i % 3]!.request(`change ${i}`);
    // Before the quiet period ends, every instance shows the burst waiting.
    for (const rebuild of rebuilds)
      expect(await rebuild.status()).toMatchObject({ lastOutcome: 'pending', configured: true });
    clock.advance(QUIET_MS);
    await Promise.all(rebuilds.map((rebuild) => rebuild.whenIdle()));
    expect(server.calls).toHaveLength(1);
    const statuses = await Promise.all(rebuilds.map((rebuild) => rebuild.status()));
    expect(statuses[0]).toMatchObject({
      configured: true,
      hookKind: 'http',
      lastOutcome: 'ok',
      lastAttempts: 1,
      lastTriggeredAt: expect.any(String),
    });
    expect(statuses[1]).toEqual(statuses[0]);
    expect(statuses[2]).toEqual(statuses[0]);
  });

  it('a burst that goes on at another instance after this one went quiet still makes one call', async () => {
    const server = await hookServer();
    const clock = testClock();
    const [early, late] = await instances(
      state,
      2,
      httpDeployHook(`${server.origin}/build_hooks/x`),
      clock.now,
    );
    early!.request('comment 1');
    // `early` goes quiet; `late` keeps getting requests past `early`'s quiet period. The real
    // waits let `early`'s timer run meanwhile; the clock says how much time passed, and moves
    // on only once `late` has recorded its request.
    for (let i = 2; i <= 6; i++) {
      await new Promise((resolve) => setTimeout(resolve, 60));
      clock.advance(60);
      late!.request(`comment ${i}`);
      await late!.status();
    }
    clock.advance(QUIET_MS);
    await Promise.all([early!.whenIdle(), late!.whenIdle()]);
    expect(server.calls).toHaveLength(1);
    expect(await early!.status()).toMatchObject({ lastOutcome: 'ok', lastReason: 'comment 6' });
  });

  it('requests that come while another instance runs the hook get one more call, not one each', async () => {
    const server = await hookServer();
    const http = httpDeployHook(`${server.origin}/build_hooks/x`);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    let started = 0;
    // The first call waits at the gate, so the next requests surely come while it runs.
    const held: DeployHook = {
      kind: 'http',
      async run() {
        if (++started === 1) await gate;
        await http.run();
      },
    };
    const rebuilds = await instances(state, 3, held);
    rebuilds[0]!.request('first burst');
    await expect.poll(() => started, { timeout: 20_000 }).toBe(1);
    for (let i = 0; i < 9; i++) rebuilds[i % 3]!.request(`during the build ${i}`);
    for (const rebuild of rebuilds)
      expect(await rebuild.status()).toMatchObject({ lastOutcome: 'pending' });
    open();
    // An instance that found the lease taken looks again after its quiet period.
    await Promise.all(rebuilds.map((rebuild) => rebuild.whenIdle()));
    expect(server.calls).toHaveLength(2);
    expect(await rebuilds[1]!.status()).toMatchObject({ lastOutcome: 'ok' });
  });

  it('a request left waiting by an instance that stopped is triggered by the next instance to start', async () => {
    const server = await hookServer();
    const hook = httpDeployHook(`${server.origin}/build_hooks/x`);
    const store = await state.open();
    const unconfigured = await DebouncedRebuild.open({
      hook: undefined,
      store,
      quietMs: 150,
      attempts: 1,
      backoffMs: 10,
    });
    unconfigured.request('shown, never triggered: no hook');
    await unconfigured.whenIdle();
    // An instance with the hook recorded a request, then stopped before its quiet period ended.
    await store.updateRebuildStatus<{ requests: number }>((record) => ({
      ...record,
      requests: record!.requests + 1,
      lastRequestedAt: new Date().toISOString(),
      lastReason: 'before the crash',
    }));
    const [restarted] = await instances(state, 1, hook);
    await restarted!.whenIdle();
    expect(server.calls).toHaveLength(1);
    expect(await restarted!.status()).toMatchObject({
      lastOutcome: 'ok',
      lastReason: 'before the crash',
    });
  });
});
