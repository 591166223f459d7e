import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { RunningEmulator } from '../../../integration/emulator/index.ts';
import { getGraph, getJson } from '../helpers.ts';
import {
  dayValues,
  expectGraphError,
  NOW,
  startInsightsEmulator,
  STUDIO,
  TINY,
} from './insights-seeds.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startInsightsEmulator();
});
beforeEach(() => emulator.control.reset());
afterAll(() => emulator.close());

const DAY = 86_400;
const unix = (iso: string) => Date.parse(iso) / 1000;
const insights = (query: Record<string, string | number>, path = '/me/insights') =>
  getGraph(emulator, path, { period: 'day', ...query });
const day = (date: string, given?: Parameters<typeof dayValues>[2]) =>
  dayValues(STUDIO, date, given);

// studio's seed: 2026-04-27 reach 4321 and follower_count 17; 2026-04-28 reach null, views 5000.
const APRIL_26 = day('2026-04-26');
const APRIL_27 = day('2026-04-27', { reach: 4321, follower_count: 17 });
const APRIL_28 = day('2026-04-28', { views: 5000 });
const APRIL_29 = day('2026-04-29');
const FOUR_DAYS = { since: unix('2026-04-26T07:00:00Z'), until: unix('2026-04-30T07:00:00Z') };

describe('account insights as a time series', () => {
  test('one value per Pacific day ending in (since, until], given values as given, a null one left out', async () => {
    const { status, body } = await insights({ metric: 'reach,follower_count', ...FOUR_DAYS });
    expect(status).toBe(200);
    expect(body.data).toEqual([
      {
        name: 'reach',
        period: 'day',
        values: [
          { value: APRIL_26.reach, end_time: '2026-04-27T07:00:00+0000' },
          { value: 4321, end_time: '2026-04-28T07:00:00+0000' },
          { value: APRIL_29.reach, end_time: '2026-04-30T07:00:00+0000' },
        ],
        title: 'Accounts reached',
        description: 'The number of unique accounts that have seen your content, at least once.',
        id: `${STUDIO}/insights/reach/day`,
      },
      {
        name: 'follower_count',
        period: 'day',
        values: [
          { value: APRIL_26.follower_count, end_time: '2026-04-27T07:00:00+0000' },
          { value: 17, end_time: '2026-04-28T07:00:00+0000' },
          { value: APRIL_28.follower_count, end_time: '2026-04-29T07:00:00+0000' },
          { value: APRIL_29.follower_count, end_time: '2026-04-30T07:00:00+0000' },
        ],
        title: 'Follower Count',
        description: 'The number of accounts that started following you.',
        id: `${STUDIO}/insights/follower_count/day`,
      },
    ]);
  });

  test('metric_type=time_series explicitly answers the same; dates as strings work like unix seconds', async () => {
    const unixAnswer = await insights({ metric: 'reach', ...FOUR_DAYS });
    const explicit = await insights({
      metric: 'reach',
      metric_type: 'time_series',
      since: '2026-04-26T07:00:00Z',
      until: '2026-04-30T07:00:00Z',
    });
    expect(explicit.body.data).toEqual(unixAnswer.body.data);
  });

  test('end_time is Pacific midnight: 08:00 UTC on standard time, 07:00 after the switch to daylight time', async () => {
    const { body } = await insights({
      metric: 'reach',
      since: '2026-03-07T00:00:00Z',
      until: '2026-03-10T00:00:00Z',
    });
    expect(body.data[0]!.values).toEqual([
      { value: day('2026-03-06').reach, end_time: '2026-03-07T08:00:00+0000' },
      { value: day('2026-03-07').reach, end_time: '2026-03-08T08:00:00+0000' },
      { value: day('2026-03-08').reach, end_time: '2026-03-09T07:00:00+0000' },
    ]);
  });

  test('follower_count only has the last 30 days: an older window gives it no values', async () => {
    const { body } = await insights({
      metric: 'follower_count,reach',
      since: '2026-03-07T00:00:00Z',
      until: '2026-03-10T00:00:00Z',
    });
    expect(
      body.data.map((result: { name: string; values: unknown[] }) => [
        result.name,
        result.values.length,
      ]),
    ).toEqual([
      ['follower_count', 0],
      ['reach', 3],
    ]);
  });

  test('days that end after now are not answered', async () => {
    const { body } = await insights({
      metric: 'reach',
      since: '2026-04-28T00:00:00Z',
      until: '2026-05-03T00:00:00Z',
    });
    expect(body.data[0]!.values).toEqual([
      { value: 4321, end_time: '2026-04-28T07:00:00+0000' },
      { value: APRIL_29.reach, end_time: '2026-04-30T07:00:00+0000' },
    ]);
  });

  test('without since and until: the last 24 hours, i.e. the day that ended at the last Pacific midnight', async () => {
    const { body } = await insights({ metric: 'reach' }, `/${STUDIO}/insights`);
    expect(body.data[0]!.values).toEqual([
      { value: APRIL_29.reach, end_time: '2026-04-30T07:00:00+0000' },
    ]);
    expect(new URL(body.paging.previous).searchParams.get('since')).toBe(
      String(NOW / 1000 - 2 * DAY),
    );
  });
});

