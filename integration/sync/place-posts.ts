import type { GalleryEvent } from '../events/event-file.ts';
import { postMatchesEvent, type MatchablePost } from '../events/match-window.ts';

/** Where a kept post shows: in the galleries of `eventIds`, and in feeds when `feed`. */
export interface PostPlacement {
  eventIds: string[];
  feed: boolean;
}

/**
 * The posts a build keeps: every post in an event's window (galleries), and the newest
 * `feedPosts` of each account (<InstagramFeed>), which get `eventIds: []` when no event wants them.
 */
export function placePosts<T extends MatchablePost>(
  posts: readonly T[],
  events: readonly GalleryEvent[],
  feedPosts: number,
): (PostPlacement & { post: T })[] {
  const feed = newestOfEachAccount(posts, feedPosts);
  return posts.flatMap((post) => {
    const eventIds = events
      .filter((event) => postMatchesEvent(post, event))
      .map((event) => event.id);
    const inFeed = feed.has(post.id);
    return eventIds.length > 0 || inFeed ? [{ post, eventIds, feed: inFeed }] : [];
  });
}

/** Ids of the newest `count` posts of each username (ties: the higher id first). */
export function newestOfEachAccount(posts: readonly MatchablePost[], count: number): Set<string> {
  const byAccount = Map.groupBy(posts, (post) => post.username?.toLowerCase() ?? '');
  const newest = [...byAccount.values()].flatMap((own) =>
    own
      .toSorted(
        (a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp) || b.id.localeCompare(a.id),
      )
      .slice(0, count),
  );
  return new Set(newest.map((post) => post.id));
}
