/**
 * The analytics payload computed against the emulator over real HTTP, for a small seeded
 * account whose numbers are worked out by hand below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AnalyticsService,
  postsCsv,
  type AnalyticsPayload,
} from '../../integration/analytics/index.ts';
import {
  startEmulator,
  type RunningEmulator,
  type Seed,
  type SeedMedia,
} from '../../integration/emulator/index.ts';
import { GraphClient } from '../../integration/graph/index.ts';
import { flavourTokens, graphBaseOf, LOGIN_FLAVOURS } from '../../harness/flavour-tokens.ts';

const USER = '17841400000000077';
const TOKEN = 'small-shop-token';

/*
 * Four posts around the EU change to summer time (2026-03-29, 01:00 UTC), in Europe/Berlin:
 *   P1 image     Sat 28 Mar 17:30Z = 18:30 CET   reach 200  views 300  likes 20 comments 4  saved 6  shares 2    total 32
 *   P2 carousel  Sun 29 Mar 17:30Z = 19:30 CEST  reach 400  views 500  likes 40 comments 8  saved 10 shares 2    total 60
 *   P3 reel      Sat  4 Apr 16:30Z = 18:30 CEST  reach 1000 views 2500 likes 90 comments 10 saved 30 shares 20  total 150, watch 4.5 s
 *   P4 image     Fri 10 Apr 08:00Z = 10:00 CEST  reach 100  views 150  likes 5  comments 1  saved 0  shares —    total 6
 * 1000 followers.
 */
const post = (
  id: string,
  timestamp: string,
  mediaType: SeedMedia['mediaType'],
  productType: SeedMedia['productType'],
  insights: Record<string, number | null>,
): SeedMedia => ({
  id,
  mediaType,
  productType,
  timestamp,
  caption: `Post ${id.slice(-1)}`,
  width: 1080,
  height: 1080,
  likeCount: insights.likes ?? 0,
  commentsCount: insights.comments ?? 0,
  shortcode: `Shop${id.slice(-1)}`,
  insights,
  ...(mediaType === 'CAROUSEL_ALBUM' && {
    children: [
      { id: `${id}1`, mediaType: 'IMAGE', width: 1080, height: 1080 },
      { id: `${id}2`, mediaType: 'IMAGE', width: 1080, height: 1080 },
    ],
  }),
});

const P1 = '17900000000000071';
const P2 = '17900000000000072';
const P3 = '17900000000000073';
const P4 = '17900000000000074';

const seed: Seed = {
  accounts: [
    {
      userId: USER,
      appScopedId: '7777777777777777',
      username: 'small.shop',
      name: 'Small Shop',
      accountType: 'BUSINESS',
      biography: '',
      website: '',
      followersCount: 1000,
      followsCount: 10,
      tokens: [{ token: TOKEN, expiresAt: '2099-01-01T00:00:00Z' }],
      insights: {
        derive: false,
        daily: {
          '2026-03-28': { reach: 500 },
          '2026-03-29': { reach: 700 },
          '2026-04-01': { reach: 650 },
        },
      },
      media: [
        post(P1, '2026-03-28T17:30:00Z', 'IMAGE', 'FEED', {
          reach: 200,
          views: 300,
          likes: 20,
          comments: 4,
          saved: 6,
          shares: 2,
          total_interactions: 32,
        }),
        post(P2, '2026-03-29T17:30:00Z', 'CAROUSEL_ALBUM', 'FEED', {
          reach: 400,
          views: 500,
          likes: 40,
          comments: 8,
          saved: 10,
          shares: 2,
          total_interactions: 60,
        }),
        post(P3, '2026-04-04T16:30:00Z', 'VIDEO', 'REELS', {
          reach: 1000,
          views: 2500,
          likes: 90,
          comments: 10,
          saved: 30,
          shares: 20,
          total_interactions: 150,
          ig_reels_avg_watch_time: 4500,
        }),
        post(P4, '2026-04-10T08:00:00Z', 'IMAGE', 'FEED', {
          reach: 100,
          views: 150,
          likes: 5,
          comments: 1,
          saved: 0,
          shares: null,
          total_interactions: 6,
        }),
      ],
    },
  ],
};

