/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): the fields these feeds use. */
export interface JsonFeed {
  version: 'https://jsonfeed.org/version/1.1';
  title: string;
  home_page_url: string;
  feed_url: string;
  description?: string;
  items: JsonFeedItem[];
}

export interface JsonFeedItem {
  id: string;
  url: string;
  /** Absolute URL of the site's own optimised copy, never Instagram's CDN. */
  image?: string;
  content_text: string;
  date_published: string;
  authors?: { name: string; url?: string }[];
  tags?: string[];
  attachments?: { url: string; mime_type: string }[];
}

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

export function jsonFeedResponse(feed: JsonFeed): Response {
  return new Response(`${JSON.stringify(feed, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/feed+json; charset=utf-8' },
  });
}
