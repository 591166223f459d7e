import { describe, expect, it } from 'vitest';
import type { GalleryEvent } from '../../integration/events/event-file.ts';
import { newestOfEachAccount, placePosts } from '../../integration/sync/place-posts.ts';

const post = (id: string, timestamp: string, username = 'northlight.events') => ({
  id,
  timestamp,
  username,
});
const launch = {
  id: 'launch',
  window: { fromUtc: '2026-05-01T15:00:00Z', toUtc: '2026-05-01T23:00:00Z' },
  hashtags: [],
} as unknown as GalleryEvent;

describe('placePosts', () => {
  const posts = [
    post('1', '2026-04-01T10:00:00Z'),
    post('2', '2026-05-01T18:00:00Z'),
    post('3', '2026-06-01T10:00:00Z'),
    post('4', '2026-07-01T10:00:00Z'),
  ];

  it('keeps event posts and the newest of the account, and drops the rest', () => {
    const placed = placePosts(posts, [launch], 2);
    expect(placed.map(({ post, eventIds, feed }) => [post.id, eventIds, feed])).toEqual([
      ['2', ['launch'], false],
      ['3', [], true],
      ['4', [], true],
    ]);
  });

  it('marks an event post that is also among the newest as both', () => {
    expect(placePosts(posts, [launch], 3).find(({ post }) => post.id === '2')).toMatchObject({
      eventIds: ['launch'],
      feed: true,
    });
  });

  it('keeps only event posts when the feed size is 0', () => {
    expect(placePosts(posts, [launch], 0).map(({ post }) => post.id)).toEqual(['2']);
  });

  it('keeps the newest posts even when there is no event', () => {
    expect(placePosts(posts, [], 1).map(({ post }) => post.id)).toEqual(['4']);
  });
});

describe('newestOfEachAccount', () => {
  it('counts each account on its own, whatever the order of the list and the case of the name', () => {
    const posts = [
      post('a1', '2026-01-01T00:00:00Z', 'north'),
      post('b1', '2026-03-01T00:00:00Z', 'other'),
      post('a2', '2026-02-01T00:00:00Z', 'North'),
      post('a3', '2026-03-01T00:00:00Z', 'north'),
      post('b2', '2026-01-01T00:00:00Z', 'other'),
    ];
    expect([...newestOfEachAccount(posts, 2)].sort()).toEqual(['a2', 'a3', 'b1', 'b2']);
  });
});