describe('account insights paging', () => {
  test('previous and next repeat the request with since/until moved by its span', async () => {
    const { body } = await insights({ metric: 'reach,follower_count', ...FOUR_DAYS });
    for (const [link, shift] of [
      [body.paging.previous, -4 * DAY],
      [body.paging.next, 4 * DAY],
    ] as const) {
      const url = new URL(link);
      expect(`${url.origin}${url.pathname}`).toBe(`${emulator.graphBase}/${STUDIO}/insights`);
      expect(Object.fromEntries(url.searchParams)).toEqual({
        access_token: emulator.demoToken,
        period: 'day',
        metric: 'reach,follower_count',
        since: String(FOUR_DAYS.since + shift),
        until: String(FOUR_DAYS.until + shift),
      });
    }
  });

  test('following previous walks back a window at a time; next past now has no values', async () => {
    const { body } = await insights({
      metric: 'reach',
      since: unix('2026-04-28T07:00:00Z'),
      until: unix('2026-04-30T07:00:00Z'),
    });
    const previous = await getJson(body.paging.previous);
    expect(previous.body.data[0]!.values).toEqual([
      { value: APRIL_26.reach, end_time: '2026-04-27T07:00:00+0000' },
      { value: 4321, end_time: '2026-04-28T07:00:00+0000' },
    ]);
    const next = await getJson(body.paging.next);
    expect(next.body.data[0]!.values).toEqual([]);
    expect(new URL(next.body.paging.next).searchParams.get('until')).toBe(
      String(unix('2026-05-04T07:00:00Z')),
    );
  });
});

describe('account insights as totals', () => {
  test('total_value sums the days in range, a missing day skipped', async () => {
    const { status, body } = await insights({
      metric: 'reach,views,total_interactions',
      metric_type: 'total_value',
      ...FOUR_DAYS,
    });
    expect(status).toBe(200);
    expect(body.data).toEqual([
      {
        name: 'reach',
        period: 'day',
        title: 'Accounts reached',
        description: 'The number of unique accounts that have seen your content, at least once.',
        total_value: { value: APRIL_26.reach + 4321 + APRIL_29.reach },
        id: `${STUDIO}/insights/reach/day`,
      },
      {
        name: 'views',
        period: 'day',
        title: 'Views',
        description: 'The number of times your content was played or displayed.',
        total_value: { value: APRIL_26.views + 7778 + 5000 + APRIL_29.views },
        id: `${STUDIO}/insights/views/day`,
      },
      {
        name: 'total_interactions',
        period: 'day',
        title: 'Content interactions',
        description: 'Likes, saves, comments, shares and replies on your content.',
        total_value: {
          value:
            APRIL_26.total_interactions +
            APRIL_27.total_interactions +
            APRIL_28.total_interactions +
            APRIL_29.total_interactions,
        },
        id: `${STUDIO}/insights/total_interactions/day`,
      },
    ]);
    expect(body.paging).toEqual({ previous: expect.any(String), next: expect.any(String) });
  });

  test.each([
    'likes',
    'comments',
    'shares',
    'saves',
    'accounts_engaged',
    'replies',
    'profile_views',
    'website_clicks',
    'profile_links_taps',
    'follows_and_unfollows',
  ])('%s: total_value is the sum of the derived days', async (metric) => {
    const { body } = await insights({ metric, metric_type: 'total_value', ...FOUR_DAYS });
    const days: Record<string, number>[] = [APRIL_26, APRIL_27, APRIL_28, APRIL_29];
    expect(body.data[0]!.total_value).toEqual({
      value: days.reduce((sum, values) => sum + (values[metric] ?? NaN), 0),
    });
  });

  test('breakdown=media_product_type splits the total FEED 10 : REELS 7 : STORY 3 (largest remainder)', async () => {
    const { body } = await insights({
      metric: 'reach,likes',
      metric_type: 'total_value',
      breakdown: 'media_product_type',
      access_token: 'tiny-token',
      since: '2026-04-28T00:00:00Z',
      until: '2026-04-30T12:00:00Z',
    });
    expect(body.data.map((result: { total_value: unknown }) => result.total_value)).toEqual([
      {
        value: 150,
        breakdowns: [
          {
            dimension_keys: ['media_product_type'],
            results: [
              { dimension_values: ['FEED'], value: 75 },
              { dimension_values: ['REELS'], value: 53 },
              { dimension_values: ['STORY'], value: 22 },
            ],
          },
        ],
      },
      {
        value: 5,
        breakdowns: [
          {
            dimension_keys: ['media_product_type'],
            results: [
              { dimension_values: ['FEED'], value: 2 },
              { dimension_values: ['REELS'], value: 2 },
              { dimension_values: ['STORY'], value: 1 },
            ],
          },
        ],
      },
    ]);
  });

  test('follow_type on reach, follower_type on views, contact_button_type on profile_links_taps', async () => {
    const dimension = async (metric: string, breakdown: string) => {
      const { body } = await insights({
        metric,
        breakdown,
        metric_type: 'total_value',
        ...FOUR_DAYS,
      });
      const { value, breakdowns } = body.data[0]!.total_value;
      const results = breakdowns[0]!.results as { dimension_values: string[]; value: number }[];
      expect(breakdowns[0]!.dimension_keys).toEqual([breakdown]);
      expect(results.reduce((sum, result) => sum + result.value, 0)).toBe(value);
      return results.map((result) => result.dimension_values[0]);
    };
    expect(await dimension('reach', 'follow_type')).toEqual([
      'FOLLOWER',
      'NON_FOLLOWER',
      'UNKNOWN',
    ]);
    expect(await dimension('views', 'follower_type')).toEqual([
      'FOLLOWER',
      'NON_FOLLOWER',
      'UNKNOWN',
    ]);
    expect(await dimension('profile_links_taps', 'contact_button_type')).toEqual([
      'BOOK_NOW',
      'CALL',
      'DIRECTION',
      'EMAIL',
      'INSTANT_EXPERIENCE',
      'TEXT',
      'UNDEFINED',
    ]);
  });
});