// The same suite on both logins: graph.instagram.com, and graph.facebook.com with a Page token.
describe.each(LOGIN_FLAVOURS)('%s Login', (flavour) => {
  let emulator: RunningEmulator;
  let payload: AnalyticsPayload;
  let service: AnalyticsService;

  beforeAll(async () => {
    emulator = await startEmulator({ seed });
    const token =
      flavour === 'instagram' ? TOKEN : await flavourTokens(emulator, flavour).working();
    service = new AnalyticsService({
      clientFor: async () =>
        new GraphClient({ baseUrl: graphBaseOf(emulator, flavour), accessToken: token }),
      loginFlavourOf: async () => flavour,
      defaultAccount: async () => USER,
      settings: { timeZone: 'Europe/Berlin', maxDays: 366 },
    });
    payload = await service.payload(
      new URLSearchParams({ account: USER, since: '2026-03-28', until: '2026-04-10' }),
    );
  });
  afterAll(() => emulator.close());

  const ids = (posts: { id: string }[]) => posts.map((p) => p.id);

  describe('the analytics payload of a small seeded account', () => {
    it('has the account and the range', () => {
      expect(payload.account).toMatchObject({
        id: USER,
        username: 'small.shop',
        name: 'Small Shop',
        followers: 1000,
        follows: 10,
        mediaCount: 4,
        // graph.facebook.com has no account_type on the IG user (graph-api.md §3.6).
        ...(flavour === 'instagram' && { accountType: 'BUSINESS' }),
      });
      if (flavour === 'facebook') expect(payload.account).not.toHaveProperty('accountType');
      expect(payload.range).toEqual({
        since: '2026-03-28',
        until: '2026-04-10',
        timezone: 'Europe/Berlin',
      });
    });

    it('totals and engagement rates as worked out by hand', () => {
      const { totals } = payload;
      expect(totals).toMatchObject({
        posts: 4,
        likes: 155,
        comments: 23,
        saves: 46,
        shares: 24,
        views: 3450,
        reach: 1700,
        totalInteractions: 248,
        interactions: 248,
      });
      expect(totals.engagementRateByReach).toBeCloseTo(248 / 1700, 10); // 0.1459
      expect(totals.engagementRateByFollowers).toBeCloseTo(62 / 1000, 10); // 248 / 4 posts / 1000 followers
      expect(totals.engagementRateByViews).toBeCloseTo(248 / 3450, 10); // 0.0719
      expect(totals.averagePerPost.shares).toBe(8); // 24 over the 3 posts that have shares
      expect(totals.averagePerPost.reach).toBe(425);
    });

    it('each post with its raw and derived numbers; a missing metric stays null', () => {
      const p3 = payload.posts.find((p) => p.id === P3)!;
      expect(p3).toMatchObject({
        kind: 'reel',
        interactions: 150,
        engagementRate: 0.15, // by reach: 150 / 1000
        engagementRateByViews: 0.06, // 150 / 2500
      });
      expect(p3.metrics.avgWatchTimeSeconds).toBe(4.5);
      const p4 = payload.posts.find((p) => p.id === P4)!;
      expect(p4.metrics.shares).toBeNull();
      expect(p4.kind).toBe('image');
      expect(payload.posts.find((p) => p.id === P2)!.kind).toBe('carousel');
      expect(ids(payload.posts)).toEqual([P4, P3, P2, P1]);
      for (const p of payload.posts)
        expect(p.thumbnail).toBe(`/api/publish/thumbnail?account=${USER}&media=${p.id}`);
    });

    it('the posts CSV has each post’s rates by reach and by views', () => {
      const [header, ...rows] = postsCsv(payload).trimEnd().split('\r\n');
      const columns = header!.split(',');
      const p3 = rows.map((row) => row.split(',')).find((row) => row[0] === P3)!;
      expect(p3[columns.indexOf('engagement_rate')]).toBe('0.15');
      expect(p3[columns.indexOf('engagement_rate_by_views')]).toBe('0.06');
    });

    it('weekday and hour buckets in Berlin time across the DST change', () => {
      // P1 (18:30 CET) and P3 (18:30 CEST) share 18:00 although their UTC hours differ.
      const weekday = (day: number) => payload.weekdayBreakdown[day]!;
      expect(weekday(5)).toEqual({ weekday: 5, posts: 2, averageInteractions: 91 }); // Saturday: (32 + 150) / 2
      expect(weekday(6)).toEqual({ weekday: 6, posts: 1, averageInteractions: 60 });
      expect(weekday(4)).toEqual({ weekday: 4, posts: 1, averageInteractions: 6 });
      expect(weekday(0)).toEqual({ weekday: 0, posts: 0, averageInteractions: null });
      expect(payload.hourBreakdown[18]).toEqual({ hour: 18, posts: 2, averageInteractions: 91 });
      expect(payload.hourBreakdown[17]).toEqual({ hour: 17, posts: 0, averageInteractions: null });
      expect(payload.hourBreakdown[19]).toEqual({ hour: 19, posts: 1, averageInteractions: 60 });
      expect(payload.heatmap).toEqual([
        { weekday: 4, hour: 10, posts: 1, averageInteractions: 6 },
        { weekday: 5, hour: 18, posts: 2, averageInteractions: 91 },
        { weekday: 6, hour: 19, posts: 1, averageInteractions: 60 },
      ]);
    });

    it('monthly rollups', () => {
      expect(payload.monthly).toHaveLength(2);
      expect(payload.monthly[0]).toMatchObject({
        month: '2026-03',
        posts: 2,
        interactions: 92,
        reach: 600,
        views: 800,
      });
      expect(payload.monthly[0]!.engagementRateByReach).toBeCloseTo(92 / 600, 10);
      expect(payload.monthly[1]).toMatchObject({
        month: '2026-04',
        posts: 2,
        interactions: 156,
        reach: 1100,
        views: 2650,
      });
      expect(payload.monthly[1]!.engagementRateByReach).toBeCloseTo(156 / 1100, 10);
    });

    it('media types, with explicit nulls for a type without posts', () => {
      const { image, carousel, reel, story } = payload.mediaTypeBreakdown;
      expect(image).toMatchObject({
        posts: 2,
        averageInteractions: 19,
        averageReach: 150,
        averageViews: 225,
      });
      expect(image.engagementRateByReach).toBeCloseTo(38 / 300, 10);
      expect(carousel).toEqual({
        posts: 1,
        averageInteractions: 60,
        averageReach: 400,
        averageViews: 500,
        engagementRateByReach: 0.15,
      });
      expect(reel).toEqual({
        posts: 1,
        averageInteractions: 150,
        averageReach: 1000,
        averageViews: 2500,
        engagementRateByReach: 0.15,
      });
      expect(story).toEqual({
        posts: 0,
        averageInteractions: null,
        averageReach: null,
        averageViews: null,
        engagementRateByReach: null,
      });
    });

    it('top posts for each ranking; ties newest first, posts without the number left out', () => {
      expect(ids(payload.topPosts.engagementRate)).toEqual([P1, P3, P2, P4]); // 0.16, 0.15 (newer), 0.15, 0.06
      expect(ids(payload.topPosts.reach)).toEqual([P3, P2, P1, P4]);
      expect(ids(payload.topPosts.views)).toEqual([P3, P2, P1, P4]);
      expect(ids(payload.topPosts.saves)).toEqual([P3, P2, P1, P4]);
      expect(ids(payload.topPosts.shares)).toEqual([P3, P2, P1]);
    });

    it('the daily series: reach from Instagram, views of that day’s posts, no follower data beyond 30 days', () => {
      expect(payload.series).toHaveLength(14);
      expect(payload.series[0]).toEqual({
        date: '2026-03-28',
        reach: 500,
        views: 300,
        followerCount: null,
      });
      expect(payload.series[1]).toEqual({
        date: '2026-03-29',
        reach: 700,
        views: 500,
        followerCount: null,
      });
      expect(payload.series[2]).toEqual({
        date: '2026-03-30',
        reach: null,
        views: 0,
        followerCount: null,
      });
      expect(payload.series[4]).toEqual({
        date: '2026-04-01',
        reach: 650,
        views: 0,
        followerCount: null,
      });
      expect(payload.notes).toContain(
        'New followers per day (follower_count) are kept by Instagram for the last 30 days only; older days show no value.',
      );
    });

    it('took few Graph requests: one media list, one series request, the profile and one watch-time multi-get', async () => {
      const counts = emulator.control.counts().byRoute;
      expect(counts['GET /{ig-user-id}/media']).toBe(1);
      expect(counts['GET /{ig-user-id}/insights']).toBe(1);
      expect(counts['GET /?ids']).toBe(1); // the reels' watch time
      expect(counts['GET /{media-id}/insights']).toBeUndefined();
      // The profile: /me with Instagram Login; by id with Facebook Login, where /me is the Facebook user.
      expect(counts[flavour === 'instagram' ? 'GET /me' : 'GET /{ig-user-id}']).toBe(1);
    });

    it('answers a second identical request from the cache, with no Graph request', async () => {
      const before = emulator.control.counts().total;
      const again = await service.payload(
        new URLSearchParams({ account: USER, since: '2026-03-28', until: '2026-04-10' }),
      );
      expect(again).toEqual(payload);
      expect(emulator.control.counts().total).toBe(before);
    });
  });
});
