import type { ImageMetadata } from 'astro';
import { getCollection } from 'astro:content';
import { selectFeedPosts } from '../components/feed.ts';

/*
 * What the embed routes read of the collections (their schemas are in sync/schemas.ts), typed
 * here rather than through the types `astro sync` generates for a site: the compiled package
 * has no such types.
 */
export interface EventEntry {
  id: string;
  data: {
    title: string;
    timezone: string;
    description?: string;
    /** Never `private` in a collection (the loader leaves private events out); the schema allows it. */
    visibility: 'public' | 'unlisted' | 'private';
  };
}

export interface GuestPhotoEntry {
  id: string;
  data: {
    eventId: string;
    /** The uploaded file's name. */
    name: string;
    image: ImageMetadata;
    takenAt: string;
    caption?: string;
    alt?: string;
    uploader?: string;
  };
}

export interface InstagramPostEntry {
  id: string;
  data: {
    eventIds: string[];
    /** The private events it belongs to: read only by what the server shows behind their gate. */
    privateEventIds: string[];
    timestamp: string;
    items: { image?: ImageMetadata; video?: string }[];
    permalink?: string;
    caption?: string;
    altText?: string;
    username?: string;
    hashtags: string[];
    feed: boolean;
    mediaType: string;
    /** A guest's post approved in /admin/moderation (sync/tagged-entries.ts). */
    taggedBy?: { author: string; profile: string; via: string };
  };
}

/** How many of the newest Instagram posts the feed page and `/instagram/feed.json` show. */
export const FEED_LIMIT = 24;

export const allEvents = (): Promise<EventEntry[]> => getCollection('events');

export async function guestPhotosOf(eventId: string): Promise<GuestPhotoEntry[]> {
  const photos: GuestPhotoEntry[] = await getCollection('guestPhotos');
  return photos.filter((photo) => photo.data.eventId === eventId);
}

export async function postsOf(eventId: string): Promise<InstagramPostEntry[]> {
  return (await instagramPosts()).filter((post) => post.data.eventIds.includes(eventId));
}

export const instagramPosts = (): Promise<InstagramPostEntry[]> => getCollection('instagram');

/** The feed's posts, newest first: the same selection as `<InstagramFeed limit={FEED_LIMIT}>`. */
export async function feedPosts(): Promise<InstagramPostEntry[]> {
  return selectFeedPosts(await instagramPosts(), { limit: FEED_LIMIT });
}
