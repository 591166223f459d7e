import type { GraphMedia } from '../graph/index.ts';
import { hashtagsOf } from '../events/hashtags.ts';
import type { CachedMedia } from '../media/media-cache.ts';

/** One picture or video of a post: the post itself, or one carousel child. */
export interface PostItem {
  id: string;
  mediaType: 'IMAGE' | 'VIDEO';
  mediaUrl?: string;
  thumbnailUrl?: string;
  altText?: string;
}

/** An Instagram post as listed by the Graph API, normalised. */
export interface InstagramPost {
  id: string;
  mediaType: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  productType?: string;
  caption?: string;
  hashtags: string[];
  permalink?: string;
  timestamp: string; // ISO 8601 with "Z"
  username?: string;
  altText?: string;
  items: PostItem[];
}

/** A post item with its media stored locally. `unavailable`: Instagram gave no media URL (e.g. copyright). */
export interface SyncedItem {
  id: string;
  kind: 'image' | 'video' | 'unavailable';
  /** The picture, or the video's poster. */
  image?: CachedMedia;
  video?: CachedMedia;
  altText?: string;
}

export interface SyncedPost extends Omit<InstagramPost, 'items'> {
  /** The events whose window and filters the post matches; empty for a feed-only post. */
  eventIds: string[];
  /** One of its account's newest `instagram.feedPosts` posts. Snapshots written before feeds lack it. */
  feed?: boolean;
  items: SyncedItem[];
}

/** Graph writes "+0000"; everything downstream wants a plain ISO instant. */
export function isoFromGraph(timestamp: string): string {
  const ms = Date.parse(timestamp.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(ms))
    throw new Error(`Instagram media has an unreadable timestamp "${timestamp}"`);
  return new Date(ms).toISOString();
}

export function normalizePost(media: GraphMedia): InstagramPost {
  const children = media.children?.data ?? [];
  const items: PostItem[] =
    media.media_type === 'CAROUSEL_ALBUM'
      ? children.map((child) => toItem(child))
      : [toItem(media)];
  return {
    id: media.id,
    mediaType: media.media_type as InstagramPost['mediaType'],
    ...(media.media_product_type && { productType: media.media_product_type }),
    ...(media.caption && { caption: media.caption }),
    hashtags: hashtagsOf(media.caption),
    ...(media.permalink && { permalink: media.permalink }),
    timestamp: isoFromGraph(media.timestamp ?? ''),
    ...(media.username && { username: media.username }),
    ...(media.alt_text && { altText: media.alt_text }),
    items,
  };
}

function toItem(media: {
  id: string;
  media_type?: string;
  media_url?: string;
  thumbnail_url?: string;
  alt_text?: string;
}): PostItem {
  return {
    id: media.id,
    mediaType: media.media_type === 'VIDEO' ? 'VIDEO' : 'IMAGE',
    ...(media.media_url && { mediaUrl: media.media_url }),
    ...(media.thumbnail_url && { thumbnailUrl: media.thumbnail_url }),
    ...(media.alt_text && { altText: media.alt_text }),
  };
}
