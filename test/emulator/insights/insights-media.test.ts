import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { RunningEmulator } from '../../../integration/emulator/index.ts';
import { getGraph } from '../helpers.ts';
import {
  expectGraphError,
  IDS,
  postValues,
  startInsightsEmulator,
  storyValues,
} from './insights-seeds.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startInsightsEmulator();
});
beforeEach(() => emulator.control.reset());
afterAll(() => emulator.close());

const insights = (id: string, query: Record<string, string>) =>
  getGraph(emulator, `/${id}/insights`, query);

/** `{name: value}` of an answer's results, in answer order. */
async function valuesOf(id: string, metric: string): Promise<[string, number | undefined][]> {
  const { status, body } = await insights(id, { metric });
  expect(status).toBe(200);
  return body.data.map((result: { name: string; values: { value: number }[] }) => [
    result.name,
    result.values[0]?.value,
  ]);
}

const FEED_METRICS =
  'views,reach,likes,comments,shares,saved,total_interactions,follows,profile_visits,profile_activity,reposts';
const REEL_METRICS =
  'views,reach,likes,comments,shares,saved,total_interactions,reposts,ig_reels_avg_watch_time,ig_reels_video_view_total_time';
const STORY_METRICS =
  'views,reach,shares,total_interactions,follows,profile_visits,profile_activity,replies,navigation';

const expected = (values: Record<string, number>, metrics: string) =>
  metrics.split(',').map((name) => [name, values[name]]);

