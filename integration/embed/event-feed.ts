import type { APIRoute, GetStaticPaths } from 'astro';
import { mergeTimeline } from '../components/timeline.ts';
import { allEvents, guestPhotosOf, postsOf, type EventEntry } from './collections.ts';
import { galleryPath, guestPhotoItem, instagramPostItem } from './feed-items.ts';
import { JSON_FEED_VERSION, jsonFeedResponse } from './json-feed.ts';
import { pageUrl, siteOrigin } from './site-url.ts';

/** `/g/<event_id>.json`: the event's timeline as a JSON Feed, newest first. */
export const getStaticPaths = (async () => {
  const events = await allEvents();
  return events.map((event) => ({ params: { event: event.id }, props: { event } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ event: EventEntry }> = async (context) => {
  const site = siteOrigin(context);
  const { id, data } = context.props.event;
  const timeline = mergeTimeline(await guestPhotosOf(id), await postsOf(id)).reverse();
  const items = await Promise.all(
    timeline.map((entry) =>
      entry.kind === 'guest' ? guestPhotoItem(entry, site) : instagramPostItem(entry, site),
    ),
  );
  return jsonFeedResponse({
    version: JSON_FEED_VERSION,
    title: `${data.title} · photos`,
    home_page_url: pageUrl(galleryPath(id), site),
    feed_url: pageUrl(`/g/${id}.json`, site),
    description: data.description ?? `Guest photos and Instagram posts from ${data.title}.`,
    items,
  });
};
