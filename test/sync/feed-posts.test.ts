import { afterEach, describe, expect, it } from 'vitest';
import { demoSeedPath, loadSeed } from '../../integration/emulator/index.ts';
import { createSyncHarness } from '../../harness/sync-harness.ts';

/** The sync keeps each account's newest posts for <InstagramFeed>, besides the event posts. */
const seed = await loadSeed(demoSeedPath);
const account = seed.accounts[0]!;
const newest = (count: number) =>
  account.media
    .toSorted((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp))
    .slice(0, count)
    .map((media) => media.id);
const listRequests = (counts: Record<string, number>) =>
  (counts['GET /{ig-user-id}/media'] ?? 0) + (counts['GET /me/media'] ?? 0);

const harnesses: Awaited<ReturnType<typeof createSyncHarness>>[] = [];
async function harness(options: Parameters<typeof createSyncHarness>[0] = {}) {
  const h = await createSyncHarness(options);
  harnesses.push(h);
  return h;
}
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
});

describe('posts kept for feeds', () => {
  it('are the account’s 24 newest by default, with eventIds: [] when no event window holds them', async () => {
    const { outcome } = await (await harness()).sync();
    const feed = outcome.posts.filter((post) => post.feed);
    expect(feed.map((post) => post.id).sort()).toEqual(newest(24).sort());

    const outside = feed.filter((post) => post.eventIds.length === 0);
    expect(outside.length, 'the demo account posts between events').toBeGreaterThan(5);
    const newestPost = outcome.posts.find((post) => post.id === newest(1)[0])!;
    expect(newestPost).toMatchObject({ eventIds: [], feed: true });
    // A post is kept only for an event or for the feed.
    for (const post of outcome.posts)
      expect(post.eventIds.length > 0 || post.feed, post.id).toBe(true);
  });

  it('leave every gallery as it was', async () => {
    const withFeed = (await (await harness()).sync()).outcome;
    const without = (await (await harness({ sync: { instagram: { feedPosts: 0 } } })).sync())
      .outcome;
    const galleries = (posts: typeof withFeed.posts) =>
      Object.fromEntries(
        posts.filter((post) => post.eventIds.length > 0).map((post) => [post.id, post.eventIds]),
      );
    expect(Object.keys(galleries(withFeed.posts)).length).toBeGreaterThan(10);
    expect(galleries(withFeed.posts)).toEqual(galleries(without.posts));
  });

  it('are none with feedPosts: 0', async () => {
    const { outcome } = await (await harness({ sync: { instagram: { feedPosts: 0 } } })).sync();
    expect(outcome.posts.length).toBeGreaterThan(10);
    expect(outcome.posts.filter((post) => post.eventIds.length === 0)).toEqual([]);
    expect(outcome.posts.filter((post) => post.feed)).toEqual([]);
  });

  it('cost no extra request: the demo account is still one list request, with no per-post reads', async () => {
    const h = await harness();
    await h.sync();
    expect(listRequests(h.counts())).toBe(1);
    expect(h.counts()['GET /{media-id}'] ?? 0).toBe(0);
    expect(h.counts()['GET /{media-id}/children'] ?? 0).toBe(0);
  });

  it('page further only when the feed asks for more posts than the first page holds', async () => {
    // 150 posts from 2025 put the account at 217 posts: three pages of 100.
    const older = Array.from({ length: 150 }, (_, i) => ({
      ...account.media.find((m) => m.mediaType === 'IMAGE')!,
      id: String(17_900_000_000_000_000n + BigInt(i)),
      shortcode: `OLD${i}`,
      timestamp: new Date(Date.parse('2025-12-31T12:00:00Z') - i * 86_400_000).toISOString(),
    }));
    const emulator = {
      seed: {
        accounts: [{ ...account, media: [...account.media, ...older] }, ...seed.accounts.slice(1)],
      },
    };

    const usual = await harness({ emulator });
    await usual.sync();
    expect(listRequests(usual.counts())).toBe(1);

    const long = await harness({ emulator, sync: { instagram: { feedPosts: 150 } } });
    const { outcome } = await long.sync();
    expect(listRequests(long.counts())).toBe(2);
    expect(outcome.posts.filter((post) => post.feed)).toHaveLength(150);
  });

  it('stay in a build that falls back to the snapshot', async () => {
    const h = await harness();
    const first = await h.sync();
    const fallback = await h.sync({ token: 'revoked-token' });
    expect(fallback.outcome.source).toBe('snapshot');
    const feedIds = (posts: typeof first.outcome.posts) =>
      posts.filter((post) => post.feed).map((post) => post.id);
    expect(feedIds(fallback.outcome.posts)).toEqual(feedIds(first.outcome.posts));
    expect(fallback.outcome.posts.find((post) => post.id === newest(1)[0])).toMatchObject({
      eventIds: [],
      feed: true,
    });
  });
});