describe('GET /{media-id}/insights', () => {
  test('answers the documented shape, in request order, a given value as given and a null one left out', async () => {
    const { status, body } = await insights(IDS.image, { metric: 'saved,reach,views,likes' });
    expect(status).toBe(200);
    expect(body).toEqual({
      data: [
        {
          name: 'reach',
          period: 'lifetime',
          values: [{ value: 2000 }],
          title: 'Accounts reached',
          description: 'The number of unique accounts that saw the media at least once.',
          id: `${IDS.image}/insights/reach/lifetime`,
        },
        {
          name: 'views',
          period: 'lifetime',
          values: [{ value: 3200 }],
          title: 'Views',
          description: 'The number of times the media was played or displayed.',
          id: `${IDS.image}/insights/views/lifetime`,
        },
        {
          name: 'likes',
          period: 'lifetime',
          values: [{ value: 120 }],
          title: 'Likes',
          description: 'The number of likes on the media.',
          id: `${IDS.image}/insights/likes/lifetime`,
        },
      ],
    });
  });

  test('derives a given-null metric for the metrics built on it, while leaving it out itself', async () => {
    // saved is null for this image: left out, yet total_interactions still counts floor(likes / 10) saves.
    expect(await valuesOf(IDS.image, 'total_interactions,saved,follows,profile_visits')).toEqual([
      ['total_interactions', 120 + 15 + 12 + 8],
      ['follows', 10],
      ['profile_visits', 50],
    ]);
  });

  test('derives every feed metric of a carousel from its like and comment counts', async () => {
    expect(await valuesOf(IDS.carousel, FEED_METRICS)).toEqual(
      expected(postValues(IDS.carousel, 300, 40), FEED_METRICS),
    );
  });

  test('derives every reel metric, watch times in milliseconds', async () => {
    const values = postValues(IDS.reel, 500, 60);
    expect(await valuesOf(IDS.reel, REEL_METRICS)).toEqual(expected(values, REEL_METRICS));
    expect(values.ig_reels_video_view_total_time).toBe(
      values.views * values.ig_reels_avg_watch_time,
    );
  });

  test('derives every story metric from the id alone', async () => {
    expect(await valuesOf(IDS.liveStory, STORY_METRICS)).toEqual(
      expected(storyValues(IDS.liveStory), STORY_METRICS),
    );
    // Stories answer whatever their age: the old one too.
    expect(await valuesOf(IDS.oldStory, 'reach')).toEqual([
      ['reach', storyValues(IDS.oldStory).reach],
    ]);
  });

  test('answers the same values on every call, and a duplicated metric once', async () => {
    const first = await valuesOf(IDS.reel, 'reach,views,reach');
    expect(first).toHaveLength(2);
    expect(await valuesOf(IDS.reel, 'reach,views')).toEqual(first);
  });

  test.each([
    [IDS.image, 'replies'],
    [IDS.carousel, 'ig_reels_avg_watch_time'],
    [IDS.reel, 'follows'],
    [IDS.reel, 'profile_activity'],
    [IDS.liveStory, 'likes'],
    [IDS.liveStory, 'saved'],
    [IDS.liveStory, 'reposts'],
  ])('fails the whole request for a metric the product type lacks (%s, %s)', async (id, metric) => {
    expectGraphError(
      await insights(id, { metric: `reach,${metric},views` }),
      100,
      `(#100) The Media Insights API does not support the ${metric} metric for this media product type.`,
    );
  });

  test('shares fails on a post marked sharesUnsupported, and works on the others', async () => {
    expectGraphError(
      await insights(IDS.noShares, { metric: 'reach,shares' }),
      100,
      '(#100) The metric shares is not supported for this media type',
    );
    expect(await valuesOf(IDS.noShares, 'reach,saved')).toEqual(
      expected(postValues(IDS.noShares, 30, 2), 'reach,saved'),
    );
    expect(await valuesOf(IDS.image, 'shares')).toEqual([['shares', 8]]);
  });

  test('a carousel child has no insights', async () => {
    expectGraphError(
      await insights(IDS.childB, { metric: 'reach' }),
      100,
      `(#100) Insights are not available for carousel album children: request the insights of the album ${IDS.carousel}`,
    );
  });

  test('a story reached by fewer than 5 accounts answers code 10', async () => {
    expectGraphError(
      await insights(IDS.quietStory, { metric: 'views' }),
      10,
      '(#10) Not enough viewers for the media to show insights',
    );
  });

  test.each([
    [
      'impressions',
      '(#100) Starting from version v22.0 and above, the impressions metric is no longer supported for the queried media. Please refer to the documentation at https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights for a list of supported metrics.',
    ],
    [
      'plays',
      '(#100) Starting from version v22.0 and above, the plays metric is no longer supported for the queried media. Please refer to the documentation at https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights for a list of supported metrics.',
    ],
    [
      'video_views',
      '(#100) The video_views metric is no longer supported. Please refer to the documentation at https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights for a list of supported metrics.',
    ],
    [
      'carousel_album_reach',
      '(#100) The carousel_album_reach metric is no longer supported. Please refer to the documentation at https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights for a list of supported metrics.',
    ],
  ])('a removed metric (%s) fails with its own text', async (metric, message) => {
    expectGraphError(await insights(IDS.reel, { metric: `reach,${metric}` }), 100, message);
  });

  test('an unknown metric names its index and the valid metrics', async () => {
    expectGraphError(
      await insights(IDS.reel, { metric: 'reach, views,,bogus' }),
      100,
      '(#100) metric[2] must be one of the following values: views, reach, likes, comments, shares, saved, total_interactions, follows, profile_visits, profile_activity, replies, navigation, ig_reels_avg_watch_time, ig_reels_video_view_total_time, reposts',
    );
  });

  test('metric is required', async () => {
    expectGraphError(await insights(IDS.reel, {}), 100, '(#100) The parameter metric is required');
  });
});

