import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../integration/emulator/index.ts';
import { getGraph, getJson } from '../helpers.ts';
import { seedWithImages } from '../seeds.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ callBudgetPerHour: 4 });
});
beforeEach(() => emulator.control.reset());
afterAll(() => emulator.close());

function bucUsage(headers: Record<string, unknown>, userId: string) {
  return JSON.parse(String(headers['x-business-use-case-usage']))[userId][0];
}

describe('usage headers and the 80002 throttle', () => {
  test('report the share of the hourly budget used, as whole percentages', async () => {
    const first = await getGraph(emulator, '/me');
    expect(JSON.parse(String(first.headers['x-app-usage']))).toEqual({
      call_count: 25,
      total_time: 25,
      total_cputime: 25,
    });
    expect(bucUsage(first.headers, emulator.userId)).toEqual({
      type: 'instagram',
      call_count: 25,
      total_cputime: 25,
      total_time: 25,
      estimated_time_to_regain_access: 0,
    });
    const second = await getGraph(emulator, '/me/media');
    expect(bucUsage(second.headers, emulator.userId).call_count).toBe(50);
  });

  test('answer 80002 once the budget is used up, with minutes to regain access', async () => {
    for (let i = 0; i < 4; i++) expect((await getGraph(emulator, '/me')).status).toBe(200);
    const { status, headers, body } = await getGraph(emulator, '/me/media');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({
      message:
        '(#80002) There have been too many calls to this Instagram account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
      type: 'OAuthException',
      code: 80002,
    });
    const usage = bucUsage(headers, emulator.userId);
    expect(usage.call_count).toBe(100);
    expect(usage.estimated_time_to_regain_access).toBeGreaterThan(0);
    expect(usage.estimated_time_to_regain_access).toBeLessThanOrEqual(60);
  });

  test('the rolling hour frees the budget again', async () => {
    for (let i = 0; i < 4; i++) await getGraph(emulator, '/me');
    expect((await getGraph(emulator, '/me')).body.error.code).toBe(80002);
    emulator.control.advanceClock(3601);
    expect((await getGraph(emulator, '/me')).status).toBe(200);
  });

  test('budgets are per account', async () => {
    for (let i = 0; i < 4; i++) await getGraph(emulator, '/me');
    const other = await getGraph(emulator, '/me', { access_token: 'other-token' });
    expect(other.status).toBe(200);
    expect(bucUsage(other.headers, '17841400000000002').call_count).toBe(25);
  });

  test('a request with a bad token carries no usage headers and uses no budget', async () => {
    const { headers } = await getJson(`${emulator.graphBase}/me?access_token=nope`);
    expect(headers['x-app-usage']).toBeUndefined();
    expect(bucUsage((await getGraph(emulator, '/me')).headers, emulator.userId).call_count).toBe(
      25,
    );
  });

  test('a seed account can set its own budget', async () => {
    const bulk = await startEmulator({ seed: seedWithImages(1, { callBudgetPerHour: 2 }) });
    try {
      const query = { access_token: 'bulk-token' };
      expect((await getGraph(bulk, '/me', query)).status).toBe(200);
      expect((await getGraph(bulk, '/me', query)).status).toBe(200);
      expect((await getGraph(bulk, '/me', query)).body.error.code).toBe(80002);
    } finally {
      await bulk.close();
    }
  });
});
