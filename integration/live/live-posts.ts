import type { GalleryEvent } from '../events/event-file.ts';
import { postMatchesEvent } from '../events/match-window.ts';
import type { InstagramPost, PostItem } from '../sync/instagram-post.ts';

/** A picture of a live post, served by the server (never Instagram's CDN URL). */
export interface LiveItem {
  id: string;
  kind: 'image' | 'video' | 'unavailable';
  /** The picture (a video's poster) through the server's media proxy; none when Instagram gave none. */
  src?: string;
  altText?: string;
}

/** A post of a live gallery, as `getLiveCollection` returns it. */
export interface LivePost {
  id: string;
  timestamp: string;
  mediaType: InstagramPost['mediaType'];
  caption?: string;
  permalink?: string;
  username?: string;
  altText?: string;
  /** The live events (public, in their window now) whose matching rules the post passes. */
  eventIds: string[];
  items: LiveItem[];
}

/** Where the media proxy serves an item's picture for the live page of `eventId`. */
export function liveMediaPath(eventId: string, itemId: string): string {
  return `/g/${eventId}/live/media/${encodeURIComponent(itemId)}`;
}

/** The posts of `event`'s live gallery, newest first, matched by the build's own rules. */
export function livePostsOf(
  posts: readonly InstagramPost[],
  event: GalleryEvent,
  live: readonly GalleryEvent[],
): LivePost[] {
  return posts
    .filter((post) => postMatchesEvent(post, event))
    .toSorted((a, b) => b.timestamp.localeCompare(a.timestamp))
    .map((post) => toLivePost(post, event.id, live));
}

export function toLivePost(
  post: InstagramPost,
  eventId: string,
  live: readonly GalleryEvent[],
): LivePost {
  return {
    id: post.id,
    timestamp: post.timestamp,
    mediaType: post.mediaType,
    ...(post.caption && { caption: post.caption }),
    ...(post.permalink && { permalink: post.permalink }),
    ...(post.username && { username: post.username }),
    ...(post.altText && { altText: post.altText }),
    eventIds: live.filter((event) => postMatchesEvent(post, event)).map((event) => event.id),
    items: post.items.map((item) => toLiveItem(item, eventId)),
  };
}

function toLiveItem(item: PostItem, eventId: string): LiveItem {
  const picture = pictureUrl(item);
  return {
    id: item.id,
    kind: !picture ? 'unavailable' : item.mediaType === 'VIDEO' ? 'video' : 'image',
    ...(picture && { src: liveMediaPath(eventId, item.id) }),
    ...(item.altText && { altText: item.altText }),
  };
}

/** The CDN URL of an item's picture: the image, or a video's poster. Server side only. */
export function pictureUrl(item: PostItem): string | undefined {
  return item.mediaType === 'VIDEO' ? item.thumbnailUrl : item.mediaUrl;
}

/** The item `itemId` of a post in `event`'s live gallery, or undefined: the proxy serves no other. */
export function findLiveItem(
  posts: readonly InstagramPost[],
  event: GalleryEvent,
  itemId: string,
): PostItem | undefined {
  for (const post of posts) {
    const item = post.items.find((candidate) => candidate.id === itemId);
    if (item && postMatchesEvent(post, event)) return item;
  }
  return undefined;
}
