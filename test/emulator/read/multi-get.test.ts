import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../integration/emulator/index.ts';
import { getGraph, getJson, graph } from '../helpers.ts';
import { IDS, insightsSeed, NOW, postValues, STUDIO } from '../insights/insights-seeds.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  const seed = insightsSeed();
  const studio = seed.accounts.find((account) => account.userId === STUDIO);
  if (studio) studio.callBudgetPerHour = 100;
  emulator = await startEmulator({ seed, now: () => NOW });
});
afterAll(() => emulator.close());

const usagePercent = (headers: Record<string, unknown>) =>
  JSON.parse(String(headers['x-app-usage'])).call_count as number;

describe('GET /?ids=…: several media in one request', () => {
  test('answers each id with its fields, insights expanded, keyed by id; each id is one call', async () => {
    const { status, headers, body } = await getGraph<Record<string, unknown>>(emulator, '/', {
      ids: `${IDS.reel},${IDS.image},${IDS.reel}`,
      fields: 'media_type,insights.metric(reach)',
    });
    expect(status).toBe(200);
    const reach = (id: string, likes: number, comments: number) =>
      postValues(id, likes, comments).reach;
    expect(body).toEqual({
      [IDS.reel]: {
        media_type: 'VIDEO',
        insights: {
          data: [expect.objectContaining({ values: [{ value: reach(IDS.reel, 500, 60) }] })],
        },
        id: IDS.reel,
      },
      [IDS.image]: {
        media_type: 'IMAGE',
        insights: { data: [expect.objectContaining({ values: [{ value: 2000 }] })] },
        id: IDS.image,
      },
    });
    // Two distinct ids of a budget of 100 calls an hour.
    expect(usagePercent(headers)).toBe(2);
    expect(emulator.control.counts().byRoute['GET /?ids']).toBe(1);
  });

  test('fails whole when one id refuses a metric, or is not the account’s, or is missing', async () => {
    const refused = await getGraph(emulator, '/', {
      ids: `${IDS.reel},${IDS.image}`,
      fields: 'insights.metric(ig_reels_avg_watch_time)',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 100 });

    const unknown = await getGraph(emulator, '/', { ids: `${IDS.reel},17999999999999999` });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    expect(unknown.body.error.message).toContain('17999999999999999');

    const none = await getGraph(emulator, '/', { fields: 'id' });
    expect(none.body.error).toMatchObject({ code: 100, message: '(#100) Must specify ids' });
  });

  test('takes at most 50 ids', async () => {
    const ids = Array.from({ length: 51 }, (_, index) =>
      String(17900000000000000n + BigInt(index)),
    );
    const { status, body } = await getJson(graph(emulator, '/', { ids: ids.join(',') }));
    expect(status).toBe(400);
    expect(body.error.message).toBe('(#100) Too many IDs. Maximum: 50. Provided: 51.');
  });
});
