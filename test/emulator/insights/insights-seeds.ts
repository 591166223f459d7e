import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import {
  startEmulator,
  type RunningEmulator,
  type Seed,
  type SeedMedia,
} from '../../../integration/emulator/index.ts';
import type { JsonAnswer } from '../helpers.ts';

/** The emulator clock of the insights tests: Thursday 2026-04-30, 12:00 in Los Angeles (PDT). */
export const NOW = Date.parse('2026-04-30T19:00:00Z');
const HOUR = 3600_000;

export const STUDIO = '17841411111111111';
export const TINY = '17841422222222222';

export const IDS = {
  image: '17911111111111101',
  noShares: '17911111111111102',
  carousel: '17911111111111103',
  childA: '18011111111111131',
  childB: '18011111111111132',
  reel: '17911111111111104',
  liveStory: '17911111111111105',
  quietStory: '17911111111111106',
  oldStory: '17911111111111107',
  edgeStory: '17911111111111108',
  futureStory: '17911111111111109',
} as const;

const at = (ms: number) => new Date(ms).toISOString();
const post = (media: Partial<SeedMedia> & Pick<SeedMedia, 'id' | 'timestamp'>): SeedMedia => ({
  mediaType: 'IMAGE',
  productType: 'FEED',
  width: 1080,
  height: 1350,
  likeCount: 0,
  commentsCount: 0,
  shortcode: `S${media.id.slice(-4)}`,
  ...media,
});
const story = (id: string, timestamp: string, extra: Partial<SeedMedia> = {}): SeedMedia => {
  const {
    likeCount: _likes,
    commentsCount: _comments,
    ...rest
  } = post({ id, timestamp, productType: 'STORY', height: 1920, ...extra });
  return rest;
};

export const STUDIO_MEDIA: Record<keyof typeof IDS, SeedMedia | undefined> = {
  image: post({
    id: IDS.image,
    timestamp: '2026-04-20T10:00:00Z',
    likeCount: 120,
    commentsCount: 15,
    insights: { reach: 2000, saved: null },
  }),
  noShares: post({
    id: IDS.noShares,
    timestamp: '2026-04-18T10:00:00Z',
    likeCount: 30,
    commentsCount: 2,
    sharesUnsupported: true,
  }),
  carousel: post({
    id: IDS.carousel,
    timestamp: '2026-04-15T10:00:00Z',
    mediaType: 'CAROUSEL_ALBUM',
    likeCount: 300,
    commentsCount: 40,
    children: [
      { id: IDS.childA, mediaType: 'IMAGE', width: 1080, height: 1350 },
      { id: IDS.childB, mediaType: 'VIDEO', width: 1080, height: 1350 },
    ],
  }),
  childA: undefined,
  childB: undefined,
  reel: post({
    id: IDS.reel,
    timestamp: '2026-04-25T10:00:00Z',
    mediaType: 'VIDEO',
    productType: 'REELS',
    likeCount: 500,
    commentsCount: 60,
  }),
  liveStory: story(IDS.liveStory, at(NOW - 2 * HOUR)),
  quietStory: story(IDS.quietStory, at(NOW - 5 * HOUR), {
    mediaType: 'VIDEO',
    insights: { reach: 3 },
  }),
  oldStory: story(IDS.oldStory, at(NOW - 30 * HOUR)),
  edgeStory: story(IDS.edgeStory, at(NOW - 24 * HOUR)),
  futureStory: story(IDS.futureStory, at(NOW + HOUR)),
};

/**
 * `studio` (5000 followers; `studio-token` with every scope, `basic-token` without insights) with a
 * post of each kind and stories around the 24-hour edge; `tiny` (42 followers, `tiny-token`)
 * whose insights are only the given ones (`derive: false`).
 */
