import type { GalleryEvent } from '../events/event-file.ts';
import type { InstagramPostEntry } from '../embed/collections.ts';
import { galleryPath, instagramPostItem } from '../embed/feed-items.ts';
import { JSON_FEED_VERSION, jsonFeedResponse, type JsonFeedItem } from '../embed/json-feed.ts';
import type { GuestPhoto } from '../guest/index.ts';
import { privatePhotoPath } from './private-photos.ts';

/**
 * `/g/<event_id>.json` of a private event, answered on demand to a reader its gate let in: the
 * same JSON Feed as a public event's, its photos pointing at the gated photo route. Never cached
 * by a shared cache.
 */
export async function privateFeedResponse(
  event: GalleryEvent,
  photos: GuestPhoto[],
  posts: InstagramPostEntry[],
  site: URL,
): Promise<Response> {
  const page = new URL(galleryPath(event.id), site).href;
  const items: (JsonFeedItem & { at: string })[] = [
    ...photos.map((photo) => ({
      at: photo.takenAt,
      id: `guest:${photo.id}`,
      url: page,
      image: new URL(privatePhotoPath(event.id, photo.name, 2048), site).href,
      content_text:
        photo.caption ?? photo.alt ?? `Guest photo${photo.uploader ? ` by ${photo.uploader}` : ''}`,
      date_published: new Date(photo.takenAt).toISOString(),
      ...(photo.uploader && { authors: [{ name: photo.uploader }] }),
    })),
    ...(await Promise.all(
      posts.map(async (post) => ({
        at: post.data.timestamp,
        ...(await instagramPostItem(post, site)),
        // A post without a permalink links to this gallery, not to a public one it is also in.
        ...(post.data.permalink === undefined && { url: page }),
      })),
    )),
  ];
  items.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || a.id.localeCompare(b.id));
  const response = jsonFeedResponse({
    version: JSON_FEED_VERSION,
    title: `${event.title} · photos`,
    home_page_url: page,
    feed_url: new URL(`/g/${event.id}.json`, site).href,
    description: event.description ?? `Guest photos and Instagram posts from ${event.title}.`,
    items: items.map(({ at: _at, ...item }) => item),
  });
  response.headers.set('cache-control', 'private, no-store');
  response.headers.set('x-robots-tag', 'noindex');
  return response;
}
