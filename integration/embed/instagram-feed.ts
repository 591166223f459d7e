import type { APIRoute } from 'astro';
import { feedPosts } from './collections.ts';
import { instagramPostItem } from './feed-items.ts';
import { JSON_FEED_VERSION, jsonFeedResponse } from './json-feed.ts';
import { pageUrl, siteOrigin } from './site-url.ts';

/** `/instagram/feed.json`: the newest Instagram posts as a JSON Feed. */
export const GET: APIRoute = async (context) => {
  const site = siteOrigin(context);
  const items = await Promise.all((await feedPosts()).map((post) => instagramPostItem(post, site)));
  return jsonFeedResponse({
    version: JSON_FEED_VERSION,
    title: 'Instagram posts',
    home_page_url: pageUrl('/', site),
    feed_url: pageUrl('/instagram/feed.json', site),
    description: 'The newest Instagram posts.',
    items,
  });
};