export function insightsSeed(): Seed {
  return {
    accounts: [
      {
        userId: STUDIO,
        appScopedId: '9511111111111111',
        username: 'studio',
        name: 'Studio',
        accountType: 'BUSINESS',
        biography: '',
        website: '',
        followersCount: 5000,
        followsCount: 10,
        tokens: [
          { token: 'studio-token', expiresAt: '2099-01-01T00:00:00Z' },
          {
            token: 'basic-token',
            expiresAt: '2099-01-01T00:00:00Z',
            scopes: ['instagram_business_basic', 'instagram_business_content_publish'],
          },
        ],
        media: Object.values(STUDIO_MEDIA).filter((media) => media !== undefined),
        insights: {
          daily: {
            '2026-04-27': { reach: 4321, follower_count: 17 },
            '2026-04-28': { reach: null, views: 5000 },
          },
        },
      },
      {
        userId: TINY,
        appScopedId: '9522222222222222',
        username: 'tiny',
        name: 'Tiny',
        accountType: 'MEDIA_CREATOR',
        biography: '',
        website: '',
        followersCount: 42,
        followsCount: 3,
        tokens: [{ token: 'tiny-token', expiresAt: '2099-01-01T00:00:00Z' }],
        media: [],
        insights: {
          derive: false,
          daily: {
            '2026-04-28': { reach: 70, follower_count: 2, likes: 5, follows_and_unfollows: 1 },
            '2026-04-29': { reach: 80, likes: null },
          },
        },
      },
    ],
  };
}

export function startInsightsEmulator(): Promise<RunningEmulator> {
  return startEmulator({ seed: insightsSeed(), now: () => NOW });
}

/** Graph's error envelope, exactly: message, type, code, a trace id, nothing else. */
export function expectGraphError(
  answer: JsonAnswer,
  code: number,
  message: string,
  type = 'OAuthException',
): void {
  expect(answer.body).toEqual({
    error: { message, type, code, fbtrace_id: expect.stringMatching(/^[\w-]{20,}$/) },
  });
  expect(answer.status).toBe(400);
}

// The formulas of docs/emulator.md, written out again: the emulator must answer exactly these.

export function hashOf(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

/** Feed posts and reels: every metric derived from the like and comment counts and h. */
export function postValues(id: string, likes: number, comments: number) {
  const h = hashOf(id);
  const reach = likes * 8 + comments * 20 + (h % 97);
  const views = Math.round(reach * 1.6);
  const saved = Math.floor(likes / 10);
  const shares = Math.floor(likes / 15);
  const profileVisits = Math.floor(reach / 40);
  const avg = 3000 + (h % 9000);
  return {
    likes,
    comments,
    reach,
    views,
    saved,
    shares,
    total_interactions: likes + comments + saved + shares,
    follows: Math.floor(reach / 200),
    profile_visits: profileVisits,
    profile_activity: Math.floor(profileVisits / 3),
    reposts: Math.floor(shares / 3),
    ig_reels_avg_watch_time: avg,
    ig_reels_video_view_total_time: views * avg,
  };
}

export function storyValues(id: string) {
  const h = hashOf(id);
  const reach = 40 + (h % 460);
  const views = Math.round(reach * 1.3);
  const profileVisits = Math.floor(reach / 30);
  return {
    reach,
    views,
    shares: h % 7,
    replies: h % 5,
    follows: h % 3,
    profile_visits: profileVisits,
    profile_activity: Math.floor(profileVisits / 3),
    total_interactions: (h % 5) + (h % 7),
    navigation: views,
  };
}

/** One derived account day; `given` stands in for reach, views or follower_count where the seed gives them. */
export function dayValues(
  userId: string,
  date: string,
  given: { reach?: number; views?: number; follower_count?: number } = {},
) {
  const d = hashOf(`${userId}/${date}`);
  const reach = given.reach ?? 1000 + (d % 500);
  const followers = given.follower_count ?? d % 12;
  const likes = Math.floor(reach / 8);
  const comments = Math.floor(reach / 60);
  const shares = Math.floor(reach / 80);
  const saves = Math.floor(reach / 50);
  const replies = d % 4;
  const profileViews = Math.floor(reach / 20);
  return {
    reach,
    views: given.views ?? Math.round(reach * 1.8),
    follower_count: followers,
    accounts_engaged: Math.floor(reach / 10),
    likes,
    comments,
    shares,
    saves,
    replies,
    total_interactions: likes + comments + shares + saves + replies,
    profile_views: profileViews,
    website_clicks: Math.floor(profileViews / 10),
    profile_links_taps: Math.floor(profileViews / 8),
    follows_and_unfollows: followers + (d % 5),
  };
}