describe('an account under 100 followers, derive: false', () => {
  const TINY_DAYS = {
    access_token: 'tiny-token',
    since: '2026-04-27T00:00:00Z',
    until: '2026-04-30T12:00:00Z',
  };

  test('follower_count answers no entry at all; only the given days have values', async () => {
    const { status, body } = await insights({ metric: 'follower_count,reach', ...TINY_DAYS });
    expect(status).toBe(200);
    expect(body.data).toEqual([
      expect.objectContaining({
        name: 'reach',
        values: [
          { value: 70, end_time: '2026-04-29T07:00:00+0000' },
          { value: 80, end_time: '2026-04-30T07:00:00+0000' },
        ],
        id: `${TINY}/insights/reach/day`,
      }),
    ]);
  });

  test('totals skip null days; a metric without data, or follows_and_unfollows, has no entry', async () => {
    const { body } = await insights({
      metric: 'likes,comments,follows_and_unfollows,reach',
      metric_type: 'total_value',
      ...TINY_DAYS,
    });
    expect(
      body.data.map((result: { name: string; total_value: unknown }) => [
        result.name,
        result.total_value,
      ]),
    ).toEqual([
      ['likes', { value: 5 }],
      ['reach', { value: 150 }],
    ]);
  });

  test('a range with no day at all: an empty time series, and no totals', async () => {
    const range = {
      access_token: 'tiny-token',
      since: '2026-04-29T08:00:00Z',
      until: '2026-04-29T20:00:00Z',
    };
    expect((await insights({ metric: 'reach', ...range })).body.data).toEqual([
      expect.objectContaining({ name: 'reach', values: [] }),
    ]);
    expect(
      (await insights({ metric: 'reach', metric_type: 'total_value', ...range })).body.data,
    ).toEqual([]);
  });
});

