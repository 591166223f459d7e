import { describe, expect, test } from 'vitest';
import { SeedError, validateSeed } from '../../../integration/emulator/index.ts';
import { insightsSeed } from '../insights/insights-seeds.ts';
import { type JsonObject, objectAt } from '../helpers.ts';

// In insightsSeed(): media[0] the image, media[3] the reel, media[4] a story; accounts[1] is tiny.
function edited(edit: (seed: JsonObject) => void): unknown {
  const seed = objectAt(structuredClone(insightsSeed()));
  edit(seed);
  return seed;
}

function problemsOf(seed: unknown): string {
  try {
    validateSeed(seed);
    return '';
  } catch (error) {
    expect(error).toBeInstanceOf(SeedError);
    return (error as Error).message;
  }
}

describe('seed validation of stories and insights', () => {
  test('the insights test seed is valid', () => {
    expect(problemsOf(insightsSeed())).toBe('');
  });

  test.each([
    [
      'a story that is a carousel',
      (s: JsonObject) => (objectAt(s, 'accounts', 0, 'media', 4).mediaType = 'CAROUSEL_ALBUM'),
      'accounts[0].media[4].mediaType: expected "IMAGE" or "VIDEO" for a STORY item',
    ],
    [
      'a story with a like count',
      (s: JsonObject) => (objectAt(s, 'accounts', 0, 'media', 4).likeCount = 3),
      'accounts[0].media[4].likeCount: expected no likeCount on a STORY item',
    ],
    [
      'a post without a like count',
      (s: JsonObject) => delete objectAt(s, 'accounts', 0, 'media', 0).likeCount,
      'accounts[0].media[0].likeCount: expected a whole number ≥ 0',
    ],
    [
      'an unknown product type',
      (s: JsonObject) => (objectAt(s, 'accounts', 0, 'media', 0).productType = 'STORIES'),
      'accounts[0].media[0].productType: expected one of "FEED", "REELS", "STORY"',
    ],
    [
      'a story metric on a post',
      (s: JsonObject) => (objectAt(s, 'accounts', 0, 'media', 0).insights = { replies: 3 }),
      'accounts[0].media[0].insights.replies: expected a metric of FEED media: one of views, reach, likes, comments, shares, saved, total_interactions, follows, profile_visits, profile_activity, reposts',
    ],
    [
      'a removed metric on a reel',
      (s: JsonObject) => (objectAt(s, 'accounts', 0, 'media', 3).insights = { plays: 3 }),
      'accounts[0].media[3].insights.plays: expected a metric of REELS media: one of views, reach, likes, comments, shares, saved, total_interactions, ig_reels_avg_watch_time, ig_reels_video_view_total_time, reposts',
    ],
    [
      'a negative value',
      (s: JsonObject) => (objectAt(s, 'accounts', 0, 'media', 0).insights = { reach: -1 }),
      'accounts[0].media[0].insights.reach: expected a whole number ≥ 0, or null (no data)',
    ],
    [
      'a text value',
      (s: JsonObject) => (objectAt(s, 'accounts', 0, 'media', 4).insights = { views: '12' }),
      'accounts[0].media[4].insights.views: expected a whole number ≥ 0, or null (no data)',
    ],
    [
      'insights that are a list',
      (s: JsonObject) => (objectAt(s, 'accounts', 0, 'media', 0).insights = [1]),
      'accounts[0].media[0].insights: expected an object of metric values',
    ],
    [
      'sharesUnsupported that is not a boolean',
      (s: JsonObject) => (objectAt(s, 'accounts', 0, 'media', 0).sharesUnsupported = 'yes'),
      'accounts[0].media[0].sharesUnsupported: expected true or false',
    ],
    [
      'account insights that are not an object',
      (s: JsonObject) => (objectAt(s, 'accounts', 1).insights = true),
      'accounts[1].insights: expected an object with daily and/or derive',
    ],
    [
      'derive that is not a boolean',
      (s: JsonObject) => (objectAt(s, 'accounts', 1, 'insights').derive = 'no'),
      'accounts[1].insights.derive: expected true or false',
    ],
    [
      'daily that is a list',
      (s: JsonObject) => (objectAt(s, 'accounts', 1, 'insights').daily = []),
      'accounts[1].insights.daily: expected an object keyed by Pacific date (YYYY-MM-DD)',
    ],
    [
      'a day that is not a date',
      (s: JsonObject) => (objectAt(s, 'accounts', 1, 'insights', 'daily')['2026-02-30'] = {}),
      'accounts[1].insights.daily.2026-02-30: expected a date key such as "2026-04-29"',
    ],
    [
      'a day written otherwise',
      (s: JsonObject) => (objectAt(s, 'accounts', 1, 'insights', 'daily')['04/29/2026'] = {}),
      'accounts[1].insights.daily.04/29/2026: expected a date key such as "2026-04-29"',
    ],
    [
      'an unknown account metric',
      (s: JsonObject) =>
        (objectAt(s, 'accounts', 1, 'insights', 'daily', '2026-04-28').impressions = 5),
      'accounts[1].insights.daily.2026-04-28.impressions: expected an account metric: one of reach, follower_count, views, likes, comments, shares, saves, total_interactions, accounts_engaged, replies, profile_views, website_clicks, follows_and_unfollows, profile_links_taps',
    ],
    [
      'a fractional day value',
      (s: JsonObject) =>
        (objectAt(s, 'accounts', 0, 'insights', 'daily', '2026-04-27').reach = 1.5),
      'accounts[0].insights.daily.2026-04-27.reach: expected a whole number ≥ 0, or null (no data)',
    ],
    [
      'a day that is not an object',
      (s: JsonObject) => (objectAt(s, 'accounts', 0, 'insights', 'daily')['2026-04-27'] = 5),
      'accounts[0].insights.daily.2026-04-27: expected an object of metric values',
    ],
  ])('rejects %s, naming the field', (_name, edit, problem) => {
    expect(problemsOf(edited(edit))).toContain(`  - ${problem}`);
  });

  test('accepts nulls, zeros and an insights object without daily', () => {
    const seed = edited((s) => {
      objectAt(s, 'accounts', 0, 'media', 3).insights = {
        reach: 0,
        views: null,
        ig_reels_avg_watch_time: 4000,
      };
      objectAt(s, 'accounts', 1).insights = { derive: false };
    });
    expect(problemsOf(seed)).toBe('');
  });
});
