import { normalizeHashtag } from '../events/hashtags.ts';

export type FeedMediaType = 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
export const FEED_MEDIA_TYPES: readonly FeedMediaType[] = ['IMAGE', 'VIDEO', 'CAROUSEL_ALBUM'];

/** What <InstagramFeed> can narrow its posts to. */
export interface FeedFilter {
  /** Only posts carrying this hashtag (case-insensitive, `#` optional). */
  hashtag?: string;
  mediaType?: FeedMediaType;
}

export interface FeedQuery extends FeedFilter {
  /** Username (`@` optional, case-insensitive); every account when left out. */
  account?: string | undefined;
  limit: number;
}

/** What selecting needs of a post of the `instagram` collection. */
interface FeedPost {
  id: string;
  data: {
    feed: boolean;
    username?: string | undefined;
    hashtags: string[];
    mediaType: string;
    timestamp: string;
  };
}

/** The feed posts that pass the query, newest first (ties: the higher id first), at most `limit`. */
export function selectFeedPosts<T extends FeedPost>(posts: T[], query: FeedQuery): T[] {
  const account = query.account?.replace(/^@/, '').toLowerCase();
  const hashtag = query.hashtag === undefined ? undefined : normalizeHashtag(query.hashtag);
  return posts
    .filter(({ data }) => data.feed)
    .filter(({ data }) => account === undefined || data.username?.toLowerCase() === account)
    .filter(({ data }) => hashtag === undefined || data.hashtags.includes(hashtag))
    .filter(({ data }) => query.mediaType === undefined || data.mediaType === query.mediaType)
    .sort(
      (a, b) =>
        Date.parse(b.data.timestamp) - Date.parse(a.data.timestamp) || b.id.localeCompare(a.id),
    )
    .slice(0, query.limit);
}
