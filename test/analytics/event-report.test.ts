/**
 * An event's report against the emulator over real HTTP: two seeded accounts whose posts around
 * an event's window are worked out by hand below, the same matching as the gallery (window,
 * hashtag filter), the three engagement rates, one Graph batch per account, the cache, and the
 * CSV export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AnalyticsService,
  eventReport,
  eventReportCsv,
  type AccountPosts,
  type EventReport,
} from '../../integration/analytics/index.ts';
import { parseEventFile } from '../../integration/events/event-file.ts';
import {
  startEmulator,
  type RunningEmulator,
  type SeedMedia,
} from '../../integration/emulator/index.ts';
import { GraphClient } from '../../integration/graph/index.ts';
import { flavourTokens, graphBaseOf, LOGIN_FLAVOURS } from '../../harness/flavour-tokens.ts';

const BRAND = { userId: '17841400000000081', username: 'brand.shop', token: 'brand-token' };
const VENUE = { userId: '17841400000000082', username: 'the.venue', token: 'venue-token' };

/*
 * The event: Berlin, 2026-04-29 18:00–23:30 CEST (16:00Z–21:30Z), window 1 h before and 2 h
 * after, so 15:00Z … 23:30Z; only posts tagged #launch.
 *   B1 image    16:30Z #launch  reach 200  views 400  total 20             brand (1000 followers)
 *   B2 reel     20:00Z #launch  reach 1000 views 2000 total 150  watch 3 s brand
 *   B3 image    20:30Z (no tag) reach 500  views 600  total 50             brand: filtered out
 *   B4 image    23:45Z #launch  reach 300  views 300  total 30             brand: after the window
 *   V1 carousel 21:00Z #launch  reach 100  views —    total 10             venue (500 followers)
 * V1 has no views (Instagram has no data): it counts for the rate by reach, not for the one by views.
 */
const media = (
  id: string,
  timestamp: string,
  mediaType: SeedMedia['mediaType'],
  productType: SeedMedia['productType'],
  caption: string,
  insights: Record<string, number | null>,
): SeedMedia => ({
  id,
  mediaType,
  productType,
  timestamp,
  caption,
  width: 1080,
  height: 1080,
  likeCount: insights.likes ?? 0,
  commentsCount: insights.comments ?? 0,
  shortcode: `Ev${id.slice(-2)}`,
  insights,
  ...(mediaType === 'CAROUSEL_ALBUM' && {
    children: [
      { id: `${id}1`, mediaType: 'IMAGE', width: 1080, height: 1080 },
      { id: `${id}2`, mediaType: 'IMAGE', width: 1080, height: 1080 },
    ],
  }),
});
const feed = (reach: number, views: number | null, total: number) => ({
  reach,
  views,
  likes: total - 2,
  comments: 1,
  saved: 1,
  shares: 0,
  total_interactions: total,
});

const B1 = '17900000000000181';
const B2 = '17900000000000182';
const B3 = '17900000000000183';
const B4 = '17900000000000184';
const V1 = '17900000000000191';

const account = (
  who: typeof BRAND,
  followersCount: number,
  posts: SeedMedia[],
  appScopedId: string,
) => ({
  userId: who.userId,
  appScopedId,
  username: who.username,
  name: who.username,
  accountType: 'BUSINESS' as const,
  biography: '',
  website: '',
  followersCount,
  followsCount: 1,
  tokens: [{ token: who.token, expiresAt: '2099-01-01T00:00:00Z' }],
  insights: { derive: false },
  media: posts,
});

const event = parseEventFile(
  [
    'title: "Launch, with a comma"',
    'timezone: Europe/Berlin',
    'start: 2026-04-29T18:00',
    'end: 2026-04-29T23:30',
    'window: { before: 1h, after: 2h }',
    'hashtags: [launch]',
  ].join('\n'),
  'content/events/launch.yaml',
  'launch',
  { before: '2h', after: '1d' },
);

