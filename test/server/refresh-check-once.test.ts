import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../integration/emulator/index.ts';
import { startRefreshSchedule } from '../../integration/server/refresh-schedule.ts';
import type { Leases } from '../../integration/store/index.ts';
import { TokenService } from '../../integration/tokens/index.ts';
import { SHARED_STATES, useSharedState } from '../helpers/shared-state.ts';
import { DAY } from '../helpers/token-harness.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator?.close());
let stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops) stop();
  stops = [];
});

const refreshCalls = () => emulator.control.counts().byRoute['GET /refresh_access_token'] ?? 0;

describe.each(SHARED_STATES)('the daily token check across instances on $name', (state) => {
  useSharedState(state);

  it('runs in one instance per day however often each looks, and in another once that one stopped', async () => {
    emulator.control.reset();
    const issuedAt = emulator.control.now() - 55 * DAY;
    const expiresAt = emulator.control.now() + 5 * DAY;
    const username = 'northlight.events';
    await (await state.open()).saveAccount({
      userId: '17841400000000001',
      username,
      scopes: ['instagram_business_basic'],
      token: emulator.control.issueToken({ kind: 'long', username, issuedAt, expiresAt }),
      tokenIssuedAt: new Date(issuedAt).toISOString(),
      tokenExpiresAt: new Date(expiresAt).toISOString(),
      refreshedAt: null,
      connectedAt: new Date(issuedAt).toISOString(),
      source: 'oauth',
    });
    // The clock the leases run on; the day passes when the test says so.
    let clock = Date.parse('2026-03-01T10:00:00.000Z');
    const looks = [0, 0, 0];
    const runs: number[] = [];
    const lines: string[] = [];
    for (const i of [0, 1, 2]) {
      const store = await state.open();
      const leases: Leases = {
        store: {
          acquireLease: (...args) => {
            looks[i]!++;
            return store.acquireLease(...args);
          },
          releaseLease: (...args) => store.releaseLease(...args),
        },
        owner: `instance-${i}`,
        now: () => clock,
      };
      const tokens = new TokenService({
        store,
        leases,
        graphBase: emulator.graphBase,
        leadDays: 10,
        now: () => emulator.control.now(),
      });
      const counted = {
        refreshDue: () => {
          runs.push(i);
          return tokens.refreshDue();
        },
      };
      stops[i] = startRefreshSchedule({
        tokens: counted,
        leases,
        log: (line) => lines.push(line),
        firstRunMs: 1,
        everyMs: 10,
      });
    }
    const lookedAgain = async (instances: number[], times: number) => {
      const from = [...looks];
      await expect
        .poll(() => Math.min(...instances.map((i) => looks[i]! - from[i]!)), { timeout: 60_000 })
        .toBeGreaterThanOrEqual(times);
    };

    await lookedAgain([0, 1, 2], 5);
    expect(runs).toHaveLength(1);
    await expect.poll(() => lines).toEqual([expect.stringMatching(/refreshed, valid until/)]);
    expect(refreshCalls()).toBe(1);

    const [ran] = runs;
    stops[ran!]!();
    const others = [0, 1, 2].filter((i) => i !== ran);
    clock += DAY;
    await lookedAgain(others, 5);
    expect(runs).toHaveLength(2);
    expect(others).toContain(runs[1]);
    // The token was refreshed yesterday: today's check finds nothing due.
    expect(refreshCalls()).toBe(1);
  });
});