describe('account insights errors', () => {
  test.each([
    [
      'a total_value metric without metric_type',
      { metric: 'reach,views,profile_views,likes' },
      '(#100) The following metrics (views,profile_views,likes) should be specified with parameter metric_type=total_value',
    ],
    [
      'a total_value metric with metric_type=time_series',
      { metric: 'total_interactions', metric_type: 'time_series' },
      '(#100) The following metrics (total_interactions) should be specified with parameter metric_type=total_value',
    ],
    [
      'follower_count as a total',
      { metric: 'reach,follower_count', metric_type: 'total_value' },
      '(#100) The following metrics (follower_count) should be specified with parameter metric_type=time_series',
    ],
    [
      'an unknown metric',
      { metric: 'reach,online_followers' },
      '(#100) metric[1] must be one of the following values: reach, follower_count, views, likes, comments, shares, saves, total_interactions, accounts_engaged, replies, profile_views, website_clicks, follows_and_unfollows, profile_links_taps',
    ],
    [
      'impressions',
      { metric: 'reach,impressions' },
      '(#100) Starting from version 22 and above, the impressions metric is no longer supported for the queried user. Please refer to the documentation at https://developers.facebook.com/docs/instagram-api/reference/ig-user/insights for a list of supported metrics.',
    ],
    ['no metric', { metric: '' }, '(#100) The parameter metric is required'],
    ['no period', { metric: 'reach', period: '' }, '(#100) The parameter period is required'],
    [
      'an unknown period',
      { metric: 'reach', period: 'year' },
      '(#100) period must be one of the following values: day, week, days_28, month, lifetime, total_over_range',
    ],
    [
      'a period other than day',
      { metric: 'reach', period: 'week' },
      '(#100) The period week is not available in the emulator: request period=day',
    ],
    [
      'an unknown metric_type',
      { metric: 'reach', metric_type: 'series' },
      '(#100) metric_type must be one of the following values: time_series, total_value',
    ],
    [
      'a breakdown on a time series',
      { metric: 'reach', breakdown: 'media_product_type' },
      '(#100) breakdown is only supported with metric_type=total_value',
    ],
    [
      'a breakdown a metric lacks',
      {
        metric: 'reach,accounts_engaged,replies',
        metric_type: 'total_value',
        breakdown: 'media_product_type',
      },
      '(#100) The following metrics (accounts_engaged,replies) do not support the breakdown media_product_type',
    ],
    [
      'an unknown breakdown',
      { metric: 'reach', metric_type: 'total_value', breakdown: 'age' },
      '(#100) breakdown[0] must be one of the following values: media_product_type, follow_type, follower_type, contact_button_type',
    ],
    [
      'more than 30 days',
      { metric: 'reach', since: unix('2026-03-01T00:00:00Z'), until: unix('2026-03-31T00:00:01Z') },
      '(#100) There cannot be more than 30 days (2592000 s) between since and until',
    ],
    [
      'since without until, more than 30 days ago',
      { metric: 'reach', since: '2026-03-20' },
      '(#100) There cannot be more than 30 days (2592000 s) between since and until',
    ],
    [
      'since after until',
      { metric: 'reach', since: '2026-04-20', until: '2026-04-19' },
      '(#100) The parameter since must be before until',
    ],
    [
      'a bad date',
      { metric: 'reach', since: 'last tuesday' },
      '(#100) The parameter since must be a unix timestamp or a date string',
    ],
  ])('%s', async (_name, query, message) => {
    expectGraphError(await insights(query), 100, message);
  });

  test('exactly 30 days is allowed', async () => {
    const { status, body } = await insights({
      metric: 'reach',
      since: unix('2026-03-31T07:00:00Z'),
      until: unix('2026-04-30T07:00:00Z'),
    });
    expect(status).toBe(200);
    // 30 days, less 2026-04-28 whose reach the seed leaves without data.
    expect(body.data[0]!.values).toHaveLength(29);
  });

  test('needs instagram_business_manage_insights', async () => {
    expectGraphError(
      await insights({ metric: 'reach', access_token: 'basic-token' }),
      10,
      '(#10) Application does not have permission for this action',
    );
  });

  test("another account's insights answer 100/33", async () => {
    const answer = await insights({ metric: 'reach' }, `/${TINY}/insights`);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 100,
      error_subcode: 33,
      type: 'GraphMethodException',
    });
  });

  test('/me/insights and /{ig-user-id}/insights count under GET /{ig-user-id}/insights, where faults apply', async () => {
    emulator.control.addFault({
      route: 'GET /{ig-user-id}/insights',
      error: { code: 4, message: '(#4) Application request limit reached' },
    });
    const faulted = await insights({ metric: 'reach' });
    expect(faulted.body.error).toMatchObject({
      code: 4,
      message: '(#4) Application request limit reached',
    });
    expect((await insights({ metric: 'reach' }, `/${STUDIO}/insights`)).status).toBe(200);
    expect(emulator.control.counts().byRoute).toEqual({ 'GET /{ig-user-id}/insights': 2 });
  });
});