// The same suite on both logins: graph.instagram.com, and graph.facebook.com with Page tokens.
describe.each(LOGIN_FLAVOURS)('%s Login', (flavour) => {
  let emulator: RunningEmulator;
  let service: AnalyticsService;
  let sources: AccountPosts[];
  let report: EventReport;
  const from = Date.parse(event.window.fromUtc);
  const to = Date.parse(event.window.toUtc);

  beforeAll(async () => {
    emulator = await startEmulator({
      seed: {
        accounts: [
          account(
            BRAND,
            1000,
            [
              media(
                B1,
                '2026-04-29T16:30:00Z',
                'IMAGE',
                'FEED',
                'Doors soon #launch',
                feed(200, 400, 20),
              ),
              media(B2, '2026-04-29T20:00:00Z', 'VIDEO', 'REELS', '=The moment #launch', {
                ...feed(1000, 2000, 150),
                ig_reels_avg_watch_time: 3000,
              }),
              media(B3, '2026-04-29T20:30:00Z', 'IMAGE', 'FEED', 'Untagged', feed(500, 600, 50)),
              media(
                B4,
                '2026-04-29T23:45:00Z',
                'IMAGE',
                'FEED',
                'Late #launch',
                feed(300, 300, 30),
              ),
            ],
            '8888888888888881',
          ),
          account(
            VENUE,
            500,
            [
              media(
                V1,
                '2026-04-29T21:00:00Z',
                'CAROUSEL_ALBUM',
                'FEED',
                'Our view #launch',
                feed(100, null, 10),
              ),
            ],
            '8888888888888882',
          ),
        ],
      },
    });
    const login = flavourTokens(emulator, flavour);
    const tokenOf = async (who: typeof BRAND) =>
      flavour === 'instagram' ? who.token : await login.working(who.username);
    const tokens = new Map([
      [BRAND.userId, await tokenOf(BRAND)],
      [VENUE.userId, await tokenOf(VENUE)],
    ]);
    service = new AnalyticsService({
      clientFor: async (id) => {
        const token = tokens.get(id);
        return token
          ? new GraphClient({ baseUrl: graphBaseOf(emulator, flavour), accessToken: token })
          : undefined;
      },
      loginFlavourOf: async () => flavour,
      defaultAccount: async () => BRAND.userId,
      settings: { timeZone: 'UTC', maxDays: 366 },
    });
    sources = await Promise.all(
      [BRAND, VENUE].map((who) => service.postsBetween(who.userId, from, to)),
    );
    report = eventReport(event, sources, { uploaded: 5, approved: 3, rejected: 1, pending: 1 });
  });
  afterAll(() => emulator.close());

  describe('an event report', () => {
    it('has the posts the gallery shows: in the window and tagged, from every account, oldest first', () => {
      expect([event.window.fromUtc, event.window.toUtc].map(Date.parse)).toEqual([
        Date.parse('2026-04-29T15:00:00Z'),
        Date.parse('2026-04-29T23:30:00Z'),
      ]);
      // B3 has no #launch; B4 is a quarter of an hour after the window.
      expect(report.posts.map((post) => post.id)).toEqual([B1, B2, V1]);
      expect(report.posts.map((post) => post.username)).toEqual([
        BRAND.username,
        BRAND.username,
        VENUE.username,
      ]);
      expect(report.accounts).toEqual([
        { id: BRAND.userId, username: BRAND.username, followers: 1000 },
        { id: VENUE.userId, username: VENUE.username, followers: 500 },
      ]);
    });

    it('gives each post its three engagement rates, by reach, by followers (of its account) and by views', () => {
      const b2 = report.posts.find((post) => post.id === B2)!;
      expect(b2.interactions).toBe(150);
      expect(b2.engagementRate).toBeCloseTo(150 / 1000, 12);
      expect(b2.engagementRateByFollowers).toBeCloseTo(150 / 1000, 12);
      expect(b2.engagementRateByViews).toBeCloseTo(150 / 2000, 12);
      expect(b2.metrics.avgWatchTimeSeconds).toBe(3);
      const v1 = report.posts.find((post) => post.id === V1)!;
      expect(v1.engagementRate).toBeCloseTo(10 / 100, 12);
      expect(v1.engagementRateByFollowers).toBeCloseTo(10 / 500, 12);
      expect(v1.engagementRateByViews, 'no views: no rate, never 0').toBeNull();
    });

    it('totals the event: sums, and the three rates over the posts that have the numbers', () => {
      const { totals } = report;
      expect(totals).toMatchObject({
        posts: 3,
        reach: 200 + 1000 + 100,
        views: 400 + 2000, // V1 has none
        interactions: 20 + 150 + 10,
      });
      expect(totals.engagementRateByReach).toBeCloseTo(180 / 1300, 12);
      expect(totals.engagementRateByViews).toBeCloseTo(170 / 2400, 12); // V1 left out of both sums
      // The average of each post's interactions over its own account's followers.
      expect(totals.engagementRateByFollowers).toBeCloseTo(
        (20 / 1000 + 150 / 1000 + 10 / 500) / 3,
        12,
      );
      expect(report.guestPhotos).toEqual({ uploaded: 5, approved: 3, rejected: 1, pending: 1 });
    });

    it('ranks the top posts by engagement rate, reach and views', () => {
      const ids = (ranking: keyof EventReport['top']) => report.top[ranking].map((post) => post.id);
      expect(ids('engagementRate')).toEqual([B2, V1, B1]); // 0.15, then 0.10 twice: the newer first
      expect(ids('reach')).toEqual([B2, B1, V1]);
      expect(ids('views')).toEqual([B2, B1]); // V1 has no views
    });

    it('took one Graph batch per account: the profile, one media list with insights, one watch-time multi-get', () => {
      const counts = emulator.control.counts().byRoute;
      expect(counts[flavour === 'instagram' ? 'GET /me' : 'GET /{ig-user-id}']).toBe(2);
      expect(counts['GET /{ig-user-id}/media']).toBe(2);
      expect(counts['GET /?ids']).toBe(1); // the brand's one reel; the venue has none
      expect(counts['GET /{media-id}/insights']).toBeUndefined();
      expect(counts['GET /{ig-user-id}/stories']).toBeUndefined();
    });

    it('answers the same window again from the cache, with no Graph request', async () => {
      const before = emulator.control.counts().total;
      const again = await service.postsBetween(BRAND.userId, from, to);
      expect(again).toEqual(sources[0]);
      expect(emulator.control.counts().total).toBe(before);
    });

    it('refuses an account that is not connected, naming the parameter', async () => {
      await expect(service.postsBetween('17841400000000099', from, to)).rejects.toMatchObject({
        name: 'AnalyticsInputError',
        parameter: 'account',
      });
    });
  });

  describe('the event report as CSV', () => {
    it('has one row per post, oldest first, with local times in the event zone and the three rates', () => {
      const csv = eventReportCsv(report);
      expect(csv.endsWith('\r\n')).toBe(true);
      const lines = csv.trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'event_id,account,id,kind,timestamp,local_time,permalink,likes,comments,saves,shares,views,reach,interactions,engagement_rate_by_reach,engagement_rate_by_followers,engagement_rate_by_views,caption',
      );
      expect(lines).toHaveLength(4);
      const b2 = lines[2]!.split(',');
      expect(b2.slice(0, 6)).toEqual([
        'launch',
        BRAND.username,
        B2,
        'reel',
        '2026-04-29T20:00:00.000Z',
        '2026-04-29T22:00:00+02:00', // CEST
      ]);
      expect(b2.slice(7, 17)).toEqual([
        '148',
        '1',
        '1',
        '0',
        '2000',
        '1000',
        '150',
        '0.15',
        '0.15',
        '0.075',
      ]);
      // A caption starting with = would run as a formula in a spreadsheet: quoted, with a '.
      expect(lines[2]).toMatch(/,"'=The moment #launch"$/);
      // No views: an empty cell, not 0.
      const v1 = lines[3]!.split(',');
      expect(v1[2]).toBe(V1);
      expect(v1[11]).toBe('');
      expect(v1[16]).toBe('');
    });

    it('is only the header for an event without posts', () => {
      const empty = eventReport(event, [], { uploaded: 0, approved: 0, rejected: 0, pending: 0 });
      expect(eventReportCsv(empty).trimEnd().split('\r\n')).toHaveLength(1);
      expect(empty.totals).toMatchObject({
        posts: 0,
        reach: null,
        engagementRateByReach: null,
        engagementRateByFollowers: null,
        engagementRateByViews: null,
      });
    });
  });
});
