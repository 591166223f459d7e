import { getCollection, type CollectionEntry } from 'astro:content';

/** How many of the newest Instagram posts the feed page and `/instagram/feed.json` show. */
export const FEED_LIMIT = 24;

/** The newest synced Instagram posts, newest first. */
export async function newestPosts(limit = FEED_LIMIT): Promise<CollectionEntry<'instagram'>[]> {
  const posts = await getCollection('instagram');
  return posts.sort((a, b) => Date.parse(b.data.timestamp) - Date.parse(a.data.timestamp) || a.id.localeCompare(b.id)).slice(0, limit);
}