describe('media insights breakdowns', () => {
  test('profile_activity by action_type: total_value with the split results, zeros left out', async () => {
    const { status, body } = await insights(IDS.image, {
      metric: 'profile_activity',
      breakdown: 'action_type',
    });
    expect(status).toBe(200);
    // profile_visits = floor(2000 / 40) = 50 → profile_activity 16, split 4:1:1:1:2:1 → 6.4, 1.6, 1.6, 1.6, 3.2, 1.6.
    expect(body.data).toEqual([
      {
        name: 'profile_activity',
        period: 'lifetime',
        values: [{ value: 16 }],
        title: 'Profile activity',
        description: 'The number of actions taken on the profile after engaging with the media.',
        total_value: {
          value: 16,
          breakdowns: [
            {
              dimension_keys: ['action_type'],
              results: [
                { dimension_values: ['bio_link_clicked'], value: 6 },
                { dimension_values: ['call'], value: 2 },
                { dimension_values: ['direction'], value: 2 },
                { dimension_values: ['email'], value: 2 },
                { dimension_values: ['other'], value: 3 },
                { dimension_values: ['text'], value: 1 },
              ],
            },
          ],
        },
        id: `${IDS.image}/insights/profile_activity/lifetime`,
      },
    ]);
  });

  test('navigation by story_navigation_action_type sums to the story views', async () => {
    const { body } = await insights(IDS.liveStory, {
      metric: 'navigation',
      breakdown: 'story_navigation_action_type',
    });
    const { views } = storyValues(IDS.liveStory);
    const results = body.data[0]!.total_value.breakdowns[0]!.results;
    expect(body.data[0]!.total_value.value).toBe(views);
    expect(results.map((r: { dimension_values: string[] }) => r.dimension_values[0])).toEqual([
      'tap_forward',
      'tap_back',
      'tap_exit',
      'swipe_forward',
    ]);
    expect(results.reduce((sum: number, r: { value: number }) => sum + r.value, 0)).toBe(views);
    // Largest remainder: each value is its share of the total, rounded down or up.
    expect(Math.abs(results[0]!.value - (views * 6) / 10)).toBeLessThan(1);
  });

  test('a breakdown fails when any requested metric does not have it', async () => {
    expectGraphError(
      await insights(IDS.image, {
        metric: 'reach,profile_activity,views',
        breakdown: 'action_type',
      }),
      100,
      '(#100) The following metrics (reach,views) do not support the breakdown action_type',
    );
    expectGraphError(
      await insights(IDS.liveStory, {
        metric: 'profile_activity',
        breakdown: 'story_navigation_action_type',
      }),
      100,
      '(#100) The following metrics (profile_activity) do not support the breakdown story_navigation_action_type',
    );
  });

  test('an unknown breakdown, or two, fail', async () => {
    expectGraphError(
      await insights(IDS.image, { metric: 'profile_activity', breakdown: 'media_product_type' }),
      100,
      '(#100) breakdown[0] must be one of the following values: action_type, story_navigation_action_type',
    );
    expectGraphError(
      await insights(IDS.image, {
        metric: 'profile_activity',
        breakdown: 'action_type,story_navigation_action_type',
      }),
      100,
      '(#100) Only one breakdown can be requested at a time',
    );
  });
});

describe('media insights access', () => {
  test('needs instagram_business_manage_insights: code 10 as for publishing without its scope', async () => {
    expectGraphError(
      await insights(IDS.reel, { metric: 'reach', access_token: 'basic-token' }),
      10,
      '(#10) Application does not have permission for this action',
    );
  });

  test("another account's media answers 100/33", async () => {
    const answer = await insights(IDS.reel, { metric: 'reach', access_token: 'tiny-token' });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 100,
      error_subcode: 33,
      type: 'GraphMethodException',
    });
  });

  test('counts under GET /{media-id}/insights, where faults apply', async () => {
    emulator.control.addFault({ route: 'GET /{media-id}/insights', status: 500 });
    const faulted = await insights(IDS.reel, { metric: 'reach' });
    expect(faulted.status).toBe(500);
    expect(faulted.body.error.code).toBe(2);
    expect((await insights(IDS.reel, { metric: 'reach' })).status).toBe(200);
    expect(emulator.control.counts()).toEqual({
      total: 2,
      byRoute: { 'GET /{media-id}/insights': 2 },
    });
  });
});
