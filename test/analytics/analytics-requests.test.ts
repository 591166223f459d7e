/**
 * How the analytics payload reads Instagram: chunked account insights, one computation for
 * concurrent requests, and every kind of post (image, carousel, reel, story) in one range
 * without a refused insights request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localParts } from '../../integration/analytics/dates.ts';
import { AnalyticsService } from '../../integration/analytics/index.ts';
import {
  startEmulator,
  type RunningEmulator,
  type Seed,
  type SeedMedia,
} from '../../integration/emulator/index.ts';
import { GraphClient } from '../../integration/graph/index.ts';

const USER = '17841400000000088';
const TOKEN = 'mixed-token';
const HOUR = 3600_000;
// A fixed instant, so the test does not depend on the time of day: Instagram's days end at
// 07:00/08:00 UTC, and between midnight and then yesterday has not ended in its time.
const now = Date.parse('2026-06-15T12:00:00Z');

const media = (
  id: string,
  hoursAgo: number,
  mediaType: SeedMedia['mediaType'],
  productType: SeedMedia['productType'],
): SeedMedia => ({
  id,
  mediaType,
  productType,
  timestamp: new Date(now - hoursAgo * HOUR).toISOString(),
  width: 1080,
  height: 1920,
  ...(productType !== 'STORY' && { likeCount: 40, commentsCount: 3 }),
  shortcode: `Mixed${id.slice(-2)}`,
  ...(mediaType === 'CAROUSEL_ALBUM' && {
    children: [
      { id: `${id}1`, mediaType: 'IMAGE', width: 1080, height: 1080 },
      { id: `${id}2`, mediaType: 'VIDEO', width: 1080, height: 1080 },
    ],
  }),
});

const seed: Seed = {
  accounts: [
    {
      userId: USER,
      appScopedId: '8888888888888888',
      username: 'mixed.account',
      name: 'Mixed',
      accountType: 'BUSINESS',
      biography: '',
      website: '',
      followersCount: 5000,
      followsCount: 1,
      tokens: [{ token: TOKEN, expiresAt: '2099-01-01T00:00:00Z' }],
      media: [
        media('17900000000000081', 2, 'IMAGE', 'STORY'),
        media('17900000000000082', 30, 'VIDEO', 'REELS'),
        media('17900000000000083', 50, 'CAROUSEL_ALBUM', 'FEED'),
        media('17900000000000084', 80, 'IMAGE', 'FEED'),
      ],
    },
    {
      userId: '17841400000000089',
      appScopedId: '8888888888888889',
      username: 'tiny.account',
      name: 'Tiny',
      accountType: 'MEDIA_CREATOR',
      biography: '',
      website: '',
      followersCount: 50,
      followsCount: 1,
      tokens: [{ token: 'tiny-token', expiresAt: '2099-01-01T00:00:00Z' }],
      media: [media('17900000000000091', 30, 'IMAGE', 'FEED')],
    },
  ],
};

let emulator: RunningEmulator;
let service: AnalyticsService;
const today = localParts(now, 'UTC').date;

beforeAll(async () => {
  emulator = await startEmulator({ seed, now: () => now });
  service = new AnalyticsService({
    clientFor: async () => new GraphClient({ baseUrl: emulator.graphBase, accessToken: TOKEN }),
    defaultAccount: async () => USER,
    settings: { timeZone: 'UTC', maxDays: 366 },
    now: () => now,
  });
});
afterAll(() => emulator.close());

const query = (since: string, until = today, extra: Record<string, string> = {}) =>
  new URLSearchParams({ account: USER, since, until, ...extra });

describe('analytics requests', () => {
  it('reads a 95-day range in four account-insights requests, stitched without gaps or duplicates', async () => {
    emulator.control.reset();
    const payload = await service.payload(query(addDays(today, -94)));
    expect(emulator.control.counts().byRoute['GET /{ig-user-id}/insights']).toBe(4);
    const dates = payload.series.map((point) => point.date);
    expect(dates).toHaveLength(95);
    expect(new Set(dates).size).toBe(95);
    for (const [index, date] of dates.slice(1).entries())
      expect(date).toBe(addDays(dates[index]!, 1));
    // Derived daily reach exists for every past day; today may not have ended in Instagram's time.
    expect(payload.series.slice(0, -1).every((point) => point.reach !== null)).toBe(true);
    // New followers only for the last 30 days.
    expect(payload.series[0]!.followerCount).toBeNull();
    expect(payload.series.at(-2)!.followerCount).not.toBeNull();
  });

  it('gives 20 concurrent identical requests one computation, and fresh=1 a new one', async () => {
    const before = service.computations;
    const payloads = await Promise.all(
      Array.from({ length: 20 }, () => service.payload(query(addDays(today, -9)))),
    );
    expect(service.computations - before).toBe(1);
    expect(new Set(payloads.map((payload) => payload.generatedAt)).size).toBe(1);
    await service.payload(query(addDays(today, -9), today, { fresh: '1' }));
    expect(service.computations - before).toBe(2);
  });

  it('reads an image, a carousel, a reel and a story of one range without a refused insights request', async () => {
    emulator.control.reset();
    const payload = await service.payload(query(addDays(today, -6)));
    expect(payload.posts.map((post) => post.kind).sort()).toEqual([
      'carousel',
      'image',
      'reel',
      'story',
    ]);
    for (const post of payload.posts) expect(post.metrics.reach, post.kind).not.toBeNull();
    expect(payload.posts.find((post) => post.kind === 'story')!.metrics.likes).toBeNull(); // not a story metric
    expect(payload.notes.filter((note) => note.includes('no insights'))).toEqual([]);
    // The feed and the stories each in one list request with their insights; a multi-get for the reels' watch time.
    const counts = emulator.control.counts().byRoute;
    expect(counts['GET /{ig-user-id}/media']).toBe(1);
    expect(counts['GET /?ids']).toBe(1);
    expect(counts['GET /{media-id}/insights']).toBeUndefined();
    expect(
      payload.posts.find((post) => post.kind === 'reel')!.metrics.avgWatchTimeSeconds,
    ).toBeGreaterThan(0);
    expect(payload.mediaTypeBreakdown.story.posts).toBe(1);
  });

  it('asks reel by reel for the watch time when Instagram refuses the multi-get', async () => {
    const expected = (await service.payload(query(addDays(today, -6)))).posts;
    emulator.control.reset();
    emulator.control.addFault({
      route: 'GET /?ids',
      error: { code: 100, message: '(#100) Tried accessing nonexisting field (insights)' },
    });
    const payload = await service.payload(query(addDays(today, -6), today, { fresh: '1' }));
    const reel = payload.posts.find((post) => post.kind === 'reel')!;
    expect(reel.metrics.avgWatchTimeSeconds).toBe(
      expected.find((post) => post.id === reel.id)!.metrics.avgWatchTimeSeconds,
    );
    const counts = emulator.control.counts().byRoute;
    expect(counts['GET /?ids']).toBe(1);
    expect(counts['GET /{media-id}/insights']).toBe(1);
  });

  it('gives an account with fewer than 100 followers explicit nulls for follower data, with notes', async () => {
    const tiny = new AnalyticsService({
      clientFor: async () =>
        new GraphClient({ baseUrl: emulator.graphBase, accessToken: 'tiny-token' }),
      defaultAccount: async () => '17841400000000089',
      settings: { timeZone: 'UTC', maxDays: 366 },
      now: () => now,
    });
    const payload = await tiny.payload(
      new URLSearchParams({ since: addDays(today, -6), until: today }),
    );
    expect(payload.account).toMatchObject({ username: 'tiny.account', followers: 50 });
    expect(payload.series.map((point) => point.followerCount)).toEqual(Array(7).fill(null));
    expect(payload.series.slice(0, -1).every((point) => point.reach !== null)).toBe(true);
    expect(payload.notes).toContain(
      'Instagram gives no follower_count for this range (accounts with fewer than 100 followers get none).',
    );
    expect(payload.notes).toContain(
      'The account has 50 followers; Instagram gives follower metrics only from 100 followers.',
    );
  });

  it('serves the last good payload, marked stale with its age, when Instagram fails', async () => {
    let clock = now;
    const staleService = new AnalyticsService({
      clientFor: async () =>
        new GraphClient({ baseUrl: emulator.graphBase, accessToken: TOKEN, maxRetries: 0 }),
      defaultAccount: async () => USER,
      settings: { timeZone: 'UTC', maxDays: 366 },
      now: () => clock,
    });
    const good = await staleService.payload(query(addDays(today, -6)));
    clock += 6 * 60_000;
    emulator.control.addFault({ route: '*', status: 500, times: 0 });
    try {
      const stale = await staleService.payload(query(addDays(today, -6)));
      expect(stale.stale).toMatchObject({ ageSeconds: 360 });
      expect(stale.stale!.reason).not.toContain(TOKEN);
      expect(stale.totals).toEqual(good.totals);
    } finally {
      emulator.control.clearFaults();
    }
  });
});
