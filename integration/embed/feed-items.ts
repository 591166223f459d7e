import type { ImageMetadata } from 'astro';
import type { GuestPhotoEntry, InstagramPostEntry } from './collections.ts';
import { fullImage } from '../components/full-image.ts';
import type { JsonFeedItem } from './json-feed.ts';
import { assetUrl, pageUrl } from './site-url.ts';

/** Where an event's gallery page is: the feeds' `home_page_url` and guest photos' `url`. */
export const galleryPath = (eventId: string) => `/g/${eventId}/`;

export async function guestPhotoItem(
  { id, data }: GuestPhotoEntry,
  site: URL,
): Promise<JsonFeedItem> {
  return {
    id: `guest:${id}`,
    url: pageUrl(galleryPath(data.eventId), site),
    image: await feedImage(data.image, site),
    content_text:
      data.caption ?? data.alt ?? `Guest photo${data.uploader ? ` by ${data.uploader}` : ''}`,
    date_published: new Date(data.takenAt).toISOString(),
    ...(data.uploader && { authors: [{ name: data.uploader }] }),
  };
}

export async function instagramPostItem(
  { id, data }: InstagramPostEntry,
  site: URL,
): Promise<JsonFeedItem> {
  const picture = data.items.find((item) => item.image)?.image; // a carousel's first, a video's poster
  const videos = data.items.flatMap((item) => (item.video ? [item.video] : []));
  const event = data.eventIds[0];
  return {
    id: `instagram:${id}`,
    url: data.permalink ?? pageUrl(event ? galleryPath(event) : '/', site),
    ...(picture && { image: await feedImage(picture, site) }),
    content_text: data.caption ?? data.altText ?? 'Instagram post',
    date_published: new Date(data.timestamp).toISOString(),
    ...(data.username && {
      authors: [{ name: `@${data.username}`, url: `https://www.instagram.com/${data.username}/` }],
    }),
    ...(data.hashtags.length > 0 && { tags: data.hashtags }),
    ...(videos.length > 0 && {
      attachments: videos.map((video) => ({ url: pageUrl(video, site), mime_type: 'video/mp4' })),
    }),
  };
}

/** The gallery's own full-size re-encode (its lightbox image), so the feeds add no encoding. */
async function feedImage(image: ImageMetadata, site: URL): Promise<string> {
  const { src } = await fullImage(image);
  return assetUrl(src, site);
}
