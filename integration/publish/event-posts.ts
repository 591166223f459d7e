import { listMedia, type GraphClient, type GraphMedia } from '../graph/index.ts';
import type { GalleryEvent } from '../events/event-file.ts';
import { postMatchesEvent } from '../events/match-window.ts';

/** A photo or video of the account's posts in an event's window: a carousel counts each child. */
export interface EventPostItem {
  /** The media id a publish request names as `{ type: 'instagram', mediaId }`. */
  mediaId: string;
  mediaType: 'image' | 'video';
  postId: string;
  permalink?: string;
  caption?: string;
  timestamp: string;
  /** 1-based position in its carousel. */
  position?: number;
}

const FIELDS = 'id,caption,media_type,permalink,timestamp,username,children{id,media_type}';

/**
 * The account's posts made in the event's window (and passing its account and hashtag
 * filters), newest first: the same matching as the build, read live so that a post published
 * minutes ago is there too. One request per 100 posts of the window.
 */
export async function eventPostItems(
  client: GraphClient,
  accountId: string,
  event: GalleryEvent,
): Promise<EventPostItem[]> {
  const items: EventPostItem[] = [];
  const until = new Date(Date.parse(event.window.toUtc) + 1000); // Graph's `until` excludes its second
  for await (const page of listMedia(client, {
    userId: accountId,
    since: new Date(event.window.fromUtc),
    until,
    fields: FIELDS,
  })) {
    for (const post of page) {
      if (postMatchesEvent({ ...post, timestamp: isoTime(post.timestamp) }, event))
        items.push(...itemsOf(post));
    }
  }
  return items;
}

function itemsOf(post: GraphMedia): EventPostItem[] {
  const common = {
    postId: post.id,
    timestamp: isoTime(post.timestamp),
    ...(post.permalink && { permalink: post.permalink }),
    ...(post.caption && { caption: post.caption }),
  };
  const children = post.children?.data;
  if (post.media_type === 'CAROUSEL_ALBUM' && children?.length) {
    return children.map((child, index) => ({
      ...common,
      mediaId: child.id,
      mediaType: child.media_type === 'VIDEO' ? 'video' : 'image',
      position: index + 1,
    }));
  }
  return [
    { ...common, mediaId: post.id, mediaType: post.media_type === 'VIDEO' ? 'video' : 'image' },
  ];
}

/** Graph's `2026-04-29T18:22:41+0000` as ISO 8601. */
function isoTime(timestamp: string): string {
  return new Date(timestamp.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')).toISOString();
}
