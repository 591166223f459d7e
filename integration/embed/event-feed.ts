import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection, getEntry } from 'astro:content';
import { mergeTimeline } from '../components/timeline.ts';
import { galleryPath, guestPhotoItem, instagramPostItem } from './feed-items.ts';
import { JSON_FEED_VERSION, jsonFeedResponse } from './json-feed.ts';
import { pageUrl, siteOrigin } from './site-url.ts';

/** `/g/<event_id>.json`: the event's timeline as a JSON Feed, newest first. */
export const getStaticPaths = (async () => {
  const events = await getCollection('events');
  return events.map((event) => ({ params: { event: event.id } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async (context) => {
  const site = siteOrigin(context);
  const event = (await getEntry('events', context.params.event!))!;
  const guests = await getCollection('guestPhotos', (photo) => photo.data.eventId === event.id);
  const posts = await getCollection('instagram', (post) => post.data.eventIds.includes(event.id));
  const timeline = mergeTimeline(guests, posts).reverse();
  const items = await Promise.all(timeline.map((entry) => (entry.kind === 'guest' ? guestPhotoItem(entry, site) : instagramPostItem(entry, site))));
  return jsonFeedResponse({
    version: JSON_FEED_VERSION,
    title: `${event.data.title} · photos`,
    home_page_url: pageUrl(galleryPath(event.id), site),
    feed_url: pageUrl(`/g/${event.id}.json`, site),
    description: event.data.description ?? `Guest photos and Instagram posts from ${event.data.title}.`,
    items,
  });
};
