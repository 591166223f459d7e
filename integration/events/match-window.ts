import type { GalleryEvent } from './event-file.ts';
import { hashtagsOf } from './hashtags.ts';

/** What matching needs of an Instagram post. */
export interface MatchablePost {
  id: string;
  timestamp: string; // ISO 8601 instant
  username?: string;
  ownerId?: string;
  caption?: string;
}

/** True when the post was made inside the event's window (both ends inclusive) and passes its filters. */
export function postMatchesEvent(post: MatchablePost, event: GalleryEvent): boolean {
  if (!inWindow(post.timestamp, event)) return false;
  if (event.account && !accountMatches(post, event.account)) return false;
  if (event.hashtags.length > 0) {
    const tags = hashtagsOf(post.caption);
    if (!event.hashtags.some((tag) => tags.includes(tag))) return false;
  }
  return true;
}

/** True when the instant (ISO 8601) is inside the event's window, both ends inclusive. */
export function inWindow(timestamp: string, event: GalleryEvent): boolean {
  const at = Date.parse(timestamp);
  return at >= Date.parse(event.window.fromUtc) && at <= Date.parse(event.window.toUtc);
}

function accountMatches(post: MatchablePost, account: string): boolean {
  const wanted = account.replace(/^@/, '').toLowerCase();
  return post.username?.toLowerCase() === wanted || post.ownerId === wanted;
}

/** The ids of every event a post belongs to: overlapping events may share a post. */
export function matchPostsToEvents<T extends MatchablePost>(
  posts: readonly T[],
  events: readonly GalleryEvent[],
): Map<string, string[]> {
  const byPost = new Map<string, string[]>();
  for (const post of posts) {
    const ids = events.filter((event) => postMatchesEvent(post, event)).map((event) => event.id);
    if (ids.length > 0) byPost.set(post.id, ids);
  }
  return byPost;
}

/** The earliest instant any event still needs posts from; paging can stop below it. */
export function earliestWindowStart(events: readonly GalleryEvent[]): number | undefined {
  if (events.length === 0) return undefined;
  return Math.min(...events.map((event) => Date.parse(event.window.fromUtc)));
}
