import type { ImageMetadata } from 'astro';
import { getCollection, type CollectionEntry } from 'astro:content';

/** The event's cover: its `cover` guest photo, else its first approved photo, else its first Instagram picture. */
export async function eventCover(
  event: CollectionEntry<'events'>,
): Promise<ImageMetadata | undefined> {
  const photos = await getCollection('guestPhotos', (photo) => photo.data.eventId === event.id);
  const chosen =
    photos.find((photo) => photo.data.name === event.data.cover) ??
    photos.sort((a, b) => a.data.takenAt.localeCompare(b.data.takenAt))[0];
  if (chosen) return chosen.data.image;
  const posts = await getCollection(
    'instagram',
    (post) => post.data.eventIds.includes(event.id) && !post.data.taggedBy,
  );
  return posts.flatMap((post) => post.data.items).find((item) => item.image)?.image;
}
