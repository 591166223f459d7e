import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  demoSeedPath,
  loadSeed,
  type Seed,
  type SeedMedia,
} from '../../../integration/emulator/index.ts';
import { buildDemoSeed } from '../../../integration/emulator/seed/demo-seed.ts';

let seed: Seed;
let posts: SeedMedia[];
beforeAll(async () => {
  seed = await loadSeed(demoSeedPath);
  posts = seed.accounts[0]?.media ?? [];
});

const at = (timestamp: string) => posts.find((post) => post.timestamp === timestamp);
const kind = (post: SeedMedia | undefined) =>
  post &&
  (post.productType === 'REELS'
    ? 'reel'
    : post.mediaType === 'CAROUSEL_ALBUM'
      ? 'carousel'
      : post.mediaType.toLowerCase());

// The project's demo events and the posts each must find (local times → UTC).
const REQUIRED: [string, string, RegExp?][] = [
  ['2026-03-28T21:10:00Z', 'image', /#nightrun/],
  ['2026-03-29T01:20:00Z', 'carousel'],
  ['2026-03-29T08:00:00Z', 'reel'],
  ['2026-04-29T15:30:00Z', 'image', /doors open soon/i],
  ['2026-04-29T17:05:00Z', 'carousel'],
  ['2026-04-29T19:40:00Z', 'reel'],
  ['2026-04-30T09:00:00Z', 'image'],
  ['2026-06-20T16:30:00Z', 'carousel', /#summerfest/],
  ['2026-06-20T20:00:00Z', 'image', /#summerfest/],
  ['2026-06-20T21:00:00Z', 'reel', /#summerfest/],
  ['2026-06-20T22:15:00Z', 'image'],
  ['2026-06-21T03:30:00Z', 'image', /#summerfest #afterparty/],
  ['2026-06-21T06:10:00Z', 'reel'],
  ['2026-09-12T11:00:00Z', 'image'],
  ['2026-09-12T15:45:00Z', 'image'],
  ['2026-10-24T19:30:00Z', 'carousel'],
  ['2026-10-25T00:30:00Z', 'image'],
  ['2026-10-25T01:30:00Z', 'image'],
  ['2026-10-25T09:00:00Z', 'reel'],
];

// Event windows in UTC, widened by two days: filler posts stay out of them.
const EVENT_ZONES = [
  ['2026-03-26T00:00:00Z', '2026-03-31T12:00:00Z'],
  ['2026-04-27T12:00:00Z', '2026-05-02T23:00:00Z'],
  ['2026-06-18T14:00:00Z', '2026-06-23T08:00:00Z'],
  ['2026-09-10T09:00:00Z', '2026-09-14T17:00:00Z'],
  ['2026-10-22T18:00:00Z', '2026-10-27T09:00:00Z'],
].map(([from, to]) => [Date.parse(from ?? ''), Date.parse(to ?? '')] as const);

describe('the demo seed', () => {
  test('is exactly what make-demo-seed.ts generates (deterministic)', async () => {
    const onDisk = JSON.parse(await readFile(demoSeedPath, 'utf8'));
    expect(buildDemoSeed()).toEqual(onDisk);
    expect(buildDemoSeed()).toEqual(buildDemoSeed());
  });

  test('has at least 60 posts for northlight.events between 2026-02-01 and 2026-11-20', () => {
    expect(seed.accounts[0]).toMatchObject({
      userId: '17841400000000001',
      username: 'northlight.events',
      name: 'Northlight Events',
    });
    expect(posts.length).toBeGreaterThanOrEqual(64);
    for (const post of posts) {
      expect(post.timestamp >= '2026-02-01' && post.timestamp <= '2026-11-20').toBe(true);
    }
  });

  test.each(REQUIRED)('has the event post at %s (%s)', (timestamp, expectedKind, caption) => {
    const post = at(timestamp);
    expect(kind(post)).toBe(expectedKind);
    if (caption) expect(post?.caption).toMatch(caption);
  });

  test('shapes the event posts as the events need them', () => {
    expect(at('2026-03-29T01:20:00Z')?.children?.map((c) => c.mediaType)).toEqual([
      'IMAGE',
      'IMAGE',
      'VIDEO',
    ]);
    expect(at('2026-04-29T17:05:00Z')?.children?.map((c) => c.mediaType)).toEqual([
      'IMAGE',
      'IMAGE',
      'IMAGE',
      'IMAGE',
    ]);
    expect(at('2026-04-30T09:00:00Z')?.altText).toBeTruthy();
    expect(at('2026-06-20T16:30:00Z')?.children?.some((c) => c.mediaType === 'VIDEO')).toBe(true);
    expect(at('2026-06-20T22:15:00Z')?.caption ?? '').not.toMatch(/#summerfest/i);
  });

  test('has exactly one copyright-blocked item: the festival reel', () => {
    const blocked = posts.filter((post) => post.copyrightBlocked);
    expect(blocked.map((post) => post.timestamp)).toEqual(['2026-06-20T21:00:00Z']);
  });

  test('has exactly one 4 s clip, the launch reel: every other video is the 2 s sample', () => {
    const long = posts.filter((post) => post.clip === '4s');
    expect(long.map((post) => [post.timestamp, post.productType])).toEqual([
      ['2026-04-29T19:40:00Z', 'REELS'],
    ]);
  });

  test('keeps filler posts two days clear of every event window', () => {
    const required = new Set(REQUIRED.map(([timestamp]) => timestamp));
    for (const post of posts.filter((p) => !required.has(p.timestamp))) {
      const ms = Date.parse(post.timestamp);
      expect(
        EVENT_ZONES.some(([from, to]) => ms >= from && ms <= to),
        post.timestamp,
      ).toBe(false);
    }
  });

  test('mixes media: images with alt text, carousels of 2–6 mixing images and videos, 9:16 reels', () => {
    expect(posts.filter((p) => p.mediaType === 'IMAGE' && p.altText).length).toBeGreaterThanOrEqual(
      3,
    );
    const carousels = posts.filter((p) => p.mediaType === 'CAROUSEL_ALBUM');
    for (const carousel of carousels) expect(carousel.children?.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...carousels.map((c) => c.children?.length ?? 0))).toBe(6);
    expect(
      carousels.some((c) => new Set(c.children?.map((child) => child.mediaType)).size === 2),
    ).toBe(true);
    for (const reel of posts.filter((p) => p.productType === 'REELS'))
      expect(reel).toMatchObject({ mediaType: 'VIDEO', width: 1080, height: 1920 });
    const sizes = new Set(
      posts.filter((p) => p.mediaType === 'IMAGE').map((p) => `${p.width}x${p.height}`),
    );
    expect([...sizes].sort()).toEqual(['1080x1080', '1080x1350', '1080x566']);
  });

  test('has captions with emoji, line breaks and hashtags, some without, one of 2,000 characters', () => {
    const captions = posts.map((p) => p.caption);
    expect(captions.some((c) => c === undefined)).toBe(true);
    expect(captions.some((c) => c?.includes('\n'))).toBe(true);
    expect(captions.some((c) => /\p{Extended_Pictographic}/u.test(c ?? ''))).toBe(true);
    expect(captions.filter((c) => c?.length === 2000)).toHaveLength(1);
  });

  test('has the demo, expired and revoked tokens, and a second account with its own token', () => {
    const tokens = Object.fromEntries(
      seed.accounts.flatMap((a) => a.tokens.map((t) => [t.token, { ...t, user: a.username }])),
    );
    expect(tokens['demo-token']).toMatchObject({
      user: 'northlight.events',
      expiresAt: '2099-12-31T23:59:59Z',
    });
    expect(tokens['expired-token']).toMatchObject({ expiresAt: '2026-01-01T00:00:00Z' });
    expect(tokens['revoked-token']).toMatchObject({ revoked: 'password_changed' });
    expect(tokens['other-token']).toMatchObject({ user: 'othervenue' });
    expect(seed.accounts[1]?.media.length).toBeGreaterThanOrEqual(3);
  });

  test('has an Instagram app and a Meta (Facebook Login) app that take any redirect URI', () => {
    expect(seed.apps).toEqual([
      { appId: '990000000000001', appSecret: 'emulator-app-secret' },
      {
        appId: '990000000000002',
        appSecret: 'emulator-facebook-app-secret',
        name: 'Emulator Meta app',
        login: 'facebook',
      },
    ]);
  });
});
